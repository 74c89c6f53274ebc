using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Rules;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI006 for a missing inventory: once per compilation that uses [BaaCovered] or sends PHI out of the process.</summary>
public class Phi006MissingInventoryTests
{
    private const string Missing =
        "No baa-inventory.yaml found: add one to the project folder or a parent folder, or set PhiInventoryPath; until then no vendor may receive PHI";

    private static DiagnosticResult MissingInventory() => new DiagnosticResult(PhiDescriptors.InventoryInvalid).WithArguments(Missing);

    private static Task Run(string source, params DiagnosticResult[] expected)
        => new PhiTest<InventoryValidationAnalyzer>(source + Phi002Fixture.Model, expected).RunAsync();

    [Fact]
    public Task EgressOfPhiWithoutBaaCoveredIsReportedOnce()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class C(HttpClient http)
            {
                async Task M(Patient p)
                {
                    await http.PostAsync("https://fax.unknown.example/v1", new StringContent(p.Name));
                    await http.GetAsync("v1/lookup?ssn=" + p.Ssn);
                }

                Task N(Patient p) => http.PostAsync("v1/notes", new StringContent(p.Email));
            }
            """, MissingInventory());

    [Fact]
    public Task ModelCallWithPhiIsEgressToo()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            class C(IChatClient chat)
            {
                Task M(Patient p) => chat.GetResponseAsync("Summarize " + p.Name);
            }
            """, MissingInventory());

    [Fact]
    public Task EgressOfPhiThroughAForwardingMethod()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class LegacyFax(HttpClient http)
            {
                public Task Push(string text) => http.PostAsync("v1/send", new StringContent(text));
            }
            class C(LegacyFax fax)
            {
                Task M(Patient p) => fax.Push(p.Name);
            }
            """, MissingInventory());

    [Fact]
    public Task BaaCoveredAndEgressOfPhiAreStillOneDiagnostic()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            [BaaCovered("lab")] class LabClient(HttpClient http)
            {
                public Task Send(Patient p) => http.PostAsync("v1", new StringContent(p.Name));
            }
            class C(HttpClient http)
            {
                Task M(Patient p) => http.PostAsync("v1", new StringContent(p.Ssn));
            }
            """, MissingInventory());

    [Fact]
    public Task EgressWithoutPhiAndNoBaaCoveredIsSilent()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class C(HttpClient http, IPhiTokenizer tokenizer)
            {
                async Task M(Patient p)
                {
                    await http.PostAsync("https://fax.unknown.example/v1", new StringContent(p.Ward));
                    await http.GetAsync("v1/lookup?ssn=" + tokenizer.Tokenize(p.Ssn));
                }
            }
            """);

    [Fact]
    public Task PhiToOtherSinksIsNotEgress()
        => Run("""
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation("Patient {Name}", p.Name);
            }
            """);

    [Fact]
    public Task EgressOfPhiWithAnInventoryIsNotPhi006()
        => new PhiTest<InventoryValidationAnalyzer>("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class C(HttpClient http)
            {
                Task M(Patient p) => http.PostAsync("v1", new StringContent(p.Name));
            }
            """ + Phi002Fixture.Model).WithInventory("version: 1\nvendors: []\n").RunAsync();
}
