using System.Net.Http.Json;
using ClinicService.Model;
using PhiGuard;

namespace ClinicService.Integrations;

/// <summary>Product analytics. Its BAA covers de-identified data only.</summary>
public sealed class AnalyticsClient
{
    private const string Endpoint = "https://ingest.insight-analytics.example/v1/events";
    private readonly HttpClient _http;
    private readonly IPhiTokenizer _tokenizer;

    public AnalyticsClient(HttpClient http, IPhiTokenizer tokenizer)
    {
        _http = http;
        _tokenizer = tokenizer;
    }

    public Task<HttpResponseMessage> VisitCompletedAsync(Patient patient, TimeSpan duration)
        => _http.PostAsJsonAsync(Endpoint, new { patient.Mrn, patient.Ward, minutes = duration.TotalMinutes }); // PHI002: insight-analytics takes de-identified data only

    public Task<HttpResponseMessage> VisitCompletedTokenizedAsync(Patient patient, TimeSpan duration)
        => _http.PostAsJsonAsync(Endpoint, new { subject = _tokenizer.Tokenize(patient.Mrn), patient.Ward, minutes = duration.TotalMinutes }); // compliant: a token, not the MRN
}
