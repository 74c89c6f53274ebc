using System.Net.Http.Json;
using System.Net.Mail;
using PhiGuard;

namespace Cases.Egress3;

public static class Clients
{
    [BaaCovered("imaging-cloud")]
    public static HttpClient Imaging() => new() { BaseAddress = new Uri("https://upload.imaging-cloud.example/") };

    public static HttpClient Anonymous() => new();
}

public sealed class Outreach(IPhiTokenizer tokenizer, ICrmClient crm, CrmClient crmDirect)
{
    private readonly SmtpClient _smtp = new("smtp.securemail.example");
    private readonly SmtpClient _gmail = new("smtp.gmail.com");
    private readonly HttpClient _research = new() { BaseAddress = new Uri("https://eu.research-hub.example/") };
    private readonly HttpClient _imaging = Clients.Imaging();

    public async Task MailAsync(Patient p)
    {
        using var message = new MailMessage("clinic@hospital.example", p.Email, "Your visit", $"Dear {p.Name}, your results are ready.");
        await _smtp.SendMailAsync(message);
        await _gmail.SendMailAsync(message); // expect: PHI002
        await _gmail.SendMailAsync("clinic@hospital.example", "ops@hospital.example", "Daily census", $"Ward {p.Ward} census sent");
        await _gmail.SendMailAsync("clinic@hospital.example", "ops@hospital.example", "Admission", $"Admitted {p.Name}"); // expect: PHI002
    }

    public async Task ResearchAsync(Patient p)
    {
        await _research.PostAsJsonAsync("v1/cohort", new { ward = p.Ward, admitted = p.AdmittedOn }); // expect: PHI002
        await _research.PostAsJsonAsync("v1/cohort", new { ward = p.Ward, subject = tokenizer.Tokenize(p.Name) });
        await _research.PostAsJsonAsync("v1/cohort", new { ward = p.Ward, id = p.Id });
    }

    public async Task ImagingAsync(Patient p)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(p.Id.ToString()), "patientId");
        form.Add(new ByteArrayContent(p.Photo), "photo", "photo.jpg");
        await _imaging.PostAsync("v1/upload", form);
        using var anon = Clients.Anonymous();
        await anon.PostAsync("https://upload.other-cloud.example/v1/upload", new ByteArrayContent(p.Photo)); // expect: PHI002
    }

    public async Task CrmAsync(Patient p)
    {
        await crm.UpsertContactAsync(p.Email, p.Name); // expect: PHI002
        await crmDirect.UpsertContactAsync(p.Email, p.Name); // expect: PHI002
        await crm.UpsertContactAsync(tokenizer.Tokenize(p.Email), "anonymous");
    }

    public async Task RequestMessageAsync(HttpClient http, Patient p)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "https://api.crm.example/contacts/" + p.Id);
        request.Content = new StringContent(p.Ward);
        await http.SendAsync(request);
        var leaky = new HttpRequestMessage(HttpMethod.Put, "https://api.crm.example/contacts/" + p.Id);
        leaky.Content = new StringContent(p.Email);
        await http.SendAsync(leaky); // expect: PHI002
    }
}
