using PhiGuard;

namespace Cases.Egress2;

public sealed class Member
{
    [NotPhi] public int MemberId { get; set; }
    [Phi(PhiKind.Name)] public string FullName { get; set; } = "";
    [Phi(PhiKind.Phone)] public string Mobile { get; set; } = "";
    [Phi(PhiKind.Ssn)] public string Ssn { get; set; } = "";
    [Phi(PhiKind.HealthPlanNumber)] public string PlanId { get; set; } = "";
    public string State { get; set; } = "";
    public bool OptedIn { get; set; }
}

[Phi(PhiKind.LabResult)]
public sealed class LabOrder
{
    [NotPhi] public Guid OrderId { get; set; }
    public string TestCode { get; set; } = "";
    public string PatientMrn { get; set; } = "";
}

public sealed record ClaimLine(int Line, string Code, decimal Amount);

public sealed class Claim
{
    [NotPhi] public string ClaimNumber { get; set; } = "";
    [Phi(PhiKind.HealthPlanNumber)] public string PlanId { get; set; } = "";
    public List<ClaimLine> Lines { get; set; } = new();
}

public sealed class ReminderDto
{
    public string To { get; set; } = "";
    public string Text { get; set; } = "";
}

public interface IPartnerQueue
{
    Task PublishAsync(string topic, [PhiSink(PhiSinkKind.Egress)] string payload);
}
