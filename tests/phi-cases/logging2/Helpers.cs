using Microsoft.Extensions.Logging;
using PhiGuard;

namespace Cases.Logging2;

public static class PatientFormatting
{
    public static string Label(this Patient p) => $"{p.LastName}, {p.FirstName}";

    public static string SafeLabel(this Patient p) => $"patient-{p.PatientId:N}";

    public static string Describe<T>(T value) => value?.ToString() ?? "";

    [PhiSanitizer]
    public static string Mask(string value) => value.Length <= 2 ? "**" : value[..1] + new string('*', value.Length - 1);

    public static string Category(Patient p) => p.Age switch
    {
        < 18 => "pediatric",
        >= 65 => "geriatric",
        _ => "adult",
    };

    public static (string Name, int Age) NameAndAge(Patient p) => (p.LastName, p.Age);
}

public sealed class AuditTrailWriter(ILogger<AuditTrailWriter> logger)
{
    public void Note(string text) => logger.LogInformation("audit: {Text}", text);

    public void NoteTwice(string text) => Note("[dup] " + text);
}

public sealed class RoundingService(ILogger<RoundingService> logger, AuditTrailWriter trail)
{
    public void Round(Patient p)
    {
        logger.LogInformation("Rounding {Label}", p.Label()); // expect: PHI001
        logger.LogInformation("Rounding {Label}", p.SafeLabel());
        logger.LogInformation("Masked {Mrn}", PatientFormatting.Mask(p.Mrn));
        logger.LogInformation("Category {Category}", PatientFormatting.Category(p));
        var (name, age) = PatientFormatting.NameAndAge(p);
        logger.LogInformation("Age {Age}", age);
        logger.LogInformation("Name {Name}", name); // expect: PHI001
        trail.Note("rounded " + p.PatientId);
        trail.Note("rounded " + p.Mrn); // expect: PHI001
        trail.NoteTwice(p.LastName); // expect: PHI001
    }

    public void Patterns(object subject)
    {
        if (subject is Patient { IsInpatient: true } p)
        {
            logger.LogInformation("Inpatient {Id}", p.PatientId);
            logger.LogInformation("Inpatient {Mrn}", p.Mrn); // expect: PHI001
        }

        var message = subject switch
        {
            Patient q => "patient " + q.LastName,
            Clinician c => "clinician " + c.Role,
            _ => "unknown",
        };
        logger.LogInformation(message); // expect: PHI001
    }

    public void Nullable(Patient? p)
    {
        var email = p?.Email ?? "none";
        logger.LogInformation("Email {Email}", email); // expect: PHI001
        var ward = p?.Ward ?? "none";
        logger.LogInformation("Ward {Ward}", ward);
    }

    public void Overwrite(Patient p)
    {
        var line = $"Patient {p.LastName}";
        if (p.Age > 0)
        {
            line = $"Patient {p.PatientId}";
        }

        logger.LogInformation(line); // expect: PHI001
        var text = p.Mrn;
        text = "patient " + p.PatientId;
        logger.LogInformation(text);
    }
}
