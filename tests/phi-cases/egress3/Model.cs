using System.Net.Http.Json;
using PhiGuard;

namespace Cases.Egress3;

public sealed class Patient
{
    [NotPhi] public int Id { get; set; }
    [Phi(PhiKind.Name)] public string Name { get; set; } = "";
    [Phi(PhiKind.Email)] public string Email { get; set; } = "";
    [Phi(PhiKind.Photo)] public byte[] Photo { get; set; } = Array.Empty<byte>();
    [Phi(PhiKind.Date)] public DateTime AdmittedOn { get; set; }
    public string Ward { get; set; } = "";
}

[BaaCovered("crm")] // expect: PHI005
public interface ICrmClient
{
    Task UpsertContactAsync(string email, string name);
}

public sealed class CrmClient(HttpClient http) : ICrmClient
{
    public Task UpsertContactAsync(string email, string name)
        => http.PostAsJsonAsync("https://api.crm.example/contacts", new { email, name });
}
