using System;

namespace PhiGuard;

/// <summary>One audited access to PHI.</summary>
public sealed class AuditRecord
{
    /// <summary>User or service principal that acted.</summary>
    public string? Actor { get; set; }

    /// <summary>Why the PHI was accessed.</summary>
    public AccessPurpose Purpose { get; set; }

    /// <summary>What was done, e.g. <c>model.request</c>.</summary>
    public string? Action { get; set; }
}
