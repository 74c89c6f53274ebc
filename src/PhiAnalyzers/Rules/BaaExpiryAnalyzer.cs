using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Inventory;
using PhiGuard.Inventory;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI008: <c>[BaaCovered("x")]</c> names a vendor whose signed BAA expires within the warning window
/// (<c>phiguard.baa_expiry_warning_days</c>, 30 days by default) but has not expired yet (expired is PHI005).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaaExpiryAnalyzer : BaaCoveredAttributeAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(PhiDescriptors.BaaExpiresSoon);

    internal override bool AppliesTo(BaaInventory inventory) => HasExpiringVendor(inventory);

    internal override void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax attribute, string vendorId, BaaInventory inventory, InventorySnapshot snapshot)
    {
        var today = snapshot.Today;
        var vendor = inventory.Find(vendorId);
        if (vendor is not { IsValid: true, Status: BaaStatus.Signed, Expires: { } expires } || vendor.IsExpired(today))
        {
            return;
        }

        var days = vendor.DaysUntilExpiry(today) ?? int.MaxValue;
        if (days <= snapshot.ExpiryWarningDaysFor(context.Options, attribute.SyntaxTree))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                PhiDescriptors.BaaExpiresSoon,
                attribute.GetLocation(),
                vendor.Id,
                expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                days.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static bool HasExpiringVendor(BaaInventory inventory)
    {
        foreach (var v in inventory.Vendors)
        {
            if (v.IsValid && v.Status == BaaStatus.Signed && v.Expires.HasValue)
            {
                return true;
            }
        }

        return false;
    }
}
