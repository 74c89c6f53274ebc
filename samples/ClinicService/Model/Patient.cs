using PhiGuard;

namespace ClinicService.Model;

/// <summary>A patient of the clinic. Only the members marked [Phi] identify the patient.</summary>
public sealed class Patient
{
    /// <summary>Internal surrogate key: identifies no one outside this database.</summary>
    public int Id { get; init; }

    [Phi(PhiKind.MedicalRecordNumber)]
    public string Mrn { get; init; } = "";

    [Phi(PhiKind.Name)]
    public string FullName { get; init; } = "";

    [Phi(PhiKind.Date)]
    public DateOnly DateOfBirth { get; init; }

    [Phi(PhiKind.Phone)]
    public string Phone { get; init; } = "";

    [Phi(PhiKind.Email)]
    public string Email { get; init; } = "";

    /// <summary>Ward code, e.g. "CARD-2": not PHI.</summary>
    public string Ward { get; init; } = "";
}
