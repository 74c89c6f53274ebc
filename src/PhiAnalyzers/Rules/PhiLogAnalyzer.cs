using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;

namespace PhiAnalyzers.Rules;

/// <summary>PHI001: PHI reaches a log (ILogger, LoggerMessage, Serilog, NLog, log4net, Console, Debug, Trace, [PhiSink(Log)]).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PhiLogAnalyzer : PhiFlowRuleAnalyzer
{
    public PhiLogAnalyzer()
        : base(PhiDescriptors.PhiToLog)
    {
    }

    internal override SinkKinds Kinds => SinkKinds.Log;
}
