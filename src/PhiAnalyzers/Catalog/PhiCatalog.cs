using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PhiAnalyzers.Catalog;

/// <summary>A sink that a call reaches: its kind, its name in messages, and which parameters carry data to it.</summary>
internal sealed class SinkSpec
{
    public SinkSpec(SinkKinds kind, string display, ImmutableArray<bool> dataParameters, ISymbol? receiverMember, bool onFileOnly = false)
    {
        Kind = kind;
        Display = display;
        DataParameters = dataParameters;
        ReceiverMember = receiverMember;
        OnFileOnly = onFileOnly;
    }

    public SinkKinds Kind { get; }

    public string Display { get; }

    /// <summary>Per parameter ordinal: does the argument carry data into the sink.</summary>
    public ImmutableArray<bool> DataParameters { get; }

    /// <summary>When set, the sink applies only to receivers read from this member (e.g. <c>Console.Out</c>).</summary>
    public ISymbol? ReceiverMember { get; }

    /// <summary>A store only when the receiver writes to a file (<see cref="SinkRow.OnFileOnly"/>); rules decide.</summary>
    public bool OnFileOnly { get; }
}

/// <summary>What the catalog knows about a method: the answers the engine asks at every call.</summary>
internal sealed class MethodFacts
{
    public static readonly MethodFacts Unknown = new();

    public bool IsSanitizer { get; init; }

    /// <summary>Non-null when the method's result is PHI by declaration (attribute or table).</summary>
    public string? SourceDisplay { get; init; }

    public bool IsClean { get; init; }

    public bool IsLinq { get; init; }

    public bool IsLinqProjection { get; init; }

    public bool IsMutator { get; init; }

    public GuardKinds Guard { get; init; }

    public ImmutableArray<SinkSpec> Sinks { get; init; } = ImmutableArray<SinkSpec>.Empty;
}

/// <summary>
/// The declarative tables resolved into symbols once per compilation. Answers, per symbol and cached:
/// is it a PHI source, a sanitizer, a sink (of which kinds, for which parameters), a guard, how does it propagate.
/// Knows nothing of the lattice.
/// </summary>
internal sealed class PhiCatalog
{
    private readonly Dictionary<INamedTypeSymbol, List<SinkRow>> _sinkRowsByType = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, HashSet<string>> _sanitizers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, Dictionary<string, string>> _sourceMethods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, Dictionary<string, GuardKinds>> _guards = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _linqTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _nonDataTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _textLikeTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _methodFacts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, MemberPhi> _memberPhi = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _phiBearing = new(SymbolEqualityComparer.Default);
    /// <summary>
    /// The member names of the source, guard and sanitizer rows that resolved: a method of another name is none of them,
    /// whatever its type's supertypes (asked for every method of a project, the walk up the hierarchy is the cost).
    /// </summary>
    private readonly HashSet<string> _sourceNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _guardNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sanitizerNames = new(StringComparer.Ordinal);
    private static readonly HashSet<string> CleanMembers = new(CatalogTables.CleanMembers, StringComparer.Ordinal);
    private static readonly HashSet<string> MutatorMembers = new(CatalogTables.MutatorMembers, StringComparer.Ordinal);
    private static readonly HashSet<string> LinqProjections = new(CatalogTables.LinqProjections, StringComparer.Ordinal);

    private PhiCatalog(Compilation compilation, INamedTypeSymbol phiAttribute)
    {
        Compilation = compilation;
        PhiAttribute = phiAttribute;
        NotPhiAttribute = compilation.GetTypeByMetadataName("PhiGuard.NotPhiAttribute");
        PhiSanitizerAttribute = compilation.GetTypeByMetadataName("PhiGuard.PhiSanitizerAttribute");
        PhiSinkAttribute = compilation.GetTypeByMetadataName("PhiGuard.PhiSinkAttribute");
        BaaCoveredAttribute = compilation.GetTypeByMetadataName("PhiGuard.BaaCoveredAttribute");
        EncryptedAtRestAttribute = compilation.GetTypeByMetadataName("PhiGuard.EncryptedAtRestAttribute");
        LoggerMessageAttribute = compilation.GetTypeByMetadataName(CatalogTables.LoggerMessageAttribute);
        LoggerInterface = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");

        foreach (var row in CatalogTables.Sinks)
        {
            if (compilation.GetTypeByMetadataName(row.TypeName) is { } type)
            {
                if (!_sinkRowsByType.TryGetValue(type, out var rows))
                {
                    _sinkRowsByType[type] = rows = new List<SinkRow>();
                }

                rows.Add(row);
            }
        }

        foreach (var (typeName, member) in CatalogTables.Sanitizers)
        {
            if (compilation.GetTypeByMetadataName(typeName) is { } type)
            {
                if (!_sanitizers.TryGetValue(type, out var set))
                {
                    _sanitizers[type] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(member);
                _sanitizerNames.Add(member);
            }
        }

        foreach (var (typeName, member, display) in CatalogTables.SourceMethods)
        {
            if (compilation.GetTypeByMetadataName(typeName) is { } type)
            {
                if (!_sourceMethods.TryGetValue(type, out var map))
                {
                    _sourceMethods[type] = map = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                map[member] = display;
                _sourceNames.Add(member);
            }
        }

        foreach (var (typeName, member, guard) in CatalogTables.Guards)
        {
            if (compilation.GetTypeByMetadataName(typeName) is { } type)
            {
                if (!_guards.TryGetValue(type, out var map))
                {
                    _guards[type] = map = new Dictionary<string, GuardKinds>(StringComparer.Ordinal);
                }

                map[member] = guard;
                _guardNames.Add(member);
            }
        }

        foreach (var name in CatalogTables.LinqTypes)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _linqTypes.Add(type);
            }
        }

        foreach (var name in CatalogTables.NonDataParameterTypes)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _nonDataTypes.Add(type);
            }
        }

        foreach (var name in CatalogTables.TextLikeTypes)
        {
            if (name.EndsWith("[]", StringComparison.Ordinal))
            {
                if (compilation.GetTypeByMetadataName(name.Substring(0, name.Length - 2)) is { } element)
                {
                    _textLikeTypes.Add(compilation.CreateArrayTypeSymbol(element));
                }
            }
            else if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _textLikeTypes.Add(type);
            }
        }
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol PhiAttribute { get; }

    public INamedTypeSymbol? NotPhiAttribute { get; }

    public INamedTypeSymbol? PhiSanitizerAttribute { get; }

    public INamedTypeSymbol? PhiSinkAttribute { get; }

    public INamedTypeSymbol? BaaCoveredAttribute { get; }

    public INamedTypeSymbol? EncryptedAtRestAttribute { get; }

    public INamedTypeSymbol? LoggerMessageAttribute { get; }

    public INamedTypeSymbol? LoggerInterface { get; }

    /// <summary>Null when the compilation does not reference the PhiGuard attributes: nothing to analyze.</summary>
    public static PhiCatalog? TryCreate(Compilation compilation)
    {
        var phi = compilation.GetTypeByMetadataName("PhiGuard.PhiAttribute");
        return phi is null ? null : new PhiCatalog(compilation, phi);
    }

    /// <summary>Is a value of this type PHI when used whole (formatted, serialized, sent)?</summary>
    public bool IsPhiBearing(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        return _phiBearing.GetOrAdd(type, t => ComputePhiBearing(t, 0));
    }

    private bool ComputePhiBearing(ITypeSymbol type, int depth)
    {
        if (depth > 4 || type.SpecialType != SpecialType.None)
        {
            return false;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return ComputePhiBearing(array.ElementType, depth + 1);
            case INamedTypeSymbol { TypeKind: TypeKind.Delegate }:
                return false;
            case INamedTypeSymbol named:
                if (named.IsGenericType)
                {
                    foreach (var arg in named.TypeArguments)
                    {
                        if (ComputePhiBearing(arg, depth + 1))
                        {
                            return true;
                        }
                    }
                }

                if (named.Locations.Length == 0 || !named.Locations[0].IsInSource)
                {
                    // Library types carry PHI only through their type arguments, or when marked.
                    return HasAttribute(named, PhiAttribute);
                }

                if (HasAttribute(named, PhiAttribute))
                {
                    return true;
                }

                for (var t = named; t is not null && t.SpecialType == SpecialType.None; t = t.BaseType)
                {
                    foreach (var member in t.GetMembers())
                    {
                        if ((member is IPropertySymbol || member is IFieldSymbol) && !member.IsStatic
                            && (HasAttribute(member, PhiAttribute) || (PositionalParameter(member) is { } parameter && HasAttribute(parameter, PhiAttribute))))
                        {
                            return true;
                        }
                    }

                    if (HasAttribute(t, PhiAttribute))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>How a field or property is marked.</summary>
    public MemberPhi GetMemberPhi(ISymbol member)
        => _memberPhi.GetOrAdd(member, ComputeMemberPhi);

    private MemberPhi ComputeMemberPhi(ISymbol member)
    {
        if (NotPhiAttribute is not null && HasAttribute(member, NotPhiAttribute))
        {
            return MemberPhi.NotPhi;
        }

        if (TryGetPhiKind(member, out var kind))
        {
            return new MemberPhi(true, false, kind);
        }

        // record R([Phi] string Name): the attribute sits on the parameter, and means the property.
        if (PositionalParameter(member) is { } parameter && TryGetPhiKind(parameter, out var parameterKind))
        {
            return new MemberPhi(true, false, parameterKind);
        }

        // A member of a [Phi] type is PHI.
        for (var type = member.ContainingType; type is not null; type = type.ContainingType)
        {
            if (TryGetPhiKind(type, out var typeKind))
            {
                return new MemberPhi(true, false, typeKind);
            }
        }

        return MemberPhi.Unmarked;
    }

    /// <summary>The primary-constructor parameter a positional record property is declared by, if it is one.</summary>
    private static IParameterSymbol? PositionalParameter(ISymbol member)
    {
        if (member is not IPropertySymbol property || property.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        var syntax = property.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax)
        {
            return null;
        }

        foreach (var ctor in property.ContainingType.InstanceConstructors)
        {
            foreach (var parameter in ctor.Parameters)
            {
                if (parameter.Name == property.Name && parameter.DeclaringSyntaxReferences.Length > 0
                    && parameter.DeclaringSyntaxReferences[0].GetSyntax() == syntax)
                {
                    return parameter;
                }
            }
        }

        return null;
    }

    /// <summary>Reads <c>[Phi]</c> or <c>[Phi(kind)]</c> on a symbol (also on overridden members).</summary>
    public bool TryGetPhiKind(ISymbol symbol, out int kind)
    {
        kind = 0;
        for (var s = symbol; s is not null; s = Overridden(s))
        {
            foreach (var attribute in s.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, PhiAttribute))
                {
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int k)
                    {
                        kind = k;
                    }

                    return true;
                }
            }

            if (s is INamedTypeSymbol type)
            {
                // Inherited = true on the attribute: a subtype of a [Phi] type is [Phi].
                for (var b = type.BaseType; b is not null; b = b.BaseType)
                {
                    if (b.SpecialType == SpecialType.None && HasAttribute(b, PhiAttribute))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return false;
    }

    private static ISymbol? Overridden(ISymbol symbol) => symbol switch
    {
        IPropertySymbol p => p.OverriddenProperty,
        IMethodSymbol m => m.OverriddenMethod,
        _ => null,
    };

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) => GetAttribute(symbol, attribute) is not null;

    public static AttributeData? GetAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var a in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>Is an argument of this parameter type never data (a logger, a level, an id)?</summary>
    public bool IsNonDataType(ITypeSymbol type)
    {
        if (_nonDataTypes.Contains(type.OriginalDefinition))
        {
            return true;
        }

        foreach (var i in type.AllInterfaces)
        {
            if (_nonDataTypes.Contains(i.OriginalDefinition))
            {
                return true;
            }
        }

        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            if (_nonDataTypes.Contains(b))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Does a value of this type hold the text or bytes of what it was made from?</summary>
    public bool IsTextLike(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (_textLikeTypes.Contains(t.OriginalDefinition) || (t is IArrayTypeSymbol && _textLikeTypes.Contains(t)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a method is one of the catalog's PHI sources (<c>Detokenize</c>), without computing its other facts.</summary>
    public bool IsSourceMethod(IMethodSymbol method) => SourceDisplay(method) is not null;

    public MethodFacts GetFacts(IMethodSymbol method)
        // Delegate Invoke is keyed by its constructed form: Action<ILogger, string> must be told from Action<T1, T2>.
        => _methodFacts.GetOrAdd(method.MethodKind == MethodKind.DelegateInvoke ? method : method.OriginalDefinition, ComputeFacts);

    private MethodFacts ComputeFacts(IMethodSymbol method)
    {
        var isSanitizer = IsSanitizer(method);
        string? source = null;
        if (TryGetPhiKind(method, out _) || HasReturnPhi(method, out _))
        {
            source = DisplayOf(method) + "()";
        }
        else if (SourceDisplay(method) is { } display)
        {
            source = display + "()";
        }

        var isLinq = method.IsStatic && _linqTypes.Contains(method.ContainingType);
        var guard = GuardKinds.None;
        if (_guardNames.Contains(method.Name))
        {
            foreach (var t in SelfAndSupertypes(method.ContainingType))
            {
                if (_guards.TryGetValue(t.OriginalDefinition, out var map) && map.TryGetValue(method.Name, out var g))
                {
                    guard |= g;
                }
            }
        }

        return new MethodFacts
        {
            IsSanitizer = isSanitizer,
            SourceDisplay = source,
            IsClean = CleanMembers.Contains(method.Name) || method.ReturnType.SpecialType == SpecialType.System_Boolean,
            IsLinq = isLinq,
            IsLinqProjection = isLinq && LinqProjections.Contains(method.Name),
            IsMutator = !method.IsStatic && MutatorMembers.Contains(method.Name),
            Guard = guard,
            Sinks = ComputeSinks(method),
        };
    }

    private bool HasReturnPhi(IMethodSymbol method, out int kind)
    {
        kind = 0;
        for (var m = method; m is not null; m = m.OverriddenMethod)
        {
            foreach (var a in m.GetReturnTypeAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, PhiAttribute))
                {
                    if (a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is int k)
                    {
                        kind = k;
                    }

                    return true;
                }
            }
        }

        // An interface member marked [return: Phi] holds for its implementations.
        foreach (var im in ImplementedInterfaceMembers(method))
        {
            if (HasReturnPhi(im, out kind) || TryGetPhiKind(im, out kind))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsSanitizer(IMethodSymbol method)
    {
        if (PhiSanitizerAttribute is not null)
        {
            if (HasAttribute(method, PhiSanitizerAttribute))
            {
                return true;
            }

            for (var m = method.OverriddenMethod; m is not null; m = m.OverriddenMethod)
            {
                if (HasAttribute(m, PhiSanitizerAttribute))
                {
                    return true;
                }
            }

            foreach (var im in ImplementedInterfaceMembers(method))
            {
                if (HasAttribute(im, PhiSanitizerAttribute))
                {
                    return true;
                }
            }
        }

        if (!_sanitizerNames.Contains(method.Name))
        {
            return false;
        }

        foreach (var t in SelfAndSupertypes(method.ContainingType))
        {
            if (_sanitizers.TryGetValue(t.OriginalDefinition, out var set) && set.Contains(method.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The display of the source row a method is (declared on its type or a supertype), or null; a name no row has is none.</summary>
    private string? SourceDisplay(IMethodSymbol method)
    {
        if (!_sourceNames.Contains(method.Name))
        {
            return null;
        }

        foreach (var t in SelfAndSupertypes(method.ContainingType))
        {
            if (_sourceMethods.TryGetValue(t.OriginalDefinition, out var map) && map.TryGetValue(method.Name, out var display))
            {
                return display;
            }
        }

        return null;
    }

    private ImmutableArray<SinkSpec> ComputeSinks(IMethodSymbol method)
    {
        var builder = ImmutableArray.CreateBuilder<SinkSpec>();
        var parameters = method.Parameters;

        // [PhiSink(kind)] on the method (all parameters) or on parameters.
        if (PhiSinkAttribute is not null)
        {
            var methodKind = SinkKindFromAttribute(GetAttribute(method, PhiSinkAttribute));
            var perKind = new Dictionary<SinkKinds, bool[]>();
            for (var i = 0; i < parameters.Length; i++)
            {
                var kind = methodKind | SinkKindFromAttribute(GetAttribute(parameters[i], PhiSinkAttribute));
                foreach (SinkKinds single in new[] { SinkKinds.Log, SinkKinds.Telemetry, SinkKinds.Egress, SinkKinds.Store, SinkKinds.Model })
                {
                    if ((kind & single) != 0)
                    {
                        if (!perKind.TryGetValue(single, out var mask))
                        {
                            perKind[single] = mask = new bool[parameters.Length];
                        }

                        mask[i] = true;
                    }
                }
            }

            foreach (var pair in perKind)
            {
                builder.Add(new SinkSpec(pair.Key, DisplayOf(method), ImmutableArray.Create(pair.Value), null));
            }
        }

        // [LoggerMessage] source-generated methods: their data parameters are logged.
        if (LoggerMessageAttribute is not null && HasAttribute(method, LoggerMessageAttribute))
        {
            builder.Add(new SinkSpec(SinkKinds.Log, DisplayOf(method) + " [LoggerMessage]", DataMask(parameters, SinkArguments.All), null));
        }

        // Invoking a LoggerMessage.Define delegate: Action<ILogger, T1, ..., Exception?>.
        if (method.MethodKind == MethodKind.DelegateInvoke && LoggerInterface is not null && parameters.Length > 0
            && SymbolEqualityComparer.Default.Equals(parameters[0].Type, LoggerInterface))
        {
            builder.Add(new SinkSpec(SinkKinds.Log, "LoggerMessage delegate", DataMask(parameters, SinkArguments.All), null));
        }

        // The most derived row wins among rows of one kind on one receiver (FileStream.Write, not also Stream.Write).
        var matched = new HashSet<(SinkKinds, string?)>();
        foreach (var t in SelfAndSupertypes(method.ContainingType))
        {
            if (!_sinkRowsByType.TryGetValue(t.OriginalDefinition, out var rows))
            {
                continue;
            }

            var matchedHere = new List<(SinkKinds, string?)>();
            foreach (var row in rows)
            {
                if (!MatchesMember(row, method) || matched.Contains((row.Kind, row.ReceiverMember)))
                {
                    continue;
                }

                matchedHere.Add((row.Kind, row.ReceiverMember));

                ISymbol? receiverMember = null;
                if (row.ReceiverMember is not null)
                {
                    receiverMember = ResolveMember(row.ReceiverMember);
                    if (receiverMember is null)
                    {
                        continue;
                    }
                }

                var display = method.MethodKind switch
                {
                    MethodKind.Constructor => row.Display + ".ctor",
                    MethodKind.PropertySet or MethodKind.PropertyGet when method.AssociatedSymbol is IPropertySymbol property
                        => property.IsIndexer ? row.Display + "[]" : row.Display + "." + property.Name,
                    _ => row.Display + "." + method.Name,
                };
                builder.Add(new SinkSpec(row.Kind, display, DataMask(parameters, row.Arguments), receiverMember, row.OnFileOnly));
            }

            matched.UnionWith(matchedHere);
        }

        return builder.ToImmutable();
    }

    private ISymbol? ResolveMember(string qualified)
    {
        var dot = qualified.LastIndexOf('.');
        var type = Compilation.GetTypeByMetadataName(qualified.Substring(0, dot));
        return type?.GetMembers(qualified.Substring(dot + 1)).FirstOrDefault();
    }

    private static bool MatchesMember(SinkRow row, IMethodSymbol method)
    {
        var name = method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name;
        foreach (var m in row.Members)
        {
            if (m == "*" || string.Equals(m, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableArray<bool> DataMask(ImmutableArray<IParameterSymbol> parameters, SinkArguments arguments)
    {
        var mask = new bool[parameters.Length];
        var firstData = -1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var isData = !IsNonDataType(p.Type) && !(p.IsThis) && !(i == 0 && p.ContainingSymbol is IMethodSymbol { IsExtensionMethod: true });
            mask[i] = isData;
            if (isData && firstData < 0)
            {
                firstData = i;
            }
        }

        switch (arguments)
        {
            case SinkArguments.AllButFirst when firstData >= 0:
                mask[firstData] = false;
                break;
            case SinkArguments.Last:
                for (var i = 0; i < mask.Length - 1; i++)
                {
                    mask[i] = false;
                }

                break;
        }

        return ImmutableArray.Create(mask);
    }

    private static SinkKinds SinkKindFromAttribute(AttributeData? attribute)
    {
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int value)
        {
            return SinkKinds.None;
        }

        return value is >= 0 and <= 4 ? (SinkKinds)(1 << value) : SinkKinds.None;
    }

    public static IEnumerable<INamedTypeSymbol> SelfAndSupertypes(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            yield break;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            yield return t;
        }

        foreach (var i in type.AllInterfaces)
        {
            yield return i;
        }
    }

    public static IEnumerable<IMethodSymbol> ImplementedInterfaceMembers(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || method.IsStatic)
        {
            yield break;
        }

        foreach (var explicitImpl in method.ExplicitInterfaceImplementations)
        {
            yield return explicitImpl;
        }

        foreach (var i in type.AllInterfaces)
        {
            foreach (var member in i.GetMembers(method.Name))
            {
                if (member is IMethodSymbol im && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(im), method))
                {
                    yield return im;
                }
            }
        }
    }

    /// <summary>How a symbol is named in messages: <c>Type.Member</c>.</summary>
    public static string DisplayOf(ISymbol symbol)
    {
        var name = symbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor
            ? accessor.AssociatedSymbol?.Name ?? symbol.Name
            : symbol.Name;
        return symbol.ContainingType is { } type ? type.Name + "." + name : name;
    }
}

/// <summary>How a field or property is marked.</summary>
internal readonly struct MemberPhi
{
    public static readonly MemberPhi NotPhi = new(false, true, 0);
    public static readonly MemberPhi Unmarked = new(false, false, 0);

    public MemberPhi(bool isPhi, bool isNotPhi, int kind)
    {
        IsPhi = isPhi;
        IsNotPhi = isNotPhi;
        Kind = kind;
    }

    public bool IsPhi { get; }

    public bool IsNotPhi { get; }

    public int Kind { get; }
}
