using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PhiAnalyzers.Catalog;

namespace PhiAnalyzers.Engine;

/// <summary>
/// One run of the dataflow analysis over a body's control flow graph: a worklist over basic blocks to a fixpoint,
/// with transfer functions over IOperation. Calls into the project's own methods use their summaries; calls into
/// libraries use the catalog. Knows no rule: it only records which PHI reaches which sink kind.
/// </summary>
internal sealed class MethodFlow
{
    /// <summary>Safety net: a block re-evaluated this many times means something is wrong; stop rather than spin.</summary>
    private const int MaxVisitsPerBlock = 50;

    private readonly PhiWorld _world;
    private readonly PhiCatalog _catalog;
    private readonly ISymbol _owner;
    private readonly ControlFlowGraph _rootGraph;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<(IOperation, SinkKinds, string), SinkHit> _sinks = new();
    private readonly Dictionary<ISymbol, PhiValue> _fieldWrites = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _localFunctionsInProgress = new(SymbolEqualityComparer.Default);
    private readonly IMethodSymbol? _method;
    private readonly Dictionary<ILocalSymbol, IOperation> _delegates = new(SymbolEqualityComparer.Default);

    /// <summary>What a flow capture holds when it holds a variable or member: a write into the capture is a write into it.</summary>
    private readonly Dictionary<CaptureId, IOperation> _capturedReferences = new();

    private FlowState _state = new();
    private ControlFlowGraph _graph;
    private PhiValue _return = PhiValue.Empty;

    public MethodFlow(PhiWorld world, ISymbol owner, ControlFlowGraph graph, CancellationToken cancellationToken)
    {
        _world = world;
        _catalog = world.Catalog;
        _owner = owner;
        _rootGraph = graph;
        _graph = graph;
        _cancellationToken = cancellationToken;
        _method = owner as IMethodSymbol;
    }

    public FlowResult Run()
    {
        var entry = new FlowState();
        if (_method is not null)
        {
            foreach (var p in _method.Parameters)
            {
                var value = PhiValue.Of(PhiOrigin.Parameter(p.Ordinal, p.Name));
                if (_catalog.TryGetPhiKind(p, out _))
                {
                    value = value.Join(PhiValue.Of(PhiOrigin.Source(p.Name, p.Locations.FirstOrDefault())));
                }

                entry.Set(p, value);
            }
        }

        var exit = RunGraph(_rootGraph, entry, out var returned);
        var parametersAtExit = _method is null
            ? ImmutableArray<PhiValue>.Empty
            : _method.Parameters.Select(p => exit.Get(p)).ToImmutableArray();

        return new FlowResult(
            returned,
            parametersAtExit,
            _fieldWrites.ToImmutableDictionary(SymbolEqualityComparer.Default),
            _sinks.Values.ToImmutableArray());
    }

    /// <summary>Runs the worklist over one graph (the body, a lambda or a local function) from an entry state.</summary>
    private FlowState RunGraph(ControlFlowGraph graph, FlowState entryState, out PhiValue returned)
    {
        var savedGraph = _graph;
        var savedState = _state;
        var savedReturn = _return;
        _graph = graph;
        _return = PhiValue.Empty;
        try
        {
            var blocks = graph.Blocks;
            var outStates = new FlowState?[blocks.Length];
            var visits = new int[blocks.Length];
            var work = new SortedSet<int> { 0 };
            FlowState? exitState = null;
            var anyState = entryState.Clone();
            Dictionary<ControlFlowRegion, List<int>>? finallyExits = null;
            var finallyInputs = new Dictionary<ControlFlowRegion, FlowState>();

            while (work.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var ordinal = work.Min;
                work.Remove(ordinal);
                var block = blocks[ordinal];
                if (++visits[ordinal] > MaxVisitsPerBlock)
                {
                    continue;
                }

                var input = InputState(block, blocks, outStates, finallyInputs, entryState, anyState);
                if (block.Kind == BasicBlockKind.Exit)
                {
                    exitState = input;
                    continue;
                }

                _state = input;
                foreach (var operation in block.Operations)
                {
                    Eval(operation);
                }

                if (block.BranchValue is { } branch)
                {
                    var value = Eval(branch);
                    if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                    {
                        _return = _return.Join(value);
                    }
                }

                var output = _state;
                if (outStates[ordinal] is { } previous && previous.SameAs(output))
                {
                    continue;
                }

                outStates[ordinal] = output;
                anyState.JoinWith(output, false);
                Enqueue(work, block.FallThroughSuccessor);
                Enqueue(work, block.ConditionalSuccessor);
                EnqueueRegionStarts(work, block, blocks, outStates);
                if (block.EnclosingRegion is { Kind: ControlFlowRegionKind.Finally } finallyRegion && finallyRegion.LastBlockOrdinal == ordinal)
                {
                    // The end of a finally changed: the branches that run through it land with a new state.
                    finallyExits ??= FinallyExits(blocks);
                    if (finallyExits.TryGetValue(finallyRegion, out var destinations))
                    {
                        work.UnionWith(destinations);
                    }
                }
            }

            returned = _return;
            return exitState ?? anyState;
        }
        finally
        {
            _graph = savedGraph;
            _state = savedState;
            _return = savedReturn;
        }
    }

    private static void Enqueue(SortedSet<int> work, ControlFlowBranch? branch)
    {
        if (branch?.Destination is { } destination)
        {
            work.Add(destination.Ordinal);
        }
    }

    /// <summary>Catch and finally blocks have no ordinary predecessors: make sure they run once their try has.</summary>
    private static void EnqueueRegionStarts(SortedSet<int> work, BasicBlock block, ImmutableArray<BasicBlock> blocks, FlowState?[] outStates)
    {
        for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Try && region.EnclosingRegion is { } tryAndHandlers)
            {
                foreach (var nested in tryAndHandlers.NestedRegions)
                {
                    if (nested.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Finally or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler)
                    {
                        // Regions of an enclosing graph (a lambda inside a using/try) are not this graph's blocks.
                        // A finally starts from the join of its try's states: rerun it when one changes.
                        var first = nested.FirstBlockOrdinal;
                        if (first >= 0 && first < blocks.Length && (outStates[first] is null || nested.Kind == ControlFlowRegionKind.Finally))
                        {
                            work.Add(first);
                        }
                    }
                }
            }
        }
    }

    /// <summary>For each finally region of the graph, the blocks reached by branches that run through it.</summary>
    private static Dictionary<ControlFlowRegion, List<int>> FinallyExits(ImmutableArray<BasicBlock> blocks)
    {
        var exits = new Dictionary<ControlFlowRegion, List<int>>();
        foreach (var block in blocks)
        {
            foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch?.Destination is not { } destination)
                {
                    continue;
                }

                foreach (var region in branch.FinallyRegions)
                {
                    if (!exits.TryGetValue(region, out var list))
                    {
                        exits[region] = list = new List<int>();
                    }

                    list.Add(destination.Ordinal);
                }
            }
        }

        return exits;
    }

    private static FlowState InputState(
        BasicBlock block, ImmutableArray<BasicBlock> blocks, FlowState?[] outStates, Dictionary<ControlFlowRegion, FlowState> finallyInputs, FlowState entryState, FlowState anyState)
    {
        if (block.Kind == BasicBlockKind.Entry)
        {
            return entryState.Clone();
        }

        var result = new FlowState();
        var first = true;
        foreach (var predecessor in block.Predecessors)
        {
            if (outStates[predecessor.Source.Ordinal] is { } state)
            {
                result.JoinWith(ThroughFinally(state, predecessor, blocks, outStates, finallyInputs), first);
                first = false;
            }
        }

        if (first)
        {
            if (FinallyInput(block, blocks, outStates) is { } finallyInput)
            {
                finallyInput.Guards = entryState.Guards;
                finallyInputs[block.EnclosingRegion] = finallyInput;
                return finallyInput.Clone();
            }

            // A catch entered by an exception: anything the try computed may be live.
            var handler = anyState.Clone();
            handler.Guards = entryState.Guards;
            return handler;
        }

        return result;
    }

    /// <summary>
    /// The state a finally region starts from: it runs after any point of its try region (normal exit, exception,
    /// return, break), so it sees the join of the states in and around the try's blocks.
    /// </summary>
    private static FlowState? FinallyInput(BasicBlock block, ImmutableArray<BasicBlock> blocks, FlowState?[] outStates)
    {
        if (block.EnclosingRegion is not { Kind: ControlFlowRegionKind.Finally } region
            || region.FirstBlockOrdinal != block.Ordinal
            || region.EnclosingRegion?.NestedRegions.FirstOrDefault(r => r.Kind == ControlFlowRegionKind.Try) is not { } tryRegion
            || tryRegion.FirstBlockOrdinal < 0
            || tryRegion.LastBlockOrdinal >= blocks.Length)
        {
            return null;
        }

        var result = new FlowState();
        foreach (var predecessor in blocks[tryRegion.FirstBlockOrdinal].Predecessors)
        {
            if (outStates[predecessor.Source.Ordinal] is { } before)
            {
                result.JoinWith(before, first: false);
            }
        }

        for (var ordinal = tryRegion.FirstBlockOrdinal; ordinal <= tryRegion.LastBlockOrdinal; ordinal++)
        {
            if (outStates[ordinal] is { } state)
            {
                result.JoinWith(state, first: false);
            }
        }

        return result;
    }

    /// <summary>
    /// The state a branch delivers after the finally regions it leaves have run: what the finally assigned (computed
    /// from the join of its try's states) replaces the branch's values, everything else keeps the branch's own value,
    /// and the guards called on every path through the finally are added to the branch's.
    /// </summary>
    private static FlowState ThroughFinally(
        FlowState state, ControlFlowBranch branch, ImmutableArray<BasicBlock> blocks, FlowState?[] outStates, Dictionary<ControlFlowRegion, FlowState> finallyInputs)
    {
        if (branch.FinallyRegions.IsEmpty)
        {
            return state;
        }

        var result = state;
        foreach (var region in branch.FinallyRegions)
        {
            var last = region.LastBlockOrdinal;
            if (last >= 0 && last < blocks.Length && outStates[last] is { } end && finallyInputs.TryGetValue(region, out var start))
            {
                result = result.Clone();
                result.ApplyChanges(start, end);
                result.Guards |= end.Guards;
            }
        }

        return result;
    }

    // ---------------------------------------------------------------- transfer functions

    private PhiValue Eval(IOperation? operation)
    {
        if (operation is null)
        {
            return PhiValue.Empty;
        }

        switch (operation)
        {
            case ILiteralOperation:
            case IDefaultValueOperation:
            case ITypeOfOperation:
            case ISizeOfOperation:
            case INameOfOperation:
            case IInstanceReferenceOperation:
            case IMethodReferenceOperation:
            case IDiscardOperation:
            case IEmptyOperation:
            case ICaughtExceptionOperation:
            case IStaticLocalInitializationSemaphoreOperation:
            case ITypeParameterObjectCreationOperation:
                return PhiValue.Empty;

            case ILocalReferenceOperation local:
                return _state.Get(local.Local);

            case IParameterReferenceOperation parameter:
                return ParameterValue(parameter.Parameter);

            case IFlowCaptureReferenceOperation captureReference:
                return _state.Get(captureReference.Id);

            case IFlowCaptureOperation capture:
                if (capture.Value is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation)
                {
                    // A receiver spilled before an argument that needs statements (list.Add(new X { ... })).
                    _capturedReferences[capture.Id] = capture.Value;
                }

                _state.Set(capture.Id, Eval(capture.Value));
                return PhiValue.Empty;

            case IFieldReferenceOperation field:
                return MemberRead(field.Field, field.Instance, field);

            case IPropertyReferenceOperation property:
                return PropertyRead(property);

            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                {
                    Eval(index);
                }

                return Eval(element.ArrayReference).Flatten();

            case IImplicitIndexerReferenceOperation implicitIndexer:
                Eval(implicitIndexer.Argument);
                return Eval(implicitIndexer.Instance).Flatten();

            case ISimpleAssignmentOperation assignment:
            {
                if (assignment.Target is ILocalReferenceOperation delegateLocal && LambdaOf(assignment.Value) is IFlowAnonymousFunctionOperation assignedLambda)
                {
                    _delegates[delegateLocal.Local] = assignedLambda;
                }

                var value = Eval(assignment.Value);
                Assign(assignment.Target, value, assignment);
                return value;
            }

            case ICompoundAssignmentOperation compound:
            {
                var value = Eval(compound.Target).Join(WholeUseIfText(compound.Value, Eval(compound.Value), compound.Type));
                if (IsBoolean(compound.Type))
                {
                    value = PhiValue.Empty;
                }

                Assign(compound.Target, value, compound);
                return value;
            }

            case ICoalesceAssignmentOperation coalesceAssignment:
            {
                var value = Eval(coalesceAssignment.Target).Join(Eval(coalesceAssignment.Value));
                Assign(coalesceAssignment.Target, value, coalesceAssignment);
                return value;
            }

            case IIncrementOrDecrementOperation increment:
                return Eval(increment.Target);

            case IDeconstructionAssignmentOperation deconstruction:
            {
                var value = RecordDeconstruction(deconstruction) ?? Eval(deconstruction.Value);
                Assign(deconstruction.Target, value, deconstruction);
                return value;
            }

            case IBinaryOperation binary:
            {
                var left = Eval(binary.LeftOperand);
                var right = Eval(binary.RightOperand);
                if (IsBoolean(binary.Type) || binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
                        or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                        or BinaryOperatorKind.ObjectValueEquals or BinaryOperatorKind.ObjectValueNotEquals)
                {
                    return PhiValue.Empty;
                }

                return WholeUseIfText(binary.LeftOperand, left, binary.Type).Join(WholeUseIfText(binary.RightOperand, right, binary.Type)).Flatten();
            }

            case IUnaryOperation unary:
            {
                var value = Eval(unary.Operand);
                return IsBoolean(unary.Type) ? PhiValue.Empty : value;
            }

            case IConversionOperation conversion:
            {
                var value = Eval(conversion.Operand);
                if (IsBoolean(conversion.Type))
                {
                    return PhiValue.Empty;
                }

                if (conversion.OperatorMethod is { } userDefined && IsAnalyzable(userDefined))
                {
                    return ApplySummary(userDefined, conversion, null, ImmutableArray.Create(value), PhiValue.Empty);
                }

                return value;
            }

            case IInterpolatedStringOperation interpolated:
            {
                var result = PhiValue.Empty;
                foreach (var part in interpolated.Parts)
                {
                    result = result.Join(Eval(part));
                }

                return result;
            }

            case IInterpolationOperation interpolation:
                Eval(interpolation.Alignment);
                Eval(interpolation.FormatString);
                return WholeUse(interpolation.Expression, Eval(interpolation.Expression)).Flatten();

            case IInterpolatedStringAppendOperation append:
                return EvalAppend(append.AppendCall);

            case IInterpolatedStringHandlerCreationOperation handlerCreation:
                return Eval(handlerCreation.Content);

            case IInterpolatedStringAdditionOperation addition:
                return Eval(addition.Left).Join(Eval(addition.Right));

            case IInterpolatedStringTextOperation:
            case IInterpolatedStringHandlerArgumentPlaceholderOperation:
                return PhiValue.Empty;

            case ITupleOperation tuple:
                return PhiValue.Tuple(tuple.Elements.Select(Eval).ToImmutableArray());

            case IObjectCreationOperation creation:
                return ObjectCreation(creation);

            case IAnonymousObjectCreationOperation anonymous:
            {
                var result = PhiValue.Empty;
                foreach (var initializer in anonymous.Initializers)
                {
                    result = result.Join(initializer is ISimpleAssignmentOperation a ? WholeUse(a.Value, Eval(a.Value)).Flatten() : Eval(initializer));
                }

                return result;
            }

            case IArrayCreationOperation array:
            {
                foreach (var size in array.DimensionSizes)
                {
                    Eval(size);
                }

                return Eval(array.Initializer);
            }

            case IArrayInitializerOperation arrayInitializer:
            {
                var result = PhiValue.Empty;
                foreach (var element in arrayInitializer.ElementValues)
                {
                    result = result.Join(Eval(element).Flatten());
                }

                return result;
            }

            case IInvocationOperation invocation:
                return Invocation(invocation);

            case IAwaitOperation awaitOperation:
                return Eval(awaitOperation.Operation);

            case IConditionalOperation conditional:
            {
                Eval(conditional.Condition);
                return Eval(conditional.WhenTrue).Join(Eval(conditional.WhenFalse));
            }

            case ICoalesceOperation coalesce:
                return Eval(coalesce.Value).Join(Eval(coalesce.WhenNull));

            case IIsPatternOperation isPattern:
                BindPattern(isPattern.Pattern, Eval(isPattern.Value));
                return PhiValue.Empty;

            case ISwitchExpressionOperation switchExpression:
            {
                var subject = Eval(switchExpression.Value);
                var result = PhiValue.Empty;
                foreach (var arm in switchExpression.Arms)
                {
                    BindPattern(arm.Pattern, subject);
                    Eval(arm.Guard);
                    result = result.Join(Eval(arm.Value));
                }

                return result;
            }

            case IIsTypeOperation isType:
                Eval(isType.ValueOperand);
                return PhiValue.Empty;

            case IIsNullOperation isNull:
                Eval(isNull.Operand);
                return PhiValue.Empty;

            case IDelegateCreationOperation delegateCreation:
                if (delegateCreation.Target is IFlowAnonymousFunctionOperation or IAnonymousFunctionOperation)
                {
                    AnalyzeLambda(delegateCreation.Target, PhiValue.Empty);
                    return PhiValue.Empty;
                }

                return Eval(delegateCreation.Target);

            case IFlowAnonymousFunctionOperation lambda:
                AnalyzeLambda(lambda, PhiValue.Empty);
                return PhiValue.Empty;

            case IReturnOperation returnOperation:
                _return = _return.Join(Eval(returnOperation.ReturnedValue));
                return PhiValue.Empty;

            case IThrowOperation throwOperation:
                Eval(throwOperation.Exception);
                return PhiValue.Empty;

            case IExpressionStatementOperation statement:
                Eval(statement.Operation);
                return PhiValue.Empty;

            case IVariableDeclaratorOperation declarator:
                if (declarator.Initializer is { } init)
                {
                    _state.Set(declarator.Symbol, Eval(init.Value));
                }

                return PhiValue.Empty;

            case IWithOperation with:
            {
                var value = Eval(with.Operand).Flatten();
                return value.Join(InitializerValue(with.Initializer, null));
            }

            case IConditionalAccessOperation conditionalAccess:
                Eval(conditionalAccess.Operation);
                return Eval(conditionalAccess.WhenNotNull);

            default:
            {
                // Anything else (dynamic, ranges, invalid code...): what goes in may come out.
                var result = PhiValue.Empty;
                foreach (var child in operation.ChildOperations)
                {
                    result = result.Join(Eval(child).Flatten());
                }

                return IsBoolean(operation.Type) ? PhiValue.Empty : result;
            }
        }
    }

    private static bool IsBoolean(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Boolean;

    private PhiValue ParameterValue(IParameterSymbol parameter)
    {
        if (_state.Contains(parameter))
        {
            return _state.Get(parameter);
        }

        return IsCapturedByMember(parameter) ? _world.FieldValue(parameter, _cancellationToken) : PhiValue.Empty;
    }

    /// <summary>
    /// A primary-constructor parameter read or written by a member other than that constructor: it lives as
    /// long as the object, so it is treated like a field (flow-insensitive, written at each object creation).
    /// </summary>
    private bool IsCapturedByMember(IParameterSymbol parameter) => IsCapturedByMember(parameter, _method);

    /// <summary>A primary-constructor parameter used by a body other than its constructor's (<paramref name="owner"/>).</summary>
    internal static bool IsCapturedByMember(IParameterSymbol parameter, ISymbol? owner)
        => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
            && !SymbolEqualityComparer.Default.Equals(ctor, owner);

    /// <summary>A value used whole (formatted, serialized, sent): an instance of a PHI-bearing type is PHI.</summary>
    private PhiValue WholeUse(IOperation? operation, PhiValue value)
    {
        var type = StripConversions(operation)?.Type;
        if (type is null || !_catalog.IsPhiBearing(type))
        {
            return value;
        }

        var named = type is IArrayTypeSymbol array ? array.ElementType : type;
        return value.Join(PhiValue.Of(PhiOrigin.Source(Describe(named), operation!.Syntax.GetLocation())));
    }

    private PhiValue WholeUseIfText(IOperation? operation, PhiValue value, ITypeSymbol? resultType)
        => resultType?.SpecialType == SpecialType.System_String || _catalog.IsTextLike(resultType) ? WholeUse(operation, value) : value;

    private static string Describe(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true } generic)
        {
            return generic.Name + "<" + string.Join(", ", generic.TypeArguments.Select(t => t.Name)) + ">";
        }

        return type.Name;
    }

    private static IOperation? StripConversions(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    // ---------------------------------------------------------------- members

    private PhiValue PropertyRead(IPropertyReferenceOperation reference)
    {
        if (reference.Arguments.Length > 0)
        {
            // Indexer: an element of the collection, or a computed property with arguments.
            var args = reference.Arguments.Select(a => Eval(a.Value)).ToImmutableArray();
            var collection = Eval(reference.Instance);
            var property = reference.Property;
            if (property.GetMethod is { } getter && IsAnalyzable(getter) && !IsAutoProperty(property))
            {
                return ApplySummary(getter, reference, reference.Instance, args, collection.Flatten());
            }

            // A library collection's element keeps its shape (a list of tuples hands out a tuple).
            return MemberMarking(property, reference) ?? collection;
        }

        return MemberRead(reference.Property, reference.Instance, reference);
    }

    private PhiValue? MemberMarking(ISymbol member, IOperation reference)
    {
        var marking = _catalog.GetMemberPhi(member);
        if (marking.IsNotPhi)
        {
            return PhiValue.Empty;
        }

        if (marking.IsPhi)
        {
            return PhiValue.Of(PhiOrigin.Source(PhiCatalog.DisplayOf(member), reference.Syntax.GetLocation()));
        }

        return null;
    }

    /// <summary>
    /// <c>var (a, b) = record;</c>: the compiler-generated Deconstruct of a positional record hands out its
    /// properties, so each element is a read of the property of the same name.
    /// </summary>
    private PhiValue? RecordDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        if (deconstruction.Value.Type is not INamedTypeSymbol { IsRecord: true, IsTupleType: false } record
            || deconstruction.Syntax is not AssignmentExpressionSyntax syntax
            || _world.ModelFor(syntax.SyntaxTree).GetDeconstructionInfo(syntax).Method is not { IsImplicitlyDeclared: true } method)
        {
            return null;
        }

        var elements = ImmutableArray.CreateBuilder<PhiValue>(method.Parameters.Length);
        foreach (var parameter in method.Parameters)
        {
            var property = record.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault();
            elements.Add(property is null ? PhiValue.Empty : MemberRead(property, deconstruction.Value, deconstruction.Value));
        }

        return PhiValue.Tuple(elements.MoveToImmutable());
    }

    private PhiValue MemberRead(ISymbol member, IOperation? instance, IOperation reference)
    {
        var receiver = instance is null ? PhiValue.Empty : Eval(instance);
        if (MemberMarking(member, reference) is { } marked)
        {
            return marked;
        }

        var containing = member.ContainingType;
        if (containing is { IsTupleType: true } && member is IFieldSymbol { CorrespondingTupleField: { } tupleField })
        {
            // Item1..ItemN, whatever names the elements were given.
            var name = tupleField.Name;
            return name.StartsWith("Item", StringComparison.Ordinal) && int.TryParse(name.Substring(4), out var position)
                ? receiver.Element(position - 1)
                : receiver.Flatten();
        }

        if (containing is { IsAnonymousType: true })
        {
            return receiver.Flatten();
        }

        if (IsInSource(member))
        {
            // A part of a value marked [Phi] as a whole (p.Home.City where Home is [Phi]) is PHI too.
            var whole = IsMarkedPhiReference(instance) ? receiver.Flatten() : PhiValue.Empty;
            if (member is IPropertySymbol property && !IsAutoProperty(property) && property.GetMethod is { } getter)
            {
                return ApplySummary(getter, reference, instance, ImmutableArray<PhiValue>.Empty, receiver).Join(whole);
            }

            var global = _world.FieldValue(member, _cancellationToken).Join(whole);
            return _fieldWrites.TryGetValue(member.OriginalDefinition, out var own) ? global.Join(own.WithoutParameters()) : global;
        }

        // A library member: values identifying no one, or what the receiver holds.
        if (member.IsStatic || IsBoolean(MemberType(member)) || CatalogTables.CleanMembers.Contains(member.Name))
        {
            return PhiValue.Empty;
        }

        return receiver.Flatten();
    }

    /// <summary>
    /// The receiver is read from a member, parameter or method marked <c>[Phi]</c> (not merely an object that holds
    /// PHI somewhere): every part of it is PHI.
    /// </summary>
    private bool IsMarkedPhiReference(IOperation? instance)
    {
        var operation = StripConversions(instance);
        if (operation is IFlowCaptureReferenceOperation capture && _capturedReferences.TryGetValue(capture.Id, out var captured))
        {
            operation = StripConversions(captured);
        }

        return operation switch
        {
            IPropertyReferenceOperation property => _catalog.GetMemberPhi(property.Property).IsPhi,
            IFieldReferenceOperation field => _catalog.GetMemberPhi(field.Field).IsPhi,
            IParameterReferenceOperation parameter => _catalog.TryGetPhiKind(parameter.Parameter, out _),
            IInvocationOperation invocation => _catalog.TryGetPhiKind(invocation.TargetMethod, out _),
            _ => false,
        };
    }

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IPropertySymbol p => p.Type,
        IFieldSymbol f => f.Type,
        _ => null,
    };

    internal static bool IsInSource(ISymbol symbol) => symbol.Locations.Length > 0 && symbol.Locations[0].IsInSource;

    private static bool IsAutoProperty(IPropertySymbol property) => property.GetMethod is not { } getter || !HasCode(getter);

    /// <summary>
    /// An accessor written with code of its own: a body, an expression body or a property's arrow (not an
    /// auto-property accessor, nor a positional record parameter's).
    /// </summary>
    private static bool HasCode(IMethodSymbol accessor)
        => accessor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax()
            is AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null } or ArrowExpressionClauseSyntax;

    internal static bool IsAnalyzable(IMethodSymbol method)
    {
        var m = method.PartialImplementationPart ?? method;
        return !m.IsAbstract && !m.IsExtern && IsInSource(m) && m.DeclaringSyntaxReferences.Length > 0;
    }

    // ---------------------------------------------------------------- assignment

    private void Assign(IOperation target, PhiValue value, IOperation assignment)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                _state.Set(local.Local, value);
                break;
            case IParameterReferenceOperation parameter:
                if (IsCapturedByMember(parameter.Parameter))
                {
                    RecordFieldWrite(parameter.Parameter, value);
                }
                else
                {
                    _state.Set(parameter.Parameter, value);
                }

                break;
            case IFlowCaptureReferenceOperation capture:
                _state.Set(capture.Id, _state.Get(capture.Id).Join(value));
                if (_capturedReferences.TryGetValue(capture.Id, out var captured))
                {
                    // An assignment target spilled before a value with control flow (s_a = f ? x : y): the write is to it.
                    Assign(captured, value, assignment);
                }

                break;
            case IPropertyReferenceOperation property:
                foreach (var argument in property.Arguments)
                {
                    Eval(argument.Value);
                }

                if (property.Property.SetMethod is { } setter && setter.Parameters.Length > 0)
                {
                    // The assigned value is the setter's last parameter; indexer arguments come before it.
                    var setterValues = new PhiValue[setter.Parameters.Length];
                    var setterOperations = new IOperation?[setter.Parameters.Length];
                    for (var i = 0; i < setterValues.Length; i++)
                    {
                        setterValues[i] = PhiValue.Empty;
                    }

                    setterValues[setterValues.Length - 1] = value;
                    setterOperations[setterValues.Length - 1] = assignment is ISimpleAssignmentOperation s ? s.Value : null;
                    CheckSinks(setter, assignment, property.Instance, setterValues.ToImmutableArray(), setterOperations.ToImmutableArray());
                    if (IsAnalyzable(setter) && HasCode(setter))
                    {
                        // A setter with code of its own (set { _label = value.Trim(); }): what it stores and forwards.
                        ApplySummary(setter, assignment, property.Instance, setterValues.ToImmutableArray(), PhiValue.Empty);
                    }
                }

                if (property.Arguments.Length > 0)
                {
                    AddToReceiver(property.Instance, value);
                }
                else
                {
                    WriteMember(property.Property, property.Instance, value);
                }

                break;
            case IFieldReferenceOperation field:
                WriteMember(field.Field, field.Instance, value);
                break;
            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                {
                    Eval(index);
                }

                AddToReceiver(element.ArrayReference, value);
                break;
            case IImplicitIndexerReferenceOperation implicitIndexer:
                AddToReceiver(implicitIndexer.Instance, value);
                break;
            case ITupleOperation tuple:
                for (var i = 0; i < tuple.Elements.Length; i++)
                {
                    Assign(tuple.Elements[i], value.Element(i), assignment);
                }

                break;
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, value, assignment);
                break;
            case IConversionOperation conversion:
                Assign(conversion.Operand, value, assignment);
                break;
            case IDiscardOperation:
                break;
            default:
                Eval(target);
                break;
        }
    }

    private void WriteMember(ISymbol member, IOperation? instance, PhiValue value)
    {
        if (instance is not null and not IInstanceReferenceOperation)
        {
            // obj.Prop = phi: obj now carries PHI when used whole.
            AddToReceiver(instance, value);
        }

        if (IsInSource(member))
        {
            RecordFieldWrite(member, value);
        }
    }

    private void RecordFieldWrite(ISymbol member, PhiValue value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        member = member.OriginalDefinition;
        _fieldWrites[member] = _fieldWrites.TryGetValue(member, out var existing) ? existing.Join(value) : value;
    }

    /// <summary>A write into a collection, builder or object: the receiver's root variable (or field) now holds it (weak update).</summary>
    private void AddToReceiver(IOperation? receiver, PhiValue value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        value = value.Flatten();
        switch (receiver)
        {
            case ILocalReferenceOperation local:
                _state.Set(local.Local, _state.Get(local.Local).Join(value));
                break;
            case IParameterReferenceOperation parameter:
                if (IsCapturedByMember(parameter.Parameter))
                {
                    RecordFieldWrite(parameter.Parameter, value);
                }
                else
                {
                    _state.Set(parameter.Parameter, _state.Get(parameter.Parameter).Join(value));
                }

                break;
            case IFlowCaptureReferenceOperation capture:
                _state.Set(capture.Id, _state.Get(capture.Id).Join(value));
                if (_capturedReferences.TryGetValue(capture.Id, out var captured))
                {
                    AddToReceiver(captured, value);
                }

                break;
            case IFieldReferenceOperation field:
                if (IsInSource(field.Field))
                {
                    RecordFieldWrite(field.Field, value);
                }

                AddToReceiver(field.Instance is IInstanceReferenceOperation ? null : field.Instance, value);
                break;
            case IPropertyReferenceOperation property:
                if (IsInSource(property.Property))
                {
                    RecordFieldWrite(property.Property, value);
                }

                AddToReceiver(property.Instance is IInstanceReferenceOperation ? null : property.Instance, value);
                break;
            case IArrayElementReferenceOperation element:
                AddToReceiver(element.ArrayReference, value);
                break;
            case IConversionOperation conversion:
                AddToReceiver(conversion.Operand, value);
                break;
            case IInvocationOperation { Instance: { } inner } fluent when _catalog.GetFacts(fluent.TargetMethod).IsMutator:
                // sb.Append(a).Append(b): the builder returned is the receiver.
                AddToReceiver(inner, value);
                break;
        }
    }

    private void BindPattern(IPatternOperation? pattern, PhiValue value)
    {
        switch (pattern)
        {
            case IDeclarationPatternOperation declaration when declaration.DeclaredSymbol is { } symbol:
                _state.Set(symbol, value);
                break;
            case IRecursivePatternOperation recursive:
                if (recursive.DeclaredSymbol is { } declared)
                {
                    _state.Set(declared, value);
                }

                foreach (var sub in recursive.DeconstructionSubpatterns)
                {
                    BindPattern(sub, value);
                }

                foreach (var sub in recursive.PropertySubpatterns)
                {
                    var memberValue = sub.Member is IPropertyReferenceOperation p ? MemberMarking(p.Property, p) ?? value : value;
                    BindPattern(sub.Pattern, memberValue);
                }

                break;
            case IListPatternOperation list:
                foreach (var sub in list.Patterns)
                {
                    BindPattern(sub, value);
                }

                if (list.DeclaredSymbol is { } listSymbol)
                {
                    _state.Set(listSymbol, value);
                }

                break;
            case ISlicePatternOperation slice:
                BindPattern(slice.Pattern, value);
                break;
            case IBinaryPatternOperation binary:
                BindPattern(binary.LeftPattern, value);
                BindPattern(binary.RightPattern, value);
                break;
            case INegatedPatternOperation negated:
                BindPattern(negated.Pattern, value);
                break;
        }
    }

    // ---------------------------------------------------------------- calls

    private PhiValue EvalAppend(IOperation appendCall)
    {
        if (appendCall is IInvocationOperation call)
        {
            var result = PhiValue.Empty;
            foreach (var argument in call.Arguments)
            {
                result = result.Join(WholeUse(argument.Value, Eval(argument.Value)).Flatten());
            }

            return result;
        }

        return Eval(appendCall);
    }

    private PhiValue Invocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var facts = _catalog.GetFacts(method);
        var receiver = invocation.Instance is null ? PhiValue.Empty : Eval(invocation.Instance);
        var parameters = method.Parameters;
        var values = new PhiValue[parameters.Length];
        var operations = new IOperation?[parameters.Length];
        var lambdas = new List<(int Ordinal, IOperation Lambda)>();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = PhiValue.Empty;
        }

        foreach (var argument in invocation.Arguments)
        {
            var ordinal = argument.Parameter?.Ordinal ?? -1;
            if (LambdaOf(argument.Value) is { } lambda)
            {
                lambdas.Add((ordinal, lambda));
                continue;
            }

            var value = Eval(argument.Value);
            if (ordinal >= 0 && ordinal < values.Length)
            {
                values[ordinal] = values[ordinal].Join(value);
                operations[ordinal] ??= argument.Value;
            }
        }

        // Lambdas see the elements of the source (LINQ), or whatever else the call was given.
        var element = receiver.Flatten();
        for (var i = 0; i < values.Length; i++)
        {
            element = element.Join(values[i].Flatten());
        }

        var lambdaResult = PhiValue.Empty;
        PhiValue[]? delegateResults = null;
        foreach (var (ordinal, lambda) in lambdas)
        {
            var returned = lambda is IMethodReferenceOperation reference
                ? MethodGroupResult(reference.Method, element)
                : AnalyzeLambda(lambda, element);
            lambdaResult = lambdaResult.Join(returned);
            if (ordinal >= 0 && ordinal < values.Length)
            {
                (delegateResults ??= new PhiValue[values.Length])[ordinal] = returned;
            }
        }

        var argumentValues = values.ToImmutableArray();
        CheckSinks(method, invocation, invocation.Instance, argumentValues, operations.ToImmutableArray());

        PhiValue result;
        if (facts.IsSanitizer)
        {
            result = PhiValue.Empty;
        }
        else if (facts.SourceDisplay is not null)
        {
            result = PhiValue.Of(PhiOrigin.Source(facts.SourceDisplay, invocation.Syntax.GetLocation()));
        }
        else if (facts.IsClean)
        {
            result = PhiValue.Empty;
            if (!IsInSource(method))
            {
                // TryGetValue, TryParse...: the out argument receives what the call was given.
                AssignLibraryOutArguments(invocation, receiver.Flatten().Join(JoinAll(argumentValues)));
            }
        }
        else if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            var target = StripConversions(invocation.Instance);
            if (target is ILocalReferenceOperation local && _delegates.TryGetValue(local.Local, out var stored))
            {
                // A lambda stored in a local runs here with these arguments.
                result = AnalyzeLambda(stored, JoinAll(argumentValues));
            }
            else if (target is IParameterReferenceOperation { Parameter: { } parameter } && IsOwnParameter(parameter))
            {
                // A delegate the caller passes: each call puts there what its lambda returns, analyzed with what that
                // call is given (see DelegateArguments). What the arguments carry from this method's own parameters
                // is in that; what they carry of this method's own PHI is passed on.
                result = receiver.Flatten().Join(JoinAll(argumentValues).WithoutParameters());
            }
            else
            {
                // Any other delegate passes its arguments through.
                result = receiver.Flatten().Join(JoinAll(argumentValues));
            }
        }
        else if (method.MethodKind == MethodKind.LocalFunction)
        {
            result = LocalFunction(method, argumentValues);
        }
        else if (IsAnalyzable(method) && facts.Sinks.IsEmpty)
        {
            result = ApplySummary(method, invocation, invocation.Instance, DelegateArguments(method, values, delegateResults, element), receiver);
        }
        else if (facts.IsLinq)
        {
            // The elements keep their shape (a tuple its elements) through First, Where, ToList...
            result = facts.IsLinqProjection && lambdas.Count > 0 ? lambdaResult : JoinKeepingShape(argumentValues).Join(lambdaResult);
        }
        else if (IsInSource(method))
        {
            // The project's own abstract or partial member with no body: only its attributes speak.
            result = PhiValue.Empty;
        }
        else
        {
            result = LibraryCall(invocation, method, facts, receiver, values, operations, lambdaResult);
        }

        if (facts.Guard != GuardKinds.None)
        {
            _state.Guards |= facts.Guard;
        }

        return method.ReturnsVoid ? PhiValue.Empty : result;
    }

    /// <summary>The join of the values, keeping a tuple's elements apart where every tuple has the same shape.</summary>
    private static PhiValue JoinKeepingShape(ImmutableArray<PhiValue> values)
    {
        var result = PhiValue.Empty;
        foreach (var v in values)
        {
            result = result.Join(v);
        }

        return result;
    }

    /// <summary>Whether a parameter is the analyzed method's own (not a lambda's or a local function's).</summary>
    private bool IsOwnParameter(IParameterSymbol parameter)
        => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method) && !IsCapturedByMember(parameter);

    /// <summary>
    /// The values a call hands a project method, for its summary: at a delegate parameter, what the delegate returns
    /// when invoked there; for a lambda or method group, its result with its parameters bound to what the call is
    /// given (<paramref name="element"/>); for another delegate, which may return any argument, its own value and
    /// that.
    /// </summary>
    private static ImmutableArray<PhiValue> DelegateArguments(IMethodSymbol method, PhiValue[] values, PhiValue[]? delegateResults, PhiValue element)
    {
        var result = (PhiValue[])values.Clone();
        for (var i = 0; i < result.Length && i < method.Parameters.Length; i++)
        {
            if (delegateResults?[i] is { } returned)
            {
                result[i] = result[i].Join(returned);
            }
            else if (method.Parameters[i].Type.TypeKind == TypeKind.Delegate)
            {
                result[i] = result[i].Join(element);
            }
        }

        return result.ToImmutableArray();
    }

    private static PhiValue JoinAll(ImmutableArray<PhiValue> values)
    {
        var result = PhiValue.Empty;
        foreach (var v in values)
        {
            result = result.Join(v.Flatten());
        }

        return result;
    }

    private PhiValue LibraryCall(IInvocationOperation invocation, IMethodSymbol method, MethodFacts facts, PhiValue receiver, PhiValue[] values, IOperation?[] operations, PhiValue lambdaResult)
    {
        var producesText = method.ReturnType.SpecialType == SpecialType.System_String || _catalog.IsTextLike(method.ReturnType);
        var data = PhiValue.Empty;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (producesText || (facts.IsMutator && _catalog.IsTextLike(invocation.Instance?.Type)))
            {
                value = WholeUse(operations[i], value);
            }

            data = data.Join(value.Flatten());
        }

        if (facts.IsMutator)
        {
            AddToReceiver(invocation.Instance, data);
        }

        AssignLibraryOutArguments(invocation, receiver.Flatten().Join(data));

        var fromReceiver = producesText ? WholeUse(invocation.Instance, receiver) : receiver;
        return fromReceiver.Flatten().Join(data).Join(lambdaResult);
    }

    /// <summary>out/ref arguments of library calls receive what the call was given (TryGetValue, TryParse...).</summary>
    private void AssignLibraryOutArguments(IInvocationOperation invocation, PhiValue value)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } && argument.Value is not null)
            {
                Assign(argument.Value, value, argument);
            }
        }
    }

    private PhiValue ObjectCreation(IObjectCreationOperation creation)
    {
        var ctor = creation.Constructor;
        var values = ImmutableArray<PhiValue>.Empty;
        var result = PhiValue.Empty;
        if (ctor is not null)
        {
            var parameters = ctor.Parameters;
            var array = Enumerable.Repeat(PhiValue.Empty, parameters.Length).ToArray();
            var operations = new IOperation?[parameters.Length];
            foreach (var argument in creation.Arguments)
            {
                var ordinal = argument.Parameter?.Ordinal ?? -1;
                var value = LambdaOf(argument.Value) is { } lambda ? AnalyzeLambda(lambda, PhiValue.Empty) : Eval(argument.Value);
                if (ordinal >= 0 && ordinal < array.Length)
                {
                    array[ordinal] = array[ordinal].Join(value);
                    operations[ordinal] ??= argument.Value;
                }
            }

            values = array.ToImmutableArray();
            CheckSinks(ctor, creation, null, values, operations.ToImmutableArray());

            var facts = _catalog.GetFacts(ctor);
            if (IsPrimaryConstructor(ctor))
            {
                // A record's positional or a class's primary constructor: arguments become members.
                RecordPrimaryConstructorWrites(ctor, values);
            }
            else if (IsAnalyzable(ctor) && facts.Sinks.IsEmpty)
            {
                ApplySummary(ctor, creation, null, values, PhiValue.Empty);
            }
            var textual = _catalog.IsTextLike(creation.Type);
            for (var i = 0; i < array.Length; i++)
            {
                result = result.Join((textual ? WholeUse(operations[i], array[i]) : array[i]).Flatten());
            }
        }

        return result.Join(InitializerValue(creation.Initializer, creation));
    }

    private static bool IsPrimaryConstructor(IMethodSymbol ctor)
    {
        foreach (var reference in ctor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private void RecordPrimaryConstructorWrites(IMethodSymbol ctor, ImmutableArray<PhiValue> values)
    {
        for (var i = 0; i < ctor.Parameters.Length && i < values.Length; i++)
        {
            var parameter = ctor.Parameters[i];
            RecordFieldWrite(parameter, values[i]);
            if (ctor.ContainingType.IsRecord)
            {
                foreach (var member in ctor.ContainingType.GetMembers(parameter.Name))
                {
                    if (member is IPropertySymbol)
                    {
                        RecordFieldWrite(member, values[i]);
                    }
                }
            }
        }
    }

    private PhiValue InitializerValue(IObjectOrCollectionInitializerOperation? initializer, IOperation? created)
    {
        if (initializer is null)
        {
            return PhiValue.Empty;
        }

        var result = PhiValue.Empty;
        foreach (var item in initializer.Initializers)
        {
            switch (item)
            {
                case ISimpleAssignmentOperation assignment:
                {
                    var value = WholeUse(assignment.Value, Eval(assignment.Value));
                    switch (assignment.Target)
                    {
                        case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                            if (property.Property.SetMethod is { } setter)
                            {
                                CheckSinks(setter, assignment, null, ImmutableArray.Create(value), ImmutableArray.Create<IOperation?>(assignment.Value));
                            }

                            if (IsInSource(property.Property))
                            {
                                RecordFieldWrite(property.Property, value);
                            }

                            break;
                        case IFieldReferenceOperation field when IsInSource(field.Field):
                            RecordFieldWrite(field.Field, value);
                            break;
                        default:
                            Eval(assignment.Target);
                            break;
                    }

                    result = result.Join(value.Flatten());
                    break;
                }

                case IMemberInitializerOperation member:
                    result = result.Join(InitializerValue(member.Initializer, null));
                    break;
                default:
                    result = result.Join(Eval(item).Flatten());
                    break;
            }
        }

        return result;
    }

    private static IOperation? LambdaOf(IOperation? value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation or IAnonymousFunctionOperation or IMethodReferenceOperation } creation
            ? creation.Target
            : value as IFlowAnonymousFunctionOperation;
    }

    /// <summary>Whether a call passes no PHI at all (and has no ref/out parameter whose old value the callee could keep).</summary>
    private static bool IsHandedNothing(IMethodSymbol method, ImmutableArray<PhiValue> arguments)
    {
        foreach (var argument in arguments)
        {
            if (!argument.IsEmpty)
            {
                return false;
            }
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                return false;
            }
        }

        return true;
    }

    private PhiValue MethodGroupResult(IMethodSymbol method, PhiValue element)
    {
        var facts = _catalog.GetFacts(method);
        if (facts.IsSanitizer || facts.IsClean)
        {
            return PhiValue.Empty;
        }

        if (facts.SourceDisplay is not null)
        {
            return PhiValue.Of(PhiOrigin.Source(facts.SourceDisplay, null));
        }

        if (IsAnalyzable(method))
        {
            return _world.GetResult(method, _cancellationToken).Return.Substitute(_ => element);
        }

        return method.ReturnsVoid ? PhiValue.Empty : element;
    }

    /// <summary>Analyzes a lambda's body in place: captured variables as they are now, its parameters bound to <paramref name="parameterValue"/>.</summary>
    private PhiValue AnalyzeLambda(IOperation lambda, PhiValue parameterValue)
    {
        if (lambda is not IFlowAnonymousFunctionOperation flow)
        {
            return PhiValue.Empty;
        }

        ControlFlowGraph graph;
        try
        {
            graph = _graph.GetAnonymousFunctionControlFlowGraph(flow, _cancellationToken);
        }
        catch (ArgumentException)
        {
            // The lambda belongs to another graph than the one being walked (should not happen): skip it.
            return PhiValue.Empty;
        }

        var entry = _state.Clone();
        foreach (var p in flow.Symbol.Parameters)
        {
            entry.Set(p, parameterValue);
        }

        RunGraph(graph, entry, out var returned);
        return returned;
    }

    private PhiValue LocalFunction(IMethodSymbol localFunction, ImmutableArray<PhiValue> arguments)
    {
        var original = localFunction.OriginalDefinition;
        if (!_localFunctionsInProgress.Add(original))
        {
            return PhiValue.Empty;
        }

        try
        {
            ControlFlowGraph? graph = null;
            for (var g = _graph; g is not null && graph is null; g = g.Parent)
            {
                if (g.LocalFunctions.Contains(original, SymbolEqualityComparer.Default))
                {
                    graph = g.GetLocalFunctionControlFlowGraph(original, _cancellationToken);
                }
            }

            if (graph is null)
            {
                return JoinAll(arguments);
            }

            var entry = _state.Clone();
            foreach (var p in original.Parameters)
            {
                entry.Set(p, p.Ordinal < arguments.Length ? arguments[p.Ordinal] : PhiValue.Empty);
            }

            RunGraph(graph, entry, out var returned);
            return returned;
        }
        finally
        {
            _localFunctionsInProgress.Remove(original);
        }
    }

    /// <summary>
    /// A call of the project's own method: its summary, with its parameters replaced by what this call passes.
    /// Writes it makes to fields and sinks it forwards parameters to become this method's, at this call.
    /// </summary>
    private PhiValue ApplySummary(IMethodSymbol method, IOperation call, IOperation? instance, ImmutableArray<PhiValue> arguments, PhiValue receiver)
    {
        if (IsHandedNothing(method, arguments) && _world.IsQuietMethod(method, _cancellationToken))
        {
            // A body with no PHI of its own, handed none: every part of its summary would substitute to nothing.
            EngineCounters.Count("summary.skippedQuiet");
            return PhiValue.Empty;
        }

        var summary = _world.GetResult(method, _cancellationToken);
        PhiValue ParameterValue(int ordinal) => ordinal < arguments.Length ? arguments[ordinal] : PhiValue.Empty;

        foreach (var pair in summary.FieldWrites)
        {
            var mapped = pair.Value.Flatten().Origins.Any(o => o.IsParameter) ? pair.Value.Substitute(ParameterValue) : PhiValue.Empty;
            RecordFieldWrite(pair.Key, mapped.WithoutParameters().Join(PassThroughParameters(pair.Value, arguments)));
        }

        foreach (var hit in summary.Sinks)
        {
            var forwarded = PassThroughParameters(hit.Value, arguments);
            if (forwarded.IsEmpty)
            {
                continue;
            }

            var display = PhiCatalog.DisplayOf(method) + " -> " + hit.Display;
            AddSink(hit.Kind, display, call, hit.InnerOperation, forwarded, hit.Guards | _state.Guards, DataArgument(call, hit.Value, arguments));
        }

        if (call is IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } p && p.Ordinal < summary.ParametersAtExit.Length)
                {
                    Assign(argument.Value, summary.ParametersAtExit[p.Ordinal].Substitute(ParameterValue), argument);
                }
            }
        }

        return summary.Return.Substitute(ParameterValue);
    }

    /// <summary>The part of a callee value that comes from its parameters, in terms of this call's arguments.</summary>
    private static PhiValue PassThroughParameters(PhiValue calleeValue, ImmutableArray<PhiValue> arguments)
    {
        var result = PhiValue.Empty;
        foreach (var origin in calleeValue.Flatten().Origins)
        {
            if (origin.IsParameter && origin.ParameterOrdinal < arguments.Length)
            {
                result = result.Join(arguments[origin.ParameterOrdinal].Flatten());
            }
        }

        return result;
    }

    /// <summary>The argument that carries PHI at this call into the callee's sink (the first such when several do).</summary>
    private static IOperation? DataArgument(IOperation call, PhiValue calleeValue, ImmutableArray<PhiValue> values)
    {
        var arguments = call switch
        {
            IInvocationOperation i => i.Arguments,
            IObjectCreationOperation o => o.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        // Prefer an argument that is PHI here, then one that may be (this method's own parameter).
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var origin in calleeValue.Flatten().Origins)
            {
                if (!origin.IsParameter || origin.ParameterOrdinal >= values.Length
                    || (pass == 0 ? !values[origin.ParameterOrdinal].HasConcrete : values[origin.ParameterOrdinal].IsEmpty))
                {
                    continue;
                }

                foreach (var argument in arguments)
                {
                    if (argument.Parameter?.Ordinal == origin.ParameterOrdinal)
                    {
                        return argument.Value;
                    }
                }
            }
        }

        return null;
    }

    // ---------------------------------------------------------------- sinks

    private void CheckSinks(IMethodSymbol method, IOperation call, IOperation? instance, ImmutableArray<PhiValue> arguments, ImmutableArray<IOperation?> operations)
    {
        var facts = _catalog.GetFacts(method);
        if (facts.Sinks.IsEmpty)
        {
            return;
        }

        foreach (var sink in facts.Sinks)
        {
            if (sink.ReceiverMember is not null && !ReadsMember(instance, sink.ReceiverMember))
            {
                continue;
            }

            var value = PhiValue.Empty;
            IOperation? data = null;
            for (var i = 0; i < arguments.Length && i < sink.DataParameters.Length; i++)
            {
                if (!sink.DataParameters[i])
                {
                    continue;
                }

                var argumentValue = i < operations.Length ? WholeUse(operations[i], arguments[i]) : arguments[i];
                if (i < operations.Length && operations[i] is IArrayCreationOperation { Initializer: { } elements })
                {
                    foreach (var element in elements.ElementValues)
                    {
                        argumentValue = WholeUse(element, argumentValue);
                    }
                }

                if (!argumentValue.IsEmpty)
                {
                    value = value.Join(argumentValue.Flatten());
                    data ??= i < operations.Length ? operations[i] : null;
                }
            }

            if (!value.IsEmpty)
            {
                AddSink(sink.Kind, sink.Display, call, call, value, _state.Guards, data);
            }
        }
    }

    private static bool ReadsMember(IOperation? instance, ISymbol member)
    {
        var stripped = StripConversions(instance);
        var read = stripped switch
        {
            IPropertyReferenceOperation p => p.Property,
            IFieldReferenceOperation f => (ISymbol)f.Field,
            _ => null,
        };
        return read is not null && SymbolEqualityComparer.Default.Equals(read, member);
    }

    private void AddSink(SinkKinds kind, string display, IOperation operation, IOperation inner, PhiValue value, GuardKinds guards, IOperation? data)
    {
        var key = (operation, kind, display);
        if (_sinks.TryGetValue(key, out var existing))
        {
            _sinks[key] = existing.With(existing.Value.Join(value), guards);
        }
        else
        {
            _sinks[key] = new SinkHit(kind, display, operation, inner, value, guards, data);
        }
    }
}
