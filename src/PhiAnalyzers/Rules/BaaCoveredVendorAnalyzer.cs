using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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
public sealed class BaaCoveredVendorAnalyzer : BaaCoveredAttributeAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(PhiDescriptors.BaaCoveredVendorNotAllowed);

    internal override void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax attribute, string vendorId, BaaInventory inventory, InventorySnapshot snapshot)
    {
        if (Reason(inventory, vendorId, snapshot.Today) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(PhiDescriptors.BaaCoveredVendorNotAllowed, attribute.GetLocation(), vendorId, reason));
        }
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
