using PhiGuard;

namespace ClinicService.Model;

/// <summary>A clinical note. The whole note is PHI except the members marked [NotPhi].</summary>
[Phi(PhiKind.ClinicalNote)]
public sealed class ClinicalNote
{
    [NotPhi]
    public Guid NoteId { get; init; } = Guid.NewGuid();

    /// <summary>The clinician who wrote the note (staff, not the patient).</summary>
    [NotPhi]
    public string Author { get; init; } = "";

    [NotPhi]
    public DateTimeOffset WrittenAt { get; init; } = DateTimeOffset.UtcNow;

    public string PatientMrn { get; init; } = "";

    public string Body { get; init; } = "";
}
