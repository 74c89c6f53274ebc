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
    /// The bodies and members being computed on this thread, innermost last. A recursion into one of them sees its
    /// approximation (nothing in its first pass, then its previous pass's result); a value computed with it is
    /// provisional until that one is stable: it must not be cached for good, or a method first reached from inside a
    /// callee's computation would keep the callee's partial summary (and lose its sinks). A frame whose approximation
    /// was used and proved too small computes again (a least fixpoint per cycle, as deep as the recursion goes).
    /// </summary>
    [ThreadStatic]
    private static List<Frame>? t_stack;

    /// <summary>
    /// Provisional results (a body's <see cref="FlowResult"/> or a member's <see cref="PhiValue"/>), each with the frames
    /// (still being computed) whose approximation it used. When such a frame is stable (its last pass saw its own
    /// result), the result stands and is cached once it depends on no frame left; when the frame computes again, the
    /// result is dropped, and computed again in that pass.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<FrameKey, (object Value, HashSet<FrameKey> Guesses)>? t_provisional;

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

    private PhiWorld(Compilation compilation, PhiCatalog catalog)
    {
        Compilation = compilation;
        Catalog = catalog;
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
        var key = new FrameKey(owner, isField: false);
        var inProgress = t_inProgress ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!inProgress.Add(owner))
        {
            // Recursion: the summary being computed is not known yet; use its current approximation (empty at
            // first). Everything computed since it started used that approximation.
            return (FlowResult?)MarkGuess(key) ?? FlowResult.Empty;
        }

        if (t_provisional is { } provisional && provisional.TryGetValue(key, out var guessed))
        {
            inProgress.Remove(owner);
            foreach (var symbol in guessed.Guesses)
            {
                MarkGuess(symbol);
            }

            return (FlowResult)guessed.Value;
        }

        var frame = Push(key);
        var stable = true;
        try
        {
            var root = rootFactory();
            var started = EngineCounters.Start();
            var cfg = root is null ? null : TryCreateGraph(root, cancellationToken);
            EngineCounters.Time("body.flow.graph", started);
            FlowResult result;
            while (true)
            {
                EngineCounters.Count("body.flow");
                result = cfg is null ? FlowResult.Empty : new MethodFlow(this, owner, cfg, cancellationToken).Run();
                frame.Guesses?.Remove(key);
                if (!frame.Used || SameSummary(result, (FlowResult?)frame.Approximation ?? FlowResult.Empty))
                {
                    break;
                }

                if (++frame.Passes >= MaxPasses)
                {
                    EngineCounters.Count("body.passesCapped");
                    stable = false;
                    break;
                }

                // A recursion used an approximation that was too small: what used it is stale. Compute again, the
                // recursion now seeing this result (the values only grow, so this ends).
                frame.Approximation = result;
                frame.Used = false;
                DropDependents(key);
            }

            if (frame.Guesses is { Count: > 0 } guesses && Provisional(owner))
            {
                // It used the approximation of a symbol still being computed below it: good only once that one is stable.
                EngineCounters.Count("body.provisional");
                (t_provisional ??= new Dictionary<FrameKey, (object, HashSet<FrameKey>)>())[key] = (result, new HashSet<FrameKey>(guesses));
                return result;
            }

            return _results.GetOrAdd(owner, result);
        }
        finally
        {
            inProgress.Remove(owner);
            Pop(stable);
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

    /// <summary>Whether two results of one body tell its callers the same: return, out/ref values, field writes, forwarded sinks.</summary>
    private static bool SameSummary(FlowResult a, FlowResult b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (!a.Return.Equals(b.Return))
        {
            return false;
        }

        for (var i = 0; i < Math.Max(a.ParametersAtExit.Length, b.ParametersAtExit.Length); i++)
        {
            var x = i < a.ParametersAtExit.Length ? a.ParametersAtExit[i] : PhiValue.Empty;
            var y = i < b.ParametersAtExit.Length ? b.ParametersAtExit[i] : PhiValue.Empty;
            if (!(x.IsEmpty && y.IsEmpty) && !x.Equals(y))
            {
                return false;
            }
        }

        foreach (var pair in a.FieldWrites)
        {
            if (!(b.FieldWrites.TryGetValue(pair.Key, out var other) ? other.Equals(pair.Value) || (other.IsEmpty && pair.Value.IsEmpty) : pair.Value.IsEmpty))
            {
                return false;
            }
        }

        foreach (var pair in b.FieldWrites)
        {
            if (!a.FieldWrites.ContainsKey(pair.Key) && !pair.Value.IsEmpty)
            {
                return false;
            }
        }

        return SinkKeys(a).SetEquals(SinkKeys(b));
    }

    /// <summary>What a caller takes from a body's sinks: kind, chain, the sink call's syntax, value and guards.</summary>
    private static HashSet<(SinkKinds, string, SyntaxNode, string, GuardKinds)> SinkKeys(FlowResult result)
    {
        var keys = new HashSet<(SinkKinds, string, SyntaxNode, string, GuardKinds)>();
        foreach (var hit in result.Sinks)
        {
            if (!hit.Value.IsEmpty)
            {
                keys.Add((hit.Kind, hit.Display, hit.InnerOperation.Syntax, ValueKey(hit.Value), hit.Guards));
            }
        }

        return keys;
    }

    private static string ValueKey(PhiValue value)
        => value.Elements.IsDefault
            ? string.Join("|", value.Origins.Select(o => o.ParameterOrdinal + ":" + o.Description))
            : "(" + string.Join(",", value.Elements.Select(ValueKey)) + ")" + string.Join("|", value.Origins.Select(o => o.ParameterOrdinal + ":" + o.Description));

    /// <summary>A body's flow or a member's value, as the frames and the provisional results name it.</summary>
    private readonly struct FrameKey : IEquatable<FrameKey>
    {
        public FrameKey(ISymbol symbol, bool isField)
        {
            Symbol = symbol;
            IsField = isField;
        }

        public ISymbol Symbol { get; }

        /// <summary>A member's flow-insensitive value (else the flow of a body; a field's initializer is a body of the field).</summary>
        public bool IsField { get; }

        public bool Equals(FrameKey other) => IsField == other.IsField && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);

        public override bool Equals(object? obj) => obj is FrameKey other && Equals(other);

        public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(Symbol) * 2) + (IsField ? 1 : 0);
    }

    /// <summary>
    /// A body or member being computed on this thread: the frames below it whose approximation it used, whether a
    /// frame above used its own, and that approximation (the result of its previous pass).
    /// </summary>
    private sealed class Frame
    {
        public Frame(FrameKey key) => Key = key;

        public FrameKey Key { get; }

        public HashSet<FrameKey>? Guesses { get; set; }

        /// <summary>A recursion into it used <see cref="Approximation"/> since its current pass started.</summary>
        public bool Used { get; set; }

        /// <summary>What a recursion into it sees: null (nothing) in the first pass, then the previous pass's result.</summary>
        public object? Approximation { get; set; }

        public int Passes { get; set; }
    }

    /// <summary>
    /// How many passes a body or member that recursion reaches may take to become stable. Each pass only adds to what
    /// the one before found, so a cycle ends in a few; this bounds a pathological one (its dependents are then dropped,
    /// not kept).
    /// </summary>
    private const int MaxPasses = 16;

    private static Frame Push(FrameKey key)
    {
        var frame = new Frame(key);
        (t_stack ??= new List<Frame>()).Add(frame);
        return frame;
    }

    /// <summary>
    /// Leaves the top frame. <paramref name="stable"/>: its last pass saw its own result, so the provisional results
    /// that used its approximation stand (they are kept once they depend on no frame still in progress); otherwise
    /// they are dropped.
    /// </summary>
    private void Pop(bool stable)
    {
        var stack = t_stack!;
        var key = stack[stack.Count - 1].Key;
        stack.RemoveAt(stack.Count - 1);
        if (t_provisional is not { } provisional)
        {
            return;
        }

        if (!stable)
        {
            DropDependents(key);
        }
        else
        {
            List<FrameKey>? settled = null;
            foreach (var entry in provisional)
            {
                if (entry.Value.Guesses.Remove(key) && entry.Value.Guesses.Count == 0)
                {
                    (settled ??= new List<FrameKey>()).Add(entry.Key);
                }
            }

            foreach (var done in settled ?? Enumerable.Empty<FrameKey>())
            {
                var value = provisional[done].Value;
                provisional.Remove(done);
                if (done.IsField)
                {
                    _fieldValues.TryAdd(done.Symbol, (PhiValue)value);
                }
                else
                {
                    _results.TryAdd(done.Symbol, (FlowResult)value);
                }
            }
        }

        if (stack.Count == 0)
        {
            t_provisional = null;
        }
    }

    /// <summary>Drops the provisional results that used the approximation of <paramref name="key"/>.</summary>
    private static void DropDependents(FrameKey key)
    {
        if (t_provisional is not { } provisional)
        {
            return;
        }

        List<FrameKey>? stale = null;
        foreach (var entry in provisional)
        {
            if (entry.Value.Guesses.Contains(key))
            {
                (stale ??= new List<FrameKey>()).Add(entry.Key);
            }
        }

        foreach (var dropped in stale ?? Enumerable.Empty<FrameKey>())
        {
            EngineCounters.Count("provisional.dropped");
            provisional.Remove(dropped);
        }
    }

    /// <summary>
    /// Every frame above the one computing <paramref name="guessed"/> used its approximation; returns that
    /// approximation (null: nothing yet, or no such frame).
    /// </summary>
    private static object? MarkGuess(FrameKey guessed)
    {
        if (t_stack is not { } stack)
        {
            return null;
        }

        var depth = -1;
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            if (stack[i].Key.Equals(guessed))
            {
                depth = i;
                break;
            }
        }

        if (depth < 0)
        {
            return null;
        }

        stack[depth].Used = true;
        for (var i = depth + 1; i < stack.Count; i++)
        {
            (stack[i].Guesses ??= new HashSet<FrameKey>()).Add(guessed);
        }

        return stack[depth].Approximation;
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

            var started = EngineCounters.Start();
            var operation = ModelFor(bodySyntax.SyntaxTree).GetOperation(bodySyntax, cancellationToken);
            EngineCounters.Time("body.bind", started);
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
        var key = new FrameKey(member, isField: true);
        var inProgress = t_fieldsInProgress ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!inProgress.Add(member))
        {
            return (PhiValue?)MarkGuess(key) ?? PhiValue.Empty;
        }

        if (t_provisional is { } provisional && provisional.TryGetValue(key, out var guessed))
        {
            inProgress.Remove(member);
            foreach (var symbol in guessed.Guesses)
            {
                MarkGuess(symbol);
            }

            return (PhiValue)guessed.Value;
        }

        var frame = Push(key);
        var stable = true;
        try
        {
            PhiValue value;
            bool complete;
            while (true)
            {
                EngineCounters.Count("field.compute");
                value = ComputeFieldValue(member, cancellationToken, out complete);
                frame.Guesses?.Remove(key);
                if (!frame.Used || value.Equals((PhiValue?)frame.Approximation ?? PhiValue.Empty))
                {
                    break;
                }

                if (++frame.Passes >= MaxPasses)
                {
                    EngineCounters.Count("field.passesCapped");
                    stable = false;
                    break;
                }

                frame.Approximation = value;
                frame.Used = false;
                DropDependents(key);
            }

            if (frame.Guesses is { Count: > 0 } guesses && Provisional(member))
            {
                (t_provisional ??= new Dictionary<FrameKey, (object, HashSet<FrameKey>)>())[key] = (value, new HashSet<FrameKey>(guesses));
                return value;
            }

            return complete ? _fieldValues.GetOrAdd(member, value) : value;
        }
        finally
        {
            inProgress.Remove(member);
            Pop(stable);
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

    /// <summary>The bodies that write <paramref name="member"/> in their own code and may hold or be handed PHI (the others write none).</summary>
    private IEnumerable<SyntaxNode> Writers(ISymbol member, CancellationToken cancellationToken)
        => _quiet.CarryingWriters(member.OriginalDefinition, cancellationToken);

    /// <summary>The bodies that call <paramref name="method"/> (or, for a constructor, create its type) and may hold or be handed PHI.</summary>
    private IEnumerable<SyntaxNode> Callers(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.PropertySet && method.AssociatedSymbol is IPropertySymbol property)
        {
            // A setter is called by the assignments to its property.
            return Writers(property, cancellationToken);
        }

        return _quiet.CarryingCallers(method, cancellationToken);
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

    /// <summary>Builds the per-compilation hot set (<see cref="QuietBodies"/>) now, once, if nothing has yet.</summary>
    internal void PrepareHotSet(CancellationToken cancellationToken) => _quiet.Prepare(cancellationToken);

    /// <summary>Whether the body (or initializer) of <paramref name="owner"/> cannot hold concrete PHI: no rule result to compute (builds the hot set on first use).</summary>
    internal bool IsQuietBody(ISymbol owner, CancellationToken cancellationToken) => _quiet.IsQuiet(owner, cancellationToken);

    /// <summary>Whether a project method's body cannot hold concrete PHI (see <see cref="QuietBodies"/>).</summary>
    internal bool IsQuietMethod(IMethodSymbol method, CancellationToken cancellationToken) => _quiet.IsQuietMethod(method, cancellationToken);
}
