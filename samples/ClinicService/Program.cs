using System.Security.Cryptography;
using ClinicService.Ai;
using ClinicService.Model;
using PhiGuard;

// A short run of the compliant path: a note is summarized through the BAA-aware router, which writes a
// signed audit trail. No network: the "model" is a local stand-in registered as the azure-openai vendor.
// (The build is the real demonstration: see README.md for the findings it prints.)

var workFolder = Path.Combine(Path.GetTempPath(), "clinic-service-sample");
Directory.CreateDirectory(workFolder);

// Demo keys. In production these come from a key vault.
var tokenKey = RandomNumberGenerator.GetBytes(32);
var auditKey = RandomNumberGenerator.GetBytes(32);
var hashKey = RandomNumberGenerator.GetBytes(32);

var tokenizer = new PhiTokenizer(tokenKey);
var auditPath = Path.Combine(workFolder, "audit.log");
await using var audit = FileAuditLog.Open(auditPath, auditKey);

var policies = VendorPolicies.LoadInventory(Path.Combine(AppContext.BaseDirectory, "baa-inventory.yaml"));
var router = new PhiModelRouter(policies, [new LocalModelClient()], audit, tokenizer, hashKey, new PhiModelRouterOptions { DefaultActor = "clinic-service" });

var note = new ClinicalNote
{
    Author = "dr.lee",
    PatientMrn = "MRN-0042-7781",
    Body = "Pt reports chest pain on exertion, resolved with rest. ECG: normal sinus rhythm. Plan: stress test, aspirin 81 mg.",
};

var summary = await new NoteSummarizer(router, audit, azureChat: null!, openAi: null!)
    .SummarizeAsync(note, "dr.lee", CancellationToken.None);

Console.WriteLine("Summary length: " + summary.Length + " characters");
Console.WriteLine("Patient reference: " + tokenizer.Tokenize(note.PatientMrn));

var verification = AuditLogVerifier.Verify(auditPath, auditKey);
Console.WriteLine($"Audit log {auditPath}: {verification.RecordCount} records, intact: {verification.IsIntact}");

/// <summary>Stands in for the Azure OpenAI deployment so the sample runs offline.</summary>
internal sealed class LocalModelClient : IModelClient
{
    public string Vendor => "azure-openai";

    public string Model => "local-stand-in";

    public string? ModelVersion => null;

    public string? Region => "local";

    public Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
        => Task.FromResult("Exertional chest pain, resolved; ECG normal. Stress test and aspirin planned.");
}
