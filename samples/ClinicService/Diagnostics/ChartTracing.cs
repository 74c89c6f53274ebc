using System.Diagnostics;
using ClinicService.Model;
using PhiGuard;

namespace ClinicService.Diagnostics;

/// <summary>Opens charts, with tracing.</summary>
public sealed class ChartTracing
{
    public static readonly ActivitySource Source = new("ClinicService.Charts");

    private readonly IPhiTokenizer _tokenizer;
    private readonly IReadOnlyDictionary<int, Patient> _patients;

    public ChartTracing(IPhiTokenizer tokenizer, IReadOnlyDictionary<int, Patient> patients)
    {
        _tokenizer = tokenizer;
        _patients = patients;
    }

    public Patient Open(int patientId, string expectedMrn)
    {
        using var activity = Source.StartActivity("chart.open");
        activity?.SetTag("patient.id", patientId); // compliant: the surrogate key identifies no one

        if (!_patients.TryGetValue(patientId, out var patient))
        {
            throw new KeyNotFoundException($"No chart for patient {patientId}"); // compliant: no PHI in the message
        }

        activity?.SetTag("patient.mrn", patient.Mrn); // PHI007: the MRN becomes a trace tag
        activity?.SetTag("patient.ref", _tokenizer.Tokenize(patient.Mrn)); // compliant: a token

        if (patient.Mrn != expectedMrn)
        {
            throw new InvalidOperationException($"Chart of {patient.FullName} does not match the wristband"); // PHI007: the name goes into an exception message
        }

        return patient;
    }
}
