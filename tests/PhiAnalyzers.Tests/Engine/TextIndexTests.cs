using Microsoft.CodeAnalysis;
using PhiAnalyzers.Engine;
using PhiAnalyzers.Tests.Robustness;
using Xunit;

namespace PhiAnalyzers.Tests.Engine;

/// <summary>
/// The hot-set index reads each tree's identifiers and syntax markers from its text (<see cref="BodyLexer"/>) and walks
/// nodes only in bodies that show a seed name. Read from the text, the index must note everything the node walk notes
/// (every token of every body, at the same positions; it may note more) and mark the same seeds. Each shape here is a
/// place where a lexer easily goes wrong: interpolation holes, raw and verbatim strings, comments and character
/// literals that look like code, initializers, top-level statements; and the trees it must give up on (a conditional
/// directive, a Unicode escape in a name), which are walked instead.
/// </summary>
public class TextIndexTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Extensions.Logging;
        using PhiGuard;

        public sealed class Patient
        {
            [Phi(PhiKind.Name)] public string Name { get; set; } = "";
            [Phi(PhiKind.Ssn)] public string Ssn { get; set; } = "";
            public string Ward { get; set; } = "";
        }

        public sealed class Holder : IEnumerable<string>
        {
            public string Value { get; set; } = "";
            public List<string> Items { get; } = new();
            public string this[int i] => Items[i];
            public void Add(string s) => Items.Add(s);
            public IEnumerator<string> GetEnumerator() => Items.GetEnumerator();
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            public void Deconstruct(out string a, out string b) { a = Value; b = ""; }
        }

        public static class Helper
        {
            public static string Format(string s) => s;
            public static string Tag { get; } = "";
        }

        """;

    public static TheoryData<string, string> Shapes => new()
    {
        {
            "interpolation holes, escaped braces and a format",
            """
            public static class Use { public static void Run(ILogger log, Patient p) => log.LogInformation($"{{x}} {p.Name} and {Helper.Format(p.Ssn),10:N2} {Helper.Tag}"); }
            """
        },
        {
            "verbatim interpolated strings, both prefixes, with doubled quotes",
            """"
            public static class Use
            {
                public static string A(Patient p) => $@"C:\{p.Name}\""x""";
                public static string B(Patient p) => @$"{p.Ward}""" + Helper.Format(p.Name);
            }
            """"
        },
        {
            "raw strings, interpolated with two dollars and plain, with quotes and braces inside",
            """"
            public static class Use
            {
                public static string A(Patient p) => $$"""{"name": "{{p.Name}}", "tag": {{Helper.Tag}} }""";
                public static string B(Patient p) => """a "quoted" {p.Name} "" text""" + Helper.Format(p.Ward);
                public static string C(Patient p) => $"""
                    line {p.Name}
                    "inner" {Helper.Tag}
                    """;
            }
            """"
        },
        {
            "an interpolation nested in a hole, with a conditional",
            """
            public static class Use { public static string Run(Patient? p) => $"{(p is null ? "none" : $"{p.Name}/{Helper.Tag}")} {p?.Ward}"; }
            """
        },
        {
            "comments and strings that look like each other",
            """
            public static class Use
            {
                public static string Run(Patient p)
                {
                    // it's an "odd" Name, with a /* in a line comment
                    var url = "http://example.com/*not a comment"; var n = p.Name;
                    /* a block with " and ' and Helper.Tag */ var w = p.Ward;
                    var path = @"C:\dir\" + Helper.Format(n); // a verbatim string that ends with a backslash
                    return url + n + w + path + "\"" + Helper.Tag + "\\";
                }
            }
            """
        },
        {
            "character literals with quotes, braces and escapes",
            """
            public static class Use
            {
                public static string Run(Patient p)
                {
                    var chars = new[] { '"', '\'', '\\', '{', '}', '\u0041', '\x41' };
                    return new string(chars) + p.Name + Helper.Tag;
                }
            }
            """
        },
        {
            "verbatim identifiers, keywords as names",
            """
            public sealed class Events { public string @event = ""; public string @class { get; set; } = ""; }
            public static class Use
            {
                public static string Run(Patient p, Events e)
                {
                    var @string = p.Name;
                    e.@event = @string;
                    e.@class = e.@event + Helper.Tag;
                    return e.@class;
                }
            }
            """
        },
        {
            "collection expressions, spreads, collection and object initializers",
            """
            public static class Use
            {
                public static List<string> Run(Patient p, List<string> others)
                {
                    List<string> xs = [p.Name, ..others, Helper.Tag];
                    var d = new Dictionary<string, string> { { "a", p.Name } };
                    var e = new Dictionary<string, string> { ["b"] = p.Ward };
                    var h = new Holder { Value = p.Name };
                    var g = new Holder() { "one", p.Ssn };
                    var nested = new List<List<string>> { new() { p.Name } };
                    Holder t = new() { p.Ward };
                    return xs.Concat(d.Values).Concat(e.Values).Append(h.Value).Concat(g.Items).Concat(nested[0]).Concat(t.Items).ToList();
                }
            }
            """
        },
        {
            "braces inside an interpolation hole: a property pattern, an anonymous object, a block lambda",
            """
            public static class Use
            {
                public static string Run(Patient p, List<Patient> ps)
                    => $"{(p is { Ward: "x" } ? p.Name : Helper.Tag)} {new { p.Ssn }.Ssn} {ps.Select(x => { return x.Name; }).First()} {Helper.Format(p.Ward)}";
            }
            """
        },
        {
            "a collection initializer whose first element is a lambda",
            """
            public static class Use { public static int Run(Patient p) { var rules = new List<Func<Patient, bool>> { x => x.Name != Helper.Tag }; return rules.Count; } }
            """
        },
        {
            "a cast applied to a collection expression",
            """
            public static class Use { public static IReadOnlyList<string> Run(Patient p) { var xs = (IReadOnlyList<string>)[p.Name, Helper.Tag]; return xs; } }
            """
        },
        {
            "a collection initializer of a member, nested in an object initializer",
            """
            public sealed class Bag { public Holder Items { get; } = new(); }
            public static class Use { public static Bag Run(Patient p) { var b = new Bag { Items = { p.Name, Helper.Tag } }; return b; } }
            """
        },
        {
            "a lambda with a block inside a creation's arguments, then its initializer",
            """
            public sealed class Runner : List<string>
            {
                public Runner(Action a) { a(); }
            }
            public static class Use
            {
                public static Runner Run(Patient p, ILogger log) => new Runner(() => { log.LogInformation(p.Name); }) { p.Ssn, Helper.Tag };
            }
            """
        },
        {
            "anonymous objects, whose members are declared by bare names",
            """
            public static class Use
            {
                public static void Run(Patient p, ILogger log)
                {
                    var a = new { p.Name, Other = 1, Label = Helper.Tag };
                    log.LogInformation(a.Name + a.Label + a.Other);
                }
            }
            """
        },
        {
            "deconstruction, patterns, foreach, indexers, ranges and await",
            """
            public static class Use
            {
                public static async System.Threading.Tasks.Task<string> Run(Patient p, Holder h, string[] names)
                {
                    var (a, b) = h;
                    (string c, string d) = h;
                    var text = p is { Name: var n } ? n : "";
                    var kind = p switch { { Ward: "x" } => 1, _ => 2 };
                    foreach (var s in h) { text += s; }
                    text += h[0] + names[1..^1].Length + names[^1];
                    await System.Threading.Tasks.Task.Yield();
                    return a + b + c + d + text + kind + Helper.Tag;
                }
            }
            """
        },
        {
            "numbers that look like names, generics and nullable arrays",
            """
            public static class Use
            {
                public static string Run(Patient p)
                {
                    var x = 1_000.5e3f + 0x1F + 10UL;
                    var y = 1.5m;
                    string?[] maybe = new string?[2];
                    int[,] grid = new int[2, 2];
                    List<List<string>>[] lists = new List<List<string>>[1];
                    maybe[0] = p.Name;
                    return maybe[0] + x + y + grid[0, 0] + lists.Length + Helper.Tag;
                }
            }
            """
        },
        {
            "directives that do not disable text",
            """
            #nullable enable
            public static class Use
            {
                #region Patient's data, with a quote
                public static string Run(Patient p)
                {
            #pragma warning disable CS0219
                    var unused = "x";
            #pragma warning restore CS0219
                    return p.Name + Helper.Tag;
                }
                #endregion
            }
            """
        },
        {
            "query syntax and fixed, using and lock statements",
            """
            public static class Use
            {
                public static string Run(Patient[] ps, ILogger log)
                {
                    var names = from p in ps where p.Ward != "" select p.Name;
                    using (var scope = log.BeginScope(Helper.Tag)) { }
                    lock (ps) { log.LogInformation(string.Join(",", names)); }
                    return Helper.Format(ps[0].Ssn);
                }
            }
            """
        },
    };

    private static (ISet<string> FromText, ISet<string> FromNodes, IReadOnlyList<string> TreesWalked) Indexes(Compilation compilation)
    {
        var world = PhiWorld.Get(compilation);
        Assert.NotNull(world);
        return QuietBodies.DescribeIndexes(world!, CancellationToken.None);
    }

    private static void AssertCovers((ISet<string> FromText, ISet<string> FromNodes, IReadOnlyList<string> TreesWalked) indexes)
    {
        var missing = indexes.FromNodes.Where(l => !indexes.FromText.Contains(l)).OrderBy(l => l, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "read from the text, the index misses: " + string.Join("; ", missing.Take(20)));
        var textSeeds = indexes.FromText.Where(l => l.StartsWith("seed ", StringComparison.Ordinal)).OrderBy(l => l, StringComparer.Ordinal);
        var nodeSeeds = indexes.FromNodes.Where(l => l.StartsWith("seed ", StringComparison.Ordinal)).OrderBy(l => l, StringComparer.Ordinal);
        Assert.Equal(nodeSeeds, textSeeds);
    }

    /// <summary>The prelude and one shape as /src/Shape.cs, compiled; a shape that does not compile fails the test.</summary>
    private static Compilation CompileShape(string code)
    {
        var compilation = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(Prelude + code, "/src/Shape.cs") });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_text_index_notes_everything_the_node_walk_notes(string shape, string code)
    {
        Assert.False(string.IsNullOrEmpty(shape));
        var compilation = CompileShape(code);
        var indexes = Indexes(compilation);
        Assert.Empty(indexes.TreesWalked); // read from the text, not walked
        AssertCovers(indexes);
        // The shape's own body names Helper.Tag or Helper.Format, and names a PHI member: both are noted.
        Assert.Contains(indexes.FromNodes, l => l.StartsWith("M:Use.", StringComparison.Ordinal) && (l.EndsWith(" Tag", StringComparison.Ordinal) || l.EndsWith(" Format", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_property_initializer_listed_before_its_accessors_leaves_them_their_tokens()
    {
        // The syntax lists the initializer (after the accessors in the text) first.
        const string code = """
            public sealed class Record
            {
                public string Name { get => field; set => field = Helper.Format(value); } = Helper.Tag;
            }
            """;
        var compilation = CompileShape(code);
        var indexes = Indexes(compilation);
        Assert.Empty(indexes.TreesWalked);
        AssertCovers(indexes);
        Assert.Contains(indexes.FromText, l => l.StartsWith("M:Record.set_Name", StringComparison.Ordinal) && l.EndsWith(" Format", StringComparison.Ordinal));
    }

    [Fact]
    public void Top_level_statements_are_one_body_that_holds_the_whole_file()
    {
        const string code = """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            var p = new Patient();
            ILogger log = null!;
            log.LogInformation($"{p.Name} {Helper.Tag}");

            public sealed class Patient { [Phi(PhiKind.Name)] public string Name { get; set; } = ""; }
            public static class Helper { public static string Tag => new Patient().Name; }
            """;
        var compilation = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(code, "/src/Program.cs") }, OutputKind.ConsoleApplication, "TopLevel");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var indexes = Indexes(compilation);
        Assert.Empty(indexes.TreesWalked);
        AssertCovers(indexes);
    }

    public static TheoryData<string, string> Unreadable => new()
    {
        {
            "a conditional directive (the text it disables is not code)",
            """
            public static class Use
            {
                public static string Run(Patient p)
                {
            #if NEVER_DEFINED
                    var s = @"an unterminated verbatim string, as disabled text may hold
            #endif
                    return p.Name + Helper.Tag;
                }
            }
            """
        },
        {
            "slashes in an interpolation's format clause (text the lexer would read as a comment)",
            """
            public static class Use { public static string Run(Patient p, DateTime d) { var s = $"{d:dd'//'MM}"; return s + p.Name + Helper.Tag; } }
            """
        },
        {
            "a Unicode escape in an identifier (its name is the unescaped one)",
            """
            public static class Use { public static string Run(Patient p) { var \u0061b = p.Name; return ab + Helper.Tag; } }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void A_tree_the_lexer_cannot_read_is_walked_node_by_node(string shape, string code)
    {
        Assert.False(string.IsNullOrEmpty(shape));
        var compilation = CompileShape(code);
        var indexes = Indexes(compilation);
        Assert.Equal(new[] { "/src/Shape.cs" }, indexes.TreesWalked);
        Assert.Equal(indexes.FromNodes.OrderBy(l => l, StringComparer.Ordinal), indexes.FromText.OrderBy(l => l, StringComparer.Ordinal));
    }

    [Fact]
    public void The_robustness_corpus_is_indexed_from_its_text_as_the_node_walk_indexes_it()
    {
        var trees = NoCrashTests.CorpusNames.Select(n => AllAnalyzers.Parse(NoCrashTests.ReadCorpus(n), "/project/Corpus/" + n));
        AssertCovers(Indexes(AllAnalyzers.Compile(trees, OutputKind.ConsoleApplication, "CorpusAll")));
    }

    [Fact]
    public void The_labelled_cases_are_indexed_from_their_text_as_the_node_walk_indexes_them()
    {
        var root = RuleDocsRoot();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "tests", "phi-cases")).OrderBy(d => d, StringComparer.Ordinal))
        {
            var trees = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => AllAnalyzers.Parse(File.ReadAllText(f), f));
            var indexes = Indexes(AllAnalyzers.Compile(trees));
            AssertCovers(indexes);
        }
    }

    private static string RuleDocsRoot() => PhiAnalyzers.Tests.Docs.RuleDocsTests.RepositoryRoot;
}
