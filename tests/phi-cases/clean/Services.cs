using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using PhiGuard;

namespace Cases.Clean;

public sealed class ScheduleService(ILogger<ScheduleService> logger, IPhiTokenizer tokenizer, IDistributedCache cache)
{
    private static readonly ActivitySource Source = new("Clinic.Schedule");

    public async Task BookAsync(Appointment appt, Staff clinician)
    {
        using var activity = Source.StartActivity("appointment.book");
        activity?.SetTag("appointment.id", appt.AppointmentId);
        activity?.SetTag("appointment.room", appt.Room);
        activity?.SetTag("appointment.duration", appt.DurationMinutes);
        logger.LogInformation("Booked {AppointmentId} in {Room} with {Clinician} ({Department})",
            appt.AppointmentId, appt.Room, clinician.DisplayName, clinician.Department);
        logger.LogInformation("Patient {Token} booked", tokenizer.Tokenize(appt.PatientName));
        logger.LogDebug("Name supplied: {HasName}, length {Length}", !string.IsNullOrWhiteSpace(appt.PatientName), appt.PatientName.Length);
        logger.LogDebug("Starts in the morning: {Morning}", appt.Start.Hour < 12);
        await cache.SetStringAsync($"appt:{appt.AppointmentId}", appt.Room);
        await cache.SetStringAsync($"appt:{appt.AppointmentId}:who", tokenizer.Tokenize(appt.PatientName));
    }

    public void Roster(IEnumerable<PatientRecord> records)
    {
        var list = records.ToList();
        logger.LogInformation("Roster of {Count} patients at {Facilities}", list.Count, string.Join(",", list.Select(r => r.FacilityCode).Distinct()));
        logger.LogInformation("Records {Ids}", list.Select(r => r.RecordId));
        logger.LogInformation("Any allergies: {Any}", list.Any(r => r.Allergies.Count > 0));
        logger.LogInformation("Last update {When}", list.Max(r => r.UpdatedAt));
        foreach (var r in list)
        {
            logger.LogTrace("Record {Id} from {Facility}", r.RecordId, r.FacilityCode);
            logger.LogTrace("Record {Id} redacted name {Name}", r.RecordId, PhiRedaction.Redact(r.Name));
        }
    }

    public string Priorities(Referral referral)
    {
        var label = referral.Priority switch
        {
            Priority.Stat => "STAT",
            Priority.Urgent => "urgent",
            _ => "routine",
        };
        logger.LogInformation("Referral {Id} priority {Priority} to {Specialty}", referral.ReferralId, label, referral.Specialty);
        var hasReason = referral.Reason is { Length: > 0 };
        logger.LogInformation("Reason given: {HasReason}", hasReason);
        return label;
    }

    public void Reassigned(PatientRecord record)
    {
        var message = "Record " + record.Name;
        message = $"Record {record.RecordId} reassigned";
        logger.LogInformation(message);
        var sb = new StringBuilder();
        sb.Append("Record ").Append(record.RecordId).Append(" at ").Append(record.FacilityCode);
        logger.LogInformation(sb.ToString());
        Console.WriteLine($"Reassigned {record.RecordId}");
    }
}

[BaaCovered("ehr-partner")]
public sealed class FhirClient(HttpClient http)
{
    public Task<HttpResponseMessage> PushAsync(PatientRecord record) => http.PostAsJsonAsync("fhir/Patient", record);

    public Task<HttpResponseMessage> PushReferralAsync(Referral referral) => http.PutAsJsonAsync($"fhir/ServiceRequest/{referral.ReferralId}", referral);
}

public sealed class Integrations(FhirClient fhir, HttpClient http, IPhiTokenizer tokenizer, IPhiModelRouter router, IAuditLog audit)
{
    private readonly AzureOpenAIClient _azure = new(new Uri("https://clinic.openai.azure.com/"), new System.ClientModel.ApiKeyCredential("k"));

    public async Task SyncAsync(PatientRecord record, Referral referral)
    {
        await fhir.PushAsync(record);
        await fhir.PushReferralAsync(referral);
        await http.PostAsJsonAsync("https://fhir.ehr-partner.example/fhir/Patient", record);
        await http.PostAsJsonAsync("https://collect.metrics-saas.example/v1", new { facility = record.FacilityCode, allergies = record.Allergies.Count });
        await http.PostAsJsonAsync("https://collect.metrics-saas.example/v1", new { subject = tokenizer.Tokenize(record.Mrn), record.UpdatedAt });
        await http.GetAsync($"https://status.anything.example/ping?facility={record.FacilityCode}");
    }

    public async Task<string> AskAsync(Referral referral, string clinician)
    {
        var reply = await router.CompleteAsync(new ModelRequest { Prompt = "Triage: " + referral.Reason, Purpose = AccessPurpose.Treatment, Actor = clinician });
        return reply.Text;
    }

    public async Task<string> DirectAsync(Referral referral, string clinician)
    {
        await audit.AppendAsync(new AuditRecord { Actor = clinician, Purpose = AccessPurpose.Treatment, Action = "model.request", ModelVendor = "azure-openai" });
        ChatClient chat = _azure.GetChatClient("gpt-4o");
        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage("Triage: " + referral.Reason));
        return completion.Content[0].Text;
    }

    public async Task<string> AuditedEitherWayAsync(Referral referral, bool urgent)
    {
        if (urgent)
        {
            await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Treatment });
        }
        else
        {
            await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Operations });
        }

        ChatClient chat = _azure.GetChatClient("gpt-4o");
        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(referral.Reason));
        return completion.Content[0].Text;
    }

    public async Task<string> NoPhiPromptAsync(IChatClient anyChat, Referral referral)
    {
        var response = await anyChat.GetResponseAsync($"List common questions for a {referral.Specialty} referral of priority {referral.Priority}");
        return response.Text;
    }
}

[EncryptedAtRest]
public sealed class EncryptedArchive(string root)
{
    public Task SaveAsync(string name, string content) => File.WriteAllTextAsync(Path.Combine(root, name), content);
}

public sealed class Archiver(EncryptedArchive archive)
{
    public async Task ArchiveAsync(PatientRecord record)
    {
        await archive.SaveAsync($"{record.RecordId}.json", JsonSerializer.Serialize(record));
        await File.WriteAllTextAsync($"/var/archive/{record.RecordId}.meta", $"{record.FacilityCode};{record.UpdatedAt:O}");
    }

    public void Validate(PatientRecord record)
    {
        if (record.Mrn.Length != 8)
        {
            throw new ArgumentException($"Record {record.RecordId} has an MRN of {record.Mrn.Length} characters", nameof(record));
        }

        if (string.IsNullOrEmpty(record.Name))
        {
            throw new InvalidOperationException("Record " + record.RecordId + " has no name");
        }
    }
}
