using PhiGuard;

namespace Cases.Telemetry2;

public sealed class Patient
{
    [NotPhi] public int Id { get; init; }
    [Phi(PhiKind.Name)] public string FullName { get; init; } = "";
    [Phi(PhiKind.MedicalRecordNumber)] public string Mrn { get; init; } = "";
    [Phi(PhiKind.IpAddress)] public string? LastLoginIp { get; init; }
    public string Unit { get; init; } = "";
}

public sealed record Appointment([property: NotPhi] int AppointmentId, [property: Phi(PhiKind.Date)] DateTime When, Patient Patient, string Room);

public sealed class ChartMismatchException : Exception
{
    public ChartMismatchException(string message) : base(message) { }

    public ChartMismatchException(string message, Exception inner) : base(message, inner) { }
}

public interface IOpsEvents
{
    [PhiSink(PhiSinkKind.Telemetry)]
    void Raise(string name, IReadOnlyDictionary<string, string> properties);
}
