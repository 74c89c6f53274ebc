using PhiGuard;

namespace Cases.Logging2;

public sealed class Patient
{
    [NotPhi] public Guid PatientId { get; init; }
    [Phi(PhiKind.Name)] public string FirstName { get; init; } = "";
    [Phi(PhiKind.Name)] public string LastName { get; init; } = "";
    [Phi(PhiKind.Date)] public DateOnly BirthDate { get; init; }
    [Phi(PhiKind.MedicalRecordNumber)] public string Mrn { get; init; } = "";
    [Phi(PhiKind.Email)] public string? Email { get; init; }
    [Phi(PhiKind.Geographic)] public Address? Home { get; init; }
    public string Ward { get; init; } = "";
    public int Age { get; init; }
    public bool IsInpatient { get; init; }

    public string DisplayName => FirstName + " " + LastName;
}

public sealed class Address
{
    public string Street { get; init; } = "";
    public string City { get; init; } = "";
    public string Zip { get; init; } = "";
}

[Phi(PhiKind.Diagnosis)]
public sealed record Diagnosis(string Code, string Description)
{
    [NotPhi] public int Sequence { get; init; }
}

public sealed record Encounter(
    [property: NotPhi] long EncounterId,
    [property: Phi(PhiKind.MedicalRecordNumber)] string Mrn,
    [property: Phi(PhiKind.ClinicalNote)] string ChiefComplaint,
    string Department);

public record Person
{
    [Phi(PhiKind.Name)] public string Name { get; init; } = "";
    [NotPhi] public string Role { get; init; } = "";
}

public sealed record Clinician : Person
{
    public string Npi { get; init; } = "";
}

public interface IPatientDirectory
{
    Task<Patient?> FindAsync(Guid id, CancellationToken ct = default);

    [return: Phi(PhiKind.Phone)]
    string PhoneFor(Guid id);

    [PhiSanitizer]
    string Initials(Patient p);
}

public interface IWardPager
{
    [PhiSink(PhiSinkKind.Log)]
    void Page(string ward, string message);
}
