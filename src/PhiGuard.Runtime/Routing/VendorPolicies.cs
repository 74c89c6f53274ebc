using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PhiGuard.Inventory;

namespace PhiGuard;

/// <summary>Vendor policies from <c>baa-inventory.yaml</c> (parsed by the same code the analyzers use).</summary>
public static class VendorPolicies
{
    /// <summary>Reads and validates the inventory at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The inventory has errors (listed with line and column).</exception>
    public static IReadOnlyList<VendorPolicy> LoadInventory(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        return ParseInventory(File.ReadAllText(path), path);
    }

    /// <summary>Parses inventory text; <paramref name="path"/> is used in messages only.</summary>
    /// <exception cref="InvalidDataException">The inventory has errors (listed with line and column).</exception>
    public static IReadOnlyList<VendorPolicy> ParseInventory(string text, string path)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var result = InventoryParser.Parse(text, path);
        var errors = result.Problems.Where(p => p.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{path} has errors: " + string.Join("; ", errors.Select(e => $"({e.Line},{e.Column}) {e.Message}")));
        }
        return result.Inventory.Vendors.Select(ToPolicy).ToList();
    }

    internal static VendorPolicy ToPolicy(VendorEntry entry) => new(
        entry.Id,
        entry.Status switch
        {
            BaaStatus.Signed => VendorBaaStatus.Signed,
            BaaStatus.Pending => VendorBaaStatus.Pending,
            BaaStatus.Terminated => VendorBaaStatus.Terminated,
            _ => VendorBaaStatus.None,
        },
        entry.Phi switch
        {
            PhiPolicy.Allowed => VendorPhiPolicy.Allowed,
            PhiPolicy.DeidentifiedOnly => VendorPhiPolicy.DeidentifiedOnly,
            _ => VendorPhiPolicy.Forbidden,
        },
        entry.Expires,
        entry.Signed,
        entry.IsValid);
}
