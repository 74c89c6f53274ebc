using Microsoft.CodeAnalysis;

namespace PhiAnalyzers.Diagnostics;

/// <summary>All PhiGuard descriptors, each made by <see cref="DiagnosticDescriptors.Create"/>.</summary>
internal static class PhiDescriptors
{
    public static readonly DiagnosticDescriptor PhiToLog = DiagnosticDescriptors.Create(
        RuleIdentifiers.PhiToLog,
        "PHI reaches a log",
        "PHI '{0}' reaches log sink '{1}'",
        RuleCategories.Privacy,
        DiagnosticSeverity.Warning,
        "Protected health information must not be written to ordinary logs. Redact or tokenize it first.");

    public static readonly DiagnosticDescriptor PhiToUncoveredDestination = DiagnosticDescriptors.Create(
        RuleIdentifiers.PhiToUncoveredDestination,
        "PHI leaves the process to a destination not allowed to receive it",
        "PHI '{0}' is sent through '{1}' to {2}, which may not receive PHI: {3}",
        RuleCategories.Compliance,
        DiagnosticSeverity.Warning,
        "PHI may only go to vendors with a signed, unexpired BAA that allows PHI in baa-inventory.yaml.");

    public static readonly DiagnosticDescriptor PhiToUnencryptedStore = DiagnosticDescriptors.Create(
        RuleIdentifiers.PhiToUnencryptedStore,
        "PHI is written to a store not known to encrypt at rest",
        "PHI '{0}' is written to '{1}', which is not known to encrypt at rest",
        RuleCategories.Privacy,
        DiagnosticSeverity.Warning,
        "PHI at rest must be encrypted. Write it through an [EncryptedAtRest] store, encrypt or tokenize it first.");

    public static readonly DiagnosticDescriptor PhiToUnauditedModelCall = DiagnosticDescriptors.Create(
        RuleIdentifiers.PhiToUnauditedModelCall,
        "PHI reaches an AI model call that is not audited",
        "PHI '{0}' reaches model call '{1}' without an audit record on every path before it",
        RuleCategories.Compliance,
        DiagnosticSeverity.Warning,
        "Every AI model call that carries PHI must be audited: append an audit record before it on every path, or send it through IPhiModelRouter.");

    public static readonly DiagnosticDescriptor BaaCoveredVendorNotAllowed = DiagnosticDescriptors.Create(
        RuleIdentifiers.BaaCoveredVendorNotAllowed,
        "[BaaCovered] names a vendor that may not receive PHI",
        "[BaaCovered(\"{0}\")] names a vendor that may not receive PHI: {1}",
        RuleCategories.Compliance,
        DiagnosticSeverity.Warning,
        "[BaaCovered] must name a vendor of baa-inventory.yaml whose BAA is signed, unexpired and allows PHI.");

    public static readonly DiagnosticDescriptor InventoryInvalid = DiagnosticDescriptors.Create(
        RuleIdentifiers.InventoryInvalid,
        "The BAA inventory is missing, unreadable or invalid",
        "{0}",
        RuleCategories.Compliance,
        DiagnosticSeverity.Warning,
        "baa-inventory.yaml must exist and be valid so the analyzers can decide which vendors may receive PHI. An invalid vendor entry covers nothing.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PhiToTelemetry = DiagnosticDescriptors.Create(
        RuleIdentifiers.PhiToTelemetry,
        "PHI reaches diagnostics telemetry",
        "PHI '{0}' reaches telemetry sink '{1}'",
        RuleCategories.Privacy,
        DiagnosticSeverity.Warning,
        "Exception messages, traces, metrics and telemetry leave the compliance boundary. Redact or tokenize PHI first.");

    public static readonly DiagnosticDescriptor BaaExpiresSoon = DiagnosticDescriptors.Create(
        RuleIdentifiers.BaaExpiresSoon,
        "A BAA named by [BaaCovered] expires soon",
        "The BAA of vendor '{0}' expires on {1:yyyy-MM-dd}, in {2} day(s): renew it before PHI stops being allowed",
        RuleCategories.Compliance,
        DiagnosticSeverity.Warning,
        "A BAA that expires within the warning window (30 days unless configured) is reported at every [BaaCovered] naming it so renewals are not missed.");
}
