using System;
using Microsoft.CodeAnalysis;

namespace PhiAnalyzers.Engine;

/// <summary>
/// Where a PHI value came from: a concrete source (a <c>[Phi]</c> member, a PHI type used whole, a source method),
/// or, while a method's summary is computed, one of that method's own parameters.
/// Equality is by description and parameter only, so the same source read twice is one origin.
/// </summary>
internal sealed class PhiOrigin : IEquatable<PhiOrigin>, IComparable<PhiOrigin>
{
    private PhiOrigin(string description, Location? location, int parameterOrdinal)
    {
        Description = description;
        Location = location;
        ParameterOrdinal = parameterOrdinal;
    }

    /// <summary>How the PHI is named in messages, e.g. <c>Patient.Ssn</c>.</summary>
    public string Description { get; }

    /// <summary>Where the PHI entered the flow (a read in source), if known.</summary>
    public Location? Location { get; }

    /// <summary>-1 for a concrete origin; otherwise the ordinal of the summarized method's parameter.</summary>
    public int ParameterOrdinal { get; }

    public bool IsParameter => ParameterOrdinal >= 0;

    public static PhiOrigin Source(string description, Location? location)
        => new(description, location is { IsInSource: true } ? location : null, -1);

    public static PhiOrigin Parameter(int ordinal, string name)
        => new("parameter '" + name + "'", null, ordinal);

    public bool Equals(PhiOrigin? other)
        => other is not null && ParameterOrdinal == other.ParameterOrdinal && string.Equals(Description, other.Description, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as PhiOrigin);

    public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(Description) * 31) + ParameterOrdinal);

    public int CompareTo(PhiOrigin? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = ParameterOrdinal.CompareTo(other.ParameterOrdinal);
        return c != 0 ? c : string.CompareOrdinal(Description, other.Description);
    }

    public override string ToString() => Description;
}
