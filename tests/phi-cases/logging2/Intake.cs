using System.Text;
using Microsoft.Extensions.Logging;
using PhiGuard;

namespace Cases.Logging2;

public sealed class IntakeService(ILogger<IntakeService> logger, IPatientDirectory directory, IPhiTokenizer tokenizer, IWardPager pager)
{
    public async Task AdmitAsync(Guid id, CancellationToken ct)
    {
        var patient = await directory.FindAsync(id, ct);
        if (patient is null)
        {
            logger.LogWarning("Patient {PatientId} not found", id);
            return;
        }

        logger.LogInformation("Admitting {PatientId} to {Ward}", patient.PatientId, patient.Ward);
        logger.LogInformation("Admitting {Name} born {Dob}", patient.DisplayName, patient.BirthDate); // expect: PHI001
        logger.LogDebug("Age {Age}, inpatient {Inpatient}", patient.Age, patient.IsInpatient);
        logger.Log(LogLevel.Information, new EventId(12, "Admit"), "MRN {Mrn}", patient.Mrn); // expect: PHI001
        logger.LogError(new InvalidOperationException("bed unavailable"), "Could not admit {PatientId}", patient.PatientId);
    }

    public void Scoped(Patient p)
    {
        using (logger.BeginScope("Patient {Mrn}", p.Mrn)) // expect: PHI001
        {
            logger.LogInformation("Started triage");
        }

        using (logger.BeginScope(new Dictionary<string, object> { ["PatientId"] = p.PatientId, ["Ward"] = p.Ward }))
        {
            logger.LogInformation("Ward transfer");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Email"] = p.Email }); // expect: PHI001
    }

    public void Builder(Patient p, IEnumerable<Diagnosis> diagnoses)
    {
        var sb = new StringBuilder();
        sb.Append("Summary for ").Append(p.PatientId);
        logger.LogInformation(sb.ToString());

        var details = new StringBuilder();
        details.AppendLine($"Patient: {p.LastName}");
        foreach (var d in diagnoses)
        {
            details.AppendLine(d.Code);
        }

        logger.LogInformation("{Details}", details); // expect: PHI001
    }

    public void Collections(IReadOnlyList<Patient> ward)
    {
        var names = ward.Select(p => p.LastName).ToList();
        logger.LogInformation("Ward roster: {Names}", string.Join(", ", names)); // expect: PHI001
        logger.LogInformation("Ward size {Count}", ward.Count);
        logger.LogInformation("Any without email: {Missing}", ward.Any(p => p.Email is null));
        var ids = ward.Select(p => p.PatientId).ToArray();
        logger.LogInformation("Ids {Ids}", ids);
        var oldest = ward.OrderBy(p => p.BirthDate).First();
        logger.LogInformation("Oldest {Patient}", oldest.PatientId);
        logger.LogInformation("Oldest born {Dob}", oldest.BirthDate); // expect: PHI001
    }

    public void WholeObjects(Patient p, Encounter e, Diagnosis dx)
    {
        logger.LogInformation("Encounter {@Encounter}", e); // expect: PHI001
        logger.LogInformation("Diagnosis {Dx}", dx); // expect: PHI001
        logger.LogInformation("Diagnosis sequence {Seq}", dx.Sequence);
        logger.LogInformation("Encounter {Id} in {Dept}", e.EncounterId, e.Department);
        logger.LogInformation("Complaint {Text}", e.ChiefComplaint); // expect: PHI001
        logger.LogInformation("Home city {City}", p.Home?.City); // expect: PHI001
    }

    public void Tokens(Patient p)
    {
        logger.LogInformation("Patient {Token}", tokenizer.Tokenize(p.Mrn));
        logger.LogInformation("Email {Email}", PhiRedaction.Redact(p.Email));
        logger.LogInformation("Initials {Initials}", directory.Initials(p));
        var raw = tokenizer.Detokenize(tokenizer.Tokenize(p.Mrn));
        logger.LogInformation("Round trip {Value}", raw); // expect: PHI001
        logger.LogInformation("Has email {HasEmail}", !string.IsNullOrEmpty(p.Email));
        logger.LogInformation("Name length {Len}", p.LastName.Length);
    }

    public void Phones(Guid id)
    {
        var phone = directory.PhoneFor(id);
        logger.LogInformation("Calling {Phone}", phone); // expect: PHI001
        logger.LogInformation("Calling patient {Id}", id);
    }

    public void Staff(Clinician doctor, Person person)
    {
        logger.LogInformation("Seen by {Role}", doctor.Role);
        logger.LogInformation("Seen by {Npi}", doctor.Npi);
        logger.LogInformation("Seen by {Name}", person.Name); // expect: PHI001
    }

    public void Paging(Patient p)
    {
        pager.Page(p.Ward, "Bed ready");
        pager.Page(p.Ward, $"Bed ready for {p.LastName}"); // expect: PHI001
    }
}
