using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PhiAnalyzers.Engine;

/// <summary>
/// A cheap test, before any control-flow graph is built, that a body cannot hold concrete PHI: it reads no member,
/// parameter or method marked <c>[Phi]</c>, touches no value of a PHI-bearing type, calls no catalog source
/// (e.g. <c>Detokenize</c>), reads no field whose flow-insensitive value holds PHI, and calls only project methods
/// that are quiet in the same sense. Such a body can have no concrete sink hit, so the rules need not run the
/// dataflow over it; its summary (parameter flows) is still computed on demand when a caller needs it. Most code of a
/// service touches no PHI, and this is what keeps the analyzers cheap on it. The test errs towards "not quiet".
/// </summary>
internal sealed class QuietBodies
{
    /// <summary>Project methods reached by calls, so the same callee is walked once per compilation.</summary>
    private readonly ConcurrentDictionary<ISymbol, bool> _methods = new(SymbolEqualityComparer.Default);

    [System.ThreadStatic]
    private static HashSet<ISymbol>? t_walking;

    private readonly PhiWorld _world;

    public QuietBodies(PhiWorld world) => _world = world;

    /// <summary>Whether the body <paramref name="root"/> of <paramref name="owner"/> cannot hold concrete PHI.</summary>
    public bool IsQuiet(ISymbol owner, IOperation root, CancellationToken cancellationToken)
    {
        var catalog = _world.Catalog;
        if (owner is IMethodSymbol method && method.Parameters.Any(p => catalog.TryGetPhiKind(p, out _) || catalog.IsPhiBearing(p.Type)))
        {
            return false;
        }

        var walking = t_walking ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!walking.Add(owner))
        {
            return false; // a cycle: do not guess
        }

        try
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsQuietOperation(owner, operation, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            walking.Remove(owner);
        }
    }

    private bool IsQuietOperation(ISymbol owner, IOperation operation, CancellationToken cancellationToken)
    {
        var catalog = _world.Catalog;
        if (operation.Type is { } type && catalog.IsPhiBearing(type))
        {
            return false;
        }

        switch (operation)
        {
            case IFieldReferenceOperation field:
                return IsQuietMember(field.Field, cancellationToken);
            case IPropertyReferenceOperation property:
                return IsQuietMember(property.Property, cancellationToken)
                       && (property.Property.GetMethod is not { } getter || IsQuietMethod(getter, cancellationToken));
            case IParameterReferenceOperation parameter:
                if (catalog.TryGetPhiKind(parameter.Parameter, out _))
                {
                    return false;
                }

                // A primary-constructor parameter captured by a member lives like a field.
                return !MethodFlow.IsCapturedByMember(parameter.Parameter, owner)
                       || !_world.FieldValue(parameter.Parameter, cancellationToken).HasConcrete;
            case IInvocationOperation invocation:
                return IsQuietCall(invocation.TargetMethod, cancellationToken);
            case IObjectCreationOperation { Constructor: { } constructor }:
                return IsQuietMethod(constructor, cancellationToken);
            case IMethodReferenceOperation reference:
                return IsQuietCall(reference.Method, cancellationToken);
            default:
                return true;
        }
    }

    private bool IsQuietCall(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var catalog = _world.Catalog;
        if (catalog.TryGetPhiKind(method, out _) || catalog.GetFacts(method).SourceDisplay is not null)
        {
            return false;
        }

        // Local functions and lambdas are walked in place as part of the body.
        return method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction || IsQuietMethod(method, cancellationToken);
    }

    private bool IsQuietMember(ISymbol member, CancellationToken cancellationToken)
    {
        if (_world.Catalog.GetMemberPhi(member).IsPhi)
        {
            return false;
        }

        return !MethodFlow.IsInSource(member) || member is not (IFieldSymbol or IPropertySymbol) || !_world.FieldValue(member, cancellationToken).HasConcrete;
    }

    /// <summary>A project method whose body is quiet (library methods are: they hold no PHI of their own).</summary>
    private bool IsQuietMethod(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = (IMethodSymbol)(method.PartialImplementationPart ?? method).OriginalDefinition;
        if (!MethodFlow.IsAnalyzable(method))
        {
            return true;
        }

        if (_methods.TryGetValue(method, out var known))
        {
            return known;
        }

        if (t_walking?.Contains(method) == true)
        {
            return false; // recursion: do not guess, and do not cache a guess
        }

        var body = _world.FindBody(method, cancellationToken);
        var quiet = body is null || IsQuiet(method, body, cancellationToken);
        return _methods.GetOrAdd(method, quiet);
    }
}
