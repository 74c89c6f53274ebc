using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiLogAnalyzer>;

namespace PhiAnalyzers.Tests.Engine;

/// <summary>
/// How the engine follows PHI, observed through the log rule. Every bullet of the propagation list has a
/// positive case (the sink is reported) and its negative twin (the same shape without PHI: silence).
/// </summary>
public class PropagationTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using PhiGuard;

        public sealed class Patient
        {
            [NotPhi] public int Id { get; set; }
            [Phi(PhiKind.Name)] public string Name { get; set; } = "";
            [Phi(PhiKind.Ssn)] public string Ssn { get; set; } = "";
            [Phi(PhiKind.Date)] public DateTime BirthDate { get; set; }
            public string Ward { get; set; } = "";
            [Phi(PhiKind.Geographic)] public Address? Home { get; set; }
            public Address? Office { get; set; }
            public string FullLabel => Name + " (" + Ward + ")";
            public string WardLabel => "Ward " + Ward;
        }

        public sealed class Address
        {
            public string City { get; set; } = "";
            [NotPhi] public int Rooms { get; set; }
        }

        [Phi(PhiKind.LabResult)]
        public sealed class Lab
        {
            public string Code { get; set; } = "";
            [NotPhi] public int Sequence { get; set; }
        }

        public sealed class Plain
        {
            public string Text { get; set; } = "";
            public int Number { get; set; }
        }

        """;

    /// <summary>Wraps a method body in a class with a logger and a tokenizer; {|#0:...|} marks the expected finding.</summary>
    private static Task Body(string body, bool expectFinding, string members = "")
    {
        var source = Prelude + $$"""
            public sealed class Subject(ILogger<Subject> log, IPhiTokenizer tokenizer)
            {
                {{members}}
                public async Task Run(Patient p, Plain plain, Lab lab, List<Patient> patients)
                {
                    await Task.Yield();
                    {{body}}
                }
            }
            """;
        return expectFinding
            ? V.AnalyzerAsync(source, V.Finding("PHI001").WithLocation(0))
            : V.AnalyzerAsync(source);
    }

    [Theory]
    // locals and reassignment
    [InlineData("var s = p.Name; {|#0:log.LogInformation(s)|};", true)]
    [InlineData("var s = p.Ward; log.LogInformation(s);", false)]
    [InlineData("var s = p.Name; s = \"hidden\"; log.LogInformation(s);", false)]
    [InlineData("var s = \"x\"; s = p.Ssn; {|#0:log.LogInformation(s)|};", true)]
    // a member assigned a value with control flow of its own (the compiler spills the target first)
    [InlineData("plain.Text = p.Ward.Length > 0 ? p.Name : \"\"; {|#0:log.LogInformation(plain.Text)|};", true)]
    [InlineData("plain.Text = p.Ward.Length > 0 ? p.Ward : \"\"; log.LogInformation(plain.Text);", false)]
    [InlineData("plain.Text = p.Ssn ?? \"\"; {|#0:log.LogInformation(\"{@P}\", plain)|};", true)]
    [InlineData("plain.Text = p.Ward ?? \"\"; log.LogInformation(\"{@P}\", plain);", false)]
    // values assigned in a finally reach the code after the try statement
    [InlineData("var s = \"x\"; try { s = \"y\"; } finally { s = p.Name; } {|#0:log.LogInformation(s)|};", true)]
    [InlineData("var s = \"x\"; try { s = p.Name; } finally { s = p.Ward; } log.LogInformation(s);", false)]
    [InlineData("var s = \"x\"; try { s = p.Ssn; } finally { plain.Number++; } {|#0:log.LogInformation(s)|};", true)]
    [InlineData("var s = p.Name; try { s = PhiRedaction.Redact(s)!; } finally { plain.Number++; } log.LogInformation(s);", false)]
    [InlineData("var s = p.Name; using (var scope = log.BeginScope(\"clean\")) { s = \"clean\"; } log.LogInformation(s);", false)]
    // concatenation and interpolation
    [InlineData("{|#0:log.LogInformation(\"n=\" + p.Name)|};", true)]
    [InlineData("log.LogInformation(\"n=\" + p.Ward);", false)]
    [InlineData("{|#0:log.LogInformation($\"n={p.Name,-10}\")|};", true)]
    [InlineData("{|#0:log.LogInformation($\"born {p.BirthDate:yyyy-MM-dd}\")|};", true)]
    [InlineData("log.LogInformation($\"id={p.Id:D5}\");", false)]
    // string.Format / Join / Concat
    [InlineData("{|#0:log.LogInformation(string.Format(\"{0}\", p.Ssn))|};", true)]
    [InlineData("log.LogInformation(string.Format(\"{0}\", p.Id));", false)]
    [InlineData("{|#0:log.LogInformation(string.Join(\",\", new[] { p.Name, \"x\" }))|};", true)]
    [InlineData("log.LogInformation(string.Join(\",\", new[] { p.Ward, \"x\" }));", false)]
    [InlineData("{|#0:log.LogInformation(string.Concat(\"a\", p.Name))|};", true)]
    [InlineData("log.LogInformation(string.Concat(\"a\", p.Ward));", false)]
    // StringBuilder
    [InlineData("var sb = new StringBuilder(); sb.Append(\"a\").Append(p.Name); {|#0:log.LogInformation(sb.ToString())|};", true)]
    [InlineData("var sb = new StringBuilder(); sb.Append(\"a\").Append(p.Ward); log.LogInformation(sb.ToString());", false)]
    [InlineData("var sb = new StringBuilder(); sb.AppendLine(p.Ssn); {|#0:log.LogInformation(sb.ToString())|};", true)]
    // interpolated strings given to a handler parameter (StringBuilder.Append($"..."), Debug.WriteLineIf(c, $"..."))
    [InlineData("var sb = new StringBuilder(); sb.AppendLine($\"{p.Id},{p.Name}\"); {|#0:log.LogInformation(sb.ToString())|};", true)]
    [InlineData("var sb = new StringBuilder(); sb.AppendLine($\"{p.Id},{p.Ward}\"); log.LogInformation(sb.ToString());", false)]
    [InlineData("var sb = new StringBuilder(); foreach (var x in patients) { sb.Append($\"row {x.Ssn};\"); } {|#0:log.LogInformation(sb.ToString())|};", true)]
    [InlineData("var sb = new StringBuilder(); foreach (var x in patients) { sb.Append($\"row {x.Id};\"); } log.LogInformation(sb.ToString());", false)]
    [InlineData("var sb = new StringBuilder(); sb.Append($\"p={p}\"); {|#0:log.LogInformation(sb.ToString())|};", true)]
    [InlineData("var sb = new StringBuilder(); sb.Append($\"p={plain}\"); log.LogInformation(sb.ToString());", false)]
    // a part of a value marked [Phi] as a whole is PHI
    [InlineData("{|#0:log.LogInformation(p.Home!.City)|};", true)]
    [InlineData("{|#0:log.LogInformation(p.Home?.City ?? \"\")|};", true)]
    [InlineData("log.LogInformation(p.Office?.City ?? \"\");", false)]
    [InlineData("log.LogInformation(\"{R}\", p.Home!.Rooms);", false)]
    // string methods
    [InlineData("{|#0:log.LogInformation(p.Name.ToUpper().Trim().Substring(1).Replace(\"a\", \"b\").PadLeft(20))|};", true)]
    [InlineData("log.LogInformation(p.Ward.ToUpper().Trim().Substring(1).Replace(\"a\", \"b\").PadLeft(20));", false)]
    [InlineData("var parts = p.Name.Split(' '); {|#0:log.LogInformation(parts[0])|};", true)]
    [InlineData("var parts = p.Ward.Split(' '); log.LogInformation(parts[0]);", false)]
    // ToString on PHI
    [InlineData("{|#0:log.LogInformation(p.BirthDate.ToString())|};", true)]
    [InlineData("log.LogInformation(p.Id.ToString());", false)]
    // conditional, null-coalescing, null-conditional, switch expression
    [InlineData("var s = plain.Number > 0 ? p.Name : \"none\"; {|#0:log.LogInformation(s)|};", true)]
    [InlineData("var s = plain.Number > 0 ? p.Ward : \"none\"; log.LogInformation(s);", false)]
    [InlineData("string? maybe = plain.Number > 0 ? null : p.Ssn; {|#0:log.LogInformation(maybe ?? \"-\")|};", true)]
    [InlineData("string? maybe = plain.Number > 0 ? null : p.Ward; log.LogInformation(maybe ?? \"-\");", false)]
    [InlineData("Patient? q = plain.Number > 0 ? p : null; {|#0:log.LogInformation(q?.Name ?? \"\")|};", true)]
    [InlineData("Patient? q = plain.Number > 0 ? p : null; log.LogInformation(q?.Ward ?? \"\");", false)]
    [InlineData("var s = plain.Number switch { 1 => p.Name, _ => \"x\" }; {|#0:log.LogInformation(s)|};", true)]
    [InlineData("var s = plain.Number switch { 1 => p.Ward, _ => \"x\" }; log.LogInformation(s);", false)]
    // tuples and deconstruction, per element
    [InlineData("var t = (p.Name, p.Ward); {|#0:log.LogInformation(t.Item1)|};", true)]
    [InlineData("var t = (p.Name, p.Ward); log.LogInformation(t.Item2);", false)]
    [InlineData("var (a, b) = (p.Ward, p.Ssn); {|#0:log.LogInformation(b)|};", true)]
    [InlineData("var (a, b) = (p.Ward, p.Ssn); log.LogInformation(a);", false)]
    // arrays and collections
    [InlineData("var list = new List<string>(); list.Add(p.Name); {|#0:log.LogInformation(list[0])|};", true)]
    [InlineData("var list = new List<string>(); list.Add(p.Ward); log.LogInformation(list[0]);", false)]
    [InlineData("var arr = new string[2]; arr[1] = p.Ssn; {|#0:log.LogInformation(arr[0])|};", true)]
    [InlineData("var arr = new string[2]; arr[1] = p.Ward; log.LogInformation(arr[0]);", false)]
    [InlineData("var list = new List<string> { \"a\", p.Name }; {|#0:log.LogInformation(list.First())|};", true)]
    [InlineData("var list = new List<string> { \"a\", p.Ward }; log.LogInformation(list.First());", false)]
    [InlineData("string[] arr = [p.Name]; {|#0:log.LogInformation(arr[0])|};", true)]
    // dictionaries
    [InlineData("var d = new Dictionary<int, string>(); d[p.Id] = p.Name; {|#0:log.LogInformation(d[1])|};", true)]
    [InlineData("var d = new Dictionary<int, string>(); d[p.Id] = p.Ward; log.LogInformation(d[1]);", false)]
    [InlineData("var d = new Dictionary<int, string> { [1] = p.Ssn }; if (d.TryGetValue(1, out var v)) {|#0:log.LogInformation(v)|};", true)]
    // LINQ
    [InlineData("var names = patients.Select(x => x.Name).ToList(); {|#0:log.LogInformation(names[0])|};", true)]
    [InlineData("var ids = patients.Select(x => x.Id.ToString()).ToList(); log.LogInformation(ids[0]);", false)]
    [InlineData("var first = patients.Where(x => x.Id > 3).Select(x => x.Ssn).First(); {|#0:log.LogInformation(first)|};", true)]
    [InlineData("var first = patients.Where(x => x.Name.Length > 3).Select(x => x.Ward).First(); log.LogInformation(first);", false)]
    [InlineData("var names = from x in patients select x.Name; {|#0:log.LogInformation(string.Join(\",\", names))|};", true)]
    // await of a PHI task
    [InlineData("var s = await Task.FromResult(p.Name); {|#0:log.LogInformation(s)|};", true)]
    [InlineData("var s = await Task.FromResult(p.Ward); log.LogInformation(s);", false)]
    // anonymous objects and object initializers
    [InlineData("var o = new { N = p.Name }; {|#0:log.LogInformation(\"{@O}\", o)|};", true)]
    [InlineData("var o = new { N = p.Ward }; log.LogInformation(\"{@O}\", o);", false)]
    [InlineData("var o = new Plain { Text = p.Ssn }; {|#0:log.LogInformation(\"{@O}\", o)|};", true)]
    [InlineData("var o = new Plain { Text = p.Ward }; log.LogInformation(\"{@O}\", o);", false)]
    // foreach variables
    [InlineData("foreach (var x in patients) { {|#0:log.LogInformation(x.Name)|}; }", true)]
    [InlineData("foreach (var x in patients) { log.LogInformation(x.Ward); }", false)]
    [InlineData("foreach (var n in patients.Select(x => x.Ssn)) { {|#0:log.LogInformation(n)|}; }", true)]
    // whole objects: a type with [Phi] members used whole, but not when only non-PHI members are read
    [InlineData("{|#0:log.LogInformation(\"{@P}\", p)|};", true)]
    [InlineData("log.LogInformation(\"{@P}\", plain);", false)]
    [InlineData("{|#0:log.LogInformation(\"{P}\", patients)|};", true)]
    [InlineData("{|#0:log.LogInformation(\"p=\" + p)|};", true)]
    // [Phi] types: every member but [NotPhi]
    [InlineData("{|#0:log.LogInformation(lab.Code)|};", true)]
    [InlineData("log.LogInformation(\"{S}\", lab.Sequence);", false)]
    // computed properties
    [InlineData("{|#0:log.LogInformation(p.FullLabel)|};", true)]
    [InlineData("log.LogInformation(p.WardLabel);", false)]
    // values that identify no one
    [InlineData("log.LogInformation(\"{L}\", p.Name.Length);", false)]
    [InlineData("log.LogInformation(\"{C}\", patients.Count);", false)]
    [InlineData("log.LogInformation(\"{C}\", patients.Count(x => x.Name.StartsWith(\"A\")));", false)]
    [InlineData("log.LogInformation(\"{A}\", patients.Any(x => x.Ssn == \"1\"));", false)]
    [InlineData("log.LogInformation(\"{E}\", p.Name == \"x\");", false)]
    [InlineData("log.LogInformation(\"{E}\", string.IsNullOrEmpty(p.Ssn));", false)]
    [InlineData("log.LogInformation(\"{H}\", p.Ssn.GetHashCode());", false)]
    // sanitizers
    [InlineData("log.LogInformation(tokenizer.Tokenize(p.Ssn));", false)]
    [InlineData("log.LogInformation(PhiRedaction.Redact(p.Name) ?? \"\");", false)]
    [InlineData("{|#0:log.LogInformation(tokenizer.Detokenize(\"PHI_NAME_X\"))|};", true)]
    // local functions and lambdas in the same method
    [InlineData("string Label(Patient x) => x.Name; {|#0:log.LogInformation(Label(p))|};", true)]
    [InlineData("string Label(Patient x) => x.Ward; log.LogInformation(Label(p));", false)]
    [InlineData("Func<Patient, string> f = x => x.Ward; log.LogInformation(f(p));", false)]
    [InlineData("patients.ForEach(x => {|#0:log.LogInformation(x.Name)|});", true)]
    [InlineData("patients.ForEach(x => log.LogInformation(x.Ward));", false)]
    [InlineData("var captured = p.Ssn; Action a = () => {|#0:log.LogInformation(captured)|}; a();", true)]
    // pattern matching
    [InlineData("object o = p.Name; if (o is string s) {|#0:log.LogInformation(s)|};", true)]
    [InlineData("object o = p.Ward; if (o is string s) log.LogInformation(s);", false)]
    public Task Propagation(string body, bool expectFinding) => Body(body, expectFinding);

    /// <summary>
    /// Bodies that mention nothing marked [Phi] still get PHI from fields written elsewhere, from project methods that
    /// read PHI, from captured constructor parameters and from Detokenize: the quiet-body pre-filter must see them.
    /// </summary>
    [Theory]
    [InlineData("static string? s_last; public void Remember(Patient p) => s_last = p.Name; public void Emit() => {|#0:log.LogInformation(s_last)|};", true)]
    [InlineData("static string? s_last; public void Remember(Patient p) => s_last = p.Ward; public void Emit() => log.LogInformation(s_last);", false)]
    [InlineData("static Patient s_current = new(); static string Current() => Holder(); static string Holder() => s_current.Ssn; public void Emit() => {|#0:log.LogInformation(Current())|};", true)]
    [InlineData("static Patient s_current = new(); static string Current() => Holder(); static string Holder() => s_current.Ward; public void Emit() => log.LogInformation(Current());", false)]
    [InlineData("public void Emit(string text) => {|#0:log.LogInformation(tokenizer.Detokenize(text))|};", true)]
    [InlineData("public void Emit(string text) => log.LogInformation(tokenizer.Tokenize(text));", false)]
    [InlineData("private readonly IPhiTokenizer _tokens = tokenizer; public void Emit(string text) => {|#0:log.LogInformation(_tokens.Detokenize(text))|};", true)]
    [InlineData("private readonly IPhiTokenizer _tokens = tokenizer; public void Emit(string text) => log.LogInformation(_tokens.Tokenize(text));", false)]
    [InlineData("public void Emit(string text) { IPhiTokenizer local = tokenizer; {|#0:log.LogInformation(local.Detokenize(text))|}; }", true)]
    [InlineData("static readonly System.Func<string> s_name = () => \"x\"; static string Recurse(int n) => n > 0 ? Recurse(n - 1) : new Patient().Name; public void Emit() => {|#0:log.LogInformation(Recurse(3))|};", true)]
    // a field assigned a value with control flow of its own, read by another body
    [InlineData("static string s_last = \"\"; public static void Keep(Patient p, bool f) => s_last = f ? p.Name : \"\"; public void Emit() => {|#0:log.LogInformation(s_last)|};", true)]
    [InlineData("static string s_last = \"\"; public static void Keep(Patient p, bool f) => s_last = f ? p.Ward : \"\"; public void Emit() => log.LogInformation(s_last);", false)]
    [InlineData("private string _last = \"\"; public void Keep(Patient? p) => _last = p?.Name ?? \"\"; public void Emit() => {|#0:log.LogInformation(_last)|};", true)]
    [InlineData("private string _last = \"\"; public void Keep(Patient? p) => _last = p?.Ward ?? \"\"; public void Emit() => log.LogInformation(_last);", false)]
    // cycles whose first pass sees too little: the cycle is computed again until it is stable
    [InlineData("static Patient s_patient = new(); static string A(int n) => n == 0 ? \"x\" : B(n - 1); static string B(int n) => n == 1 ? s_patient.Name : A(n); public void Emit() => {|#0:log.LogInformation(A(3))|};", true)]
    [InlineData("static Patient s_patient = new(); static string A(int n) => n == 0 ? \"x\" : B(n - 1); static string B(int n) => n == 1 ? s_patient.Ward : A(n); public void Emit() => log.LogInformation(A(3));", false)]
    [InlineData("static string s_a = \"\"; static string s_b = \"\"; public static void SetA(Patient p, bool f) => s_a = f ? p.Name : s_b; public static void SetB() => s_b = s_a; public void Emit() => {|#0:log.LogInformation(s_b)|};", true)]
    [InlineData("static string s_a = \"\"; static string s_b = \"\"; public static void SetA(Patient p, bool f) => s_a = f ? p.Ward : s_b; public static void SetB() => s_b = s_a; public void Emit() => log.LogInformation(s_b);", false)]
    [InlineData("static string s_c = \"\"; static string s_d = \"\"; static string Next(string v) => v + s_d; public static void SetC(Patient p) => s_c = Next(p.Name); public static void SetD() => s_d = Next(s_c); public void Emit() => {|#0:log.LogInformation(Next(\"\"))|};", true)]
    public Task BodiesWithoutPhiNamesStillSeeIndirectPhi(string members, bool expectFinding)
    {
        var source = Prelude + $$"""
            public sealed class Other(ILogger<Other> log, IPhiTokenizer tokenizer)
            {
                {{members}}
            }
            """;
        return expectFinding ? V.AnalyzerAsync(source, V.Finding("PHI001").WithLocation(0)) : V.AnalyzerAsync(source);
    }

    [Fact]
    public Task DeconstructedRecordKeepsEachPropertyApart()
        => V.AnalyzerAsync("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            public sealed record Person([property: Phi(PhiKind.Name)] string Name, int Age, string Unit);

            public sealed class C(ILogger<C> log)
            {
                public void M(Person p)
                {
                    var (name, age, unit) = p;
                    log.LogInformation("{Age} {Unit}", age, unit);
                    {|#0:log.LogInformation("{Name}", name)|};
                }
            }
            """, V.Finding("PHI001").WithLocation(0));

    private const string TupleHelpers = """
        static (string Name, string Ward) Pair(Patient q) => (q.Name, q.Ward);
        static (string Text, int Number) Wrap(string s, int n) => (s, n);
        """;

    [Theory]
    // a tuple returned by a method keeps its elements apart, for concrete and for parameter origins
    [InlineData("var (name, ward) = Pair(p); {|#0:log.LogInformation(name)|};", true)]
    [InlineData("var (name, ward) = Pair(p); log.LogInformation(ward);", false)]
    [InlineData("{|#0:log.LogInformation(Wrap(p.Ssn, p.Id).Text)|};", true)]
    [InlineData("log.LogInformation(Wrap(p.Ssn, p.Id).Number.ToString());", false)]
    [InlineData("log.LogInformation(Wrap(p.Ward, p.Id).Text);", false)]
    public Task TuplesReturnedByMethods(string body, bool expectFinding) => Body(body, expectFinding, TupleHelpers);

    // tuples keep their elements through LINQ that passes elements on (First, Where, ToList...)
    [Theory]
    [InlineData("var first = patients.Select(x => (x.Id, x.Ssn)).FirstOrDefault(); {|#0:log.LogInformation(first.Ssn)|};", true)]
    [InlineData("var first = patients.Select(x => (x.Id, x.Ssn)).FirstOrDefault(); log.LogInformation(first.Id.ToString());", false)]
    [InlineData("var pairs = patients.Select(x => (x.Ward, x.Name)).Where(t => t.Ward.Length > 0).ToList(); log.LogInformation(pairs[0].Ward);", false)]
    [InlineData("var pairs = patients.Select(x => (x.Ward, x.Name)).Where(t => t.Ward.Length > 0).ToList(); {|#0:log.LogInformation(pairs[0].Name)|};", true)]
    public Task TuplesThroughLinq(string body, bool expectFinding) => Body(body, expectFinding);

    private const string DelegateHelpers = """
        static IEnumerable<TOut> Map<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> f) { foreach (var item in source) { yield return f(item); } }
        static TOut Apply<TIn, TOut>(TIn value, Func<TIn, TOut> f) => f(value);
        static string WithSecret(Func<string, string> f) => f(new Patient().Ssn);
        static string Label(Patient q) => q.Name;
        static string Place(Patient q) => q.Ward;
        """;

    // a project method that invokes the delegate it is given: each call gets what its own lambda returns
    [Theory]
    [InlineData("var lines = Map(patients, x => x.Name + \"!\").ToArray(); {|#0:log.LogInformation(lines[0])|};", true)]
    [InlineData("var wards = Map(patients, x => x.Ward.ToUpperInvariant()).ToArray(); log.LogInformation(wards[0]);", false)]
    [InlineData("{|#0:log.LogInformation(Apply(p, Label))|};", true)]
    [InlineData("log.LogInformation(Apply(p, Place));", false)]
    [InlineData("log.LogInformation(Apply(p.Name, s => s.Length).ToString());", false)]
    [InlineData("{|#0:log.LogInformation(Apply(p.Name, s => s.Trim()))|};", true)]
    [InlineData("Func<string, string> same = s => s; {|#0:log.LogInformation(Apply(p.Name, same))|};", true)]
    [InlineData("{|#0:log.LogInformation(WithSecret(s => s))|};", true)]
    public Task DelegatesHandedToProjectMethods(string body, bool expectFinding) => Body(body, expectFinding, DelegateHelpers);

    [Fact]
    public Task OutAndRefArguments()
        => Body("""
            Split(p, out var name, out var ward);
            {|#0:log.LogInformation(name)|};
            log.LogInformation(ward);
            """, true, """
            static void Split(Patient x, out string name, out string ward) { name = x.Name; ward = x.Ward; }
            """);

    [Fact]
    public Task RefArgumentOverwrittenWithConstantIsClean()
        => Body("""
            var s = p.Name;
            Clear(ref s);
            log.LogInformation(s);
            """, false, """
            static void Clear(ref string s) { s = "cleared"; }
            """);

    [Fact]
    public Task FieldAssignedPhiInAnotherMethod()
        => Body("""
            {|#0:log.LogInformation(_last)|};
            log.LogInformation(_ward);
            """, true, """
            private string _last = "";
            private string _ward = "";
            public void Remember(Patient x) { _last = x.Name; _ward = x.Ward; }
            """);

    [Fact]
    public Task StaticCollectionFieldFilledElsewhere()
        => Body("""
            {|#0:log.LogInformation(Recent[0])|};
            log.LogInformation(Wards[0]);
            """, true, """
            private static readonly List<string> Recent = new();
            private static readonly List<string> Wards = new();
            public static void Track(Patient x) { Recent.Add(x.Ssn); Wards.Add(x.Ward); }
            """);

    [Fact]
    public Task FieldWrittenThroughParameterOfAnotherMethod()
        => Body("""
            {|#0:log.LogInformation(_stored)|};
            """, true, """
            private string _stored = "";
            private void Store(string value) => _stored = value;
            public void Caller(Patient x) => Store(x.Name);
            """);

    [Fact]
    public Task FieldWrittenThroughParameterOnlyWithCleanValuesIsClean()
        => Body("""
            log.LogInformation(_stored);
            """, false, """
            private string _stored = "";
            private void Store(string value) => _stored = value;
            public void Caller(Patient x) => Store(x.Ward);
            """);

    /// <summary>
    /// The helper's logger is a captured primary-constructor parameter; finding what it may hold analyzes every
    /// method that calls something on a "logger", the caller included, while the helper is still being analyzed.
    /// The caller's result computed then (with the helper guessed empty) must not be kept.
    /// </summary>
    [Theory]
    [InlineData("{|#0:trail.Note(\"rounded \" + x.Ssn)|};", true)]
    [InlineData("trail.Note(\"rounded \" + x.Id);", false)]
    public Task ForwardingHelperAnalyzedFromInsideItsOwnFieldLookup(string call, bool expectFinding)
    {
        var source = Prelude + $$"""
            public sealed class AuditTrail(ILogger<AuditTrail> logger)
            {
                public void Note(string text) => logger.LogInformation("audit: {Text}", text);
            }

            public static class Format
            {
                [PhiSanitizer]
                public static string Mask(string value) => new string('*', value.Length);
            }

            public sealed class Rounds(ILogger<Rounds> logger, AuditTrail trail)
            {
                public void Round(Patient x)
                {
                    logger.LogInformation("Masked {Ssn}", Format.Mask(x.Ssn));
                    {{call}}
                }
            }
            """;
        return expectFinding ? V.AnalyzerAsync(source, V.Finding("PHI001").WithLocation(0)) : V.AnalyzerAsync(source);
    }

    /// <summary>[Phi] on a positional record parameter (no <c>property:</c> target) marks the property it declares.</summary>
    [Theory]
    [InlineData("{|#0:log.LogInformation(r.Name)|};", true)]
    [InlineData("{|#0:log.LogInformation(\"{R}\", r)|};", true)]
    [InlineData("log.LogInformation(r.Unit);", false)]
    [InlineData("log.LogInformation(\"{I}\", r.Id);", false)]
    [InlineData("log.LogInformation(\"{R}\", u);", false)]
    public Task PhiOnPositionalRecordParameter(string body, bool expectFinding)
    {
        var source = Prelude + $$"""
            public sealed record Admission([Phi(PhiKind.Name)] string Name, [property: NotPhi] int Id, string Unit);
            public sealed record Unmarked(string Name, int Id);
            public sealed class R(ILogger<R> log)
            {
                public void Run(Admission r, Unmarked u)
                {
                    {{body}}
                }
            }
            """;
        return expectFinding ? V.AnalyzerAsync(source, V.Finding("PHI001").WithLocation(0)) : V.AnalyzerAsync(source);
    }

    [Fact]
    public Task RecordPositionalPropertyCarriesWhatWasPassed()
        => V.AnalyzerAsync(Prelude + """
            public record Envelope(string Body, int Size);
            public sealed class R(ILogger<R> log)
            {
                public void Run(Patient p)
                {
                    var e = new Envelope(p.Name, 3);
                    {|#0:log.LogInformation(e.Body)|};
                    log.LogInformation("{S}", e.Size);
                }
            }
            """, V.Finding("PHI001").WithLocation(0));
}
