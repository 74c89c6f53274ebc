using PhiGuard;

namespace Cases.Clean;

[Phi]
public sealed class PatientRecord
{
    [NotPhi] public Guid RecordId { get; set; }
    [NotPhi] public string FacilityCode { get; set; } = "";
    [NotPhi] public DateTimeOffset UpdatedAt { get; set; }
    public string Name { get; set; } = "";
    public string Mrn { get; set; } = "";
    public List<string> Allergies { get; set; } = new();
}

public sealed class Staff
{
    public string DisplayName { get; set; } = "";
    public string Department { get; set; } = "";
}

public sealed record Appointment(
    [property: NotPhi] Guid AppointmentId,
    [property: Phi(PhiKind.Name)] string PatientName,
    [property: Phi(PhiKind.Date)] DateTime Start,
    string Room,
    int DurationMinutes);

public enum Priority { Routine, Urgent, Stat }

public sealed class Referral
{
    [NotPhi] public int ReferralId { get; set; }
    [Phi(PhiKind.ClinicalNote)] public string Reason { get; set; } = "";
    public Priority Priority { get; set; }
    public string Specialty { get; set; } = "";
}
