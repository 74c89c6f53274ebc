using System;

namespace PhiAnalyzers.Catalog;

/// <summary>Where PHI must not go. Mirrors <c>PhiGuard.PhiSinkKind</c> (same order) so the attribute maps directly.</summary>
[Flags]
internal enum SinkKinds
{
    None = 0,
    Log = 1 << 0,
    Telemetry = 1 << 1,
    Egress = 1 << 2,
    Store = 1 << 3,
    Model = 1 << 4,
}

/// <summary>Calls that, when they happen before a sink on every path, change what a rule reports (e.g. an audit append).</summary>
[Flags]
internal enum GuardKinds
{
    None = 0,
    Audit = 1 << 0,
}
