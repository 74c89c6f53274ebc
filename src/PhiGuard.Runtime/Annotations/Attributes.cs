using System;

namespace PhiGuard;

/// <summary>
/// Marks protected health information. On a type: every instance and member is PHI.
/// On a member, parameter or return value: that value is PHI. On a method: its return value is PHI.
/// </summary>
[AttributeUsage(
    AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Property | AttributeTargets.Field |
    AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method,
    AllowMultiple = false, Inherited = true)]
public sealed class PhiAttribute : Attribute
{
    public PhiAttribute() : this(PhiKind.Unspecified) { }

    public PhiAttribute(PhiKind kind) => Kind = kind;

    public PhiKind Kind { get; }
}

/// <summary>On a member of a <c>[Phi]</c> type: this member is not PHI.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class NotPhiAttribute : Attribute
{
}

/// <summary>Data given to the marked client goes to the named vendor of <c>baa-inventory.yaml</c>.</summary>
[AttributeUsage(
    AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Method | AttributeTargets.Property |
    AttributeTargets.Field | AttributeTargets.Parameter,
    AllowMultiple = false, Inherited = true)]
public sealed class BaaCoveredAttribute : Attribute
{
    public BaaCoveredAttribute(string vendorId) => VendorId = vendorId;

    public string VendorId { get; }
}

/// <summary>The method's return value carries no PHI. On an interface member it holds for every implementation.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class PhiSanitizerAttribute : Attribute
{
}

/// <summary>A wrapper of the team's own that counts as a sink of the given kind (on a method: all of its parameters).</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class PhiSinkAttribute : Attribute
{
    public PhiSinkAttribute(PhiSinkKind kind) => Kind = kind;

    public PhiSinkKind Kind { get; }
}

/// <summary>A store that encrypts at rest: writing PHI to it is not PHI003.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class EncryptedAtRestAttribute : Attribute
{
}
