using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// The IDE scenario of the analyzer benchmark, and a profiling harness.
//
//   dotnet run -c Release --project bench/PhiGuard.Analyzers.Benchmarks -- ide  bench/out/m20000 [--edits 30] [--edit declaration]
//   dotnet run -c Release --project bench/PhiGuard.Analyzers.Benchmarks -- full bench/out/m20000 [--repeat 3]
//
// ide:  analyzes the whole project once (warm-up, as an IDE's first background pass), then --edits times changes a
//       literal in one method body of one document, builds the new Compilation (as an editor does after an edit) and
//       measures the document-scoped analysis (CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync on the
//       edited document's semantic model). Reports median and p95. The compiler's own semantic diagnostics of the
//       document are computed first and reported apart, so the PhiGuard figure is the analyzers' extra cost.
//       --edit declaration adds a method to the document's last type instead (a change to the declarations).
// full: analyzes the whole compilation with every PhiGuard analyzer and prints the time and the findings per rule.
// engine: the engine alone on one thread (no analyzer driver): hot set, then every non-quiet body's flow result, timed
//       apart from binding the roots (the compiler's work in a build); prints the engine counters in a counters build.
// hot:  builds the engine's hot set twice, guided by syntax (as the analyzers do) and walking every body, and
//       reports whether the two are equal (exit 1 when not), with their sizes and times.
var argv = args.ToList();
if (argv.Count < 2 || argv[0] is not ("ide" or "full" or "hot" or "engine"))
{
    Console.Error.WriteLine("usage: (ide|full|hot|engine) GENERATED_PROJECT_DIR [--edits N] [--edit body|declaration] [--repeat N] [--file NAME] [--cold-declarations]");
    return 2;
}

var mode = argv[0];
var root = Path.GetFullPath(argv[1]);
var edits = IntOption("--edits", 30);
var repeat = IntOption("--repeat", 1);
var fileName = StringOption("--file", "PatientService");
var coldDeclarations = argv.Contains("--cold-declarations");
var editKind = StringOption("--edit", "body");
if (editKind is not ("body" or "declaration"))
{
    Console.Error.WriteLine("--edit takes body (a literal in a method body: the default) or declaration (a new method in the edited type)");
    return 2;
}

var sources = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var trees = sources.Select(p => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(p), Encoding.UTF8), parseOptions, p)).ToList();
var compilation = CSharpCompilation.Create(
    "Bench",
    trees,
    References(),
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
Console.WriteLine($"{trees.Count} documents, {CountMethods(trees)} methods, {errors.Count} compile errors");
foreach (var e in errors.Take(5))
{
    Console.WriteLine("  " + e);
}

var analyzers = typeof(PhiAnalyzers.Rules.PhiLogAnalyzer).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
    .Where(t => StringOption("--only", "") is var only && (only.Length == 0 || t.Name.Contains(only, StringComparison.Ordinal)))
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();
var inventory = Path.Combine(root, "baa-inventory.yaml");
var options = new AnalyzerOptions(
    ImmutableArray.Create<AdditionalText>(new FileText(inventory)),
    new BenchOptions(new Dictionary<string, string> { ["build_property.PhiInventoryDate"] = "2026-11-23" }));
var withOptions = new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);

if (mode == "hot")
{
    var world = PhiAnalyzers.Engine.PhiWorld.Get(compilation) ?? throw new InvalidOperationException("the project does not reference the PhiGuard attributes");
    var sw = Stopwatch.StartNew();
    var (guided, exhaustive) = PhiAnalyzers.Engine.QuietBodies.DescribeBuilds(world, CancellationToken.None);
    Console.WriteLine($"both builds: {sw.ElapsedMilliseconds} ms");
    var g = guided.Split('\n').ToHashSet(StringComparer.Ordinal);
    var e = exhaustive.Split('\n').ToHashSet(StringComparer.Ordinal);
    Console.WriteLine($"guided {g.Count} lines, exhaustive {e.Count} lines");
    foreach (var line in e.Except(g).Take(20))
    {
        Console.WriteLine("  only exhaustive: " + line);
    }

    foreach (var line in g.Except(e).Take(20))
    {
        Console.WriteLine("  only guided: " + line);
    }

    Console.WriteLine(g.SetEquals(e) ? "EQUAL" : "DIFFERENT");
    return g.SetEquals(e) ? 0 : 1;
}

if (mode == "engine")
{
    // The engine alone, on one thread, with no analyzer driver: builds the hot set, then asks for the flow result of
    // every body the driver would hand the rules, as the rules do. Binding a non-quiet root (the compiler's work in a
    // build) is timed apart. Stable enough to compare engine changes on a shared machine.
    for (var i = 0; i < repeat; i++)
    {
        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
        var world = PhiAnalyzers.Engine.PhiWorld.Get(fresh) ?? throw new InvalidOperationException("the project does not reference the PhiGuard attributes");
        var roots = new List<(ISymbol Owner, SyntaxNode Body, SyntaxTree Tree)>();
        foreach (var tree in fresh.SyntaxTrees)
        {
            var model = fresh.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                SyntaxNode? body = node switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                    Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
                    _ => null,
                };
                if (body is not null && model.GetDeclaredSymbol(node) is { } owner)
                {
                    roots.Add((owner, node, tree));
                }
            }
        }

        // The compiler binds every declaration before it compiles bodies; do that first, apart (with --cold-declarations,
        // after the hot set instead: the hot set then pays for the declarations it forces, as it can in a build, where
        // the analyzers' compilation start races the compiler's declaration pass).
        var declarations = new Stopwatch();
        if (!coldDeclarations)
        {
            declarations.Start();
            _ = fresh.GetDeclarationDiagnostics();
            declarations.Stop();
        }

        var total = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var hot = Stopwatch.StartNew();
        _ = world.IsQuietBody(roots[0].Owner, CancellationToken.None);
        hot.Stop();
        var hotCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        if (coldDeclarations)
        {
            declarations.Start();
            _ = fresh.GetDeclarationDiagnostics();
            declarations.Stop();
        }

        var bind = new Stopwatch();
        var flow = new Stopwatch();
        var nonQuiet = 0;
        var hits = 0;
        foreach (var (owner, body, tree) in roots)
        {
            if (world.IsQuietBody(owner, CancellationToken.None))
            {
                continue;
            }

            nonQuiet++;
            bind.Start();
            var operation = fresh.GetSemanticModel(tree).GetOperation(body);
            bind.Stop();
            if (operation is null)
            {
                continue;
            }

            flow.Start();
            hits += world.GetResult(owner, operation, CancellationToken.None).Sinks.Count(h => !h.Value.IsEmpty);
            flow.Stop();
        }

        total.Stop();
        var totalCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        if (typeof(PhiAnalyzers.Rules.PhiLogAnalyzer).Assembly.GetType("PhiAnalyzers.Engine.EngineCounters")?.GetMethod("Dump")?.Invoke(null, null) is string engineCounters)
        {
            Console.WriteLine(engineCounters);
        }

        Console.WriteLine($"engine: (the compiler's declarations {declarations.Elapsed.TotalSeconds:F2} s apart) hot set {hot.Elapsed.TotalSeconds:F2} s, flows of {nonQuiet} non-quiet roots {flow.Elapsed.TotalSeconds:F2} s (their binding {bind.Elapsed.TotalSeconds:F2} s apart), {roots.Count} roots, {hits} sink hits with PHI; total {total.Elapsed.TotalSeconds - bind.Elapsed.TotalSeconds:F2} s without root binding; process CPU: hot set {hotCpu.TotalSeconds:F2} s, all {totalCpu.TotalSeconds:F2} s (root binding included)");
    }

    return 0;
}

if (mode == "full")
{
    var bareHeap = GC.GetTotalMemory(forceFullCollection: true);
    for (var i = 0; i < repeat; i++)
    {
        // A fresh compilation each time: PhiWorld caches per compilation.
        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
        var sw = Stopwatch.StartNew();
        var timed = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var diagnostics = await timed.GetAnalyzerDiagnosticsAsync();
        sw.Stop();
        var byId = diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        if (StringOption("--list", "") is { Length: > 0 } listFile)
        {
            // Every finding, sorted, one per line (to compare runs: the result must not depend on thread timing).
            File.WriteAllLines(listFile + "." + i, diagnostics.Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree?.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} {d.GetMessage(CultureInfo.InvariantCulture)}").OrderBy(l => l, StringComparer.Ordinal));
        }

        var executionTime = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            executionTime += (await timed.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
        }

        // Optional stopwatch counters, when a profiling build of the engine defines them.
        if (typeof(PhiAnalyzers.Rules.PhiLogAnalyzer).Assembly.GetType("PhiAnalyzers.Engine.EngineCounters")?.GetMethod("Dump")?.Invoke(null, null) is string counters)
        {
            Console.WriteLine(counters);
        }

        Console.WriteLine($"full analysis {sw.Elapsed.TotalSeconds:F2} s wall (with binding), analyzer execution time {executionTime.TotalSeconds:F2} s: {string.Join(", ", byId)}");

        // What the analyzers keep while the compilation is still being analyzed: the managed heap after a full
        // collection with the analysis alive, against the heap of the bare compilation.
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(timed);
        Console.WriteLine($"heap with the analysis alive {retained / 1048576.0:F1} MB (bare compilation {bareHeap / 1048576.0:F1} MB)");
        if (StringOption("--pause", "") is { Length: > 0 } pauseFile)
        {
            // For a heap snapshot (dotnet-gcdump collect -p PID): waits until the file exists.
            Console.WriteLine($"pid {Environment.ProcessId}: waiting for {pauseFile}");
            while (!File.Exists(pauseFile))
            {
                await Task.Delay(500);
            }

            GC.KeepAlive(timed);
        }
    }

    return 0;
}

// --- IDE scenario
var target = trees.FirstOrDefault(t => Path.GetFileNameWithoutExtension(t.FilePath).StartsWith(fileName, StringComparison.Ordinal)
                                       && trees.IndexOf(t) >= trees.Count / 2)
             ?? trees.First(t => Path.GetFileNameWithoutExtension(t.FilePath).StartsWith(fileName, StringComparison.Ordinal));
Console.WriteLine($"edited document: {Path.GetRelativePath(root, target.FilePath)}");

var warm = Stopwatch.StartNew();
var all = await compilation.WithAnalyzers(analyzers, withOptions).GetAnalyzerDiagnosticsAsync();
warm.Stop();
Console.WriteLine($"warm-up: whole-project analysis {warm.Elapsed.TotalSeconds:F2} s, {all.Length} findings");
if (typeof(PhiAnalyzers.Rules.PhiLogAnalyzer).Assembly.GetType("PhiAnalyzers.Engine.EngineCounters")?.GetMethod("Dump")?.Invoke(null, null) is string warmCounters)
{
    Console.WriteLine(warmCounters);
}


// The edit: a literal inside a method body (a log message template), changed to a new value each time.
var text = target.GetText();
var anchor = text.ToString().IndexOf("\"Admitted {Patient}\"", StringComparison.Ordinal);
if (anchor < 0)
{
    anchor = text.ToString().IndexOf("\"Placed order {Id} for {Sku}\"", StringComparison.Ordinal);
}

if (anchor < 0)
{
    Console.Error.WriteLine("no literal to edit in " + target.FilePath);
    return 1;
}

var compilerMs = new List<double>();
var analyzerMs = new List<double>();
var current = compilation;
var currentTree = target;
var findings = 0;
for (var i = 0; i < edits; i++)
{
    var currentText = currentTree.GetText();
    var suffix = i.ToString(CultureInfo.InvariantCulture);
    // A body edit keeps every declaration (the engine reuses what it knows of the other documents); a declaration
    // edit adds a method to the edited document's last type, so every declaration-keyed cache starts over.
    var change = editKind == "body"
        ? new TextChange(new TextSpan(currentText.ToString().IndexOf('"', anchor + 1), 0), " " + suffix)
        : new TextChange(new TextSpan(currentText.ToString().LastIndexOf('}'), 0), "    public int BenchEdit" + suffix + "() => " + suffix + ";\n");
    var changed = currentText.WithChanges(change);
    var newTree = currentTree.WithChangedText(changed);
    current = current.ReplaceSyntaxTree(currentTree, newTree);
    currentTree = newTree;

    var model = current.GetSemanticModel(newTree);
    var sw = Stopwatch.StartNew();
    _ = model.GetDiagnostics();
    sw.Stop();
    compilerMs.Add(sw.Elapsed.TotalMilliseconds);

    var cwa = current.WithAnalyzers(analyzers, withOptions);
    sw.Restart();
    var diagnostics = await cwa.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
    sw.Stop();
    analyzerMs.Add(sw.Elapsed.TotalMilliseconds);
    findings = diagnostics.Length;

    // Put the anchor back on the same literal for the next edit (it only grows at its end).
}

Console.WriteLine($"edits: {edits} ({editKind}), findings in the edited document: {findings}");
if (typeof(PhiAnalyzers.Rules.PhiLogAnalyzer).Assembly.GetType("PhiAnalyzers.Engine.EngineCounters")?.GetMethod("Dump")?.Invoke(null, null) is string editCounters)
{
    Console.WriteLine(editCounters);
}

Console.WriteLine($"compiler semantic diagnostics of the document: median {Percentile(compilerMs, 50):F1} ms, p95 {Percentile(compilerMs, 95):F1} ms");
Console.WriteLine($"PhiGuard document analysis after an edit:      median {Percentile(analyzerMs, 50):F1} ms, p95 {Percentile(analyzerMs, 95):F1} ms");
Console.WriteLine($"RESULT ide edit={editKind} methods={CountMethods(trees)} median_ms={Percentile(analyzerMs, 50):F1} p95_ms={Percentile(analyzerMs, 95):F1} compiler_median_ms={Percentile(compilerMs, 50):F1} warm_s={warm.Elapsed.TotalSeconds:F2}");
return 0;

int IntOption(string name, int fallback)
{
    var i = argv.IndexOf(name);
    return i >= 0 && i + 1 < argv.Count && int.TryParse(argv[i + 1], out var v) ? v : fallback;
}

string StringOption(string name, string fallback)
{
    var i = argv.IndexOf(name);
    return i >= 0 && i + 1 < argv.Count ? argv[i + 1] : fallback;
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.OrderBy(v => v).ToList();
    if (sorted.Count == 0)
    {
        return double.NaN;
    }

    var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

static int CountMethods(IEnumerable<SyntaxTree> trees)
    => trees.Sum(t => t.GetRoot().DescendantNodes().Count(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax { Body: not null } or Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax { ExpressionBody: not null }));

static IEnumerable<MetadataReference> References()
{
    var framework = Net100.References.All.ToList();
    var frameworkNames = new HashSet<string>(framework.Select(r => Path.GetFileName(r.FilePath ?? "")), StringComparer.OrdinalIgnoreCase);
    var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
        .Where(p =>
        {
            var name = Path.GetFileName(p);
            return !frameworkNames.Contains(name)
                   && !name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                   && !name.StartsWith("PhiAnalyzers", StringComparison.Ordinal)
                   && !name.StartsWith("PhiGuard.Analyzers.Benchmarks", StringComparison.Ordinal)
                   && !name.StartsWith("Basic.Reference", StringComparison.Ordinal)
                   && !name.StartsWith("YamlDotNet", StringComparison.Ordinal);
        })
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    return framework.Cast<MetadataReference>().Concat(local);
}

internal sealed class FileText(string path) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
}

internal sealed class BenchOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    private readonly Options _global = new(values);

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
