using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PhiGuard;

namespace Cases.Egress2;

[BaaCovered("northwind-lab")]
public sealed class LabClient(HttpClient http)
{
    public Task<HttpResponseMessage> PlaceAsync(LabOrder order) => http.PostAsJsonAsync("v2/orders", order);

    public Task<string> StatusAsync(LabOrder order) => http.GetStringAsync($"v2/orders/{order.OrderId}");
}

public sealed class ReminderClient(HttpClient http)
{
    public Task SendAsync(ReminderDto dto) => http.PostAsJsonAsync("https://api.smsblast.example/v1/messages", dto);
}

public sealed class EligibilityService(HttpClient http, IPhiTokenizer tokenizer, IPartnerQueue queue, ReminderClient reminders, LabClient lab)
{
    private const string PayerBase = "https://api.payer-gateway.example/v3";

    public async Task CheckAsync(Member m)
    {
        await http.GetAsync($"{PayerBase}/eligibility?plan={m.PlanId}&ssn={m.Ssn}");
        await http.PostAsJsonAsync("https://api.payer-gateway.example/v3/claims", new { m.PlanId, m.FullName });
    }

    public async Task AnalyticsAsync(Member m)
    {
        await http.PostAsJsonAsync("https://ingest.insight.example/events", new { member = tokenizer.Tokenize(m.PlanId), m.State });
        await http.PostAsJsonAsync("https://ingest.insight.example/events", new { m.MemberId, m.State, m.OptedIn });
        await http.PostAsJsonAsync("https://ingest.insight.example/events", new { m.PlanId, m.State }); // expect: PHI002
    }

    public async Task RemindAsync(Member m)
    {
        await reminders.SendAsync(new ReminderDto { To = m.Mobile, Text = "Your appointment is tomorrow" }); // expect: PHI002
        await reminders.SendAsync(new ReminderDto { To = "+15550100", Text = "Clinic closed today" });
    }

    public async Task FaxAsync(Member m)
    {
        var body = new StringContent(JsonSerializer.Serialize(new { m.FullName, m.PlanId }), Encoding.UTF8, "application/json");
        await http.PostAsync("https://send.oldfax.example/fax", body); // expect: PHI002
    }

    public async Task PixelAsync(Member m)
    {
        var url = "https://pixel.adtech.example/p?u=" + m.Mobile;
        await http.GetAsync(url); // expect: PHI002
        await http.GetAsync("https://pixel.adtech.example/p?u=" + m.MemberId);
    }

    public async Task CourierAsync(Member m)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.courier.example/shipments")
        {
            Content = JsonContent.Create(new { recipient = m.FullName, m.State }),
        };
        await http.SendAsync(request); // expect: PHI002
    }

    public async Task UnknownAsync(Member m)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = m.FullName, ["state"] = m.State });
        await http.PostAsync("https://forms.partner-unknown.example/submit", form); // expect: PHI002
        await http.PostAsync("https://forms.partner-unknown.example/submit", new StringContent(m.State));
    }

    public async Task QueueAsync(Member m)
    {
        await queue.PublishAsync("members", JsonSerializer.Serialize(m)); // expect: PHI002
        await queue.PublishAsync("members", m.MemberId.ToString());
    }

    public async Task LabAsync(LabOrder order)
    {
        await lab.PlaceAsync(order);
        await lab.StatusAsync(order);
    }

    public async Task ClaimsAsync(Claim claim)
    {
        var lines = claim.Lines.Select(l => new { l.Line, l.Code, l.Amount }).ToList();
        await http.PostAsJsonAsync("https://pixel.adtech.example/claims", lines);
        await http.PostAsJsonAsync("https://pixel.adtech.example/claims", new { claim.ClaimNumber, Lines = lines });
        await http.PostAsJsonAsync("https://pixel.adtech.example/claims", claim); // expect: PHI002
    }
}
