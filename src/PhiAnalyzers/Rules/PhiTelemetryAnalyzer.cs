using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Engine;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI007: PHI reaches diagnostics telemetry: exception messages and Data, Activity tags, events and baggage,
/// metrics tags, Application Insights, ProblemDetails, [PhiSink(Telemetry)].
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PhiTelemetryAnalyzer : PhiFlowRuleAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(PhiDescriptors.PhiToTelemetry);

    internal override SinkKinds Kinds => SinkKinds.Telemetry;

    internal override Diagnostic? CreateDiagnostic(SinkHit hit, string origins, ImmutableArray<Location> originLocations, ImmutableDictionary<string, string?> properties)
        => Diagnostic.Create(PhiDescriptors.PhiToTelemetry, ReportLocation(hit.Operation), originLocations, properties, origins, hit.Display);
}
