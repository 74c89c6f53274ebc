using System.Net.Http.Json;
using ClinicService.Model;

namespace ClinicService.Integrations;

/// <summary>Faxes referral letters through the eFax relay.</summary>
public sealed class FaxRelay
{
    private readonly HttpClient _http;

    public FaxRelay(HttpClient http) => _http = http;

    public Task<HttpResponseMessage> SendReferralAsync(Patient patient, string faxNumber, string letter)
        => _http.PostAsJsonAsync("https://api.efax-relay.example/send", new { to = faxNumber, patientName = patient.FullName, letter }); // PHI002: unknown destination (the inventory's 'host' typo hides the fax-relay host, see PHI006)
}
