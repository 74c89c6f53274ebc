using ClinicService.Model;
using PhiGuard;

namespace ClinicService.Integrations;

/// <summary>Sends dictated notes for transcription. The vendor's BAA was terminated: this client must go.</summary>
[BaaCovered("dictation-co")] // PHI005: the BAA of dictation-co is terminated
public sealed class DictationClient
{
    private readonly HttpClient _http;

    public DictationClient(HttpClient http)
    {
        _http = http;
        _http.BaseAddress = new Uri("https://api.dictascribe.example/");
    }

    public async Task<string> SubmitAsync(ClinicalNote draft, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync("v2/jobs", new StringContent(draft.Body), cancellationToken); // PHI002: dictation-co may not receive PHI (BAA terminated)
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
