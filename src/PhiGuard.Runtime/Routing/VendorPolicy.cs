using System;

namespace PhiGuard;

/// <summary>The <c>baa.status</c> of a vendor.</summary>
public enum VendorBaaStatus
{
    Signed,
    Pending,
    None,
    Terminated,
}

/// <summary>The <c>phi</c> policy of a vendor.</summary>
public enum VendorPhiPolicy
{
    Allowed,
    DeidentifiedOnly,
    Forbidden,
}

/// <summary>What a vendor may receive on a given day.</summary>
public enum VendorPhiPermission
{
    /// <summary>PHI as it is.</summary>
    Allowed,

    /// <summary>Only de-identified data: PHI is tokenized first.</summary>
    DeidentifiedOnly,

    /// <summary>No PHI at all.</summary>
    Forbidden,
}

/// <summary>One vendor's BAA terms, as in <c>baa-inventory.yaml</c>.</summary>
public sealed class VendorPolicy
{
    public VendorPolicy(string vendorId, VendorBaaStatus status, VendorPhiPolicy phi, DateTime? expires = null, DateTime? signed = null, bool isValid = true)
    {
        VendorId = vendorId ?? throw new ArgumentNullException(nameof(vendorId));
        Status = status;
        Phi = phi;
        Expires = expires;
        Signed = signed;
        IsValid = isValid;
    }

    public string VendorId { get; }

    public VendorBaaStatus Status { get; }

    public VendorPhiPolicy Phi { get; }

    /// <summary>The last day the BAA is in force; null means no expiry.</summary>
    public DateTime? Expires { get; }

    public DateTime? Signed { get; }

    /// <summary>False for an inventory entry with errors: it then covers nothing.</summary>
    public bool IsValid { get; }

    /// <summary>
    /// What the vendor may receive on <paramref name="today"/>: <see cref="VendorPhiPermission.Allowed"/> or
    /// <see cref="VendorPhiPermission.DeidentifiedOnly"/> (per <see cref="Phi"/>) only when the entry is valid, the BAA is
    /// signed and <paramref name="today"/> is not after <see cref="Expires"/>; otherwise forbidden.
    /// </summary>
    public VendorPhiPermission Evaluate(DateTime today)
    {
        if (!IsValid || Status != VendorBaaStatus.Signed || (Expires.HasValue && today.Date > Expires.Value.Date))
        {
            return VendorPhiPermission.Forbidden;
        }
        return Phi switch
        {
            VendorPhiPolicy.Allowed => VendorPhiPermission.Allowed,
            VendorPhiPolicy.DeidentifiedOnly => VendorPhiPermission.DeidentifiedOnly,
            _ => VendorPhiPermission.Forbidden,
        };
    }

    public override string ToString() => $"{VendorId} ({Status}, {Phi}{(Expires.HasValue ? ", expires " + Expires.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")})";
}
