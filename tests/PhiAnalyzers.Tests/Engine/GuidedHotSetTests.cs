using Microsoft.CodeAnalysis;
using PhiAnalyzers.Engine;
using PhiAnalyzers.Tests.Robustness;
using Xunit;

namespace PhiAnalyzers.Tests.Engine;

/// <summary>
/// The hot set binds only the bodies that syntax says it may need (a body that names something PHI-related, or
/// shows the name or the marker of a hot member or method). Here the guided build must find exactly what a build
/// that walks every body finds: on the robustness corpus, on the labelled PHI cases, on the quiet-body shapes, and on
/// shapes where PHI moves through a use that names nothing (an indexer, a deconstruction, a <c>foreach</c>, a
/// conversion, a target-typed <c>new()</c>, a using alias). Each of the last also checks that the body reached that
/// way is hot, so a guided build that missed it would fail here even if the rules stayed silent.
/// </summary>
public class GuidedHotSetTests
{
    private static (string Guided, string Exhaustive) Builds(Compilation compilation)
    {
        var world = PhiWorld.Get(compilation);
        Assert.NotNull(world);
        return QuietBodies.DescribeBuilds(world!, CancellationToken.None);
    }

    private static string Check(params string[] sources)
    {
        var compilation = AllAnalyzers.Compile(sources.Select((s, i) => AllAnalyzers.Parse(s, "/src/File" + i + ".cs")));
        var (guided, exhaustive) = Builds(compilation);
        Assert.Equal(exhaustive, guided);
        return guided;
    }

    [Fact]
    public void The_robustness_corpus_gets_the_same_hot_set()
    {
        var trees = NoCrashTests.CorpusNames.Select(n => AllAnalyzers.Parse(NoCrashTests.ReadCorpus(n), "/project/Corpus/" + n));
        var (guided, exhaustive) = Builds(AllAnalyzers.Compile(trees, OutputKind.ConsoleApplication, "CorpusAll"));
        Assert.Equal(exhaustive, guided);
        Assert.Contains("hot ", guided, StringComparison.Ordinal);
    }

    public static TheoryData<string> PhiCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepositoryRoot(), "tests", "phi-cases")).OrderBy(d => d, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    /// <summary>The SDK's implicit usings, as the labelled cases are built with them.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Theory]
    [MemberData(nameof(PhiCases))]
    public void A_labelled_case_gets_the_same_hot_set(string name)
    {
        var dir = Path.Combine(RepositoryRoot(), "tests", "phi-cases", name);
        var trees = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => AllAnalyzers.Parse(File.ReadAllText(f), f))
            .Append(AllAnalyzers.Parse(ImplicitUsings, "/src/GlobalUsings.g.cs"));
        var compilation = AllAnalyzers.Compile(trees);
        // The cases compile (a [LoggerMessage] partial lacks the generator's half here: CS8795).
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795"));
        var (guided, exhaustive) = Builds(compilation);
        Assert.Equal(exhaustive, guided);
    }

    [Theory]
    [MemberData(nameof(QuietBodiesTests.Shapes), MemberType = typeof(QuietBodiesTests))]
    public void A_quiet_body_shape_gets_the_same_hot_set(string shape, string code)
    {
        Assert.False(string.IsNullOrEmpty(shape));
        var clean = code.Replace("VALUE", "Name", StringComparison.Ordinal).Replace("{|#0:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);
        var guided = Check(QuietBodiesTests.Prelude + clean);
        Assert.Contains("hot ", guided, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> NamelessUses => new()
    {
        {
            "an indexer's getter, reached by element access",
            """
            public sealed class Registry
            {
                private readonly Dictionary<int, string> _names = new();
                public string this[int id] { get => _names[id]; set => _names[id] = value; }
            }
            public static class Fill { public static void Run(Registry r, Patient p) => r[1] = p.Name; }
            public static class Show { public static void Dump(Registry r, ILogger log) { var text = r[1]; log.LogInformation(text); } }
            """,
            "hot M:Show.Dump("
        },
        {
            "a Deconstruct, reached by a deconstruction",
            """
            public sealed class Pair
            {
                private string _a = "";
                public void Set(Patient p) => _a = p.Name;
                public void Deconstruct(out string a, out string b) { a = _a; b = ""; }
            }
            public static class Show { public static void Dump(Pair x, ILogger log) { var (a, b) = x; log.LogInformation(a + b); } }
            """,
            "hot M:Show.Dump("
        },
        {
            "a GetEnumerator, reached by foreach",
            """
            public sealed class Box
            {
                private string _v = "";
                public void Put(Patient p) => _v = p.Name;
                public IEnumerator<string> GetEnumerator() { yield return _v; }
            }
            public static class Show { public static void Dump(Box box, ILogger log) { foreach (var s in box) { log.LogInformation(s); } } }
            """,
            "hot M:Show.Dump("
        },
        {
            "a user-defined conversion, reached by an assignment",
            """
            public sealed class Tag
            {
                private string _v = "";
                public void Put(Patient p) => _v = p.Name;
                public static implicit operator string(Tag t) => t._v;
            }
            public static class Show { public static void Dump(Tag tag, ILogger log) { string s = tag; log.LogInformation(s); } }
            """,
            "hot M:Show.Dump("
        },
        {
            "a constructor, reached by a target-typed new()",
            """
            public static class Store { public static string Last = ""; public static void Keep(Patient p) => Last = p.Name; }
            public sealed class Holder { public string V; public Holder() { V = Store.Last; } }
            public static class Show
            {
                public static void Dump(ILogger log) => Keep(new());
                private static void Keep(Holder h) { }
            }
            """,
            "hot M:Show.Dump("
        },
        {
            "a constructor, reached through a using alias",
            """
            public static class Store { public static string Last = ""; public static void Keep(Patient p) => Last = p.Name; }
            public sealed class Holder { public string V; public Holder() { V = Store.Last; } }
            """,
            "hot M:Show.Dump("
        },
        {
            "a base constructor, reached by an implicit base() call",
            """
            public static class Store { public static string Last = ""; public static void Keep(Patient p) => Last = p.Name; }
            public class Base { protected string V; public Base() { V = Store.Last; } }
            public sealed class Derived : Base { public Derived() { } }
            """,
            "hot M:Derived.#ctor"
        },
        {
            "a primary constructor's captured parameter, read by a bare name",
            """
            public sealed class Greeter(Patient patient)
            {
                public void Greet(ILogger log) => Show(log, patient);
                private static void Show(ILogger log, object value) => log.LogInformation("{V}", value);
            }
            """,
            "hot M:Greeter.Greet("
        },
        {
            "a member named like a PHI member of another type, read on a typed field",
            """
            public sealed class Holder { public string Name { get; set; } = ""; }
            public sealed class Other
            {
                private readonly Holder _holder = new();
                private readonly Patient _patient = new();
                public string Plain() => _holder.Name;
                public string Marked() => _patient.Name;
            }
            """,
            "hot M:Other.Marked"
        },
        {
            "an anonymous type's member, written and read in the body that declares it",
            """
            public static class Show
            {
                public static void Send(ILogger log, string name) { var o = new { name, Kind = 1 }; log.LogInformation(o.name); }
                public static void Run(ILogger log, Patient p) => Send(log, p.Name);
            }
            """,
            "hot M:Show.Send("
        },
        {
            "a body whose only PHI is its signature's return type",
            """
            public static class Make { public static Patient Blank() { Patient p = new(); return p; } public static Patient Other() => new(); }
            """,
            "hot M:Make.Other"
        },
    };

    [Theory]
    [MemberData(nameof(NamelessUses))]
    public void PHI_through_a_nameless_use_reaches_the_same_bodies(string shape, string code, string expected)
    {
        Assert.False(string.IsNullOrEmpty(shape));
        var sources = new List<string> { QuietBodiesTests.Prelude + code };
        if (shape.Contains("alias", StringComparison.Ordinal))
        {
            sources.Add("""
                using Microsoft.Extensions.Logging;
                using H = Holder;
                public static class Show { public static void Dump(ILogger log) => Keep(new H()); private static void Keep(H h) { } }
                """);
        }

        var guided = Check(sources.ToArray());
        Assert.Contains(expected, guided, StringComparison.Ordinal);
    }

    /// <summary>
    /// Where a seed name (here <c>Add</c>, which <c>Roster.Add(Patient)</c> makes one, or <c>Note</c>, which
    /// <c>IRoster.Note(Patient)</c> does) is used on a receiver whose type the
    /// syntax shows, the scan resolves that type from declarations and dismisses the use when no member of that name
    /// there involves PHI; the body is then no seed and is not bound to find out. A receiver whose type does not show
    /// stays a seed. A class's members are those of it and its base classes (as C#'s member lookup has them: not its
    /// interfaces', whose PHI member it may implement explicitly); an interface's include its base interfaces'. Either
    /// way the guided build equals the exhaustive one.
    /// </summary>
    public static TheoryData<string, string, bool> SeedReceivers => new()
    {
        { "a local made by new", "var items = new List<string>(); items.Add(\"x\");", false },
        { "a local of a declared type", "List<string> items = new(); items.Add(\"x\");", false },
        { "a local cast to a type", "var items = (List<string>)Make(); items.Add(\"x\");", false },
        { "a local made by new, of PHI", "var items = new List<Patient>(); items.Add(new Patient());", true },
        { "a local whose type needs binding", "var items = Make(); ((List<string>)items).Add(\"x\"); var other = Make2(); other.Add(\"x\");", true },
        { "a local declared twice with different types", "{ var items = new List<string>(); items.Add(\"x\"); } { var items = new Roster(); items.Add(new Patient()); }", true },
        { "a local declared twice with the same type", "{ var items = new List<string>(); items.Add(\"x\"); } { var items = new List<string>(); items.Add(\"y\"); }", false },
        { "a typed lambda parameter", "Action<List<string>> f = (List<string> items) => items.Add(\"x\"); f(new());", false },
        { "an untyped lambda parameter", "Action<List<string>> f = items => items.Add(\"x\"); f(new());", true },
        { "a foreach variable of a declared type", "foreach (List<string> items in new List<List<string>>()) { items.Add(\"x\"); }", false },
        { "a pattern variable", "if (Make() is List<string> items) { items.Add(\"x\"); }", false },
        { "a captured primary-constructor parameter", "list.Add(\"x\");", false },
        { "a captured primary-constructor parameter of dynamic type", "any.Add(\"x\");", true },
        { "a verbatim local", "var @items = new List<string>(); @items.Add(\"x\"); items.Add(\"y\");", false },
        { "a verbatim local of PHI", "var @items = new List<Patient>(); items.Add(new Patient());", true },
        { "a local whose name is part of longer names", "var myitems = new List<int>(); var items2 = new List<int>(); List<string> items = new(); items.Add(\"x\");", false },
        { "a local spelled in a comment and a string first", "/* var items = new Roster(); */ var s = \"items = new Roster()\"; var items = new List<string>(); items.Add(s);", false },
        { "a field of a class that implements a PHI interface member explicitly", "_tally.Note(\"x\");", false },
        { "a field of an interface whose member involves PHI", "_roster.Note(null!);", true },
        { "a field of an interface that inherits a member that involves PHI", "_big.Note(null!);", true },
        { "a local function's type parameter", "void Local<T>() where T : List<string>, new() { T items = new(); items.Add(\"x\"); } Local<List<string>>();", true },
    };

    [Theory]
    [MemberData(nameof(SeedReceivers))]
    public void A_seed_name_on_a_receiver_of_known_type_is_dismissed(string shape, string statements, bool seed)
    {
        Assert.False(string.IsNullOrEmpty(shape));
        var code = QuietBodiesTests.Prelude + """
            public sealed class Roster
            {
                private readonly List<Patient> _patients = new();
                public void Add(Patient patient) => _patients.Add(patient);
            }

            public interface IRoster { void Note(Patient patient); }

            public interface IBigRoster : IRoster { }

            public sealed class Big : IBigRoster { public void Note(Patient patient) { } }

            public sealed class Tally : IRoster
            {
                void IRoster.Note(Patient patient) { }
                public void Note(string label) { }
            }

            public sealed class Worker(List<string> list, dynamic any)
            {
                private readonly Tally _tally = new();
                private readonly IRoster _roster = new Tally();
                private readonly IBigRoster _big = new Big();

                public void Run()
                {
                    STATEMENTS
                }

                private static object Make() => new List<string>();

                private static List<string> Make2() => new();
            }
            """.Replace("STATEMENTS", statements, StringComparison.Ordinal);
        var compilation = AllAnalyzers.Compile(new[] { AllAnalyzers.Parse(code, "/src/File0.cs") });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var world = PhiWorld.Get(compilation)!;
        var seeds = QuietBodies.DescribeSeeds(world, CancellationToken.None);
        Assert.Equal(seed, seeds.Contains("M:Worker.Run", StringComparer.Ordinal));
        Assert.Contains("M:Roster.Add(Patient)", seeds);
        var (guided, exhaustive) = Builds(compilation);
        Assert.Equal(exhaustive, guided);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PhiAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No folder above " + AppContext.BaseDirectory + " contains PhiAnalyzers.sln");
    }
}
