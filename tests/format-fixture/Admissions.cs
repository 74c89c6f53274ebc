using Microsoft.Extensions.Logging;

namespace FormatFixture;

public sealed class Patient
{
    [PhiGuard.NotPhi]
    public int Id { get; set; }

    [PhiGuard.Phi(PhiGuard.PhiKind.Name)]
    public string Name { get; set; } = "";
}

public sealed class Admissions(ILogger<Admissions> logger)
{
    public void Admit(Patient patient)
    {
        // PHI001: the patient's name reaches the log.
        logger.LogInformation("Admitted {Id} {Name}", patient.Id, patient.Name);
    }
}
