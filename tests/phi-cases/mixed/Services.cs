using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using PhiGuard;

namespace Cases.Mixed;

public sealed class ProfileFileRepository(string root) : IRepository<PatientProfile>
{
    public Task<PatientProfile?> GetAsync(long id) => Task.FromResult<PatientProfile?>(null);

    public Task SaveAsync(PatientProfile entity) => File.WriteAllTextAsync(Path.Combine(root, entity.Id + ".json"), JsonSerializer.Serialize(entity)); // expect: PHI003
}

public sealed class PrescriptionService(
    ILogger<PrescriptionService> logger,
    IRepository<PatientProfile> profiles,
    HttpClient http,
    IDistributedCache cache,
    IAuditLog audit,
    IPhiTokenizer tokenizer)
{
    private readonly ChatClient _chat = new AzureOpenAIClient(new Uri("https://rx-assist.openai.azure.com/"), new System.ClientModel.ApiKeyCredential("k")).GetChatClient("gpt-4o");

    public async Task<bool> PrescribeAsync(long patientId, MedicationOrder order)
    {
        var profile = await profiles.GetAsync(patientId);
        if (profile is null)
        {
            logger.LogWarning("Profile {PatientId} missing", patientId);
            return false;
        }

        logger.LogInformation("Prescribing order {OrderId} for {PatientId}", order.OrderId, profile.Id);
        logger.LogInformation("Prescribing {Drug} x{Qty}", order.Drug, order.Quantity); // expect: PHI001
        logger.LogInformation("Prescribing for {Profile}", profile); // expect: PHI001
        logger.LogInformation("Prescribing for {Profile}", profile.ToString()); // expect: PHI001

        var response = await http.PostAsJsonAsync("https://rx.pharmacy-net.example/v1/orders", new { patient = profile.Name, order.Drug, order.Sig, order.Quantity });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Pharmacy rejected order {order.OrderId} for {profile.Name}"); // expect: PHI007
        }

        await cache.SetStringAsync($"rx:{order.OrderId}", JsonSerializer.Serialize(order)); // expect: PHI003
        await cache.SetStringAsync($"rx:{order.OrderId}:status", "sent");
        return true;
    }

    public async Task InviteAsync(PatientProfile profile)
    {
        var invite = new SurveyInvite { Address = profile.Email, Language = profile.PreferredLanguage };
        await http.PostAsJsonAsync("https://api.survey-co.example/invites", invite); // expect: PHI002
        var anonymous = new SurveyInvite { Address = tokenizer.Tokenize(profile.Email), Language = profile.PreferredLanguage };
        await http.PostAsJsonAsync("https://api.survey-co.example/invites", anonymous);
    }

    public async Task<string> CheckInteractionsAsync(PediatricProfile child, IReadOnlyList<MedicationOrder> orders)
    {
        var meds = string.Join("; ", orders.Select(o => $"{o.Drug} {o.Sig}"));
        ChatCompletion early = await _chat.CompleteChatAsync(new UserChatMessage("Interactions: " + meds)); // expect: PHI004
        await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Treatment, ModelVendor = "azure-openai" });
        ChatCompletion later = await _chat.CompleteChatAsync(new UserChatMessage($"Dosing for a child, guardian {child.GuardianName}: {meds}"));
        logger.LogInformation("Model said {Answer}", later.Content[0].Text); // expect: PHI001
        logger.LogInformation("Model answered {Chars} characters", later.Content[0].Text.Length);
        return early.Content[0].Text;
    }

    public void Trace(PediatricProfile child)
    {
        Activity.Current?.SetTag("profile.id", child.Id);
        Activity.Current?.SetTag("profile.guardian", child.GuardianName); // expect: PHI007
        Activity.Current?.SetTag("profile.created", child.CreatedUtc);
    }

    public async Task SaveAsync(PediatricProfile child)
    {
        await profiles.SaveAsync(child);
    }
}

public static class ProfileExtensions
{
    public static string ContactLine(this PatientProfile p) => p.Name + " / " + p.Phone;

    public static string LanguageTag(this PatientProfile p) => p.PreferredLanguage.ToUpperInvariant();

    public static IEnumerable<TOut> Map<TIn, TOut>(this IEnumerable<TIn> source, Func<TIn, TOut> f)
    {
        foreach (var item in source)
        {
            yield return f(item);
        }
    }
}

public sealed class ContactExport(ILogger<ContactExport> logger)
{
    public void Export(IEnumerable<PatientProfile> profiles, string path)
    {
        var lines = profiles.Map(p => p.ContactLine()).ToArray();
        File.WriteAllLines(path, lines); // expect: PHI003
        var tags = profiles.Map(p => p.LanguageTag()).ToArray();
        File.WriteAllLines(path + ".lang", tags);
        logger.LogInformation("Exported {Count} contacts, languages {Langs}", lines.Length, string.Join(",", tags));
        var byLang = profiles.GroupBy(p => p.PreferredLanguage).ToDictionary(g => g.Key, g => g.Count());
        logger.LogInformation("By language {@ByLang}", byLang);
        var first = profiles.Select(p => (p.Id, p.Email)).FirstOrDefault();
        logger.LogInformation("First id {Id}", first.Id);
        logger.LogInformation("First email {Email}", first.Email); // expect: PHI001
    }
}
