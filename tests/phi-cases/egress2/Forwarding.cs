using System.Net.Http.Json;
using System.Text;
using PhiGuard;

namespace Cases.Egress2;

public sealed class LegacyFax
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri("https://send.oldfax.example/") };

    public Task Push(string text) => _http.PostAsync("fax", new StringContent(text));
}

public sealed class PayerClient
{
    private readonly HttpClient _http;

    public PayerClient(HttpClient http)
    {
        _http = http;
        _http.BaseAddress = new Uri("https://api.payer-gateway.example/");
    }

    public Task Submit(Claim claim) => _http.PostAsJsonAsync("v3/claims", claim);
}

public static class Webhooks
{
    public static Task Notify(HttpClient http, string url, object payload) => http.PostAsJsonAsync(url, payload);
}

public sealed class Notifications(HttpClient http, LegacyFax fax, PayerClient payer, IPhiTokenizer tokenizer)
{
    public async Task Send(Member m, Claim claim)
    {
        await fax.Push("Referral for " + m.FullName); // expect: PHI002
        await fax.Push("Referral ready for member " + m.MemberId);
        await payer.Submit(claim);
        await Webhooks.Notify(http, "https://hooks.partner-unknown.example/x", new { m.Ssn }); // expect: PHI002
        await Webhooks.Notify(http, "https://hooks.partner-unknown.example/x", new { token = tokenizer.Tokenize(m.Ssn) });
    }

    public async Task Lookup(Member m)
    {
        var uri = new Uri($"https://lookup.partner-unknown.example/members?ssn={m.Ssn}");
        await http.GetStringAsync(uri); // expect: PHI002
        await http.GetAsync("https://api.payer-gateway.example/v3/members?plan=" + m.PlanId);
    }
}
