using System.Threading;
using System.Threading.Tasks;

namespace PhiGuard;

/// <summary>Sends model requests to vendors per the BAA inventory, auditing each and de-identifying where needed.</summary>
public interface IPhiModelRouter
{
    Task<ModelReply> CompleteAsync(ModelRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A request to a model.</summary>
public sealed class ModelRequest
{
    public string? Prompt { get; set; }

    public AccessPurpose Purpose { get; set; }
}

/// <summary>A model's reply.</summary>
public sealed class ModelReply
{
    public string Text { get; set; } = "";
}
