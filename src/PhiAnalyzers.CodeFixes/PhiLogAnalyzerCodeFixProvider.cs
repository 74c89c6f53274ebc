using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using PhiAnalyzers.Diagnostics;

namespace PhiAnalyzers.CodeFixes;

/// <summary>Fix for PHI001 (PHI reaches a log): redacts the value, or tokenizes it with an IPhiTokenizer in scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PhiLogAnalyzerCodeFixProvider))]
[Shared]
public sealed class PhiLogAnalyzerCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PhiToLog);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PhiRedactionFixer.RegisterAsync(context, offerTokenize: true);
}
