namespace PhiGuard;

/// <summary>The kind of protected health information: the 18 HIPAA Safe Harbor identifiers plus clinical content.</summary>
public enum PhiKind
{
    Unspecified = 0,
    Name,
    Geographic,
    Date,
    Phone,
    Fax,
    Email,
    Ssn,
    MedicalRecordNumber,
    HealthPlanNumber,
    AccountNumber,
    LicenseNumber,
    VehicleIdentifier,
    DeviceIdentifier,
    Url,
    IpAddress,
    Biometric,
    Photo,
    OtherIdentifier,
    Diagnosis,
    Medication,
    LabResult,
    ClinicalNote,
}

/// <summary>The kind of sink a <see cref="PhiSinkAttribute"/> declares.</summary>
public enum PhiSinkKind
{
    Log,
    Telemetry,
    Egress,
    Store,
    Model,
}
