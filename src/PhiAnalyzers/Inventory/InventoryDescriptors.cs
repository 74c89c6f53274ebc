using Microsoft.CodeAnalysis;
using PhiAnalyzers.Diagnostics;

namespace PhiAnalyzers.Inventory;

/// <summary>
/// PHI006 as reported from a compilation end action (inventory missing, bad build properties). Same id, title and
/// message as <see cref="PhiDescriptors.InventoryInvalid"/>; the CompilationEnd tag tells hosts it needs the whole compilation.
/// </summary>
internal static class InventoryDescriptors
{
    public static readonly DiagnosticDescriptor InventoryInvalidAtCompilationEnd = DiagnosticDescriptors.Create(
        RuleIdentifiers.InventoryInvalid,
        "The BAA inventory is missing, unreadable or invalid",
        "{0}",
        RuleCategories.Compliance,
        DiagnosticSeverity.Warning,
        "baa-inventory.yaml must exist and be valid so the analyzers can decide which vendors may receive PHI. An invalid vendor entry covers nothing.",
        WellKnownDiagnosticTags.CompilationEnd);
}
