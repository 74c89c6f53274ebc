using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.CodeFixes;
using PhiAnalyzers.Rules;
using Xunit;

namespace PhiAnalyzers.Tests.CodeFixes;

/// <summary>The redact fix shared by PHI003 (stores) and PHI007 (telemetry).</summary>
public class Phi003Phi007CodeFixTests
{
    private const string Model = """

        public sealed class Patient
        {
            [PhiGuard.NotPhi] public int Id { get; set; }
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Name { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Ssn)] public string Ssn { get; set; } = "";
        }
        """;

    private static DiagnosticResult Finding(string id, int markup = 0)
        => new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(markup);

    [Fact]
    public Task Phi003FileWriteIsRedacted()
        => new PhiFixTest<PhiStoreAnalyzer, PhiStoreAnalyzerCodeFixProvider>("""
            using System.IO;

            class C
            {
                void M(Patient p, string path) => {|#0:File.WriteAllText(path, p.Ssn)|};
            }
            """ + Model, """
            using System.IO;
            using PhiGuard;

            class C
            {
                void M(Patient p, string path) => File.WriteAllText(path, PhiRedaction.Redact(p.Ssn));
            }
            """ + Model, Finding("PHI003"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI003",
        }.RunAsync();

    [Fact]
    public async Task Phi003OffersRedactOnly()
    {
        var offered = await OfferedFixes.CollectAsync(new PhiStoreAnalyzer(), new PhiStoreAnalyzerCodeFixProvider(), """
            class C(PhiGuard.IPhiTokenizer tokenizer)
            {
                void M(Patient p, string path) => System.IO.File.WriteAllText(path, p.Ssn);
            }
            """ + Model);
        var single = Assert.Single(offered);
        Assert.Equal(new[] { "Redact with PhiRedaction.Redact" }, single.Actions.Select(a => a.Title));
    }

    [Fact]
    public Task Phi007ActivityTagIsRedacted()
        => new PhiFixTest<PhiTelemetryAnalyzer, PhiTelemetryAnalyzerCodeFixProvider>("""
            using System.Diagnostics;
            using PhiGuard;

            class C
            {
                void M(Patient p, Activity activity) => {|#0:activity.SetTag("patient", p.Name)|};
            }
            """ + Model, """
            using System.Diagnostics;
            using PhiGuard;

            class C
            {
                void M(Patient p, Activity activity) => activity.SetTag("patient", PhiRedaction.Redact(p.Name));
            }
            """ + Model, Finding("PHI007"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI007",
        }.RunAsync();

    [Fact]
    public Task Phi007ExceptionMessageRedactsTheConcatenatedPhi()
        => new PhiFixTest<PhiTelemetryAnalyzer, PhiTelemetryAnalyzerCodeFixProvider>("""
            using System;

            class C
            {
                void M(Patient p) => throw {|#0:new InvalidOperationException("No ward for " + p.Name + " (" + p.Id + ")")|};
            }
            """ + Model, """
            using System;
            using PhiGuard;

            class C
            {
                void M(Patient p) => throw new InvalidOperationException("No ward for " + PhiRedaction.Redact(p.Name) + " (" + p.Id + ")");
            }
            """ + Model, Finding("PHI007"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI007",
        }.RunAsync();

    [Fact]
    public Task Phi007MetricTagWrapsTheValueInsideTheTag()
        => new PhiFixTest<PhiTelemetryAnalyzer, PhiTelemetryAnalyzerCodeFixProvider>("""
            using System.Collections.Generic;
            using System.Diagnostics.Metrics;
            using PhiGuard;

            class C
            {
                void M(Patient p, Counter<int> admissions) => {|#0:admissions.Add(1, new KeyValuePair<string, object?>("patient", p.Name))|};
            }
            """ + Model, """
            using System.Collections.Generic;
            using System.Diagnostics.Metrics;
            using PhiGuard;

            class C
            {
                void M(Patient p, Counter<int> admissions) => admissions.Add(1, new KeyValuePair<string, object?>("patient", PhiRedaction.Redact(p.Name)));
            }
            """ + Model, Finding("PHI007"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI007",
        }.RunAsync();

    [Fact]
    public Task Phi003FileWriterIsRedacted()
        => new PhiFixTest<PhiStoreAnalyzer, PhiStoreAnalyzerCodeFixProvider>("""
            using System.IO;

            class C
            {
                void M(Patient p, string path)
                {
                    using var writer = new StreamWriter(path);
                    {|#0:writer.WriteLine(p.Name)|};
                }
            }
            """ + Model, """
            using System.IO;
            using PhiGuard;

            class C
            {
                void M(Patient p, string path)
                {
                    using var writer = new StreamWriter(path);
                    writer.WriteLine(PhiRedaction.Redact(p.Name));
                }
            }
            """ + Model, Finding("PHI003"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI003",
        }.RunAsync();

    [Fact]
    public Task Phi003ForwardedCallRedactsTheArgumentThatCarriesThePhi()
        => new PhiFixTest<PhiStoreAnalyzer, PhiStoreAnalyzerCodeFixProvider>("""
            using System.IO;

            class Exporter
            {
                public void Write(string header, string body) => File.WriteAllText("/tmp/out", header + body);
            }

            class C(Exporter exporter)
            {
                void M(Patient p) => {|#0:exporter.Write("id " + p.Id, p.Ssn)|};
            }
            """ + Model, """
            using System.IO;
            using PhiGuard;

            class Exporter
            {
                public void Write(string header, string body) => File.WriteAllText("/tmp/out", header + body);
            }

            class C(Exporter exporter)
            {
                void M(Patient p) => exporter.Write("id " + p.Id, PhiRedaction.Redact(p.Ssn)!);
            }
            """ + Model, Finding("PHI003"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI003",
        }.RunAsync();
}
