using System;
using System.Collections.Generic;

namespace PhiGuard;

/// <summary>
/// One audited access to PHI. Holds no PHI itself: the subject is a token, prompts and replies appear only as keyed
/// hashes. Every member is optional; <see cref="Timestamp"/> defaults to the time of construction (UTC).
/// </summary>
public sealed class AuditRecord
{
    private DateTimeOffset _timestamp = DateTimeOffset.UtcNow;
    private DateTimeOffset? _retainUntil;
    private IReadOnlyList<PhiKind> _phiKinds = Array.Empty<PhiKind>();

    /// <summary>How long audit records are kept by default (HIPAA: six years).</summary>
    public static readonly int DefaultRetentionYears = 6;

    /// <summary>User or service principal that acted.</summary>
    public string? Actor { get; set; }

    /// <summary>Tokenized reference to the patient (e.g. <c>PHI_MEDICALRECORDNUMBER_...</c>); never raw PHI.</summary>
    public string? Subject { get; set; }

    /// <summary>The kinds of PHI the action touched.</summary>
    public IReadOnlyList<PhiKind> PhiKinds
    {
        get => _phiKinds;
        set => _phiKinds = value ?? Array.Empty<PhiKind>();
    }

    /// <summary>Why the PHI was accessed.</summary>
    public AccessPurpose Purpose { get; set; }

    /// <summary>What was done, e.g. <c>model.request</c>.</summary>
    public string? Action { get; set; }

    /// <summary>Inventory id of the model vendor, e.g. <c>bedrock</c>.</summary>
    public string? ModelVendor { get; set; }

    /// <summary>Model name, e.g. <c>gpt-4o</c>.</summary>
    public string? ModelName { get; set; }

    /// <summary>Model version or deployment.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>Region the request was processed in.</summary>
    public string? ModelRegion { get; set; }

    /// <summary>Keyed hash of what was sent (see <see cref="PhiRedaction.Hash"/>).</summary>
    public string? RequestHash { get; set; }

    /// <summary>Keyed hash of what came back (see <see cref="PhiRedaction.Hash"/>).</summary>
    public string? ResponseHash { get; set; }

    /// <summary>What became of the request; null on the record written before a request is sent.</summary>
    public AuditOutcome? Outcome { get; set; }

    /// <summary>When it happened; stored in UTC.</summary>
    public DateTimeOffset Timestamp
    {
        get => _timestamp;
        set => _timestamp = value.ToUniversalTime();
    }

    /// <summary>Ties the records of one operation together (e.g. a request and its outcome).</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Keep the record at least until then; defaults to six years after <see cref="Timestamp"/>.</summary>
    public DateTimeOffset RetainUntil
    {
        get => _retainUntil ?? _timestamp.AddYears(DefaultRetentionYears);
        set => _retainUntil = value.ToUniversalTime();
    }

    /// <summary>Free text without PHI (e.g. an exception type, the file a torn tail was moved to).</summary>
    public string? Detail { get; set; }
}

/// <summary>What became of an audited request.</summary>
public enum AuditOutcome
{
    /// <summary>The reply was shown to a user.</summary>
    ShownToUser,

    /// <summary>The reply was acted on without a human in the loop.</summary>
    ActedOnAutomatically,

    /// <summary>The reply waits for a human to review it.</summary>
    QueuedForHumanReview,

    /// <summary>The request was not sent (policy).</summary>
    Refused,

    /// <summary>The vendor or the transport failed.</summary>
    Failed,

    /// <summary>No reply within the time limit.</summary>
    TimedOut,

    /// <summary>The caller cancelled.</summary>
    Cancelled,

    /// <summary>Bookkeeping record of the audit log itself (e.g. torn-tail recovery).</summary>
    Recorded,
}
