namespace PhiAnalyzers.Diagnostics;

/// <summary>Every rule id PhiGuard reports. Ids are never reused; a new rule takes the next free number.</summary>
public static class RuleIdentifiers
{
    /// <summary>PHI reaches a log.</summary>
    public const string PhiToLog = "PHI001";

    /// <summary>PHI leaves the process to a destination not allowed to receive it.</summary>
    public const string PhiToUncoveredDestination = "PHI002";

    /// <summary>PHI is written to a store not known to encrypt at rest.</summary>
    public const string PhiToUnencryptedStore = "PHI003";

    /// <summary>PHI reaches an AI model call that is not audited.</summary>
    public const string PhiToUnauditedModelCall = "PHI004";

    /// <summary><c>[BaaCovered]</c> names a vendor that may not receive PHI.</summary>
    public const string BaaCoveredVendorNotAllowed = "PHI005";

    /// <summary>The BAA inventory is missing, unreadable or invalid.</summary>
    public const string InventoryInvalid = "PHI006";

    /// <summary>PHI reaches diagnostics telemetry.</summary>
    public const string PhiToTelemetry = "PHI007";

    /// <summary>A BAA named by <c>[BaaCovered]</c> expires soon.</summary>
    public const string BaaExpiresSoon = "PHI008";
}
