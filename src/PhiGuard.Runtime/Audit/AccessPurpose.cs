namespace PhiGuard;

/// <summary>Why PHI is accessed (HIPAA permitted purposes).</summary>
public enum AccessPurpose
{
    Treatment,
    Payment,
    Operations,
    Research,
    Other,
}
