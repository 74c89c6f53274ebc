using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PhiAnalyzers.Engine;

/// <summary>
/// Which bodies, members and methods of a compilation can have anything to do with concrete PHI: an
/// over-approximation computed once per compilation, before any control-flow graph is built, so that the dataflow
/// runs only where PHI can be. Most code of a service touches no PHI, and this is what keeps the analyzers cheap on it.
/// <para>
/// One walk over every body's operations records what the body reads (fields, properties, captured
/// primary-constructor parameters), what it writes, which project methods it calls, and whether it touches PHI on
/// its own (a <c>[Phi]</c> member, parameter or method, a value of a PHI-bearing type, a catalog source such as
/// <c>Detokenize</c>). Then a least fixpoint, linear in the size of that graph:
/// </para>
/// <list type="bullet">
/// <item>a body is <em>hot</em> when it touches PHI on its own, reads a hot member, or calls a hot method;</item>
/// <item>a method <em>receives</em> PHI when it has parameters and a hot or receiving body calls it;</item>
/// <item>a member is <em>hot</em> when a hot or receiving body writes it (a record's or primary constructor's
/// parameters are written by whoever calls that constructor).</item>
/// </list>
/// A body that is not hot (<see cref="IsQuiet"/>) can have no concrete sink hit, so the rules skip its dataflow; its
/// summary is still computed when a caller hands it PHI. A member that is not hot holds no PHI, so its
/// flow-insensitive value is empty without looking at its writers. Every step errs towards "hot"; the precise answer
/// is always the dataflow's.
/// </summary>
internal sealed class QuietBodies
{
    private readonly PhiWorld _world;
    private readonly object _gate = new();
    private volatile HotSet? _hot;

    public QuietBodies(PhiWorld world) => _world = world;

    /// <summary>Whether the body <paramref name="root"/> of <paramref name="owner"/> cannot hold concrete PHI.</summary>
    public bool IsQuiet(ISymbol owner, IOperation root, CancellationToken cancellationToken)
        => Hot(cancellationToken).IsQuietBody(Key(owner));

    /// <summary>Whether a project method's body cannot hold concrete PHI (library and bodiless methods: true).</summary>
    public bool IsQuietMethod(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!MethodFlow.IsAnalyzable(method))
        {
            return true;
        }

        var key = (IMethodSymbol)Key(method);
        var hot = Hot(cancellationToken);
        return hot.IsQuietBody(key) || (!hot.HasBody(key) && _world.FindBody(key, cancellationToken) is null);
    }

    /// <summary>Whether some call may hand concrete PHI to a project method's parameters.</summary>
    public bool MayReceive(IMethodSymbol method, CancellationToken cancellationToken)
        => Hot(cancellationToken).Receives(Key(method));

    /// <summary>Whether a field, property or captured primary-constructor parameter of the project may hold concrete PHI.</summary>
    public bool MayHold(ISymbol member, CancellationToken cancellationToken)
        => Hot(cancellationToken).IsHotMember(member.OriginalDefinition);

    private static ISymbol Key(ISymbol symbol)
        => symbol is IMethodSymbol method ? (method.PartialImplementationPart ?? method).OriginalDefinition : symbol.OriginalDefinition;

    private HotSet Hot(CancellationToken cancellationToken)
    {
        if (_hot is { } hot)
        {
            return hot;
        }

        lock (_gate)
        {
            // A cancelled build leaves nothing behind: the next request starts it again.
            return _hot ??= HotSet.Build(_world, cancellationToken);
        }
    }

    /// <summary>What one body does that matters to the fixpoint.</summary>
    private sealed class BodyFacts
    {
        public bool TouchesPhi;
        public readonly HashSet<ISymbol> Reads = new(SymbolEqualityComparer.Default);
        public readonly HashSet<ISymbol> Writes = new(SymbolEqualityComparer.Default);
        public readonly HashSet<IMethodSymbol> Calls = new(SymbolEqualityComparer.Default);
    }

    private sealed class HotSet
    {
        private readonly HashSet<ISymbol> _bodies = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _hotBodies = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _receiving = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _hotMembers = new(SymbolEqualityComparer.Default);

        /// <summary>A body the walk did not see (it cannot be looked at) counts as not quiet.</summary>
        public bool IsQuietBody(ISymbol owner) => _bodies.Contains(owner) && !_hotBodies.Contains(owner);

        public bool HasBody(ISymbol owner) => _bodies.Contains(owner);

        public bool Receives(ISymbol method) => _receiving.Contains(method);

        public bool IsHotMember(ISymbol member) => _hotMembers.Contains(member);

        public static HotSet Build(PhiWorld world, CancellationToken cancellationToken)
        {
            var set = new HotSet();
            var facts = new Dictionary<ISymbol, BodyFacts>(SymbolEqualityComparer.Default);
            foreach (var tree in world.Compilation.SyntaxTrees)
            {
                var model = world.ModelFor(tree);
                foreach (var (owner, node) in BodyRoots(tree.GetRoot(cancellationToken)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var symbol = OwnerSymbol(model, owner, cancellationToken);
                    if (symbol is null || model.GetOperation(node, cancellationToken) is not { } root)
                    {
                        continue;
                    }

                    symbol = Key(symbol);
                    if (!facts.TryGetValue(symbol, out var body))
                    {
                        facts[symbol] = body = new BodyFacts();
                    }

                    if (symbol is IFieldSymbol or IPropertySymbol)
                    {
                        body.Writes.Add(symbol); // an initializer writes its member
                    }

                    new Walker(world.Catalog, symbol, body).Walk(root, cancellationToken);
                }
            }

            set.Solve(facts);
            EngineCounters.Count("hot.bodies", facts.Count);
            EngineCounters.Count("hot.hotBodies", set._hotBodies.Count);
            EngineCounters.Count("hot.hotMembers", set._hotMembers.Count);
            EngineCounters.Count("hot.receiving", set._receiving.Count);
            return set;
        }

        private void Solve(Dictionary<ISymbol, BodyFacts> facts)
        {
            var readers = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
            var callers = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
            foreach (var pair in facts)
            {
                _bodies.Add(pair.Key);
                foreach (var member in pair.Value.Reads)
                {
                    Add(readers, member, pair.Key);
                }

                foreach (var callee in pair.Value.Calls)
                {
                    Add(callers, callee, pair.Key);
                }
            }

            var hotBodies = new Stack<ISymbol>();
            var receiving = new Stack<ISymbol>();
            var hotMembers = new Stack<ISymbol>();
            foreach (var pair in facts)
            {
                if (pair.Value.TouchesPhi && _hotBodies.Add(pair.Key))
                {
                    hotBodies.Push(pair.Key);
                }
            }

            while (hotBodies.Count + receiving.Count + hotMembers.Count > 0)
            {
                if (hotMembers.Count > 0)
                {
                    // Whoever reads a hot member may hold PHI.
                    if (readers.TryGetValue(hotMembers.Pop(), out var readerBodies))
                    {
                        foreach (var reader in readerBodies)
                        {
                            if (_hotBodies.Add(reader))
                            {
                                hotBodies.Push(reader);
                            }
                        }
                    }

                    continue;
                }

                var isHot = hotBodies.Count > 0;
                var body = isHot ? hotBodies.Pop() : receiving.Pop();
                if (!facts.TryGetValue(body, out var bodyFacts))
                {
                    continue;
                }

                // What a hot or receiving body writes, and what it passes to the methods it calls, may be PHI.
                foreach (var member in bodyFacts.Writes)
                {
                    if (_hotMembers.Add(member))
                    {
                        hotMembers.Push(member);
                    }
                }

                foreach (var callee in bodyFacts.Calls)
                {
                    if (callee.Parameters.Length > 0 && _receiving.Add(callee))
                    {
                        receiving.Push(callee);
                    }
                }

                // Whoever calls a hot method may get PHI back from it.
                if (isHot && callers.TryGetValue(body, out var callerBodies))
                {
                    foreach (var caller in callerBodies)
                    {
                        if (_hotBodies.Add(caller))
                        {
                            hotBodies.Push(caller);
                        }
                    }
                }
            }
        }

        private static void Add(Dictionary<ISymbol, List<ISymbol>> map, ISymbol key, ISymbol value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<ISymbol>();
            }

            list.Add(value);
        }

        /// <summary>Every node of a tree that owns a body, with the node whose operation is that body.</summary>
        private static IEnumerable<(SyntaxNode Owner, SyntaxNode Body)> BodyRoots(SyntaxNode root)
        {
            if (root is CompilationUnitSyntax unit && unit.Members.Any(m => m is GlobalStatementSyntax))
            {
                yield return (unit, unit);
            }

            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax
                                                               or BasePropertyDeclarationSyntax or AccessorListSyntax or FieldDeclarationSyntax
                                                               or VariableDeclarationSyntax))
            {
                switch (node)
                {
                    case BaseMethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null:
                        yield return (node, node);
                        break;
                    case AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null:
                        yield return (node, node);
                        break;
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax:
                        yield return (node, node);
                        break;
                    case VariableDeclaratorSyntax { Initializer: { } init, Parent.Parent: FieldDeclarationSyntax }:
                        yield return (node, init);
                        break;
                    case PropertyDeclarationSyntax { Initializer: { } init }:
                        yield return (node, init);
                        break;
                }
            }
        }

        private static ISymbol? OwnerSymbol(SemanticModel model, SyntaxNode owner, CancellationToken cancellationToken)
            => owner switch
            {
                CompilationUnitSyntax unit => model.GetEnclosingSymbol(unit.Members.OfType<GlobalStatementSyntax>().First().SpanStart, cancellationToken),
                ArrowExpressionClauseSyntax arrow => (model.GetDeclaredSymbol(arrow.Parent!, cancellationToken) as IPropertySymbol)?.GetMethod,
                _ => model.GetDeclaredSymbol(owner, cancellationToken),
            };
    }

    /// <summary>Collects the facts of one body (lambdas and local functions included, as parts of it).</summary>
    private sealed class Walker
    {
        private readonly Catalog.PhiCatalog _catalog;
        private readonly ISymbol _owner;
        private readonly BodyFacts _facts;

        public Walker(Catalog.PhiCatalog catalog, ISymbol owner, BodyFacts facts)
        {
            _catalog = catalog;
            _owner = owner;
            _facts = facts;
        }

        public void Walk(IOperation root, CancellationToken cancellationToken)
        {
            if (_owner is IMethodSymbol method && method.Parameters.Any(p => _catalog.TryGetPhiKind(p, out _) || _catalog.IsPhiBearing(p.Type)))
            {
                _facts.TouchesPhi = true;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Visit(operation);
            }
        }

        private void Visit(IOperation operation)
        {
            if (operation.Type is { } type && _catalog.IsPhiBearing(type))
            {
                _facts.TouchesPhi = true;
            }

            switch (operation)
            {
                case IFieldReferenceOperation field:
                    Member(field.Field, operation);
                    break;
                case IPropertyReferenceOperation property:
                    Member(property.Property, operation);
                    if (property.Property.GetMethod is { } getter)
                    {
                        Call(getter);
                    }

                    if (property.Property.SetMethod is { } setter && IsWritten(operation))
                    {
                        Call(setter);
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    if (_catalog.TryGetPhiKind(parameter.Parameter, out _))
                    {
                        _facts.TouchesPhi = true;
                    }
                    else if (MethodFlow.IsCapturedByMember(parameter.Parameter, _owner))
                    {
                        // A captured primary-constructor parameter lives like a field.
                        var captured = parameter.Parameter.OriginalDefinition;
                        _facts.Reads.Add(captured);
                        if (IsWritten(operation))
                        {
                            _facts.Writes.Add(captured);
                        }
                    }

                    break;
                case IInvocationOperation invocation:
                    Target(invocation.TargetMethod);
                    break;
                case IObjectCreationOperation { Constructor: { } constructor }:
                    Target(constructor);
                    break;
                case IMethodReferenceOperation reference:
                    Target(reference.Method);
                    break;
            }
        }

        private void Member(ISymbol member, IOperation reference)
        {
            if (_catalog.GetMemberPhi(member).IsPhi)
            {
                _facts.TouchesPhi = true;
                return;
            }

            if (!MethodFlow.IsInSource(member))
            {
                return;
            }

            member = member.OriginalDefinition;
            _facts.Reads.Add(member);
            if (IsWritten(reference))
            {
                _facts.Writes.Add(member);
            }
        }

        private void Target(IMethodSymbol method)
        {
            if (_catalog.TryGetPhiKind(method, out _) || _catalog.GetFacts(method).SourceDisplay is not null)
            {
                _facts.TouchesPhi = true;
                return;
            }

            if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
            {
                return; // walked in place, as part of this body
            }

            Call(method);
            if (method.MethodKind == MethodKind.Constructor && IsPrimaryConstructor(method))
            {
                // A record's or primary constructor's parameters are stored by the call itself: its arguments are
                // written to the positional properties and to the captured parameters.
                foreach (var parameter in method.Parameters)
                {
                    _facts.Writes.Add(parameter.OriginalDefinition);
                }

                foreach (var property in method.ContainingType.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ParameterSyntax))
                    {
                        _facts.Writes.Add(property.OriginalDefinition);
                    }
                }
            }
        }

        private void Call(IMethodSymbol method)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            method = method.PartialImplementationPart ?? method;
            if (MethodFlow.IsAnalyzable(method))
            {
                _facts.Calls.Add(method);
            }
        }

        private static bool IsPrimaryConstructor(IMethodSymbol constructor)
            => MethodFlow.IsInSource(constructor)
               && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);

        /// <summary>
        /// Whether a member reference is written: an assignment's target (also inside a deconstruction), a ref/out
        /// argument, an increment, or the receiver of a write or of a call with arguments (<c>Items.Add(x)</c>,
        /// <c>Home.City = x</c>, <c>Map[k] = x</c>), as the flow engine writes into receivers.
        /// </summary>
        private static bool IsWritten(IOperation reference)
        {
            var current = reference;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IAssignmentOperation assignment when assignment.Target == current:
                    case IIncrementOrDecrementOperation:
                        return true;
                    case IDeconstructionAssignmentOperation deconstruction when deconstruction.Target == current:
                        return true;
                    case IArgumentOperation argument:
                        return argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
                    case IInvocationOperation invocation when invocation.Instance == current:
                        return invocation.Arguments.Length > 0;
                    case ITupleOperation:
                    case IConversionOperation:
                    case IMemberReferenceOperation member when member.Instance == current:
                    case IArrayElementReferenceOperation element when element.ArrayReference == current:
                    case IImplicitIndexerReferenceOperation indexer when indexer.Instance == current:
                        current = parent;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }
    }
}
