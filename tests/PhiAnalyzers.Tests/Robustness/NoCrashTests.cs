using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace PhiAnalyzers.Tests.Robustness;

/// <summary>
/// Every analyzer of the PhiAnalyzers assembly runs over a corpus of odd but real C# (and some broken C#) without
/// throwing: no exception reaches <c>onAnalyzerException</c> and no AD0001 is reported. Each file alone, then all
/// files as one compilation, with no inventory, a valid inventory and a broken one.
/// </summary>
public class NoCrashTests
{
    private const string ResourcePrefix = "PhiAnalyzers.Tests.Corpus.";

    private readonly ITestOutputHelper _output;

    public NoCrashTests(ITestOutputHelper output) => _output = output;

    public const string ValidInventory = """
        version: 1
        vendors:
          - id: vertex
            name: Google Vertex AI
            baa:
              status: signed
              signed: 2025-01-15
              expires: 2028-01-15
            phi: allowed
            hosts: ["*-aiplatform.googleapis.com", "api.vertex.example.com"]
            clients: ["Google.Cloud.AIPlatform.V1.PredictionServiceClient"]
          - id: openai
            name: OpenAI
            baa: { status: none }
            phi: forbidden
            hosts: ["api.openai.com"]
            clients: ["OpenAI.Chat.ChatClient", "OpenAI.OpenAIClient"]
          - id: soon
            baa: { status: signed, signed: 2024-01-01, expires: 2026-06-10 }
            phi: allowed
            hosts: ["soon.example.com"]
        """;

    /// <summary>YAML that is broken in several ways at once: bad indentation, wrong types, unknown enums, a tab, an unterminated quote.</summary>
    public const string BrokenInventory = "version: one\nvendors:\n  - id: vertex\n    baa:\n      status: maybe\n     signed: 2025-13-45\n    phi: [allowed\n  - id: \"unterminated\n\thosts: {a: 1}\n  - 42\n  - id:\n    clients: - - -\n: : :\n";

    public static IReadOnlyList<string> CorpusNames { get; } = typeof(NoCrashTests).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".cs.txt", StringComparison.Ordinal))
        .Select(n => n.Substring(ResourcePrefix.Length, n.Length - ResourcePrefix.Length - ".txt".Length))
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in CorpusNames)
        {
            data.Add(name);
        }

        return data;
    }

    public static string ReadCorpus(string name)
    {
        using var stream = typeof(NoCrashTests).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".txt")
            ?? throw new InvalidOperationException("missing corpus resource " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Files that are broken on purpose (syntax and binding errors are expected there).</summary>
    public static bool IsBroken(string name) => name.StartsWith("Broken", StringComparison.Ordinal);

    /// <summary>The one file with top-level statements (compiled as an executable).</summary>
    public static bool IsTopLevel(string name) => name.StartsWith("TopLevel", StringComparison.Ordinal);

    private static SyntaxTree Tree(string name) => AllAnalyzers.Parse(ReadCorpus(name), "/project/Corpus/" + name);

    private static Compilation CompileOne(string name)
        => AllAnalyzers.Compile(new[] { Tree(name) }, IsTopLevel(name) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, name.Replace('.', '_'));

    private static Compilation CompileAll()
        => AllAnalyzers.Compile(CorpusNames.Select(Tree), OutputKind.ConsoleApplication, "CorpusAll");

    [Fact]
    public void FindsTheAnalyzersAndTheCorpus()
    {
        Assert.Contains(typeof(PhiAnalyzers.Rules.PhiLogAnalyzer), AllAnalyzers.Types);
        Assert.True(AllAnalyzers.Types.Length >= 4, "analyzers found: " + string.Join(", ", AllAnalyzers.Types.Select(t => t.Name)));
        Assert.True(CorpusNames.Count >= 10, "corpus files: " + string.Join(", ", CorpusNames));
        Assert.Contains(CorpusNames, IsBroken);
        var lines = CorpusNames.Sum(n => ReadCorpus(n).Split('\n').Length);
        _output.WriteLine($"{AllAnalyzers.Types.Length} analyzers: {string.Join(", ", AllAnalyzers.Types.Select(t => t.Name))}");
        _output.WriteLine($"{CorpusNames.Count} corpus files, {lines} lines");
        Assert.True(lines >= 3000, "corpus lines: " + lines);
    }

    /// <summary>The well-formed files really compile, so the flow engine sees bound code, not error trees.</summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void WellFormedCorpusFilesCompile(string name)
    {
        var errors = CompileOne(name).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (IsBroken(name))
        {
            Assert.NotEmpty(errors);
            return;
        }

        Assert.True(errors.Count == 0, name + " has compile errors:\n" + AnalyzerRun.Describe(errors.Take(30)));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task EachFileWithInventory(string name)
        => AssertNoCrash(name + " (valid inventory)", await AllAnalyzers.RunAsync(CompileOne(name), ValidInventory));

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task EachFileWithoutInventory(string name)
        => AssertNoCrash(name + " (no inventory)", await AllAnalyzers.RunAsync(CompileOne(name)));

    [Fact]
    public async Task AllFilesTogetherWithoutInventory()
        => AssertNoCrash("all files, no inventory", await AllAnalyzers.RunAsync(CompileAll()));

    [Fact]
    public async Task AllFilesTogetherWithInventory()
    {
        var run = await AllAnalyzers.RunAsync(CompileAll(), ValidInventory);
        AssertNoCrash("all files, valid inventory", run);

        // The corpus is sprinkled with PHI reaching sinks: the engine must have really worked on it.
        Assert.Contains(run.Diagnostics, d => d.Id == "PHI001");
    }

    [Fact]
    public async Task AllFilesTogetherWithBrokenInventory()
    {
        var run = await AllAnalyzers.RunAsync(CompileAll(), BrokenInventory);
        AssertNoCrash("all files, broken inventory", run);
        Assert.Contains(run.Diagnostics, d => d.Id == "PHI006");
    }

    [Fact]
    public async Task AllFilesTogetherWithOddBuildProperties()
    {
        var odd = new Dictionary<string, string>
        {
            ["build_property.PhiInventoryDate"] = "not-a-date",
            ["build_property.PhiInventoryPath"] = "../nowhere/baa-inventory.yaml",
            ["phiguard.baa_expiry_warning_days"] = "-3",
        };
        AssertNoCrash("all files, odd build properties", await AllAnalyzers.RunAsync(CompileAll(), ValidInventory, extraGlobalOptions: odd));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("version: 1\nvendors: []\n")]
    [InlineData("vendors:\n  - id: vertex\n    baa: { status: signed, expires: 1999-01-01 }\n    phi: allowed\n")]
    [InlineData("vendors:\n  - id: vertex\n    baa: { status: signed }\n    phi: allowed\n  - id: vertex\n    baa: { status: signed }\n    phi: allowed\n")]
    [InlineData("[[[[[[[[[[")]
    [InlineData("&a [*a]")]
    [InlineData("vendors: !!binary AAAA\n")]
    public async Task OddInventoriesOverTheEgressFile(string yaml)
        => AssertNoCrash("odd inventory " + yaml.Length, await AllAnalyzers.RunAsync(CompileOne("AsyncAndIterators.cs"), yaml));

    /// <summary>Small shapes that once crashed the engine, kept as regression tests (one statement each, inside a method).</summary>
    [Theory]
    [InlineData("var n = items.Count(x => x.Length > 1);")]
    [InlineData("using var d = new System.IO.MemoryStream(); var n = items.Count(x => x.Length > 1);")]
    [InlineData("try { var n = items.Count(x => x.Length > 1); } finally { }")]
    [InlineData("try { } finally { var n = items.Count(x => x.Length > 1); }")]
    [InlineData("var n = items.Count(x => { try { return x.Length > 1; } finally { } });")]
    [InlineData("var n = items.Count(x => { try { return x.Length > 1; } catch (Exception) when (x.Length > 0) { return false; } });")]
    public async Task SmallShapes(string statement)
    {
        var source = "using System; using System.Linq; using System.Collections.Generic; using PhiGuard;\n"
            + "public sealed class P { [Phi] public string Name { get; set; } = \"\"; }\n"
            + "public static class C { public static void M(List<string> items, P p) { " + statement + " Console.WriteLine(p.Name); } }\n";
        var compilation = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(source, "/project/Small.cs") });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var run = await AllAnalyzers.RunAsync(compilation, ValidInventory);
        AssertNoCrash(statement, run);
        Assert.Contains(run.Diagnostics, d => d.Id == "PHI001");
    }

    private void AssertNoCrash(string what, AnalyzerRun run)
    {
        _output.WriteLine($"{what}: {run.Elapsed.TotalMilliseconds:F0} ms, {run.Analyzers.Length} analyzers, {run.Diagnostics.Length} diagnostics " +
            "(" + string.Join(", ", run.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => g.Key + "×" + g.Count())) + ")");
        Assert.True(run.Failures.IsEmpty, $"{what}: {run.Failures.Length} analyzer exception(s):\n{run.DescribeFailures()}");
    }
}
