using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Engine;

namespace PhiAnalyzers.Rules;

/// <summary>PHI001: PHI reaches a log (ILogger, LoggerMessage, Serilog, NLog, log4net, Console, Debug, Trace, [PhiSink(Log)]).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PhiLogAnalyzer : PhiFlowRuleAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(PhiDescriptors.PhiToLog);

    internal override SinkKinds Kinds => SinkKinds.Log;

    internal override Diagnostic? CreateDiagnostic(SinkHit hit, string origins, ImmutableArray<Location> originLocations, ImmutableDictionary<string, string?> properties)
        => Diagnostic.Create(PhiDescriptors.PhiToLog, ReportLocation(hit.Operation), originLocations, properties, origins, hit.Display);
}
