using PhiGuard;

namespace Cases.Stores2;

public sealed class Patient
{
    [NotPhi] public int Id { get; set; }
    [Phi(PhiKind.Name)] public string Name { get; set; } = "";
    [Phi(PhiKind.Ssn)] public string Ssn { get; set; } = "";
    [Phi(PhiKind.Date)] public DateTime DateOfBirth { get; set; }
    public string Clinic { get; set; } = "";
}

[Phi]
public sealed record Prescription(string Drug, string Dose, int Refills);

public sealed record VisitSummary(
    [property: NotPhi] int VisitId,
    [property: Phi(PhiKind.ClinicalNote)] string Notes,
    [property: Phi(PhiKind.Diagnosis)] string DiagnosisCode);

public interface IDocumentStore
{
    [PhiSink(PhiSinkKind.Store)]
    Task SaveAsync(string id, string document);
}

public interface IBlobArchive
{
    [EncryptedAtRest]
    Task PutAsync(string name, byte[] content);

    Task PutPlainAsync(string name, byte[] content);
}

[EncryptedAtRest]
public sealed class VaultStore
{
    private readonly string _root = "/secure";

    public void Write(string name, string content) => File.WriteAllText(Path.Combine(_root, name), content);
}

public sealed class KmsVolume(string root)
{
    public void Write(string name, [EncryptedAtRest] string content) => File.WriteAllText(Path.Combine(root, name), content);
}
