using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using PhiAnalyzers.Diagnostics;

namespace PhiAnalyzers.CodeFixes;

/// <summary>Fix for PHI007 (PHI reaches diagnostics telemetry): redacts the value.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PhiTelemetryAnalyzerCodeFixProvider))]
[Shared]
public sealed class PhiTelemetryAnalyzerCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PhiToTelemetry);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PhiRedactionFixer.RegisterAsync(context, offerTokenize: false);
}
