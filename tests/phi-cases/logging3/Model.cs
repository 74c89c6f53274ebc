using PhiGuard;

namespace Cases.Logging3;

public sealed record Patient(
    [Phi(PhiKind.Name)] string Name,
    [Phi(PhiKind.Ssn)] string Ssn,
    [property: NotPhi] int Id,
    string Unit);

[Phi(PhiKind.LabResult)]
public readonly struct LabValue
{
    public LabValue(string analyte, double value) { Analyte = analyte; Value = value; }
    public string Analyte { get; }
    public double Value { get; }
}

public sealed class Device
{
    [Phi(PhiKind.DeviceIdentifier)] public string Serial = "";
    [NotPhi] public string Model = "";
    public int BatteryPercent;
}

public sealed class Insurance
{
    [NotPhi] public int PolicyKey { get; set; }
    [Phi(PhiKind.HealthPlanNumber)] public string MemberNumber { get; set; } = "";
    [Phi(PhiKind.AccountNumber)] public string? BillingAccount { get; set; }
    public string Carrier { get; set; } = "";
}

public static class Lookup
{
    [Phi(PhiKind.Name)]
    public static string NameOf(int id) => "n/a";

    public static string UnitOf(int id) => "ICU";
}
