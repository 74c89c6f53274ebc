using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiTelemetryAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI007: exceptions, Activity, metrics, Application Insights, ProblemDetails, [PhiSink(Telemetry)].</summary>
public class Phi007TelemetryTests
{
    private const string Model = """

        public sealed class Patient
        {
            [PhiGuard.NotPhi] public int Id { get; set; }
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Name { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.MedicalRecordNumber)] public string Mrn { get; set; } = "";
            public string Ward { get; set; } = "";
        }

        public sealed class ChartException(string message) : System.Exception(message);

        public class ConsentException : System.InvalidOperationException
        {
            public ConsentException(string message, int code) : base(message) => Code = code;
            public int Code { get; }
        }
        """;

    /// <summary>Microsoft.AspNetCore.Mvc/Http ship in the shared framework, not as packages: the same names, declared here.</summary>
    private const string AspNetCoreMirror = """

        namespace Microsoft.AspNetCore.Mvc
        {
            public class ProblemDetails
            {
                public string? Type { get; set; }
                public string? Title { get; set; }
                public int? Status { get; set; }
                public string? Detail { get; set; }
                public string? Instance { get; set; }
            }
            public abstract class ControllerBase
            {
                public virtual object Problem(string? detail = null, string? instance = null, int? statusCode = null, string? title = null, string? type = null) => new ProblemDetails();
            }
        }
        namespace Microsoft.AspNetCore.Http
        {
            public static class Results
            {
                public static object Problem(string? detail = null, string? instance = null, int? statusCode = null, string? title = null, string? type = null) => new object();
            }
        }
        """;

    private static Task Run(string code, params DiagnosticResult[] expected) => V.AnalyzerAsync(code + Model + AspNetCoreMirror, expected);

    private static DiagnosticResult At(int marker) => V.Finding("PHI007").WithLocation(marker);

    private static string InMethod(string statements) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Diagnostics.Metrics;
        using Microsoft.ApplicationInsights;
        using Microsoft.ApplicationInsights.DataContracts;
        using Microsoft.AspNetCore.Mvc;
        using PhiGuard;
        class C(Activity activity, ActivitySource source, Counter<long> counter, UpDownCounter<int> beds, Histogram<double> latency, TelemetryClient telemetry, IPhiTokenizer tokenizer)
        {
            void M(Patient p, Exception ex)
            {
                {{statements}}
            }
        }
        """;

    public static TheoryData<string> TelemetryWrites => new()
    {
        // Exceptions: every System.Exception subtype, message and paramName alike.
        "var e = {|#0:new InvalidOperationException(\"No chart for \" + $V)|};",
        "var e = {|#0:new Exception($\"Patient {$V} not found\")|};",
        "var e = {|#0:new KeyNotFoundException($V)|};",
        "var e = {|#0:new ArgumentException(\"invalid patient\", $V)|};",
        "var e = {|#0:new ArgumentNullException($V)|};",
        "var e = {|#0:new ArgumentOutOfRangeException($V, \"out of range\")|};",
        "var e = {|#0:new ChartException(\"chart of \" + $V)|};",
        "var e = {|#0:new ConsentException($V, 7)|};",
        "if (p.Id < 0) throw {|#0:new InvalidOperationException($V)|};",
        "_ = p.Id > 0 ? 1 : throw {|#0:new ChartException($V)|};",
        "{|#0:ex.Data[\"patient\"] = $V|};",
        "{|#0:ex.Data.Add(\"patient\", $V)|};",
        // Activity tags, events and baggage.
        "{|#0:activity.SetTag(\"patient\", $V)|};",
        "{|#0:activity.AddTag(\"patient\", $V)|};",
        "{|#0:activity.AddBaggage(\"patient\", $V)|};",
        "{|#0:activity.SetBaggage(\"patient\", $V)|};",
        "{|#0:activity.AddEvent(new ActivityEvent(\"admitted\", tags: new ActivityTagsCollection { { \"patient\", $V } }))|};",
        "var tags = new ActivityTagsCollection(); tags.Add(\"patient\", $V); var ev = new ActivityEvent(\"admitted\", default, tags); {|#0:activity.AddEvent(ev)|};",
        "{|#0:activity.AddEvent(new ActivityEvent($V))|};",
        // A conditional access is reported at the call it guards.
        "Activity.Current?{|#0:.SetTag(\"patient\", $V)|};",
        "{|#0:activity.DisplayName = \"chart \" + $V|};",
        "{|#0:activity.SetStatus(ActivityStatusCode.Error, $V)|};",
        "using var started = {|#0:source.StartActivity(\"chart\", ActivityKind.Internal, default(ActivityContext), new[] { new KeyValuePair<string, object?>(\"patient\", $V) })|};",
        // System.Diagnostics.Metrics tags (the measurement is not data).
        "{|#0:counter.Add(1, new KeyValuePair<string, object?>(\"patient\", $V))|};",
        "{|#0:counter.Add(1, new KeyValuePair<string, object?>(\"ward\", \"w\"), new KeyValuePair<string, object?>(\"patient\", $V))|};",
        "var tags = new TagList { { \"patient\", $V } }; {|#0:counter.Add(1, tags)|};",
        "var tags = new TagList(); tags.Add(\"patient\", $V); {|#0:latency.Record(2.5, in tags)|};",
        "{|#0:latency.Record(2.5, new KeyValuePair<string, object?>(\"patient\", $V))|};",
        "{|#0:beds.Add(-1, new KeyValuePair<string, object?>(\"patient\", $V))|};",
        // Application Insights.
        "{|#0:telemetry.TrackEvent(\"admitted\", new Dictionary<string, string> { [\"patient\"] = $V })|};",
        "{|#0:telemetry.TrackTrace(\"admitted \" + $V)|};",
        "{|#0:telemetry.TrackTrace(\"admitted\", SeverityLevel.Information, new Dictionary<string, string> { [\"patient\"] = $V })|};",
        "{|#0:telemetry.TrackException(ex, new Dictionary<string, string> { [\"patient\"] = $V })|};",
        "{|#0:telemetry.TrackMetric(\"wait\", 3.0, new Dictionary<string, string> { [\"patient\"] = $V })|};",
        "var ev = new EventTelemetry(\"admitted\"); ev.Properties[\"patient\"] = $V; {|#0:telemetry.TrackEvent(ev)|};",
        // ProblemDetails.
        "var problem = new ProblemDetails { Title = \"Not found\", {|#0:Detail = \"No chart for \" + $V|} };",
        "var problem = new ProblemDetails(); {|#0:problem.Detail = $V|};",
        "_ = {|#0:Microsoft.AspNetCore.Http.Results.Problem(detail: \"No chart for \" + $V)|};",
    };

    [Theory]
    [MemberData(nameof(TelemetryWrites))]
    public Task TelemetryOfPhiIsReported(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "p.Name", keepMarker: true)), At(0));

    [Theory]
    [MemberData(nameof(TelemetryWrites))]
    public Task TelemetryOfNonPhiMemberIsNot(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "p.Ward", keepMarker: false)));

    [Theory]
    [MemberData(nameof(TelemetryWrites))]
    public Task TelemetryOfTokenIsNot(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "tokenizer.Tokenize(p.Mrn)", keepMarker: false)));

    [Theory]
    [MemberData(nameof(TelemetryWrites))]
    public Task TelemetryOfRedactedIsNot(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "PhiRedaction.Redact(p.Name)!", keepMarker: false)));

    [Fact]
    public Task MeasurementIsNotATag()
        => Run(InMethod("""
            counter.Add(p.Name.Length);
            latency.Record(p.Mrn.Length, new KeyValuePair<string, object?>("ward", p.Ward));
            """));

    [Fact]
    public Task InnerExceptionIsNotReportedTwice()
        => Run(InMethod("""
            var inner = {|#0:new InvalidOperationException("chart of " + p.Name)|};
            var outer = new ApplicationException("lookup failed", inner);
            telemetry.TrackException(outer);
            """), At(0));

    [Fact]
    public Task ControllerProblemDetail()
        => Run("""
            using Microsoft.AspNetCore.Mvc;
            class ChartsController : ControllerBase
            {
                object Get(Patient p)
                    => p.Id < 0 ? {|#0:Problem(detail: "No chart for " + p.Name)|} : Problem(detail: "No chart for " + p.Id);
            }
            """, At(0));

    [Fact]
    public Task PhiSinkTelemetryOnParameterAndMethod()
        => Run("""
            using System.Collections.Generic;
            using PhiGuard;
            public interface IOpsEvents
            {
                void Raise(string name, [PhiSink(PhiSinkKind.Telemetry)] IReadOnlyDictionary<string, string> properties);
                [PhiSink(PhiSinkKind.Telemetry)] void Note(string text);
            }
            class C(IOpsEvents ops, IPhiTokenizer tokenizer)
            {
                void M(Patient p)
                {
                    {|#0:ops.Raise("admitted", new Dictionary<string, string> { ["patient"] = p.Name })|};
                    ops.Raise(p.Name, new Dictionary<string, string> { ["ward"] = p.Ward });
                    ops.Raise("admitted", new Dictionary<string, string> { ["patient"] = tokenizer.Tokenize(p.Name) });
                    {|#1:ops.Note(p.Mrn)|};
                    ops.Note(p.Ward);
                }
            }
            """, At(0), At(1));

    [Fact]
    public Task MessageNamesOriginAndSinkWithSourceAsAdditionalLocation()
        => Run("""
            using System.Diagnostics;
            class C
            {
                void M(Patient p, Activity activity)
                {
                    var mrn = {|#1:p.Mrn|};
                    {|#0:activity.SetTag("patient.mrn", mrn)|};
                }
            }
            """, V.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Patient.Mrn", "Activity.SetTag"));

    [Fact]
    public Task ExceptionMessageIsNamedAsTheConstructor()
        => Run("""
            using System;
            class C
            {
                void M(Patient p) => throw {|#0:new ArgumentException("bad", nameof(p) + p.Name)|};
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "Exception.ctor").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task ExceptionDataIsNamedByItsIndexer()
        => Run("""
            using System;
            class C
            {
                void M(Patient p, Exception ex) => {|#0:ex.Data["patient"] = p.Mrn|};
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Mrn", "Exception.Data[]").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task OtherDictionariesAreNotTelemetry()
        => Run("""
            using System;
            using System.Collections;
            using System.Collections.Generic;
            class C
            {
                void M(Patient p, IDictionary bag)
                {
                    bag["patient"] = p.Name;
                    var map = new Dictionary<string, string> { ["patient"] = p.Name };
                }
            }
            """);

    [Fact]
    public Task ForwardingHelperIsReportedAtTheCallWithTheChain()
        => Run("""
            using System.Diagnostics;
            static class Tracing
            {
                public static void Tag(string key, string value) => Activity.Current?.SetTag(key, value);
            }
            static class Guard
            {
                public static void Fail(string what) => throw new System.InvalidOperationException("failed: " + what);
            }
            class C
            {
                void M(Patient p)
                {
                    {|#0:Tracing.Tag("patient", p.Name)|};
                    Tracing.Tag("ward", p.Ward);
                    {|#1:Guard.Fail(p.Mrn)|};
                    Guard.Fail(p.Ward);
                }
            }
            """,
            V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "Tracing.Tag -> Activity.SetTag").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            V.Diagnostic().WithLocation(1).WithArguments("Patient.Mrn", "Guard.Fail -> Exception.ctor").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
}
