using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Inventory;
using PhiGuard.Inventory;

namespace PhiAnalyzers.Rules;

/// <summary>
/// Base of the rules that judge each <c>[BaaCovered("x")]</c> against the inventory (PHI005, PHI008): resolves the
/// attribute once per compilation, bails out without it or without an inventory (PHI006 reports a missing one),
/// and hands every attribute with its vendor id to the rule.
/// </summary>
public abstract class BaaCoveredAttributeAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var baaCovered = start.Compilation.GetTypeByMetadataName(BaaCoveredAttributes.MetadataName);
            if (baaCovered is null)
            {
                return;
            }

            var snapshot = InventorySnapshot.Get(start.Options, start.CancellationToken);
            if (snapshot.Inventory is not { } inventory || !AppliesTo(inventory))
            {
                return;
            }

            start.RegisterSyntaxNodeAction(
                node =>
                {
                    var attribute = (AttributeSyntax)node.Node;
                    if (BaaCoveredAttributes.GetVendorId(attribute, node.SemanticModel, baaCovered, node.CancellationToken) is { } id)
                    {
                        Analyze(node, attribute, id, inventory, snapshot);
                    }
                },
                SyntaxKind.Attribute);
        });
    }

    /// <summary>False when nothing in this inventory can give the rule a finding, so no attribute is visited.</summary>
    internal virtual bool AppliesTo(BaaInventory inventory) => true;

    internal abstract void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax attribute, string vendorId, BaaInventory inventory, InventorySnapshot snapshot);
}
