using PhiGuard;

namespace Cases.Mixed;

public abstract class EntityBase
{
    [NotPhi] public long Id { get; set; }
    [NotPhi] public DateTime CreatedUtc { get; set; }
}

public class PatientProfile : EntityBase
{
    [Phi(PhiKind.Name)] public string Name { get; set; } = "";
    [Phi(PhiKind.Email)] public string Email { get; set; } = "";
    [Phi(PhiKind.Phone)] public string Phone { get; set; } = "";
    public string PreferredLanguage { get; set; } = "en";

    public override string ToString() => $"{Name} <{Email}>";
}

public sealed class PediatricProfile : PatientProfile
{
    [Phi(PhiKind.Name)] public string GuardianName { get; set; } = "";
}

[Phi(PhiKind.Medication)]
public sealed record MedicationOrder(string Drug, string Sig, int Quantity)
{
    [NotPhi] public Guid OrderId { get; init; } = Guid.NewGuid();
}

public sealed class SurveyInvite
{
    public string Address { get; set; } = "";
    public string Language { get; set; } = "";
}

public interface IRepository<T> where T : EntityBase
{
    Task<T?> GetAsync(long id);
    Task SaveAsync(T entity);
}
