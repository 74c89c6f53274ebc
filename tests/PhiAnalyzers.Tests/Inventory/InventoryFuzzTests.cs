using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PhiAnalyzers.Rules;
using PhiGuard.Inventory;
using Xunit;

namespace PhiAnalyzers.Tests.Inventory;

/// <summary>
/// Seeded, deterministic mutations of inventory files (deletions, insertions, type swaps, line shuffles): the parser
/// never throws, every result is either reported (PHI006) or a fully valid model, and the three inventory
/// analyzers never crash on them.
/// </summary>
public class InventoryFuzzTests
{
    private const int Files = 3000;
    private const int AnalyzerEvery = 10;

    private static readonly string[] Tokens =
    {
        ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "\n", "\n  ", "  ", "    ", "\t", "*", "'", "\"", "&a ", "*a", "!!int ",
        "!!map ", "#", "?", "|", ">", "---\n", "...\n", "%YAML 1.2\n", "~", "null", "signed", "pending", "none", "terminated",
        "allowed", "deidentified-only", "forbidden", "2025-01-01", "2024-12-31", "2025-02-30", "version: 1\n", "version: 2\n",
        "vendors:\n", "- id: x\n", "id: ", "baa: ", "status: ", "phi: ", "hosts: ", "clients: ", "expires: ", "signed: ",
        "\"*.example.com\"", "https://x", "a..b", "OpenAI.Chat.ChatClient", "\u00e9", "\0", "\r\n", "\uFEFF",
    };

    private static readonly string[] Replacements = { "[a, b]", "{a: 1}", "~", "123", "\"\"", "[]", "{}", "- x", "true", "[[[]]]" };

    private const string Source = """
        using PhiGuard;
        [BaaCovered("bedrock")] public sealed class A { }
        [BaaCovered("vertex")] public sealed class B { public void M([BaaCovered("x")] string s) { } }
        [BaaCovered("soon")] public interface IC { }
        """;

    [Fact]
    public async Task MutatedInventoriesNeverCrashAndAreReportedOrValid()
    {
        var seeds = Seeds();
        var random = new Random(20260601);
        var compilation = CreateCompilation();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new InventoryValidationAnalyzer(), new BaaCoveredVendorAnalyzer(), new BaaExpiryAnalyzer());
        var reported = 0;
        var valid = 0;
        for (var i = 0; i < Files; i++)
        {
            var text = Mutate(seeds[random.Next(seeds.Length)], random);
            InventoryParseResult result;
            try
            {
                result = InventoryParser.Parse(text, "/p/baa-inventory.yaml");
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException("Parse threw on file #" + i + ":\n" + text + "\n" + ex);
            }

            Assert.NotNull(result.Inventory);
            var allValid = result.Inventory.Vendors.All(v => v.IsValid);
            Assert.True(result.Problems.Count > 0 || allValid, "no problem reported but an invalid entry, file #" + i + ":\n" + text);
            Assert.True(allValid || result.HasErrors, "an invalid entry without an error, file #" + i + ":\n" + text);
            foreach (var p in result.Problems)
            {
                Assert.True(p.Line >= 1 && p.Column >= 1 && (p.EndLine > p.Line || (p.EndLine == p.Line && p.EndColumn >= p.Column)), p.ToString());
                Assert.False(string.IsNullOrWhiteSpace(p.Message));
            }

            if (result.Problems.Count > 0)
            {
                reported++;
            }
            else
            {
                valid++;
            }

            if (i % AnalyzerEvery == 0)
            {
                await RunAnalyzers(compilation, analyzers, text, result, i);
            }
        }

        // The mutations must exercise both outcomes.
        Assert.True(reported > Files / 10, "reported " + reported);
        Assert.True(valid > 0, "valid " + valid);
    }

    private static async Task RunAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, string text, InventoryParseResult result, int index)
    {
        var exceptions = new List<Exception>();
        var options = new AnalyzerOptions(
            ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/baa-inventory.yaml", text)),
            new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.PhiInventoryDate"] = "2026-06-01" }));
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(options, (ex, _, _) => { lock (exceptions) { exceptions.Add(ex); } }, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var analysis = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
        var diagnostics = analysis.GetAllDiagnostics();
        Assert.True(exceptions.Count == 0, "analyzer threw on file #" + index + ":\n" + text + "\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        if (result.Problems.Count > 0)
        {
            Assert.True(diagnostics.Any(d => d.Id == "PHI006"), "no PHI006 for file #" + index + ":\n" + text);
        }
        else
        {
            Assert.DoesNotContain(diagnostics, d => d.Id == "PHI006");
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var s = new StringBuilder(seed);
        var count = 1 + random.Next(4);
        for (var m = 0; m < count; m++)
        {
            switch (random.Next(6))
            {
                case 0 when s.Length > 0:
                    // delete a run of characters
                    var at = random.Next(s.Length);
                    s.Remove(at, Math.Min(s.Length - at, 1 + random.Next(12)));
                    break;
                case 1:
                    s.Insert(random.Next(s.Length + 1), Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2:
                    SwapValue(s, random);
                    break;
                case 3:
                    ShuffleLines(s, random, duplicate: true);
                    break;
                case 4:
                    ShuffleLines(s, random, duplicate: false);
                    break;
                default:
                    if (s.Length > 0)
                    {
                        s[random.Next(s.Length)] = Tokens[random.Next(Tokens.Length)][0];
                    }

                    break;
            }
        }

        return s.ToString();
    }

    // Replace the value after a random ": " with a value of another YAML type.
    private static void SwapValue(StringBuilder s, Random random)
    {
        var text = s.ToString();
        var positions = new List<int>();
        for (var i = text.IndexOf(": ", StringComparison.Ordinal); i >= 0; i = text.IndexOf(": ", i + 1, StringComparison.Ordinal))
        {
            positions.Add(i + 2);
        }

        if (positions.Count == 0)
        {
            return;
        }

        var start = positions[random.Next(positions.Count)];
        var end = start;
        while (end < text.Length && text[end] != '\n' && text[end] != ',' && text[end] != '}')
        {
            end++;
        }

        s.Remove(start, end - start);
        s.Insert(start, Replacements[random.Next(Replacements.Length)]);
    }

    private static void ShuffleLines(StringBuilder s, Random random, bool duplicate)
    {
        var lines = s.ToString().Split('\n').ToList();
        if (lines.Count < 2)
        {
            return;
        }

        var a = random.Next(lines.Count);
        var b = random.Next(lines.Count);
        if (duplicate)
        {
            lines.Insert(b, lines[a]);
        }
        else
        {
            (lines[a], lines[b]) = (lines[b], lines[a]);
        }

        s.Clear();
        s.Append(string.Join("\n", lines));
    }

    private static string[] Seeds()
    {
        var seeds = Directory.GetFiles(SamplePath.Directory, "*.yaml").Select(File.ReadAllText).ToList();
        seeds.Add("""
            version: 1
            vendors:
              - id: bedrock
                name: Amazon Bedrock
                baa:
                  status: signed
                  signed: 2025-03-01
                  expires: 2026-06-15
                phi: allowed
                hosts: ["bedrock-runtime.*.amazonaws.com"]
                clients: ["Amazon.BedrockRuntime.AmazonBedrockRuntimeClient"]
              - id: soon
                baa: { status: signed, expires: 2026-06-10 }
                phi: deidentified-only
            """);
        return seeds.ToArray();
    }

    private static Compilation CreateCompilation()
        => CSharpCompilation.Create(
            "Fuzz",
            new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), path: "/p/Fuzz.cs") },
            Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(PhiGuard.BaaCoveredAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class GlobalOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
