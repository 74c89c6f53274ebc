using System;
using System.Threading;
using System.Threading.Tasks;

namespace PhiGuard;

/// <summary>Sends model requests to vendors per the BAA inventory, auditing each and de-identifying where needed.</summary>
public interface IPhiModelRouter
{
    Task<ModelReply> CompleteAsync(ModelRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// A request to a model. Give the prompt either as <see cref="PhiPrompt"/> (literal text is instruction, interpolated
/// values are PHI unless marked otherwise) or as a plain <see cref="Prompt"/> string, which the router treats as PHI
/// throughout: it goes only to vendors allowed to receive PHI, never to de-identified-only vendors (a whole text cannot
/// be tokenized usefully), and the request is refused when no allowed vendor is available.
/// </summary>
public sealed class ModelRequest
{
    /// <summary>The prompt as plain text; all of it is treated as PHI.</summary>
    public string? Prompt { get; set; }

    /// <summary>The prompt with its PHI parts marked; takes the place of <see cref="Prompt"/> (set one, not both).</summary>
    public PhiPrompt? PhiPrompt { get; set; }

    public AccessPurpose Purpose { get; set; }

    /// <summary>Who asks (recorded in the audit log).</summary>
    public string? Actor { get; set; }

    /// <summary>
    /// The patient the request is about. The router records only a token of it (a value that already is a token is kept).
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>Only this inventory vendor may serve the request (null: any, in the order the clients were given).</summary>
    public string? Vendor { get; set; }

    /// <summary>Only a client with this model name may serve the request (null: any).</summary>
    public string? Model { get; set; }

    /// <summary>What will be done with the reply, recorded as the outcome on success (default: shown to a user).</summary>
    public AuditOutcome Disposition { get; set; } = AuditOutcome.ShownToUser;

    /// <summary>Ties the audit records of this request together; generated when null.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Time limit for the vendor call; null uses the router's default.</summary>
    public TimeSpan? Timeout { get; set; }
}

/// <summary>A model's reply.</summary>
public sealed class ModelReply
{
    public string Text { get; set; } = "";

    /// <summary>Inventory id of the vendor that answered.</summary>
    public string? Vendor { get; set; }

    public string? Model { get; set; }

    public string? ModelVersion { get; set; }

    public string? Region { get; set; }

    /// <summary>The correlation id of the audit records.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>True when PHI was tokenized before sending and the reply was detokenized.</summary>
    public bool WasDeidentified { get; set; }
}
