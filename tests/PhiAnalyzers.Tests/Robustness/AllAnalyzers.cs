using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PhiAnalyzers.Tests.Verifiers;

namespace PhiAnalyzers.Tests.Robustness;

/// <summary>An exception thrown by an analyzer, either seen by <c>onAnalyzerException</c> or reported as AD0001.</summary>
public sealed record AnalyzerFailure(string Analyzer, string Message, Exception? Exception, Diagnostic? Diagnostic)
{
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Analyzer).Append(": ").Append(Message);
        if (Exception is not null)
        {
            sb.AppendLine().Append(Exception);
        }
        else if (Diagnostic is not null)
        {
            sb.AppendLine().Append(Diagnostic);
        }

        return sb.ToString();
    }
}

/// <summary>What running every analyzer over one compilation produced.</summary>
public sealed record AnalyzerRun(
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<AnalyzerFailure> Failures,
    ImmutableArray<DiagnosticAnalyzer> Analyzers,
    TimeSpan Elapsed)
{
    /// <summary>Diagnostics of the PhiGuard rules (ids starting with PHI).</summary>
    public ImmutableArray<Diagnostic> PhiDiagnostics
        => Diagnostics.Where(d => d.Id.StartsWith("PHI", StringComparison.Ordinal)).ToImmutableArray();

    /// <summary>The failures grouped by exception type, message and throwing frame: a count per group, one full exception each.</summary>
    public string DescribeFailures(int maxGroups = 12)
    {
        var groups = Failures
            .GroupBy(f => (f.Exception?.GetType().FullName ?? f.Analyzer) + "|" + f.Message + "|" + TopFrame(f.Exception))
            .OrderByDescending(g => g.Count())
            .ToList();
        var sb = new StringBuilder();
        foreach (var g in groups.Take(maxGroups))
        {
            var analyzers = string.Join(", ", g.Select(f => f.Analyzer).Distinct().OrderBy(a => a, StringComparer.Ordinal));
            sb.AppendLine($"==== {g.Count()}x in [{analyzers}]");
            sb.AppendLine(g.First().ToString());
        }

        if (groups.Count > maxGroups)
        {
            sb.AppendLine($"... and {groups.Count - maxGroups} more kinds of failure");
        }

        return sb.ToString();
    }

    private static string TopFrame(Exception? e)
    {
        var trace = e?.StackTrace;
        if (trace is null)
        {
            return "";
        }

        var first = trace.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        return first?.Trim() ?? "";
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var where = d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile
                ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})"
                : "(no location)";
            return $"{where}: {d.Id}: {d.GetMessage()}";
        }));
}

/// <summary>
/// Every concrete <see cref="DiagnosticAnalyzer"/> of the PhiAnalyzers assembly, found by reflection so that rules
/// added later are covered without touching the tests, and a runner that puts them all on one compilation.
/// </summary>
public static class AllAnalyzers
{
    public const string InventoryPath = "/project/baa-inventory.yaml";

    public const string InventoryDate = "2026-06-01";

    public static Assembly AnalyzerAssembly => typeof(PhiAnalyzers.Rules.PhiLogAnalyzer).Assembly;

    /// <summary>The concrete analyzer types: not abstract, not generic, with a public parameterless constructor.</summary>
    public static ImmutableArray<Type> Types { get; } = FindTypes();

    /// <summary>New instances of every analyzer (fresh per call: analyzers may keep per-instance state).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Create()
        => Types.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    private static ImmutableArray<Type> FindTypes()
    {
        Type[] types;
        try
        {
            types = AnalyzerAssembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
        }

        return types
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters)
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Parse);

    public static SyntaxTree Parse(string source, string path)
        => CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), ParseOptions, path);

    /// <summary>A compilation with <see cref="TestReferences.All"/>, C# preview, nullable enabled, unsafe allowed.</summary>
    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, string name = "Corpus")
        => CSharpCompilation.Create(
            name,
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(
                kind,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                concurrentBuild: false));

    /// <summary>
    /// Runs every analyzer over <paramref name="compilation"/> with the given inventory (none when null) and the global
    /// option <c>build_property.PhiInventoryDate = 2026-06-01</c>. Exceptions are recorded, never thrown.
    /// </summary>
    public static async Task<AnalyzerRun> RunAsync(
        Compilation compilation,
        string? inventoryYaml = null,
        string inventoryPath = InventoryPath,
        IReadOnlyDictionary<string, string>? extraGlobalOptions = null,
        CancellationToken cancellationToken = default)
    {
        var analyzers = Create();
        var failures = new ConcurrentQueue<AnalyzerFailure>();

        var additional = inventoryYaml is null
            ? ImmutableArray<AdditionalText>.Empty
            : ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(inventoryPath, inventoryYaml));

        var globals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["build_property.PhiInventoryDate"] = InventoryDate,
        };
        if (extraGlobalOptions is not null)
        {
            foreach (var pair in extraGlobalOptions)
            {
                globals[pair.Key] = pair.Value;
            }
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional, new GlobalOptionsProvider(globals)),
            onAnalyzerException: (exception, analyzer, diagnostic) =>
                failures.Enqueue(new AnalyzerFailure(analyzer.GetType().Name, exception.GetType().FullName + ": " + exception.Message, exception, diagnostic)),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        watch.Stop();

        foreach (var d in diagnostics.Where(d => d.Id == "AD0001"))
        {
            failures.Enqueue(new AnalyzerFailure("AD0001", d.GetMessage(), null, d));
        }

        return new AnalyzerRun(diagnostics, failures.ToImmutableArray(), analyzers, watch.Elapsed);
    }

    /// <summary>An AdditionalFile held in memory.</summary>
    public sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string content)
        {
            Path = path;
            _text = SourceText.From(content, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>Global options (as from a <c>.globalconfig</c>): the same keys for the compilation, every tree and every file.</summary>
    public sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions _options;

        public GlobalOptionsProvider(IReadOnlyDictionary<string, string> options) => _options = new DictionaryOptions(options);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class DictionaryOptions : AnalyzerConfigOptions
        {
            private readonly IReadOnlyDictionary<string, string> _values;

            public DictionaryOptions(IReadOnlyDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                if (_values.TryGetValue(key, out var found))
                {
                    value = found;
                    return true;
                }

                value = null;
                return false;
            }

            public override IEnumerable<string> Keys => _values.Keys;
        }
    }
}
