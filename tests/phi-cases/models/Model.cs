using PhiGuard;

namespace Cases.Models;

public sealed class ClinicalNote
{
    [NotPhi] public Guid NoteId { get; init; }
    [Phi(PhiKind.MedicalRecordNumber)] public string PatientMrn { get; init; } = "";
    [Phi(PhiKind.ClinicalNote)] public string Body { get; init; } = "";
    [Phi(PhiKind.Medication)] public IReadOnlyList<string> Medications { get; init; } = Array.Empty<string>();
    public string Specialty { get; init; } = "";
    public int WordCount { get; init; }
}

public sealed record Question([property: Phi(PhiKind.ClinicalNote)] string Text, [property: NotPhi] string Locale);

public interface IClinicalAssistant
{
    [PhiSink(PhiSinkKind.Model)]
    Task<string> AskAsync(string prompt);
}
