using Xunit;
using static PhiAnalyzers.Tests.Rules.Phi002Fixture;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI002: what the vendor's inventory entry decides, and what the message says about it.</summary>
public class Phi002StatusTests
{
    private static string ThroughAttribute(string vendor, string data) => $$"""
        using System.Net.Http;
        using System.Threading.Tasks;
        using PhiGuard;
        class C(IPhiTokenizer tokenizer)
        {
            Task M([BaaCovered("{{vendor}}")] HttpClient http, Patient p)
                => {|#0:http.PostAsync("v1/notes", new StringContent({{data}}))|};
        }
        """;

    private static string ThroughHost(string host, string data) => $$"""
        using System.Net.Http;
        using System.Threading.Tasks;
        using PhiGuard;
        class C(IPhiTokenizer tokenizer)
        {
            Task M(HttpClient http, Patient p)
                => {|#0:http.PostAsync("https://{{host}}/v1/notes", new StringContent({{data}}))|};
        }
        """;

    [Theory]
    [InlineData("pending", "vendor 'pending' (Pending Co)", "BAA status is 'pending'")]
    [InlineData("none", "vendor 'none' (No BAA Inc)", "BAA status is 'none'")]
    [InlineData("terminated", "vendor 'terminated' (Former Partner)", "BAA status is 'terminated'")]
    [InlineData("expired", "vendor 'expired' (Lapsed Lab)", "BAA expired on 2026-05-31")]
    [InlineData("deid", "vendor 'deid' (Insight Analytics)", "phi is 'deidentified-only': it accepts only de-identified data")]
    [InlineData("forbidden", "vendor 'forbidden' (Ad Network)", "phi is 'forbidden'")]
    [InlineData("broken", "vendor 'broken' (Broken Entry)", "its inventory entry is invalid (see PHI006), so it covers nothing")]
    [InlineData("missing", "vendor 'missing'", "it is not in baa-inventory.yaml")]
    public Task VendorThatMayNotReceivePhi(string vendor, string destination, string reason)
        => Run(ThroughAttribute(vendor, "p.Name"), Exactly(0, "Patient.Name", "HttpClient.PostAsync", destination, reason));

    [Theory]
    [InlineData("good")]
    [InlineData("GOOD")]
    [InlineData("lastday")]
    public Task VendorThatMayReceivePhi(string vendor)
        => Run(ThroughAttribute(vendor, "p.Name"));

    [Theory]
    [InlineData("pending")]
    [InlineData("none")]
    [InlineData("terminated")]
    [InlineData("expired")]
    [InlineData("deid")]
    [InlineData("forbidden")]
    [InlineData("broken")]
    [InlineData("missing")]
    public Task NoPhiToAnyVendorIsSilent(string vendor)
        => Run(ThroughAttribute(vendor, "p.Ward").Replace("{|#0:", string.Empty).Replace("|}", string.Empty));

    [Theory]
    [InlineData("api.pending.example", "vendor 'pending' (Pending Co)", "BAA status is 'pending'")]
    [InlineData("api.none.example", "vendor 'none' (No BAA Inc)", "BAA status is 'none'")]
    [InlineData("api.terminated.example", "vendor 'terminated' (Former Partner)", "BAA status is 'terminated'")]
    [InlineData("api.expired.example", "vendor 'expired' (Lapsed Lab)", "BAA expired on 2026-05-31")]
    [InlineData("ingest.deid.example", "vendor 'deid' (Insight Analytics)", "phi is 'deidentified-only': it accepts only de-identified data")]
    [InlineData("api.forbidden.example", "vendor 'forbidden' (Ad Network)", "phi is 'forbidden'")]
    [InlineData("api.broken.example", "vendor 'broken' (Broken Entry)", "its inventory entry is invalid (see PHI006), so it covers nothing")]
    public Task HostOfAVendorThatMayNotReceivePhi(string host, string destination, string reason)
        => Run(ThroughHost(host, "p.Ssn"), Exactly(0, "Patient.Ssn", "HttpClient.PostAsync", destination, reason));

    [Theory]
    [InlineData("api.good.example")]
    [InlineData("API.Good.Example")]
    [InlineData("api.lastday.example")]
    public Task HostOfAVendorThatMayReceivePhi(string host)
        => Run(ThroughHost(host, "p.Ssn"));

    [Theory]
    [InlineData("tokenizer.Tokenize(p.Name)")]
    [InlineData("PhiRedaction.Redact(p.Name)")]
    [InlineData("p.Ward")]
    [InlineData("p.Name.Length.ToString()")]
    public Task DeidentifiedOnlyVendorAcceptsDataThatIsNotPhi(string data)
    {
        var code = ThroughAttribute("deid", data).Replace("{|#0:", string.Empty).Replace("|}", string.Empty);
        return Run(code);
    }

    [Fact]
    public Task DeidentifiedOnlyVendorByHostAcceptsTokens()
        => Run("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using PhiGuard;
            class C(HttpClient http, IPhiTokenizer tokenizer)
            {
                async Task M(Patient p)
                {
                    await http.PostAsJsonAsync("https://ingest.deid.example/v1/events", new { subject = tokenizer.Tokenize(p.Ssn), p.Ward });
                    await {|#0:http.PostAsJsonAsync("https://ingest.deid.example/v1/events", new { subject = p.Ssn, p.Ward })|};
                }
            }
            """, At(0));

    [Fact]
    public Task InvalidEntryCoversNothingEvenWhenOtherKeysSayAllowed()
        => Test("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class C
            {
                Task M([BaaCovered("halfway")] HttpClient http, [BaaCovered("fine")] HttpClient fine, Patient p)
                    => Task.WhenAll({|#0:http.PostAsync("v1", new StringContent(p.Name))|}, fine.PostAsync("v1", new StringContent(p.Name)));
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", "vendor 'halfway' (halfway)", "its inventory entry is invalid (see PHI006), so it covers nothing"))
            .WithInventoryReplaced("""
                version: 1
                vendors:
                  - id: halfway
                    baa: { status: signed, signed: 2025-01-01, expires: not-a-date }
                    phi: allowed
                  - id: fine
                    baa: { status: signed }
                    phi: allowed
                """)
            .RunAsync();

    [Fact]
    public Task WithoutAnInventoryEveryVendorIsAFinding()
        => RunWithoutInventory(
            ThroughAttribute("good", "p.Name"),
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", "vendor 'good'", "there is no baa-inventory.yaml to show it has a BAA"));

    [Fact]
    public Task WithoutAnInventoryNoPhiIsSilent()
        => RunWithoutInventory(ThroughAttribute("good", "p.Ward").Replace("{|#0:", string.Empty).Replace("|}", string.Empty));

    [Fact]
    public Task WithoutAnInventoryAnUnknownDestinationIsAFinding()
        => RunWithoutInventory(ThroughHost("api.good.example", "p.Name"), Unknown(0, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task ExpiryIsJudgedAgainstPhiInventoryDate()
    {
        var test = Test(ThroughAttribute("good", "p.Name"), Exactly(0, "Patient.Name", "HttpClient.PostAsync", "vendor 'good' (Good Lab)", "BAA expired on 2030-01-01"));
        test.BuildProperties["PhiInventoryDate"] = "2030-01-02";
        return test.RunAsync();
    }

    [Fact]
    public Task LastDayOfTheBaaStillCounts()
    {
        var test = Test(ThroughAttribute("good", "p.Name").Replace("{|#0:", string.Empty).Replace("|}", string.Empty));
        test.BuildProperties["PhiInventoryDate"] = "2030-01-01";
        return test.RunAsync();
    }
}
