using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PhiAnalyzers.Catalog;

namespace PhiAnalyzers.Engine;

/// <summary>
/// The engine's per-compilation state, shared by every rule: the resolved catalog, one flow result per body
/// (computed on demand, once, whichever rule asks first), and the flow-insensitive values of fields and properties.
/// </summary>
internal sealed class PhiWorld
{
    private static readonly ConditionalWeakTable<Compilation, StrongBox<PhiWorld?>> Worlds = new();

    /// <summary>Bodies (methods, initializers) whose flow is being computed on this thread.</summary>
    [ThreadStatic]
    private static HashSet<ISymbol>? t_inProgress;

    /// <summary>
    /// The symbols being computed on this thread, innermost last. A value computed with a guess for a symbol below it
    /// on the stack (a recursion cut) is provisional: it must not be cached for good, or a method first reached from
    /// inside a callee's computation would keep the callee's guessed-empty summary (and lose its sinks).
    /// </summary>
    [ThreadStatic]
    private static List<Frame>? t_stack;

    /// <summary>
    /// Provisional results, each with the symbols (still being computed) whose guessed-empty value it used. When such
    /// a symbol's real value turns out empty, the guess was exact and the result is kept (cached once no guess is
    /// left); otherwise the result is dropped and computed again when next asked.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<ISymbol, (FlowResult Result, HashSet<ISymbol> Guesses)>? t_provisional;

    /// <summary>Members whose flow-insensitive value is being computed on this thread.</summary>
    [ThreadStatic]
    private static HashSet<ISymbol>? t_fieldsInProgress;

    private readonly ConcurrentDictionary<ISymbol, FlowResult> _results = new(SymbolEqualityComparer.Default);
    private readonly QuietBodies _quiet;

    /// <summary>
    /// How many times a result computed on a guess that did not hold may be dropped and computed again. Past that (a
    /// pathological cycle of fields and methods that keep guessing each other), the latest pass is kept, which may
    /// miss a flow and may depend on the order threads ask in. It is a safety valve only: since the hot set
    /// (<see cref="QuietBodies"/>) keeps the dataflow to the bodies that can hold PHI, realistic code never reaches it
    /// (a cap of 4 did, on the benchmark's cross-module cycles, and lost findings depending on thread timing).
    /// </summary>
    private const int MaxProvisionalPasses = 64;

    private readonly ConcurrentDictionary<ISymbol, int> _provisionalCounts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, PhiValue> _fieldValues = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly Lazy<NameIndex> _index;
    private readonly ConcurrentDictionary<string, Lazy<ResolvedSites>> _writers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ResolvedSites>> _callers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ResolvedSites>> _implicitCreations = new(StringComparer.Ordinal);

    private PhiWorld(Compilation compilation, PhiCatalog catalog)
    {
        Compilation = compilation;
        Catalog = catalog;
        _index = new Lazy<NameIndex>(() => NameIndex.Build(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        _quiet = new QuietBodies(this);
    }

    public Compilation Compilation { get; }

    public PhiCatalog Catalog { get; }

    /// <summary>The world for a compilation, or null when it does not reference the PhiGuard attributes.</summary>
    public static PhiWorld? Get(Compilation compilation)
        => Worlds.GetValue(compilation, c => new StrongBox<PhiWorld?>(PhiCatalog.TryCreate(c) is { } catalog ? new PhiWorld(c, catalog) : null)).Value;

    /// <summary>The flow result of a body the analyzer driver handed us (no second binding).</summary>
    public FlowResult GetResult(ISymbol owner, IOperation root, CancellationToken cancellationToken)
    {
        if (_results.TryGetValue(owner, out var cached))
        {
            return cached;
        }

        if (_quiet.IsQuiet(owner, cancellationToken))
        {
            EngineCounters.Count("root.quiet");
            // No concrete PHI can appear in it, so it has no finding; its summary is computed when a caller asks.
            return FlowResult.Empty;
        }

        var started = EngineCounters.Start();
        var result = Compute(owner, () => root, cancellationToken);
        EngineCounters.Time("root.flow", started);
        return result;
    }

    /// <summary>The flow result (and so the summary) of a method of this compilation, analyzing it if needed.</summary>
    public FlowResult GetResult(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.PartialImplementationPart ?? method;
        method = (IMethodSymbol)method.OriginalDefinition;
        if (_results.TryGetValue(method, out var cached))
        {
            return cached;
        }

        return Compute(method, () => FindBody(method, cancellationToken), cancellationToken);
    }

    private FlowResult Compute(ISymbol owner, Func<IOperation?> rootFactory, CancellationToken cancellationToken)
    {
        var inProgress = t_inProgress ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!inProgress.Add(owner))
        {
            // Recursion: the summary being computed is not known yet; assume it adds nothing. Everything computed
            // since it started used that guess.
            MarkGuess(owner);
            return FlowResult.Empty;
        }

        if (t_provisional is { } provisional && provisional.TryGetValue(owner, out var guessed))
        {
            inProgress.Remove(owner);
            foreach (var symbol in guessed.Guesses)
            {
                MarkGuess(symbol);
            }

            return guessed.Result;
        }

        var frame = Push(owner);
        var exact = false;
        try
        {
            var root = rootFactory();
            var started = EngineCounters.Start();
            var cfg = root is null ? null : TryCreateGraph(root, cancellationToken);
            EngineCounters.Time("body.flow.graph", started);
            var result = cfg is null ? FlowResult.Empty : new MethodFlow(this, owner, cfg, cancellationToken).Run();
            exact = IsEmptySummary(owner, result);
            frame.Guesses?.Remove(owner); // its own recursion: one pass of the fixpoint, as for any recursion
            if (frame.Guesses is { Count: > 0 } guesses && Provisional(owner))
            {
                // It used a guess for a caller still being computed: good only if that guess proves exact.
                EngineCounters.Count("body.provisional");
                (t_provisional ??= new Dictionary<ISymbol, (FlowResult, HashSet<ISymbol>)>(SymbolEqualityComparer.Default))[owner] =
                    (result, new HashSet<ISymbol>(guesses, SymbolEqualityComparer.Default));
                return result;
            }

            EngineCounters.Count("body.kept");
            return _results.GetOrAdd(owner, result);
        }
        finally
        {
            inProgress.Remove(owner);
            Pop(exact);
        }
    }

    /// <summary>Whether a value computed on a guess may still be kept provisional (and computed again), or must be kept.</summary>
    private bool Provisional(ISymbol symbol)
    {
        if (_provisionalCounts.AddOrUpdate(symbol, 1, (_, n) => n + 1) <= MaxProvisionalPasses)
        {
            return true;
        }

        EngineCounters.Count("provisional.capped");
        return false;
    }

    /// <summary>Whether a result says no more than the guessed-empty one did (so results that used the guess stand).</summary>
    private static bool IsEmptySummary(ISymbol owner, FlowResult result)
    {
        if (ReferenceEquals(result, FlowResult.Empty))
        {
            return true;
        }

        if (!result.Return.IsEmpty || result.Sinks.Any(h => !h.Value.IsEmpty) || result.FieldWrites.Values.Any(v => !v.IsEmpty))
        {
            return false;
        }

        return owner is not IMethodSymbol method
               || method.Parameters.All(p => p.RefKind == RefKind.None || p.Ordinal >= result.ParametersAtExit.Length || result.ParametersAtExit[p.Ordinal].IsEmpty);
    }

    /// <summary>A symbol being computed on this thread, with the symbols below it whose guessed value it used.</summary>
    private sealed class Frame
    {
        public Frame(ISymbol symbol) => Symbol = symbol;

        public ISymbol Symbol { get; }

        public HashSet<ISymbol>? Guesses { get; set; }
    }

    private static Frame Push(ISymbol symbol)
    {
        var frame = new Frame(symbol);
        (t_stack ??= new List<Frame>()).Add(frame);
        return frame;
    }

    /// <summary>
    /// Leaves the top frame. <paramref name="exact"/>: its value proved to be what its guess said (empty), so the
    /// provisional results that used that guess stand; otherwise they are dropped.
    /// </summary>
    private void Pop(bool exact)
    {
        var stack = t_stack!;
        var symbol = stack[stack.Count - 1].Symbol;
        stack.RemoveAt(stack.Count - 1);
        if (t_provisional is not { } provisional)
        {
            return;
        }

        List<ISymbol>? affected = null;
        foreach (var entry in provisional)
        {
            if (entry.Value.Guesses.Contains(symbol))
            {
                (affected ??= new List<ISymbol>()).Add(entry.Key);
            }
        }

        if (affected is not null)
        {
            foreach (var key in affected)
            {
                var entry = provisional[key];
                if (!exact)
                {
                    provisional.Remove(key);
                    continue;
                }

                entry.Guesses.Remove(symbol);
                if (entry.Guesses.Count == 0)
                {
                    provisional.Remove(key);
                    EngineCounters.Count("body.provisionalKept");
                    _results.TryAdd(key, entry.Result);
                }
            }
        }

        if (stack.Count == 0)
        {
            t_provisional = null;
        }
    }

    private static int IndexOf(ISymbol symbol)
    {
        if (t_stack is { } stack)
        {
            for (var i = stack.Count - 1; i >= 0; i--)
            {
                if (SymbolEqualityComparer.Default.Equals(stack[i].Symbol, symbol))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>Every frame above the one computing <paramref name="guessed"/> used the guess made for it.</summary>
    private static void MarkGuess(ISymbol guessed)
    {
        var depth = IndexOf(guessed);
        if (t_stack is not { } stack || depth < 0)
        {
            return;
        }

        for (var i = depth + 1; i < stack.Count; i++)
        {
            (stack[i].Guesses ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(guessed);
        }
    }

    public bool IsInProgress(ISymbol symbol) => t_inProgress?.Contains(symbol) == true;

    private static ControlFlowGraph? TryCreateGraph(IOperation root, CancellationToken cancellationToken)
    {
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root switch
        {
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation ctor => ControlFlowGraph.Create(ctor, cancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
            IParameterInitializerOperation parameter => ControlFlowGraph.Create(parameter, cancellationToken),
            _ => null,
        };
    }

    /// <summary>The operation tree of a method's body in this compilation, or null (metadata, abstract, extern).</summary>
    internal IOperation? FindBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var bodySyntax = syntax switch
            {
                BaseMethodDeclarationSyntax m when m.Body is not null || m.ExpressionBody is not null => syntax,
                AccessorDeclarationSyntax a when a.Body is not null || a.ExpressionBody is not null => syntax,
                ArrowExpressionClauseSyntax => syntax,
                _ => null,
            };
            if (bodySyntax is null)
            {
                continue;
            }

            var operation = ModelFor(bodySyntax.SyntaxTree).GetOperation(bodySyntax, cancellationToken);
            if (operation is not null)
            {
                return operation;
            }
        }

        return null;
    }

    public SemanticModel ModelFor(SyntaxTree tree)
    {
#pragma warning disable RS1030 // The engine follows calls into other trees; models are cached once per tree per compilation.
        return _models.GetOrAdd(tree, t => Compilation.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    /// <summary>
    /// What PHI a field, property or captured primary-constructor parameter may hold: the join of every value
    /// written to it anywhere in the compilation (flow-insensitive), including writes made through calls.
    /// </summary>
    public PhiValue FieldValue(ISymbol member, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (_fieldValues.TryGetValue(member, out var cached))
        {
            return cached;
        }

        if (!_quiet.MayHold(member, cancellationToken))
        {
            // No body that can hold PHI writes it: nothing to look for.
            return PhiValue.Empty;
        }

        // Kept apart from the bodies in progress: a field's own initializer is one of its writers, and must be
        // analyzed (and the value cached) while the field's value is being computed.
        var inProgress = t_fieldsInProgress ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!inProgress.Add(member))
        {
            MarkGuess(member);
            return PhiValue.Empty;
        }

        var frame = Push(member);
        var exact = false;
        try
        {
            EngineCounters.Count("field.compute");
            var value = ComputeFieldValue(member, cancellationToken, out var complete);
            exact = complete && value.IsEmpty;
            frame.Guesses?.Remove(member);
            return complete && (frame.Guesses is not { Count: > 0 } || !Provisional(member))
                ? _fieldValues.GetOrAdd(member, value)
                : value;
        }
        finally
        {
            inProgress.Remove(member);
            Pop(exact);
        }
    }

    private PhiValue ComputeFieldValue(ISymbol member, CancellationToken cancellationToken, out bool complete)
    {
        complete = true;
        var value = PhiValue.Empty;
        var visited = new HashSet<SyntaxNode>();
        var work = new Queue<SyntaxNode>();
        void Enqueue(IEnumerable<SyntaxNode> owners)
        {
            foreach (var owner in owners)
            {
                if (visited.Add(owner))
                {
                    work.Enqueue(owner);
                }
            }
        }

        Enqueue(Writers(member, cancellationToken));

        // Records and primary constructors: the object creation is the write.
        if (member is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } ctor }
            || (member is IPropertySymbol property && IsPositionalRecordProperty(property, out ctor)))
        {
            Enqueue(Callers(ctor, cancellationToken));
        }

        while (work.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var owner = work.Dequeue();
            EngineCounters.Count("field.writerBody");
            var symbol = OwnerSymbol(owner, cancellationToken);
            if (symbol is IMethodSymbol writer && owner is not CompilationUnitSyntax && !_quiet.MayCarry(writer, cancellationToken))
            {
                // Its own code holds no concrete PHI, and no call hands it any: whatever it writes is not PHI.
                EngineCounters.Count("field.writerQuiet");
                continue;
            }

            var result = ResultOf(owner, symbol, cancellationToken);
            if (symbol is not null && IsInProgress(symbol))
            {
                // A writer is being analyzed further up this call chain: its writes are not known yet,
                // so this value is partial and must not be cached.
                complete = false;
            }

            if (result is null || !result.FieldWrites.TryGetValue(member, out var written))
            {
                continue;
            }

            value = value.Join(written.WithoutParameters());
            if (symbol is IMethodSymbol method && written.Flatten().Origins.Any(o => o.IsParameter))
            {
                // The method stores a parameter: its callers decide what is stored.
                Enqueue(Callers(method, cancellationToken));
            }
        }

        return value;
    }

    /// <summary>The bodies that assign <paramref name="member"/> (or add to the collection it holds) in their own code.</summary>
    private IEnumerable<SyntaxNode> Writers(ISymbol member, CancellationToken cancellationToken)
    {
        var sites = _writers.GetOrAdd(
            member.Name,
            name => new Lazy<ResolvedSites>(() => Resolve(_index.Value.Writers(name), WriteTarget), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return sites.Owners(member.OriginalDefinition);
    }

    /// <summary>The bodies that call <paramref name="method"/> (or, for a constructor, create its type), bound once per name.</summary>
    private IEnumerable<SyntaxNode> Callers(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.PropertySet && method.AssociatedSymbol is IPropertySymbol property)
        {
            // A setter is called by the assignments to its property.
            return Writers(property, cancellationToken);
        }

        var isConstructor = method.MethodKind == MethodKind.Constructor;
        var sites = _callers.GetOrAdd(
            isConstructor ? method.ContainingType.Name : method.Name,
            name => new Lazy<ResolvedSites>(() => Resolve(_index.Value.Callers(name), CallTarget), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        var key = CallKey(method);
        var owners = sites.Owners(key);
        if (!isConstructor)
        {
            return owners;
        }

        var created = _implicitCreations.GetOrAdd(
            method.ContainingType.Name,
            name => new Lazy<ResolvedSites>(() => Resolve(_index.Value.ImplicitCreations(name), CallTarget), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return owners.Concat(created.Owners(key));
    }

    /// <summary>
    /// Binds each site of a name once and groups the owning bodies by the symbol the site refers to. A site that
    /// binds to nothing is kept for every symbol of that name, as the syntax-only index would have it.
    /// </summary>
    private ResolvedSites Resolve(IReadOnlyList<Site> sites, Func<SemanticModel, SyntaxNode, IEnumerable<ISymbol>> targets)
    {
        var resolved = new ResolvedSites();
        foreach (var site in sites)
        {
            // No cancellation inside: the resolved sites are cached lazily, and a cancelled build of them would stay cached.
            if (OwnerSymbol(site.Owner, CancellationToken.None) is { } owner && site.Owner is not CompilationUnitSyntax && !_quiet.MayCarry(owner, CancellationToken.None))
            {
                // A body that can neither hold nor be handed PHI writes and passes none: its site is not bound.
                EngineCounters.Count("sites.skippedCold");
                continue;
            }

            EngineCounters.Count("sites.resolved");
            var any = false;
            foreach (var target in targets(ModelFor(site.Node.SyntaxTree), site.Node))
            {
                resolved.Add(target, site.Owner);
                any = true;
            }

            if (!any)
            {
                resolved.AddUnresolved(site.Owner);
            }
        }

        return resolved;
    }

    private static IEnumerable<ISymbol> WriteTarget(SemanticModel model, SyntaxNode node)
    {
        if (node is VariableDeclaratorSyntax or PropertyDeclarationSyntax)
        {
            return model.GetDeclaredSymbol(node) is { } declared ? new[] { declared.OriginalDefinition } : Array.Empty<ISymbol>();
        }

        return Bound(model, node).Select(s => s.OriginalDefinition);
    }

    private static IEnumerable<ISymbol> CallTarget(SemanticModel model, SyntaxNode node)
        => Bound(model, node).OfType<IMethodSymbol>().Select(CallKey);

    private static IEnumerable<ISymbol> Bound(SemanticModel model, SyntaxNode node)
    {
        var info = model.GetSymbolInfo(node);
        return info.Symbol is { } symbol ? new[] { symbol } : info.CandidateSymbols;
    }

    /// <summary>One key for a method however a call names it: reduced extension, constructed generic, partial part.</summary>
    internal static IMethodSymbol CallKey(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        return method.PartialImplementationPart ?? method;
    }

    private static bool IsPositionalRecordProperty(IPropertySymbol property, out IMethodSymbol ctor)
    {
        ctor = null!;
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is ParameterSyntax parameter
                && property.ContainingType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Any(p => p.Name == parameter.Identifier.ValueText)) is { } found)
            {
                ctor = found;
                return true;
            }
        }

        return false;
    }

    /// <summary>The symbol whose body (or initializer) a syntax node found in the name index owns.</summary>
    private ISymbol? OwnerSymbol(SyntaxNode owner, CancellationToken cancellationToken)
        => OwnerSymbol(ModelFor(owner.SyntaxTree), owner, cancellationToken);

    /// <summary>The symbol whose body (or initializer) <paramref name="owner"/> owns, read from <paramref name="model"/>.</summary>
    internal static ISymbol? OwnerSymbol(SemanticModel model, SyntaxNode owner, CancellationToken cancellationToken)
        => owner switch
        {
            CompilationUnitSyntax unit => model.GetEnclosingSymbol(unit.Members.OfType<GlobalStatementSyntax>().FirstOrDefault()?.SpanStart ?? 0, cancellationToken),
            ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax
                => (model.GetDeclaredSymbol(arrow.Parent, cancellationToken) as IPropertySymbol)?.GetMethod,
            _ => model.GetDeclaredSymbol(owner, cancellationToken),
        };

    /// <summary>The flow result of the body owned by a syntax node found in the name index.</summary>
    private FlowResult? ResultOf(SyntaxNode owner, ISymbol? symbol, CancellationToken cancellationToken)
    {
        if (symbol is null)
        {
            return null;
        }

        if (symbol is IMethodSymbol method && owner is not CompilationUnitSyntax)
        {
            return GetResult(method, cancellationToken);
        }

        if (_results.TryGetValue(symbol, out var cached))
        {
            return cached;
        }

        var model = ModelFor(owner.SyntaxTree);
        var root = owner switch
        {
            CompilationUnitSyntax => model.GetOperation(owner, cancellationToken),
            VariableDeclaratorSyntax { Initializer: { } init } => model.GetOperation(init, cancellationToken),
            PropertyDeclarationSyntax { Initializer: { } init } => model.GetOperation(init, cancellationToken),
            ParameterSyntax { Default: { } init } => model.GetOperation(init, cancellationToken),
            _ => null,
        };
        return root is null ? null : Compute(symbol, () => root, cancellationToken);
    }

    /// <summary>Whether the body (or initializer) of <paramref name="owner"/> cannot hold concrete PHI: no rule result to compute (builds the hot set on first use).</summary>
    internal bool IsQuietBody(ISymbol owner, CancellationToken cancellationToken) => _quiet.IsQuiet(owner, cancellationToken);

    /// <summary>Whether a project method's body cannot hold concrete PHI (see <see cref="QuietBodies"/>).</summary>
    internal bool IsQuietMethod(IMethodSymbol method, CancellationToken cancellationToken) => _quiet.IsQuietMethod(method, cancellationToken);
}

/// <summary>The owners of a name's sites, grouped by the symbol each site binds to.</summary>
internal sealed class ResolvedSites
{
    private readonly Dictionary<ISymbol, List<SyntaxNode>> _bySymbol = new(SymbolEqualityComparer.Default);
    private readonly List<SyntaxNode> _unresolved = new();

    public void Add(ISymbol symbol, SyntaxNode owner)
    {
        if (!_bySymbol.TryGetValue(symbol, out var owners))
        {
            _bySymbol[symbol] = owners = new List<SyntaxNode>();
        }

        if (owners.Count == 0 || owners[owners.Count - 1] != owner)
        {
            owners.Add(owner);
        }
    }

    public void AddUnresolved(SyntaxNode owner)
    {
        if (_unresolved.Count == 0 || _unresolved[_unresolved.Count - 1] != owner)
        {
            _unresolved.Add(owner);
        }
    }

    public IEnumerable<SyntaxNode> Owners(ISymbol symbol)
        => _bySymbol.TryGetValue(symbol, out var owners) ? owners.Concat(_unresolved) : _unresolved;
}
