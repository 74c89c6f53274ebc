using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI007: PHI reaches diagnostics telemetry: exception messages and Data, Activity tags, events and baggage,
/// metrics tags, Application Insights, ProblemDetails, [PhiSink(Telemetry)].
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PhiTelemetryAnalyzer : PhiFlowRuleAnalyzer
{
    public PhiTelemetryAnalyzer()
        : base(PhiDescriptors.PhiToTelemetry)
    {
    }

    internal override SinkKinds Kinds => SinkKinds.Telemetry;
}
