using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Inventory;
using PhiAnalyzers.Rules;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;

namespace PhiAnalyzers.Tests.Rules;

public class Phi006InventoryValidationTests
{
    private const string Path = "/project/baa-inventory.yaml";
    private const string Covered = "using PhiGuard;\n[BaaCovered(\"good\")]\npublic sealed class Client { }\n";
    private const string Plain = "public sealed class Client { }\n";
    private const string Valid = "version: 1\nvendors:\n  - id: good\n    baa: { status: signed }\n    phi: allowed\n";

    private const string Missing =
        "No baa-inventory.yaml found: add one to the project folder or a parent folder, or set PhiInventoryPath; until then no vendor may receive PHI";

    private static DiagnosticResult InFile(string message, int line, int column, int endLine, int endColumn, string path = Path)
        => new DiagnosticResult(PhiDescriptors.InventoryInvalid).WithSpan(path, line, column, endLine, endColumn).WithArguments(message);

    private static DiagnosticResult Unlocated(string message)
        => new DiagnosticResult(PhiAnalyzers.Diagnostics.PhiDescriptors.InventoryInvalid).WithArguments(message);

    private static PhiTest<InventoryValidationAnalyzer> Test(string source, string? yaml, params DiagnosticResult[] expected)
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(source, expected);
        return yaml is null ? test : test.WithInventory(yaml);
    }

    [Fact]
    public async Task ValidInventoryIsClean() => await Test(Covered, Valid).RunAsync();

    [Fact]
    public async Task SyntaxError()
        => await Test(Plain, "version: 1\nvendors: [\n", InFile("YAML syntax error: While parsing a node, did not find expected node content.", 3, 1, 3, 1)).RunAsync();

    [Fact]
    public async Task UnknownStatus()
        => await Test(
            Plain,
            "version: 1\nvendors:\n  - id: a\n    baa: { status: active }\n    phi: allowed\n",
            InFile("Unknown baa.status 'active': expected one of signed, pending, none, terminated", 4, 20, 4, 26)).RunAsync();

    [Fact]
    public async Task UnknownPhi()
        => await Test(
            Plain,
            "version: 1\nvendors:\n  - id: a\n    baa: { status: signed }\n    phi: sometimes\n",
            InFile("Unknown phi value 'sometimes': expected one of allowed, deidentified-only, forbidden", 5, 10, 5, 19)).RunAsync();

    [Fact]
    public async Task BadDate()
        => await Test(
            Plain,
            "version: 1\nvendors:\n  - id: a\n    baa: { status: signed, signed: 2025-13-01 }\n    phi: allowed\n",
            InFile("'baa.signed' must be a date written yyyy-MM-dd, not '2025-13-01'", 4, 36, 4, 46)).RunAsync();

    [Fact]
    public async Task ExpiresBeforeSigned()
        => await Test(
            Plain,
            "version: 1\nvendors:\n  - id: a\n    baa: { status: signed, signed: 2025-01-02, expires: 2025-01-01 }\n    phi: allowed\n",
            InFile("baa.expires 2025-01-01 is before baa.signed 2025-01-02", 4, 57, 4, 67)).RunAsync();

    [Fact]
    public async Task DuplicateIds()
        => await Test(
            Plain,
            "version: 1\nvendors:\n  - id: a\n    baa: { status: signed }\n    phi: allowed\n  - id: a\n    baa: { status: signed }\n    phi: allowed\n",
            InFile("Duplicate vendor id 'a' (first defined at line 3): neither entry covers anything until one is removed", 6, 9, 6, 10)).RunAsync();

    [Fact]
    public async Task MissingRequiredKeys()
        => await Test(
            Plain,
            "version: 1\nvendors:\n  - name: x\n",
            InFile("Vendor entry has no 'id' (the name that [BaaCovered(\"...\")] uses)", 3, 5, 3, 9),
            InFile("Vendor entry is missing required key 'baa.status' (signed | pending | none | terminated)", 3, 5, 3, 9),
            InFile("Vendor entry is missing required key 'phi' (allowed | deidentified-only | forbidden)", 3, 5, 3, 9)).RunAsync();

    [Fact]
    public async Task BadHost()
        => await Test(
            Plain,
            "version: 1\nvendors:\n  - id: a\n    baa: { status: signed }\n    phi: allowed\n    hosts: [\"https://a.example\"]\n",
            InFile("'https://a.example' is not a host pattern: give the host only, without a scheme such as 'https://'", 6, 13, 6, 32)).RunAsync();

    [Fact]
    public async Task UnknownTopLevelKeyIsMarkedAsAWarning()
        => await Test(
            Plain,
            Valid + "vendor: []\n",
            InFile("Inventory warning: Unknown top-level key 'vendor' (did you mean 'vendors'?); it is ignored", 6, 1, 6, 7)).RunAsync();

    [Fact]
    public async Task YmlExtensionIsFound()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(Plain, InFile("Unsupported inventory version 3: this PhiGuard reads version 1", 1, 10, 1, 11, "/project/BAA-Inventory.yml"));
        test.WithInventory("version: 3\nvendors: []\n", "/project/BAA-Inventory.yml");
        await test.RunAsync();
    }

    [Fact]
    public async Task OtherAdditionalFilesAreIgnored()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(Covered).WithInventory(Valid);
        test.TestState.AdditionalFiles.Add(("/project/other.yaml", "version: [\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task MissingInventoryWithBaaCovered() => await Test(Covered, null, Unlocated(Missing)).RunAsync();

    [Fact]
    public async Task MissingInventoryWithoutBaaCovered() => await Test(Plain, null).RunAsync();

    [Fact]
    public async Task MissingInventoryIsReportedOnce()
    {
        const string source = "using PhiGuard;\n[BaaCovered(\"a\")] public sealed class A { }\n[BaaCovered(\"b\")] public sealed class B { }\n";
        await Test(source, null, Unlocated(Missing)).RunAsync();
    }

    [Fact]
    public async Task TwoInventoryFiles()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(
            Covered,
            InFile("More than one BAA inventory: '/project/baa-inventory.yaml' is used and '/baa-inventory.yaml' is ignored; keep one, or set PhiInventoryPath to choose", 1, 1, 1, 11, "/baa-inventory.yaml"));
        test.WithInventory(Valid).WithInventory("version: 1\nvendors: []\n", "/baa-inventory.yaml");
        await test.RunAsync();
    }

    [Fact]
    public async Task TwoInventoryFilesInEitherOrderTheNearestWins()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(
            Covered,
            InFile("More than one BAA inventory: '/project/baa-inventory.yaml' is used and '/baa-inventory.yaml' is ignored; keep one, or set PhiInventoryPath to choose", 1, 1, 1, 11, "/baa-inventory.yaml"));
        test.WithInventory("version: 1\nvendors: []\n", "/baa-inventory.yaml").WithInventory(Valid);
        await test.RunAsync();
    }

    [Fact]
    public async Task PhiInventoryPathChoosesOneOfTwo()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(Covered);
        test.WithInventory(Valid).WithInventory("version: [\n", "/baa-inventory.yaml");
        test.BuildProperties["PhiInventoryPath"] = Path;
        await test.RunAsync();
    }

    [Fact]
    public async Task PhiInventoryPathMayNameAnyFile()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(Covered, InFile("Unknown phi value 'maybe': expected one of allowed, deidentified-only, forbidden", 5, 10, 5, 15, "/config/vendors.yaml"));
        test.WithInventory(Valid.Replace("allowed", "maybe"), "/config/vendors.yaml");
        test.BuildProperties["PhiInventoryPath"] = "/config/vendors.yaml";
        await test.RunAsync();
    }

    [Fact]
    public async Task PhiInventoryPathThatDoesNotExist()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(
            Covered,
            Unlocated("PhiInventoryPath '/nowhere/baa-inventory.yaml' does not exist among the analyzer's AdditionalFiles; until it does no vendor may receive PHI"));
        test.WithInventory(Valid);
        test.BuildProperties["PhiInventoryPath"] = "/nowhere/baa-inventory.yaml";
        await test.RunAsync();
    }

    [Fact]
    public async Task BadPhiInventoryDate()
    {
        var test = new PhiTest<InventoryValidationAnalyzer>(Covered, Unlocated("PLACEHOLDER"));
        test.ExpectedDiagnostics.Clear();
        test.WithInventory(Valid);
        test.BuildProperties["PhiInventoryDate"] = "June 1st";
        var today = DateTime.UtcNow.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        test.ExpectedDiagnostics.Add(Unlocated("PhiInventoryDate 'June 1st' is not a date written yyyy-MM-dd; using today's date " + today));
        await test.RunAsync();
    }

    [Fact]
    public async Task InventoryBadBenchCase()
    {
        // phi-bench cases/inventory-bad: at least one PHI006, here all three problems with their positions.
        const string yaml = "version: 1\nvendors:\n  - id: vertex\n    baa: { status: signed, expires: not-a-date }\n    phi: sometimes\n";
        await Test(
            "namespace Bench.InventoryBad;\npublic sealed class Empty { }\n",
            yaml,
            InFile("'baa.expires' must be a date written yyyy-MM-dd, not 'not-a-date'", 4, 37, 4, 47),
            InFile("Unknown phi value 'sometimes': expected one of allowed, deidentified-only, forbidden", 5, 10, 5, 19)).RunAsync();
    }
}
