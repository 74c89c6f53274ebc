using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using PhiAnalyzers.Catalog;

namespace PhiAnalyzers.Engine;

/// <summary>
/// What declarations alone say about PHI, for the hot set's syntax-guided walk (<see cref="QuietBodies"/>): which
/// types may give code a PHI value without the code naming anything marked, and which names a body must mention
/// to touch PHI at all. A value of a PHI-bearing type, a <c>[Phi]</c> member or a PHI source reaches a body only
/// through a name the body shows (a member, method, type or alias), its owner's own signature, its containing type
/// (<c>this</c>), or a use that syntax marks without a name (<c>foreach</c>, an indexer, <c>await</c>,
/// deconstruction); every step errs towards "may". One instance per hot-set build, used on one thread.
/// </summary>
internal sealed class PhiSignatures
{
    private readonly PhiCatalog _catalog;
    private readonly Dictionary<ITypeSymbol, bool> _mentions = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _inProgress = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IAssemblySymbol, bool> _phiAssemblies = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, bool> _involves = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _phiExtensions = new(StringComparer.Ordinal);
    private readonly Dictionary<INamedTypeSymbol, bool> _captures = new(SymbolEqualityComparer.Default);
    private bool _cut;

    public PhiSignatures(PhiCatalog catalog) => _catalog = catalog;

    /// <summary>
    /// Whether a value of <paramref name="type"/> is PHI-bearing, or code may get one from it without naming a
    /// member: through a type argument, an array element, a delegate's signature, a base type or interface, or a
    /// member used by syntax alone (an indexer, an operator, a conversion, an enumerator, an awaiter, a
    /// <c>Deconstruct</c>) of a type declared where PHI can be declared.
    /// </summary>
    public bool Mentions(ITypeSymbol? type) => type is not null && Mentions(type, 0);

    /// <summary>Whether the signature of a body's owner, or a type containing it, involves PHI.</summary>
    public bool SignatureInvolvesPhi(ISymbol owner)
    {
        var involves = owner switch
        {
            IMethodSymbol method => Mentions(method.ReturnType) || AnyParameterInvolves(method.Parameters),
            IFieldSymbol field => Mentions(field.Type),
            IPropertySymbol property => Mentions(property.Type),
            _ => true,
        };
        for (var type = owner.ContainingType; !involves && type is not null; type = type.ContainingType)
        {
            involves = Mentions(type) || CapturesPhi(type);
        }

        return involves;
    }

    /// <summary>A type whose primary constructor takes PHI: its bodies may read the captured parameters by bare names.</summary>
    private bool CapturesPhi(INamedTypeSymbol type)
    {
        if (!_captures.TryGetValue(type, out var captures))
        {
            captures = type.InstanceConstructors.Any(c => c.Parameters.Length > 0
                                                          && c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax)
                                                          && c.Parameters.Any(p => Mentions(p.Type) || _catalog.TryGetPhiKind(p, out _)));
            _captures[type] = captures;
        }

        return captures;
    }

    /// <summary>
    /// The names a body must show to touch PHI on its own: every type, member and method of the project (and of
    /// referenced assemblies that can declare PHI) that is marked, a source, or whose type or signature involves PHI;
    /// the <c>[Phi]</c> attribute; the catalog's source methods.
    /// </summary>
    public HashSet<string> SeedNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "Phi", "PhiAttribute" };
        foreach (var (_, member, _) in CatalogTables.SourceMethods)
        {
            names.Add(member);
        }

        foreach (var assembly in new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols))
        {
            if (!CanDeclarePhi(assembly))
            {
                continue;
            }

            var types = new Stack<INamespaceOrTypeSymbol>();
            types.Push(assembly.GlobalNamespace);
            while (types.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = types.Pop();
                foreach (var nested in container.GetMembers())
                {
                    if (nested is INamespaceOrTypeSymbol namespaceOrType)
                    {
                        types.Push(namespaceOrType);
                    }
                }

                if (container is INamedTypeSymbol type)
                {
                    AddNames(type, names);
                }
            }
        }

        return names;
    }

    /// <summary>Names of extension methods that involve PHI (their calls look like instance calls on any receiver).</summary>
    public bool IsPhiExtensionName(string name) => _phiExtensions.Contains(name);

    /// <summary>
    /// Whether a member's declaration involves PHI: marked (<c>[Phi]</c>, <c>[return: Phi]</c>, a member of a
    /// <c>[Phi]</c> type), a catalog source (<c>Detokenize</c>), or its type, return type or a parameter's type mentions
    /// PHI (<see cref="Mentions(ITypeSymbol?)"/>).
    /// </summary>
    public bool Involves(ISymbol member)
    {
        if (_involves.TryGetValue(member, out var known))
        {
            return known;
        }

        var result = member switch
        {
            IMethodSymbol { AssociatedSymbol: { } associated } => Involves(associated),
            IMethodSymbol method => _catalog.TryGetPhiKind(method, out _) || ReturnIsMarked(method) || _catalog.IsSourceMethod(method)
                                    || Mentions(method.ReturnType) || AnyParameterInvolves(method.Parameters),
            IPropertySymbol property => _catalog.GetMemberPhi(property).IsPhi || Mentions(property.Type)
                                        || AnyParameterInvolves(property.Parameters),
            IFieldSymbol field => _catalog.GetMemberPhi(field).IsPhi || Mentions(field.Type),
            IEventSymbol @event => Mentions(@event.Type),
            INamedTypeSymbol type => Mentions(type) || _catalog.TryGetPhiKind(type, out _),
            _ => false,
        };
        _involves[member] = result;
        return result;
    }

    private void AddNames(INamedTypeSymbol type, HashSet<string> names)
    {
        if (Involves(type))
        {
            names.Add(type.Name);
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { AssociatedSymbol: not null } or IPropertySymbol { IsIndexer: true } or INamedTypeSymbol)
            {
                // Accessors: the property or event stands for them. Indexers are used without a name (their type's
                // Mentions covers them). Nested types are visited on their own.
                continue;
            }

            if (!Involves(member))
            {
                continue;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor })
            {
                names.Add(type.Name);
            }
            else
            {
                var dot = member.Name.LastIndexOf('.');
                names.Add(dot < 0 ? member.Name : member.Name.Substring(dot + 1));
                if (member is IMethodSymbol { IsExtensionMethod: true })
                {
                    _phiExtensions.Add(member.Name);
                }
            }
        }
    }

    private bool ReturnIsMarked(IMethodSymbol method)
    {
        foreach (var attribute in method.GetReturnTypeAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _catalog.PhiAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a parameter's type mentions PHI or the parameter is marked (a loop: asked for every member, a lambda would allocate each time).</summary>
    private bool AnyParameterInvolves(System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (Mentions(parameter.Type) || _catalog.TryGetPhiKind(parameter, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The project itself, the assembly of the PhiGuard attributes, and any assembly that references one that can.</summary>
    private bool CanDeclarePhi(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return false;
        }

        if (_phiAssemblies.TryGetValue(assembly, out var known))
        {
            return known;
        }

        _phiAssemblies[assembly] = false; // a reference cycle adds nothing
        var result = SymbolEqualityComparer.Default.Equals(assembly, _catalog.Compilation.Assembly)
                     || SymbolEqualityComparer.Default.Equals(assembly, _catalog.PhiAttribute.ContainingAssembly)
                     || assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Any(CanDeclarePhi));
        _phiAssemblies[assembly] = result;
        return result;
    }

    private bool Mentions(ITypeSymbol type, int depth)
    {
        if (_mentions.TryGetValue(type, out var known))
        {
            return known;
        }

        if (depth > 8 || !_inProgress.Add(type))
        {
            // A cycle (or a very deep type) adds nothing by itself; what it reaches elsewhere is found there. A
            // "no" that depended on this cut is not kept.
            _cut = true;
            return false;
        }

        var outerCut = _cut;
        _cut = false;
        bool result;
        try
        {
            result = Compute(type, depth);
        }
        finally
        {
            _inProgress.Remove(type);
        }

        if (result || !_cut)
        {
            _mentions[type] = result;
        }

        _cut |= outerCut;
        return result;
    }

    private bool Compute(ITypeSymbol type, int depth)
    {
        if (_catalog.IsPhiBearing(type))
        {
            return true;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return Mentions(array.ElementType, depth + 1);
            case IPointerTypeSymbol pointer:
                return Mentions(pointer.PointedAtType, depth + 1);
            case IFunctionPointerTypeSymbol functionPointer:
                return SignatureMentions(functionPointer.Signature, depth);
            case INamedTypeSymbol named:
                for (var t = named; t is not null; t = t.ContainingType)
                {
                    foreach (var argument in t.TypeArguments)
                    {
                        if (Mentions(argument, depth + 1))
                        {
                            return true;
                        }
                    }
                }

                if (named.TypeKind == TypeKind.Delegate && named.DelegateInvokeMethod is { } invoke)
                {
                    return SignatureMentions(invoke, depth);
                }

                if (!CanDeclarePhi(named.ContainingAssembly))
                {
                    return false;
                }

                if ((named.BaseType is { } baseType && Mentions(baseType, depth + 1)) || named.Interfaces.Any(i => Mentions(i, depth + 1)))
                {
                    return true;
                }

                foreach (var member in named.GetMembers())
                {
                    var usedWithoutName = member switch
                    {
                        IPropertySymbol property => property.IsIndexer || QuietBodies.IsUsedByMarker(property.Name),
                        IMethodSymbol method => method.MethodKind is MethodKind.UserDefinedOperator or MethodKind.Conversion
                                                || (method.AssociatedSymbol is null && QuietBodies.IsUsedByMarker(method.Name)),
                        _ => false,
                    };
                    if (!usedWithoutName)
                    {
                        continue;
                    }

                    if (member is IPropertySymbol p ? Mentions(p.Type, depth + 1) : SignatureMentions((IMethodSymbol)member, depth))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool SignatureMentions(IMethodSymbol method, int depth)
        => Mentions(method.ReturnType, depth + 1) || method.Parameters.Any(p => Mentions(p.Type, depth + 1));
}
