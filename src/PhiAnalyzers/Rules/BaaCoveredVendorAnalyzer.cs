using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Inventory;
using PhiGuard.Inventory;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI005: <c>[BaaCovered("x")]</c> names a vendor that is missing from the inventory, whose BAA is not signed or has
/// expired, whose entry is invalid, or whose <c>phi</c> is not <c>allowed</c>. Reported at the attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaaCoveredVendorAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(PhiDescriptors.BaaCoveredVendorNotAllowed);

    public override void Initialize(AnalysisContext context)
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
            if (snapshot.Inventory is not { } inventory)
            {
                // No inventory: PHI006 says so once; a PHI005 at every attribute would only repeat it.
                return;
            }

            var today = snapshot.Today;
            start.RegisterSyntaxNodeAction(
                node =>
                {
                    var attribute = (AttributeSyntax)node.Node;
                    var id = BaaCoveredAttributes.GetVendorId(attribute, node.SemanticModel, baaCovered, node.CancellationToken);
                    if (id is null)
                    {
                        return;
                    }

                    var reason = Reason(inventory, id, today);
                    if (reason is not null)
                    {
                        node.ReportDiagnostic(Diagnostic.Create(PhiDescriptors.BaaCoveredVendorNotAllowed, attribute.GetLocation(), id, reason));
                    }
                },
                SyntaxKind.Attribute);
        });
    }

    /// <summary>Why <paramref name="id"/> may not receive PHI on <paramref name="today"/>, or null when it may.</summary>
    internal static string? Reason(BaaInventory inventory, string id, System.DateTime today)
    {
        var vendor = inventory.Find(id);
        if (vendor is null)
        {
            var suggestion = inventory.SuggestId(id);
            return "it is not in baa-inventory.yaml" + (suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)");
        }

        return vendor.Evaluate(today) == PhiPermission.Allowed ? null : vendor.Explain(today);
    }
}
