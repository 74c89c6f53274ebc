using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiLogAnalyzer>;

namespace PhiAnalyzers.Tests.Engine;

/// <summary>
/// The quiet-body pre-filter (<c>Engine/QuietBodies</c>) skips the dataflow of bodies that cannot hold PHI. Each case
/// here reports in a body that touches no PHI of its own (no <c>[Phi]</c> parameter or member in it): the PHI reaches
/// it only through a member written elsewhere, a constructor, a collection, a setter or a call chain. If the filter
/// wrongly called such a body quiet, the finding would vanish. Every case has a twin in which the same shape carries
/// no PHI and must stay silent.
/// </summary>
public class QuietBodiesTests
{
    internal const string Prelude = """
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.Logging;
        using PhiGuard;

        public sealed class Patient
        {
            [Phi(PhiKind.Name)] public string Name { get; set; } = "";
            public string Ward { get; set; } = "";
        }

        """;

    private static Task Check(string code, bool expectFinding)
    {
        var source = Prelude + code;
        return expectFinding ? V.AnalyzerAsync(source, V.Finding("PHI001").WithLocation(0)) : V.AnalyzerAsync(source);
    }

    public static TheoryData<string, string> Shapes => new()
    {
        {
            "a field written by a method that a hot caller hands the PHI, read by another method",
            """
            public sealed class Holder
            {
                private string _last = "";
                public void Remember(string text) => _last = text;
                public void Dump(ILogger log) => {|#0:log.LogInformation(_last)|};
            }
            public static class Use { public static void Run(Holder h, Patient p) => h.Remember(p.VALUE); }
            """
        },
        {
            "a call chain of plain methods passing a parameter on until one stores it",
            """
            public sealed class Holder
            {
                private string _last = "";
                public void A(string s) => B(s + "!");
                private void B(string s) => C(s);
                private void C(string s) { _last = s; }
                public void Dump(ILogger log) { {|#0:log.LogInformation(_last)|}; }
            }
            public static class Use { public static void Run(Holder h, Patient p) => h.A(p.VALUE); }
            """
        },
        {
            "a positional record created with PHI, its property logged elsewhere",
            """
            public sealed record Note(string Text);
            public static class Use
            {
                public static Note Make(Patient p) => new Note(p.VALUE);
                public static void Dump(ILogger log, Note n) => {|#0:log.LogInformation(n.Text)|};
            }
            """
        },
        {
            "a captured primary-constructor parameter",
            """
            public sealed class Greeter(string name)
            {
                public void Greet(ILogger log) => {|#0:log.LogInformation("Hello " + name)|};
            }
            public static class Use { public static Greeter Make(Patient p) => new Greeter(p.VALUE); }
            """
        },
        {
            "a collection field filled by Add, read by another method",
            """
            public sealed class Queue
            {
                private readonly List<string> _items = new();
                public void Push(Patient p) => _items.Add(p.VALUE);
                public void Dump(ILogger log) { foreach (var i in _items) { {|#0:log.LogInformation(i)|}; } }
            }
            """
        },
        {
            "a member of a member written through its receiver",
            """
            public sealed class Box { public string Value { get; set; } = ""; }
            public sealed class Outer
            {
                public Box Inner { get; } = new();
                public void Fill(Patient p) { Inner.Value = p.VALUE; }
                public void Dump(ILogger log) => {|#0:log.LogInformation(Inner.Value)|};
            }
            """
        },
        {
            "a property setter with a body that stores into a field",
            """
            public sealed class Card
            {
                private string _label = "";
                public string Label { get => _label; set { _label = value.Trim(); } }
                public void Dump(ILogger log) => {|#0:log.LogInformation(_label)|};
            }
            public static class Use { public static void Fill(Card c, Patient p) => c.Label = p.VALUE; }
            """
        },
        {
            "a field filled through an out argument by a method that reads PHI",
            """
            public sealed class Slot
            {
                private string _kept = "";
                private static void Read(Patient p, out string s) => s = p.VALUE;
                public void Load(Patient p) => Read(p, out _kept);
                public void Dump(ILogger log) => {|#0:log.LogInformation(_kept)|};
            }
            """
        },
        {
            "a plain method whose return value comes from a PHI field",
            """
            public sealed class Cache
            {
                private static string s_last = "";
                public static void Put(Patient p) => s_last = p.VALUE;
                private static string Peek() => s_last;
                public static string Describe() => "last: " + Peek();
                public static void Dump(ILogger log) => {|#0:log.LogInformation(Describe())|};
            }
            """
        },
        {
            "a field initializer of another object that reads a static PHI field",
            """
            public static class Source { public static string Current = ""; public static void Set(Patient p) => Current = p.VALUE; }
            public sealed class Reader
            {
                private readonly string _snapshot = Source.Current;
                public void Dump(ILogger log) => {|#0:log.LogInformation(_snapshot)|};
            }
            """
        },
        {
            "a deconstruction into fields",
            """
            public sealed class Pair
            {
                private string _a = "", _b = "";
                public void Set(Patient p) => (_a, _b) = (p.VALUE, "x");
                public void Dump(ILogger log) => {|#0:log.LogInformation(_a)|};
            }
            """
        },
        {
            "an array element written in one method, read in another",
            """
            public sealed class Ring
            {
                private readonly string[] _slots = new string[4];
                public void Put(Patient p) => _slots[0] = p.VALUE;
                public void Dump(ILogger log) => {|#0:log.LogInformation(_slots[0])|};
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task Phi_reaching_a_body_only_from_elsewhere_is_reported(string shape, string code)
    {
        _ = shape;
        return Check(code.Replace("VALUE", "Name", StringComparison.Ordinal), expectFinding: true);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task The_same_shape_without_phi_is_silent(string shape, string code)
    {
        _ = shape;
        var clean = code.Replace("VALUE", "Ward", StringComparison.Ordinal).Replace("{|#0:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);
        return Check(clean, expectFinding: false);
    }
}
