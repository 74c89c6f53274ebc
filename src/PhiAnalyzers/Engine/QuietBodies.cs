using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
/// <para>
/// The facts of a syntax tree name symbols by stable ids (documentation-comment ids), not by symbol objects, so a later
/// compilation reuses them for every tree it shares with the earlier one as long as no declaration anywhere changed
/// (<see cref="DeclarationStamp"/>): after an edit inside a method body, as in an IDE, only the edited tree is bound
/// and walked again; the fixpoint itself is cheap.
/// </para>
/// </summary>
internal sealed class QuietBodies
{
    private readonly PhiWorld _world;
    private readonly object _gate = new();
    private volatile HotSet? _hot;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, string> _ids = new(SymbolEqualityComparer.Default);

    public QuietBodies(PhiWorld world) => _world = world;

    /// <summary>Whether the body (or initializer) of <paramref name="owner"/> cannot hold concrete PHI.</summary>
    public bool IsQuiet(ISymbol owner, CancellationToken cancellationToken)
        => Hot(cancellationToken).IsQuietBody(Id(owner));

    /// <summary>Whether a project method's body cannot hold concrete PHI (library and bodiless methods: true).</summary>
    public bool IsQuietMethod(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!MethodFlow.IsAnalyzable(method))
        {
            return true;
        }

        var hot = Hot(cancellationToken);
        var id = Id(method);
        return hot.IsQuietBody(id) || (!hot.HasBody(id) && _world.FindBody(method, cancellationToken) is null);
    }

    /// <summary>
    /// Whether a body may hold or be handed concrete PHI (hot, or a method that receives it). A body that may not
    /// writes nothing and passes nothing that is PHI, so its write and call sites need not be bound.
    /// </summary>
    public bool MayCarry(ISymbol owner, CancellationToken cancellationToken)
    {
        var hot = Hot(cancellationToken);
        var id = Id(owner);
        return !hot.IsQuietBody(id) || hot.Receives(id);
    }

    /// <summary>Whether a field, property or captured primary-constructor parameter of the project may hold concrete PHI.</summary>
    public bool MayHold(ISymbol member, CancellationToken cancellationToken)
        => Hot(cancellationToken).IsHotMember(Id(member));

    private string Id(ISymbol symbol) => _ids.GetOrAdd(symbol, s => StableId.Of(Key(s)));

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

    /// <summary>What one body does that matters to the fixpoint, by stable ids (compact: kept per tree across compilations).</summary>
    private sealed class BodyFacts
    {
        public BodyFacts(string owner, bool touchesPhi, string[] reads, string[] writes, string[] calls, bool[] callTakesParameters)
        {
            Owner = owner;
            TouchesPhi = touchesPhi;
            Reads = reads;
            Writes = writes;
            Calls = calls;
            CallTakesParameters = callTakesParameters;
        }

        public string Owner { get; }

        public bool TouchesPhi { get; }

        public string[] Reads { get; }

        public string[] Writes { get; }

        /// <summary>Project methods called; <see cref="CallTakesParameters"/> says which take parameters (so a call can hand them PHI).</summary>
        public string[] Calls { get; }

        public bool[] CallTakesParameters { get; }
    }

    /// <summary>The facts of one body while its operations are walked.</summary>
    private sealed class BodyBuilder
    {
        public BodyBuilder(string owner) => Owner = owner;

        public string Owner { get; }

        public bool TouchesPhi;
        public readonly HashSet<string> Reads = new(StringComparer.Ordinal);
        public readonly HashSet<string> Writes = new(StringComparer.Ordinal);
        public readonly Dictionary<string, bool> Calls = new(StringComparer.Ordinal);

        public BodyFacts Freeze()
            => new(Owner, TouchesPhi, Reads.ToArray(), Writes.ToArray(), Calls.Keys.ToArray(), Calls.Values.ToArray());
    }

    /// <summary>The facts of one tree, and the declaration stamp of the compilation they were read in.</summary>
    private sealed class TreeFacts
    {
        public TreeFacts(long stamp, List<BodyFacts> bodies)
        {
            Stamp = stamp;
            Bodies = bodies;
        }

        public long Stamp { get; }

        public List<BodyFacts> Bodies { get; }
    }

    /// <summary>Per-tree facts, shared by the compilations that contain the tree (reused only under the same stamp).</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<TreeFacts?>> Facts = new();

    /// <summary>Per-tree hash of everything but the bodies of methods and accessors.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<long>> DeclarationHashes = new();

    /// <summary>
    /// A hash of what decides how the code inside bodies binds: every tree's text outside method and accessor bodies
    /// (types, members, signatures, attributes, usings, initializers), the references and the options. Two
    /// compilations with the same stamp bind an unchanged body to the same symbols.
    /// </summary>
    internal static long DeclarationStamp(Compilation compilation, CancellationToken cancellationToken)
    {
        var hash = Fnv.Start;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var box = DeclarationHashes.GetValue(tree, t => new StrongBox<long>(DeclarationHash(t, cancellationToken)));
            hash = Fnv.Add(hash, box.Value);
        }

        foreach (var reference in compilation.References)
        {
            hash = Fnv.Add(hash, reference.Display ?? "");
        }

        // The options that change how code binds (not Options.GetHashCode(): in csc it reaches resolvers that do not
        // implement it).
        var options = compilation.Options;
        hash = Fnv.Add(hash, (long)options.NullableContextOptions);
        hash = Fnv.Add(hash, (long)options.OutputKind);
        hash = Fnv.Add(hash, (long)options.MetadataImportOptions);
        if (options is Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions csharp)
        {
            hash = Fnv.Add(hash, string.Join(";", csharp.Usings));
        }

        return Fnv.Add(hash, compilation.AssemblyName ?? "");
    }

    private static long DeclarationHash(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var hash = Fnv.Add(Fnv.Start, tree.FilePath ?? "");
        // Not descending into a body leaves out its tokens, braces and arrow included.
        foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens(n => !IsBody(n)))
        {
            hash = Fnv.Add(Fnv.Add(hash, token.RawKind), token.Text);
        }

        return hash;
    }

    /// <summary>A method's or accessor's body (block or arrow): what an edit may change without touching declarations.</summary>
    private static bool IsBody(SyntaxNode? node)
        => node is BlockSyntax or ArrowExpressionClauseSyntax
           && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax;

    private static class Fnv
    {
        public const long Start = unchecked((long)14695981039346656037UL);

        public static long Add(long hash, long value)
        {
            for (var i = 0; i < 8; i++)
            {
                hash = unchecked((hash ^ ((value >> (i * 8)) & 0xFF)) * 1099511628211L);
            }

            return hash;
        }

        public static long Add(long hash, string text)
        {
            foreach (var c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211L);
            }

            return unchecked((hash ^ 0xFF) * 1099511628211L);
        }
    }

    private sealed class HotSet
    {
        private readonly HashSet<string> _bodies = new(StringComparer.Ordinal);
        private readonly HashSet<string> _hotBodies = new(StringComparer.Ordinal);
        private readonly HashSet<string> _receiving = new(StringComparer.Ordinal);
        private readonly HashSet<string> _hotMembers = new(StringComparer.Ordinal);

        /// <summary>A body the walk did not see (it cannot be looked at) counts as not quiet.</summary>
        public bool IsQuietBody(string owner) => _bodies.Contains(owner) && !_hotBodies.Contains(owner);

        public bool HasBody(string owner) => _bodies.Contains(owner);

        public bool Receives(string method) => _receiving.Contains(method);

        public bool IsHotMember(string member) => _hotMembers.Contains(member);

        public static HotSet Build(PhiWorld world, CancellationToken cancellationToken)
        {
            var compilation = world.Compilation;
            var stamp = DeclarationStamp(compilation, cancellationToken);
            // One string per symbol for all the trees walked here (the facts are kept, so duplicates would add up).
            var ids = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
            string IdOf(ISymbol symbol)
            {
                if (!ids.TryGetValue(symbol, out var text))
                {
                    ids[symbol] = text = StableId.Of(symbol);
                }

                return text;
            }

            var trees = compilation.SyntaxTrees.ToArray();
            var perTree = new List<BodyFacts>[trees.Length];
            for (var i = 0; i < trees.Length; i++)
            {
                var box = Facts.GetValue(trees[i], _ => new StrongBox<TreeFacts?>());
                if (box.Value is not { } facts || facts.Stamp != stamp)
                {
                    EngineCounters.Count("hot.treesWalked");
                    facts = new TreeFacts(stamp, Walk(world, trees[i], IdOf, cancellationToken));
                    box.Value = facts;
                }

                perTree[i] = facts.Bodies;
            }

            var all = new List<BodyFacts>();
            foreach (var bodies in perTree)
            {
                all.AddRange(bodies);
            }

            var set = new HotSet();
            set.Solve(all);
            EngineCounters.Count("hot.bodies", all.Count);
            EngineCounters.Count("hot.hotBodies", set._hotBodies.Count);
            EngineCounters.Count("hot.hotMembers", set._hotMembers.Count);
            EngineCounters.Count("hot.receiving", set._receiving.Count);
            return set;
        }

        private static List<BodyFacts> Walk(PhiWorld world, SyntaxTree tree, Func<ISymbol, string> id, CancellationToken cancellationToken)
        {
            // The compilation's own model (in a build, the analyzer driver's cached one, released when the driver is
            // done with the tree); not kept by the world, which would hold every bound body to the end.
#pragma warning disable RS1030
            var model = world.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            var byOwner = new Dictionary<string, BodyBuilder>(StringComparer.Ordinal);
            var order = new List<BodyBuilder>();
            foreach (var (owner, node) in BodyRoots(tree.GetRoot(cancellationToken)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var symbol = PhiWorld.OwnerSymbol(model, owner, cancellationToken);
                if (symbol is null || model.GetOperation(node, cancellationToken) is not { } root)
                {
                    continue;
                }

                symbol = Key(symbol);
                var ownerId = id(symbol);
                if (!byOwner.TryGetValue(ownerId, out var body))
                {
                    byOwner[ownerId] = body = new BodyBuilder(ownerId);
                    order.Add(body);
                }

                if (symbol is IFieldSymbol or IPropertySymbol)
                {
                    body.Writes.Add(ownerId); // an initializer writes its member
                }

                new Walker(world.Catalog, symbol, body, id).Walk(root, cancellationToken);
            }

            return order.ConvertAll(b => b.Freeze());
        }

        private void Solve(List<BodyFacts> all)
        {
            var facts = new Dictionary<string, BodyFacts>(StringComparer.Ordinal);
            var readers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var callers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var body in all)
            {
                // A partial type's bodies never share an owner id across trees; if they did, the last one wins.
                facts[body.Owner] = body;
                _bodies.Add(body.Owner);
                foreach (var member in body.Reads)
                {
                    Add(readers, member, body.Owner);
                }

                foreach (var callee in body.Calls)
                {
                    Add(callers, callee, body.Owner);
                }
            }

            var hotBodies = new Stack<string>();
            var receiving = new Stack<string>();
            var hotMembers = new Stack<string>();
            foreach (var body in all)
            {
                if (body.TouchesPhi && _hotBodies.Add(body.Owner))
                {
                    hotBodies.Push(body.Owner);
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
                var owner = isHot ? hotBodies.Pop() : receiving.Pop();
                if (!facts.TryGetValue(owner, out var body))
                {
                    continue;
                }

                // What a hot or receiving body writes, and what it passes to the methods it calls, may be PHI.
                foreach (var member in body.Writes)
                {
                    if (_hotMembers.Add(member))
                    {
                        hotMembers.Push(member);
                    }
                }

                for (var i = 0; i < body.Calls.Length; i++)
                {
                    if (body.CallTakesParameters[i] && _receiving.Add(body.Calls[i]))
                    {
                        receiving.Push(body.Calls[i]);
                    }
                }

                // Whoever calls a hot method may get PHI back from it.
                if (isHot && callers.TryGetValue(owner, out var callerBodies))
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

        private static void Add(Dictionary<string, List<string>> map, string key, string value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<string>();
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
    }

    /// <summary>Collects the facts of one body (lambdas and local functions included, as parts of it).</summary>
    private sealed class Walker
    {
        private readonly Catalog.PhiCatalog _catalog;
        private readonly ISymbol _owner;
        private readonly BodyBuilder _facts;
        private readonly Func<ISymbol, string> _id;

        public Walker(Catalog.PhiCatalog catalog, ISymbol owner, BodyBuilder facts, Func<ISymbol, string> id)
        {
            _catalog = catalog;
            _owner = owner;
            _facts = facts;
            _id = id;
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
                        var captured = _id(parameter.Parameter.OriginalDefinition);
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

            var id = _id(member.OriginalDefinition);
            _facts.Reads.Add(id);
            if (IsWritten(reference))
            {
                _facts.Writes.Add(id);
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
                    _facts.Writes.Add(_id(parameter.OriginalDefinition));
                }

                foreach (var property in method.ContainingType.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ParameterSyntax))
                    {
                        _facts.Writes.Add(_id(property.OriginalDefinition));
                    }
                }
            }
        }

        private void Call(IMethodSymbol method)
        {
            method = PhiWorld.CallKey(method);
            if (MethodFlow.IsAnalyzable(method))
            {
                _facts.Calls[_id(method)] = method.Parameters.Length > 0;
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

/// <summary>
/// A name for a symbol that is the same in every compilation that declares it the same way: its documentation-comment
/// id (a captured primary-constructor parameter: its constructor's id and its ordinal).
/// </summary>
internal static class StableId
{
    public static string Of(ISymbol symbol)
    {
        if (symbol is IParameterSymbol parameter)
        {
            return Of(parameter.ContainingSymbol) + "#" + parameter.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return DocumentationCommentId.CreateDeclarationId(symbol)
               ?? symbol.Kind + ":" + symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}
