using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.CodeFixes;
using PhiAnalyzers.Rules;
using Xunit;

namespace PhiAnalyzers.Tests.CodeFixes;

/// <summary>Where the redact fix must stay away (no compilable wrap) or reach through unusual syntax.</summary>
public class PhiCodeFixEdgeTests
{
    private const string Model = """

        public sealed class Patient
        {
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Name { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Date)] public System.DateTime BirthDate { get; set; }
        }
        """;

    private static DiagnosticResult Finding(string id)
        => new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0);

    [Fact]
    public async Task NoFixWhenTheDestinationCannotTakeAString()
    {
        var offered = await OfferedFixes.CollectAsync(new PhiLogAnalyzer(), new PhiLogAnalyzerCodeFixProvider(), """
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void Emit(System.DateTime born) => logger.LogInformation("Born {Born}", born);

                void M(Patient p) => Emit(p.BirthDate);
            }
            """ + Model);
        var single = Assert.Single(offered);
        Assert.Empty(single.Actions);
    }

    [Fact]
    public Task ConditionalAccessSinkIsFixed()
        => new PhiFixTest<PhiTelemetryAnalyzer, PhiTelemetryAnalyzerCodeFixProvider>("""
            using System.Diagnostics;

            class C
            {
                void M(Patient p, Activity? activity) => activity?{|#0:.SetTag("born", p.BirthDate)|};
            }
            """ + Model, """
            using System.Diagnostics;
            using PhiGuard;

            class C
            {
                void M(Patient p, Activity? activity) => activity?.SetTag("born", PhiRedaction.Redact(p.BirthDate.ToString()));
            }
            """ + Model, Finding("PHI007"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI007",
        }.RunAsync();

    [Fact]
    public Task NamedArgumentIsWrapped()
        => new PhiFixTest<PhiLogAnalyzer, PhiLogAnalyzerCodeFixProvider>("""
            using PhiGuard;

            class C
            {
                void M(Patient p) => {|#0:System.Console.WriteLine(value: p.Name)|};
            }
            """ + Model, """
            using PhiGuard;

            class C
            {
                void M(Patient p) => System.Console.WriteLine(value: PhiRedaction.Redact(p.Name));
            }
            """ + Model, Finding("PHI001"))
        {
            CodeActionEquivalenceKey = "PhiGuard.Redact.PHI001",
        }.RunAsync();
}
