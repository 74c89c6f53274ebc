using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Engine;
using PhiAnalyzers.Inventory;
using PhiGuard.Inventory;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI002: PHI leaves the process (HTTP, mail, AI model SDKs, [PhiSink(Egress)]) to a destination whose vendor
/// may not receive it: unknown, not in the inventory, BAA not signed or expired, phi not allowed, or
/// de-identified-only. The vendor is resolved by <see cref="VendorResolver"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PhiEgressAnalyzer : PhiFlowRuleAnalyzer
{
    public PhiEgressAnalyzer()
        : base(PhiDescriptors.PhiToUncoveredDestination)
    {
    }

    internal override SinkKinds Kinds => SinkKinds.Egress;

    internal override RuleContext? CreateRuleContext(Compilation compilation, AnalyzerOptions options, PhiWorld world)
    {
        var snapshot = InventorySnapshot.Get(options, default);
        return new EgressContext(this, new VendorResolver(world, snapshot.Inventory), snapshot);
    }

    private sealed class EgressContext : RuleContext
    {
        private readonly VendorResolver _resolver;
        private readonly InventorySnapshot _snapshot;

        public EgressContext(PhiFlowRuleAnalyzer analyzer, VendorResolver resolver, InventorySnapshot snapshot)
            : base(analyzer)
        {
            _resolver = resolver;
            _snapshot = snapshot;
        }

        protected override Diagnostic? CreateDiagnostic(SinkHit hit, string origins, ImmutableArray<Location> originLocations, ImmutableDictionary<string, string?> properties)
        {
            var (vendorId, how) = _resolver.Resolve(hit.InnerOperation);
            string destination;
            string reason;
            if (vendorId is null)
            {
                destination = "an unknown destination";
                reason = how;
            }
            else if (_snapshot.Inventory is null)
            {
                destination = "vendor '" + vendorId + "'";
                reason = "there is no baa-inventory.yaml to show it has a BAA";
            }
            else if (_snapshot.Inventory.Find(vendorId) is not { } vendor)
            {
                destination = "vendor '" + vendorId + "'";
                reason = "it is not in " + System.IO.Path.GetFileName(_snapshot.Path ?? "baa-inventory.yaml");
            }
            else
            {
                if (vendor.Evaluate(_snapshot.Today) == PhiPermission.Allowed)
                {
                    return null;
                }

                destination = "vendor '" + vendor.Id + "' (" + vendor.DisplayName + ")";
                reason = vendor.Explain(_snapshot.Today);
            }

            properties = properties.Add("PhiVendor", vendorId ?? string.Empty);
            return Diagnostic.Create(PhiDescriptors.PhiToUncoveredDestination, hit.Operation.Syntax.GetLocation(), originLocations, properties, origins, hit.Display, destination, reason);
        }
    }
}
