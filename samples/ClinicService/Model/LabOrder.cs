using PhiGuard;

namespace ClinicService.Model;

/// <summary>An order for the reference lab.</summary>
public sealed class LabOrder
{
    [NotPhi]
    public Guid OrderId { get; init; } = Guid.NewGuid();

    [Phi(PhiKind.MedicalRecordNumber)]
    public string PatientMrn { get; init; } = "";

    /// <summary>LOINC code of the test: not PHI on its own.</summary>
    public string TestCode { get; init; } = "";

    [Phi(PhiKind.Diagnosis)]
    public string ClinicalIndication { get; init; } = "";
}
