using Microsoft.CodeAnalysis;
using PhiAnalyzers.Tests.Robustness;
using Xunit;

namespace PhiAnalyzers.Tests.Engine;

/// <summary>
/// The hot set's per-tree facts are reused by a later compilation that shares the tree (an IDE edit makes a new
/// compilation with one tree replaced). These cases edit one tree, keep the other tree object as it is, and check
/// that the findings are those of a fresh analysis: a body edit in one tree, and a declaration edit in one tree that
/// changes how the unchanged tree must be seen.
/// </summary>
public class HotSetReuseTests
{
    private const string Model = """
        using PhiGuard;
        public static class Registry
        {
            [Phi(PhiKind.Name)] public static string PatientName() => "n";
            public static string WardName() => "w";
        }
        public sealed class Dto { public string Label { get; set; } = ""; }
        """;

    private const string Writer = """
        public static class Fill
        {
            public static void Run(Dto dto) { dto.Label = Registry.WardName(); }
        }
        """;

    private const string Reader = """
        using Microsoft.Extensions.Logging;
        public static class Show
        {
            public static void Run(ILogger log, Dto dto) { log.LogInformation(dto.Label); }
        }
        """;

    private static async Task<string[]> FindingsAsync(Compilation compilation)
    {
        var run = await AllAnalyzers.RunAsync(compilation);
        Assert.True(run.Failures.IsEmpty, run.DescribeFailures());
        return run.PhiDiagnostics
            .Where(d => d.Id == "PHI001")
            .Select(d => Path.GetFileName(d.Location.SourceTree!.FilePath) + ":" + (d.Location.GetLineSpan().StartLinePosition.Line + 1))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();
    }

    [Fact]
    public async Task A_body_edit_that_writes_phi_makes_the_unchanged_reader_report()
    {
        var model = AllAnalyzers.Parse(Model, "Model.cs");
        var writer = AllAnalyzers.Parse(Writer, "Writer.cs");
        var reader = AllAnalyzers.Parse(Reader, "Reader.cs");
        var before = AllAnalyzers.Compile(new[] { model, writer, reader });
        Assert.Empty(await FindingsAsync(before));

        // Only a method body changes (WardName -> PatientName): the reader's tree and its facts are reused as they are.
        var edited = AllAnalyzers.Parse(Writer.Replace("WardName", "PatientName", StringComparison.Ordinal), "Writer.cs");
        var after = before.ReplaceSyntaxTree(writer, edited);
        var fresh = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(Model, "Model.cs"), AllAnalyzers.Parse(edited.ToString(), "Writer.cs"), AllAnalyzers.Parse(Reader, "Reader.cs") });

        var expected = await FindingsAsync(fresh);
        Assert.Equal(new[] { "Reader.cs:4" }, expected);
        Assert.Equal(expected, await FindingsAsync(after));
    }

    [Fact]
    public async Task A_declaration_edit_in_another_tree_is_seen_by_the_unchanged_trees()
    {
        var model = AllAnalyzers.Parse(Model, "Model.cs");
        var writer = AllAnalyzers.Parse(Writer, "Writer.cs");
        var reader = AllAnalyzers.Parse(Reader, "Reader.cs");
        var before = AllAnalyzers.Compile(new[] { model, writer, reader });
        Assert.Empty(await FindingsAsync(before));

        // WardName becomes [Phi]: no body changes, yet the writer's unchanged body now writes PHI.
        var marked = AllAnalyzers.Parse(Model.Replace("public static string WardName", "[Phi(PhiKind.Geographic)] public static string WardName", StringComparison.Ordinal), "Model.cs");
        var after = before.ReplaceSyntaxTree(model, marked);
        Assert.Equal(new[] { "Reader.cs:4" }, await FindingsAsync(after));

        // And back: the same trees as the first compilation again, silent again.
        var back = after.ReplaceSyntaxTree(marked, model);
        Assert.Empty(await FindingsAsync(back));
    }

    [Fact]
    public async Task Options_whose_resolvers_do_not_hash_are_no_crash()
    {
        // csc's compilation options hold resolvers whose GetHashCode throws NotImplementedException; the stamp
        // once hashed the options whole and every flow rule failed with AD0001 in real builds.
        var compilation = AllAnalyzers.Compile(new[]
        {
            AllAnalyzers.Parse(Model, "Model.cs"),
            AllAnalyzers.Parse(Writer.Replace("WardName", "PatientName", StringComparison.Ordinal), "Writer.cs"),
            AllAnalyzers.Parse(Reader, "Reader.cs"),
        });
        compilation = compilation.WithOptions(compilation.Options.WithXmlReferenceResolver(new UnhashableResolver()));
        Assert.Throws<NotImplementedException>(() => compilation.Options.GetHashCode());
        Assert.Equal(new[] { "Reader.cs:4" }, await FindingsAsync(compilation));
    }

    [Fact]
    public void A_stamp_does_not_keep_its_compilation_alive()
    {
        // The last seed names and the trees' indexes are statics that hold their stamps; a stamp that held its
        // compilation would keep a whole compilation in the compiler server's or the IDE's memory.
        var (stamp, compilation) = StampOfDroppedCompilation(Model);
        Collect();
        Assert.False(compilation.TryGetTarget(out _), "the compilation was not collected");
        GC.KeepAlive(stamp);
    }

    [Fact]
    public void A_stamp_whose_compilation_is_gone_unhashed_compares_as_changed()
    {
        var (dropped, compilation) = StampOfDroppedCompilation(Model);
        Collect();
        Assert.False(compilation.TryGetTarget(out _), "the compilation was not collected");

        // The same declarations in two live compilations stamp the same; the gone one cannot say, so it is "changed".
        var first = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(Model, "Model.cs") });
        var second = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(Model, "Model.cs") });
        var live = PhiAnalyzers.Engine.QuietBodies.DeclarationStampOf.Of(first);
        Assert.True(live.SameAs(PhiAnalyzers.Engine.QuietBodies.DeclarationStampOf.Of(second)));
        Assert.False(dropped.SameAs(live));
        Assert.False(live.SameAs(dropped));
        Assert.True(dropped.SameAs(dropped));
    }

    [Fact]
    public async Task Trees_indexed_under_a_collected_compilation_are_indexed_again()
    {
        var model = AllAnalyzers.Parse(Model, "Model.cs");
        var writer = AllAnalyzers.Parse(Writer, "Writer.cs");
        var reader = AllAnalyzers.Parse(Reader, "Reader.cs");
        var marked = AllAnalyzers.Parse(Model.Replace("public static string WardName", "[Phi(PhiKind.Geographic)] public static string WardName", StringComparison.Ordinal), "Model.cs");

        // The first compilation indexes the writer and the reader, then goes away before anything compared its stamp.
        var gone = await AnalyzeAndDropAsync(new[] { model, writer, reader });
        Collect();
        Assert.False(gone.TryGetTarget(out _), "the compilation was not collected");

        // The same writer and reader trees under a declaration that makes the writer's body write PHI.
        Assert.Equal(new[] { "Reader.cs:4" }, await FindingsAsync(AllAnalyzers.Compile(new[] { marked, writer, reader })));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (PhiAnalyzers.Engine.QuietBodies.DeclarationStampOf Stamp, WeakReference<Compilation> Compilation) StampOfDroppedCompilation(string source)
    {
        var compilation = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(source, "Model.cs") });
        return (PhiAnalyzers.Engine.QuietBodies.DeclarationStampOf.Of(compilation), new WeakReference<Compilation>(compilation));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference<Compilation>> AnalyzeAndDropAsync(SyntaxTree[] trees)
    {
        var compilation = AllAnalyzers.Compile(trees);
        Assert.Empty(await FindingsAsync(compilation));
        return new WeakReference<Compilation>(compilation);
    }

    private static void Collect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private sealed class UnhashableResolver : XmlReferenceResolver
    {
        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => throw new NotImplementedException();

        public override Stream OpenRead(string resolvedPath) => throw new FileNotFoundException(resolvedPath);

        public override string? ResolveReference(string path, string? baseFilePath) => null;
    }
}
