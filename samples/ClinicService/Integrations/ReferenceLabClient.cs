using System.Net.Http.Json;
using ClinicService.Model;
using PhiGuard;

namespace ClinicService.Integrations;

/// <summary>Orders tests from the reference lab, whose BAA allows PHI (until 2026-12-14).</summary>
[BaaCovered("reflab")] // PHI008: the reflab BAA expires on 2026-12-14, within 30 days of the build date
public sealed class ReferenceLabClient
{
    private readonly HttpClient _http;

    public ReferenceLabClient(HttpClient http) => _http = http;

    public Task<HttpResponseMessage> OrderAsync(LabOrder order, CancellationToken cancellationToken)
        => _http.PostAsJsonAsync("https://orders.northwind-lab.example/v1/orders", order, cancellationToken); // compliant: reflab has a signed BAA that allows PHI
}
