using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using PhiAnalyzers.Diagnostics;

namespace PhiAnalyzers.CodeFixes;

/// <summary>Fix for PHI003 (PHI written to a store not known to encrypt at rest): redacts the value.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PhiStoreAnalyzerCodeFixProvider))]
[Shared]
public sealed class PhiStoreAnalyzerCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PhiToUnencryptedStore);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PhiRedactionFixer.RegisterAsync(context, offerTokenize: false);
}
