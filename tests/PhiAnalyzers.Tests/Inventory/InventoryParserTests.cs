using PhiGuard.Inventory;
using Xunit;

namespace PhiAnalyzers.Tests.Inventory;

public class InventoryParserTests
{
    private const string Good = """
        version: 1
        vendors:
          - id: bedrock
            name: Amazon Bedrock
            baa:
              status: signed
              signed: 2025-03-01
              expires: 2027-03-01
            phi: allowed
            hosts: ["bedrock-runtime.*.amazonaws.com"]
            clients: ["Amazon.BedrockRuntime.AmazonBedrockRuntimeClient"]
        """;

    private static readonly DateTime Today = new(2026, 6, 1);

    private static InventoryParseResult Parse(string yaml) => InventoryParser.Parse(yaml, "/p/baa-inventory.yaml");

    private static InventoryProblem Single(string yaml)
    {
        var result = Parse(yaml);
        return Assert.Single(result.Problems);
    }

    /// <summary>A minimal valid file with one vendor whose body lines are given (indented under "- ").</summary>
    private static string OneVendor(params string[] lines)
        => "version: 1\nvendors:\n  - " + string.Join("\n    ", lines) + "\n";

    [Fact]
    public void ContractExampleIsValid()
    {
        var result = Parse(Good);
        Assert.Empty(result.Problems);
        Assert.Equal(1, result.Inventory.Version);
        var v = Assert.Single(result.Inventory.Vendors);
        Assert.Equal("bedrock", v.Id);
        Assert.Equal("Amazon Bedrock", v.Name);
        Assert.Equal(BaaStatus.Signed, v.Status);
        Assert.Equal(new DateTime(2025, 3, 1), v.Signed);
        Assert.Equal(new DateTime(2027, 3, 1), v.Expires);
        Assert.Equal(PhiPolicy.Allowed, v.Phi);
        Assert.True(v.IsValid);
        Assert.Equal(3, v.Line);
        Assert.Equal(5, v.Column);
        Assert.Equal(PhiPermission.Allowed, v.Evaluate(Today));
        Assert.Equal("BAA is signed and allows PHI", v.Explain(Today));
        Assert.True(v.MatchesHost("bedrock-runtime.us-east-1.amazonaws.com"));
        Assert.Same(v, result.Inventory.FindByHost("BEDROCK-runtime.eu-west-1.amazonaws.com"));
        Assert.Same(v, result.Inventory.FindByClientType("Amazon.BedrockRuntime.AmazonBedrockRuntimeClient"));
        Assert.Null(result.Inventory.FindByClientType("Amazon.BedrockRuntime.Other"));
        Assert.Same(v, result.Inventory.Find("Bedrock"));
        Assert.Null(result.Inventory.Find("vertex"));
    }

    [Fact]
    public void FlowStyleBenchInventoryIsValid()
    {
        var yaml = File.ReadAllText(SamplePath.Of("valid-bench-egress.yaml"));
        var result = Parse(yaml);
        Assert.Empty(result.Problems);
        Assert.Equal(5, result.Inventory.Vendors.Count);
        Assert.Equal(PhiPermission.Allowed, result.Inventory.Find("clearinghouse")!.Evaluate(Today));
        Assert.Equal(PhiPermission.Forbidden, result.Inventory.Find("marketing")!.Evaluate(Today));
        Assert.Same(result.Inventory.Find("vertex"), result.Inventory.FindByHost("us-central1-aiplatform.googleapis.com"));
        Assert.Same(result.Inventory.Find("openai"), result.Inventory.FindByClientType("OpenAI.Chat.ChatClient"));
    }

    [Fact]
    public void SyntaxErrorIsAProblemAtItsPosition()
    {
        var p = Single("version: 1\nvendors:\n  - id: [unclosed\n");
        Assert.Equal(InventoryProblemSeverity.Error, p.Severity);
        Assert.StartsWith("YAML syntax error", p.Message);
        Assert.True(p.Line >= 3, p.ToString());
    }

    [Fact]
    public void SyntaxErrorTwin_ValidFlowSequence() => Assert.Empty(Parse("version: 1\nvendors: []\n").Problems);

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void EmptyFileIsAnError(string yaml)
    {
        var p = Single(yaml);
        Assert.Contains("empty", p.Message);
        Assert.Equal((1, 1), (p.Line, p.Column));
    }

    [Fact]
    public void RootMustBeAMapping()
    {
        var p = Single("- id: a\n");
        Assert.Contains("must be a mapping", p.Message);
    }

    [Fact]
    public void MissingVersion()
    {
        var p = Single("vendors: []\n");
        Assert.Contains("Missing required key 'version'", p.Message);
        Assert.Equal((1, 1, 1, 8), (p.Line, p.Column, p.EndLine, p.EndColumn));
    }

    [Fact]
    public void UnsupportedVersion()
    {
        var p = Single("version: 2\nvendors: []\n");
        Assert.Contains("Unsupported inventory version 2", p.Message);
        Assert.Equal((1, 10, 1, 11), (p.Line, p.Column, p.EndLine, p.EndColumn));
    }

    [Fact]
    public void VersionNotANumber()
    {
        var p = Single("version: one\nvendors: []\n");
        Assert.Contains("'version' must be the number 1", p.Message);
    }

    [Fact]
    public void MissingVendors()
    {
        var p = Single("version: 1\n");
        Assert.Contains("Missing required key 'vendors'", p.Message);
    }

    [Fact]
    public void VendorsMustBeASequence()
    {
        var p = Single("version: 1\nvendors:\n  bedrock: signed\n");
        Assert.Contains("'vendors' must be a list", p.Message);
        Assert.Equal(3, p.Line);
        Assert.Equal(3, p.Column);
    }

    [Fact]
    public void VendorEntryMustBeAMapping()
    {
        var p = Single("version: 1\nvendors:\n  - bedrock\n");
        Assert.Contains("A vendor entry must be a mapping", p.Message);
        Assert.Equal((3, 5, 3, 12), (p.Line, p.Column, p.EndLine, p.EndColumn));
    }

    [Fact]
    public void UnknownStatus()
    {
        var result = Parse(OneVendor("id: a", "baa: { status: active }", "phi: allowed"));
        var p = Assert.Single(result.Problems);
        Assert.Equal(InventoryProblemSeverity.Error, p.Severity);
        Assert.Contains("Unknown baa.status 'active'", p.Message);
        Assert.Contains("signed, pending, none, terminated", p.Message);
        Assert.Equal((4, 20, 4, 26), (p.Line, p.Column, p.EndLine, p.EndColumn));
        Assert.False(result.Inventory.Find("a")!.IsValid);
        Assert.Equal(PhiPermission.Forbidden, result.Inventory.Find("a")!.Evaluate(Today));
    }

    [Theory]
    [InlineData("signed", (int)BaaStatus.Signed)]
    [InlineData("pending", (int)BaaStatus.Pending)]
    [InlineData("none", (int)BaaStatus.None)]
    [InlineData("terminated", (int)BaaStatus.Terminated)]
    public void KnownStatus(string text, int status)
    {
        var result = Parse(OneVendor("id: a", "baa: { status: " + text + " }", "phi: allowed"));
        Assert.Empty(result.Problems);
        Assert.Equal((BaaStatus)status, result.Inventory.Find("a")!.Status);
    }

    [Fact]
    public void UnknownPhiWithHint()
    {
        var p = Single(OneVendor("id: a", "baa: { status: signed }", "phi: alowed"));
        Assert.Contains("Unknown phi value 'alowed'", p.Message);
        Assert.Contains("allowed, deidentified-only, forbidden", p.Message);
        Assert.Contains("did you mean 'allowed'", p.Message);
        Assert.Equal((5, 10, 5, 16), (p.Line, p.Column, p.EndLine, p.EndColumn));
    }

    [Theory]
    [InlineData("allowed", (int)PhiPolicy.Allowed)]
    [InlineData("deidentified-only", (int)PhiPolicy.DeidentifiedOnly)]
    [InlineData("forbidden", (int)PhiPolicy.Forbidden)]
    public void KnownPhi(string text, int phi)
    {
        var result = Parse(OneVendor("id: a", "baa: { status: signed }", "phi: " + text));
        Assert.Empty(result.Problems);
        Assert.Equal((PhiPolicy)phi, result.Inventory.Find("a")!.Phi);
    }

    [Theory]
    [InlineData("not-a-date")]
    [InlineData("2025-02-30")]
    [InlineData("2025-3-1")]
    [InlineData("01/03/2025")]
    public void DateThatIsNotADate(string text)
    {
        var p = Single(OneVendor("id: a", "baa: { status: signed, expires: " + text + " }", "phi: allowed"));
        Assert.Contains("'baa.expires' must be a date written yyyy-MM-dd, not '" + text + "'", p.Message);
        Assert.Equal(4, p.Line);
        Assert.Equal(37, p.Column);
    }

    [Fact]
    public void DateTwin_QuotedDateIsFine()
    {
        var result = Parse(OneVendor("id: a", "baa: { status: signed, signed: \"2025-01-01\" }", "phi: allowed"));
        Assert.Empty(result.Problems);
        Assert.Equal(new DateTime(2025, 1, 1), result.Inventory.Find("a")!.Signed);
    }

    [Fact]
    public void ExpiresBeforeSigned()
    {
        var p = Single(OneVendor("id: a", "baa: { status: signed, signed: 2025-01-01, expires: 2024-12-31 }", "phi: allowed"));
        Assert.Contains("baa.expires 2024-12-31 is before baa.signed 2025-01-01", p.Message);
        Assert.Equal((4, 57, 4, 67), (p.Line, p.Column, p.EndLine, p.EndColumn));
    }

    [Fact]
    public void ExpiresOnSignedDayIsFine()
        => Assert.Empty(Parse(OneVendor("id: a", "baa: { status: signed, signed: 2025-01-01, expires: 2025-01-01 }", "phi: allowed")).Problems);

    [Fact]
    public void DuplicateIdsInvalidateBothEntries()
    {
        var yaml = "version: 1\nvendors:\n  - id: a\n    baa: { status: signed }\n    phi: allowed\n  - id: A\n    baa: { status: signed }\n    phi: allowed\n";
        var result = Parse(yaml);
        var p = Assert.Single(result.Problems);
        Assert.Contains("Duplicate vendor id 'A' (first defined at line 3)", p.Message);
        Assert.Equal((6, 9, 6, 10), (p.Line, p.Column, p.EndLine, p.EndColumn));
        Assert.All(result.Inventory.Vendors, v => Assert.False(v.IsValid));
        Assert.Equal(PhiPermission.Forbidden, result.Inventory.Find("a")!.Evaluate(Today));
    }

    [Fact]
    public void DistinctIdsAreFine()
    {
        var yaml = "version: 1\nvendors:\n  - id: a\n    baa: { status: signed }\n    phi: allowed\n  - id: b\n    baa: { status: signed }\n    phi: allowed\n";
        var result = Parse(yaml);
        Assert.Empty(result.Problems);
        Assert.All(result.Inventory.Vendors, v => Assert.True(v.IsValid));
    }

    [Fact]
    public void MissingId()
    {
        var p = Single(OneVendor("name: Nameless", "baa: { status: signed }", "phi: allowed"));
        Assert.Contains("no 'id'", p.Message);
        Assert.Equal((3, 5, 3, 9), (p.Line, p.Column, p.EndLine, p.EndColumn));
    }

    [Fact]
    public void MissingBaa()
    {
        var p = Single(OneVendor("id: a", "phi: allowed"));
        Assert.Contains("Vendor 'a' is missing required key 'baa.status'", p.Message);
    }

    [Fact]
    public void MissingBaaStatus()
    {
        var p = Single(OneVendor("id: a", "baa: { signed: 2025-01-01 }", "phi: allowed"));
        Assert.Contains("'baa' is missing required key 'status'", p.Message);
        Assert.Equal((4, 5, 4, 8), (p.Line, p.Column, p.EndLine, p.EndColumn));
    }

    [Fact]
    public void MissingPhi()
    {
        var result = Parse(OneVendor("id: a", "baa: { status: signed }"));
        var p = Assert.Single(result.Problems);
        Assert.Contains("Vendor 'a' is missing required key 'phi'", p.Message);
        Assert.False(result.Inventory.Find("a")!.IsValid);
    }

    [Fact]
    public void InvalidVendorId()
        => Assert.Contains("Vendor id 'has space' is not valid", Single(OneVendor("id: has space", "baa: { status: signed }", "phi: allowed")).Message);

    [Theory]
    [InlineData("https://api.example.com", "scheme")]
    [InlineData("api.example.com/v1", "path")]
    [InlineData("api.example.com:443", "port")]
    [InlineData("api..example.com", "empty label")]
    [InlineData("*", "every host")]
    [InlineData("api example.com", "may not appear")]
    [InlineData("**.example.com", "'**'")]
    public void HostThatIsNotAHostPattern(string host, string why)
    {
        var p = Single(OneVendor("id: a", "baa: { status: signed }", "phi: allowed", "hosts: [\"" + host + "\"]"));
        Assert.Contains("is not a host pattern", p.Message);
        Assert.Contains(why, p.Message);
        Assert.Equal(6, p.Line);
        Assert.Equal(13, p.Column);
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("*.example.com")]
    [InlineData("bedrock-runtime.*.amazonaws.com")]
    [InlineData("*-aiplatform.googleapis.com")]
    [InlineData("localhost")]
    [InlineData("10.0.0.1")]
    public void HostPatternTwin_Valid(string host)
        => Assert.Empty(Parse(OneVendor("id: a", "baa: { status: signed }", "phi: allowed", "hosts: [\"" + host + "\"]")).Problems);

    [Fact]
    public void HostsMustBeAList()
        => Assert.Contains("'hosts' must be a list", Single(OneVendor("id: a", "baa: { status: signed }", "phi: allowed", "hosts: api.example.com")).Message);

    [Theory]
    [InlineData("not a type")]
    [InlineData("OpenAI..ChatClient")]
    [InlineData("1OpenAI.Chat")]
    [InlineData("OpenAI.Chat.ChatClient<T>")]
    public void ClientThatIsNotATypeName(string client)
    {
        var p = Single(OneVendor("id: a", "baa: { status: signed }", "phi: allowed", "clients: [\"" + client + "\"]"));
        Assert.Contains("is not a fully qualified type name", p.Message);
        Assert.Equal((6, 15), (p.Line, p.Column));
    }

    [Theory]
    [InlineData("OpenAI.Chat.ChatClient")]
    [InlineData("Outer+Inner")]
    [InlineData("My.Generic`1")]
    [InlineData("GlobalClient")]
    public void ClientTwin_Valid(string client)
        => Assert.Empty(Parse(OneVendor("id: a", "baa: { status: signed }", "phi: allowed", "clients: [\"" + client + "\"]")).Problems);

    [Fact]
    public void UnknownTopLevelKeyIsAWarningWithSuggestion()
    {
        var result = Parse("version: 1\nvendors: []\nvendor: []\n");
        var p = Assert.Single(result.Problems);
        Assert.Equal(InventoryProblemSeverity.Warning, p.Severity);
        Assert.Contains("Unknown top-level key 'vendor' (did you mean 'vendors'?)", p.Message);
        Assert.Equal((3, 1, 3, 7), (p.Line, p.Column, p.EndLine, p.EndColumn));
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void UnknownVendorKeyIsAWarningAndTheEntryStaysValid()
    {
        var result = Parse(OneVendor("id: a", "baa: { status: signed }", "phi: allowed", "host: [\"a.example\"]"));
        var p = Assert.Single(result.Problems);
        Assert.Equal(InventoryProblemSeverity.Warning, p.Severity);
        Assert.Contains("did you mean 'hosts'", p.Message);
        Assert.True(result.Inventory.Find("a")!.IsValid);
    }

    [Fact]
    public void UnknownBaaKeyIsAWarning()
    {
        var p = Single(OneVendor("id: a", "baa: { status: signed, expiry: 2025-01-01 }", "phi: allowed"));
        Assert.Equal(InventoryProblemSeverity.Warning, p.Severity);
        Assert.Contains("did you mean 'expires'", p.Message);
    }

    [Fact]
    public void KnownKeysTwin_NoWarnings()
        => Assert.Empty(Parse(OneVendor("id: a", "name: A", "notes: free text", "baa: { status: signed, signed: 2025-01-01, expires: 2026-01-01 }", "phi: allowed", "hosts: []", "clients: []")).Problems);

    [Fact]
    public void ValidEntriesSurviveAnInvalidNeighbour()
    {
        var yaml = "version: 1\nvendors:\n  - id: good\n    baa: { status: signed }\n    phi: allowed\n  - id: bad\n    baa: { status: maybe }\n    phi: allowed\n";
        var result = Parse(yaml);
        Assert.Single(result.Problems);
        Assert.True(result.Inventory.Find("good")!.IsValid);
        Assert.False(result.Inventory.Find("bad")!.IsValid);
        Assert.Equal(PhiPermission.Allowed, result.Inventory.Find("good")!.Evaluate(Today));
        Assert.Equal("its inventory entry is invalid (see PHI006), so it covers nothing", result.Inventory.Find("bad")!.Explain(Today));
    }

    [Fact]
    public void SecondDocumentIsAWarning()
    {
        var p = Single("version: 1\nvendors: []\n---\nversion: 2\n");
        Assert.Equal(InventoryProblemSeverity.Warning, p.Severity);
    }

    [Theory]
    [InlineData("signed", "allowed", null, (int)PhiPermission.Allowed, "BAA is signed and allows PHI")]
    [InlineData("signed", "allowed", "2026-06-01", (int)PhiPermission.Allowed, "BAA is signed and allows PHI")]
    [InlineData("signed", "allowed", "2026-05-31", (int)PhiPermission.Forbidden, "BAA expired on 2026-05-31")]
    [InlineData("signed", "deidentified-only", null, (int)PhiPermission.DeidentifiedOnly, "phi is 'deidentified-only': it accepts only de-identified data")]
    [InlineData("signed", "forbidden", null, (int)PhiPermission.Forbidden, "phi is 'forbidden'")]
    [InlineData("pending", "allowed", null, (int)PhiPermission.Forbidden, "BAA status is 'pending'")]
    [InlineData("none", "allowed", null, (int)PhiPermission.Forbidden, "BAA status is 'none'")]
    [InlineData("terminated", "allowed", null, (int)PhiPermission.Forbidden, "BAA status is 'terminated'")]
    public void EvaluateAndExplain(string status, string phi, string? expires, int permission, string reason)
    {
        var baa = expires is null ? "baa: { status: " + status + " }" : "baa: { status: " + status + ", expires: " + expires + " }";
        var result = Parse(OneVendor("id: a", baa, "phi: " + phi));
        Assert.Empty(result.Problems);
        var v = result.Inventory.Find("a")!;
        Assert.Equal((PhiPermission)permission, v.Evaluate(Today));
        Assert.Equal(reason, v.Explain(Today));
    }

    [Theory]
    [InlineData("version: 1\nvendors:\n  - id: a\n    baa: &x { status: signed }\n    phi: *x\n")]
    [InlineData("version: 1\nvendors:\n  - ? [a, b]\n    : c\n")]
    [InlineData("version: 1\nversion: 1\nvendors: []\n")]
    [InlineData("\t\tversion: 1")]
    [InlineData("version: 1\nvendors:\n  - id: a\n    baa: { status: signed, signed: { } }\n    phi: [allowed]\n    hosts: [[x]]\n    clients: [{a: b}]\n")]
    [InlineData("%YAML 1.1\n--- !!map\nversion: !!int 1\nvendors: !!seq []\n")]
    public void OddInputNeverThrowsAndAlwaysReportsOrValidates(string yaml)
    {
        var result = Parse(yaml);
        Assert.True(result.Problems.Count > 0 || result.Inventory.Vendors.All(v => v.IsValid));
    }
}

internal static class SamplePath
{
    public static string Directory { get; } = Find();

    public static string Of(string name) => Path.Combine(Directory, name);

    // The source folder of this file; with mapped source paths (CI builds), search up from the test binaries instead.
    private static string Find([System.Runtime.CompilerServices.CallerFilePath] string path = "")
    {
        var here = Path.Combine(Path.GetDirectoryName(path) ?? ".", "Samples");
        if (System.IO.Directory.Exists(here))
        {
            return here;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "PhiAnalyzers.Tests", "Inventory", "Samples");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/PhiAnalyzers.Tests/Inventory/Samples not found");
    }
}
