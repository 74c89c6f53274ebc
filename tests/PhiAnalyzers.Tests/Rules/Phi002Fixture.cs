using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Rules;
using PhiAnalyzers.Tests.Verifiers;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiEgressAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>Shared model, inventory and expectations of the PHI002 test classes.</summary>
internal static class Phi002Fixture
{
    public const string UnknownReason = "no [BaaCovered], inventory client or known host identifies it";

    public const string Model = """

        public sealed class Patient
        {
            [PhiGuard.NotPhi] public int Id { get; set; }
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Name { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Ssn)] public string Ssn { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Email)] public string Email { get; set; } = "";
            public string Ward { get; set; } = "";
        }
        """;

    // Build date in tests: 2026-06-01 (PhiTest's PhiInventoryDate).
    public const string Inventory = """
        version: 1
        vendors:
          - id: good
            name: Good Lab
            baa: { status: signed, signed: 2025-01-01, expires: 2030-01-01 }
            phi: allowed
            hosts: ["api.good.example", "*.good-wild.example"]
          - id: pending
            name: Pending Co
            baa: { status: pending }
            phi: allowed
            hosts: ["api.pending.example"]
          - id: none
            name: No BAA Inc
            baa: { status: none }
            phi: allowed
            hosts: ["api.none.example"]
          - id: terminated
            name: Former Partner
            baa: { status: terminated, signed: 2020-01-01, expires: 2023-01-01 }
            phi: allowed
            hosts: ["api.terminated.example"]
          - id: expired
            name: Lapsed Lab
            baa: { status: signed, signed: 2024-01-01, expires: 2026-05-31 }
            phi: allowed
            hosts: ["api.expired.example"]
          - id: lastday
            name: Last Day Lab
            baa: { status: signed, signed: 2024-01-01, expires: 2026-06-01 }
            phi: allowed
            hosts: ["api.lastday.example"]
          - id: deid
            name: Insight Analytics
            baa: { status: signed }
            phi: deidentified-only
            hosts: ["ingest.deid.example"]
          - id: forbidden
            name: Ad Network
            baa: { status: signed }
            phi: forbidden
            hosts: ["api.forbidden.example"]
          - id: broken
            name: Broken Entry
            baa: { status: maybe }
            phi: allowed
            hosts: ["api.broken.example"]
          - id: azure
            name: Azure OpenAI
            baa: { status: signed, signed: 2025-01-01, expires: 2030-01-01 }
            phi: allowed
            clients: ["Azure.AI.OpenAI.AzureOpenAIClient"]
          - id: bedrock
            name: Amazon Bedrock
            baa: { status: signed, signed: 2025-01-01, expires: 2030-01-01 }
            phi: allowed
            hosts: ["bedrock-runtime.*.amazonaws.com"]
        """;

    public static PhiTest<PhiEgressAnalyzer> Test(string code, params DiagnosticResult[] expected)
        => new PhiTest<PhiEgressAnalyzer>(code + Model, expected).WithInventory(Inventory);

    /// <summary>Replaces the shared inventory of <paramref name="test"/> with <paramref name="yaml"/>.</summary>
    public static PhiTest<PhiEgressAnalyzer> WithInventoryReplaced(this PhiTest<PhiEgressAnalyzer> test, string yaml)
    {
        test.TestState.AdditionalFiles.Clear();
        return test.WithInventory(yaml);
    }

    /// <summary>Runs <paramref name="code"/> (plus the model) with the shared inventory.</summary>
    public static Task Run(string code, params DiagnosticResult[] expected) => Test(code, expected).RunAsync();

    /// <summary>Runs <paramref name="code"/> (plus the model) with no inventory at all.</summary>
    public static Task RunWithoutInventory(string code, params DiagnosticResult[] expected)
        => new PhiTest<PhiEgressAnalyzer>(code + Model, expected).RunAsync();

    /// <summary>A PHI002 at a marker, whatever its message.</summary>
    public static DiagnosticResult At(int marker) => V.Finding("PHI002").WithLocation(marker);

    /// <summary>A PHI002 at a marker with its exact message arguments.</summary>
    public static DiagnosticResult Exactly(int marker, string origin, string sink, string destination, string reason)
        => V.Diagnostic().WithLocation(marker).WithArguments(origin, sink, destination, reason).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>A PHI002 to an unknown destination at a marker.</summary>
    public static DiagnosticResult Unknown(int marker, string origin, string sink)
        => Exactly(marker, origin, sink, "an unknown destination", UnknownReason);
}
