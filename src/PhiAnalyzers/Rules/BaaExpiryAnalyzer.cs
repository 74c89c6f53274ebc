using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
public sealed class BaaExpiryAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(PhiDescriptors.BaaExpiresSoon);

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

            var options = start.Options;
            var snapshot = InventorySnapshot.Get(options, start.CancellationToken);
            if (snapshot.Inventory is not { } inventory || !HasExpiringVendor(inventory))
            {
                return;
            }

            var today = snapshot.Today;
            start.RegisterSyntaxNodeAction(
                node =>
                {
                    var attribute = (AttributeSyntax)node.Node;
                    var id = BaaCoveredAttributes.GetVendorId(attribute, node.SemanticModel, baaCovered, node.CancellationToken);
                    var vendor = id is null ? null : inventory.Find(id);
                    if (vendor is not { IsValid: true, Status: BaaStatus.Signed, Expires: { } expires } || vendor.IsExpired(today))
                    {
                        return;
                    }

                    var days = vendor.DaysUntilExpiry(today) ?? int.MaxValue;
                    if (days <= snapshot.ExpiryWarningDaysFor(options, attribute.SyntaxTree))
                    {
                        node.ReportDiagnostic(Diagnostic.Create(
                            PhiDescriptors.BaaExpiresSoon,
                            attribute.GetLocation(),
                            vendor.Id,
                            expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            days.ToString(CultureInfo.InvariantCulture)));
                    }
                },
                SyntaxKind.Attribute);
        });
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
