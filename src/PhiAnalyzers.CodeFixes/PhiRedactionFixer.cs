using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Engine;
using PhiAnalyzers.Rules;

namespace PhiAnalyzers.CodeFixes;

/// <summary>
/// The one implementation behind the PHI sink code fixes (PHI001, PHI003, PHI007): finds the expression that carried
/// the PHI into the reported sink call and wraps it in <c>PhiRedaction.Redact(...)</c> or, for logs, in
/// <c>tokenizer.Tokenize(...)</c> when an <c>IPhiTokenizer</c> is in scope. Holes of interpolated strings and operands
/// of string concatenations are wrapped one by one, so the text around them stays readable. Nothing is offered when no
/// expression can be wrapped without changing what compiles.
/// </summary>
internal static class PhiRedactionFixer
{
    /// <summary>Equivalence key of the redact fix (one per rule id, so Fix All never mixes rules).</summary>
    public static string RedactKey(string id) => "PhiGuard.Redact." + id;

    /// <summary>Equivalence key of the tokenize fix through the tokenizer named <paramref name="name"/>.</summary>
    public static string TokenizeKey(string id, string name) => "PhiGuard.Tokenize." + id + "." + name;

    public const string RedactTitle = "Redact with PhiRedaction.Redact";

    private const string RuntimeNamespace = "PhiGuard";
    private const string RedactionTypeName = "PhiGuard.PhiRedaction";
    private const string TokenizerTypeName = "PhiGuard.IPhiTokenizer";

    /// <summary>Registers the fixes for every diagnostic of the context.</summary>
    public static async Task RegisterAsync(CodeFixContext context, bool offerTokenize)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        if (model.Compilation.GetTypeByMetadataName(RedactionTypeName) is null)
        {
            // The runtime is not referenced: a wrap would not compile.
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var plan = Plan(root, model, diagnostic, context.CancellationToken);
            if (plan is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    RedactTitle,
                    ct => ApplyAsync(document, root, plan, null, ct),
                    RedactKey(diagnostic.Id)),
                diagnostic);

            if (!offerTokenize)
            {
                continue;
            }

            foreach (var tokenizer in TokenizersInScope(model, plan.Sink, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Tokenize with " + tokenizer + ".Tokenize",
                        ct => ApplyAsync(document, root, plan, tokenizer, ct),
                        TokenizeKey(diagnostic.Id, tokenizer)),
                    diagnostic);
            }
        }
    }

    // ------------------------------------------------------------------ planning

    /// <summary>What to wrap for one diagnostic, and how.</summary>
    internal sealed class FixPlan
    {
        public FixPlan(SyntaxNode sink, ImmutableArray<Target> targets)
        {
            Sink = sink;
            Targets = targets;
        }

        public SyntaxNode Sink { get; }

        public ImmutableArray<Target> Targets { get; }
    }

    internal enum ValueShape
    {
        /// <summary>A string: passed as is.</summary>
        Text,

        /// <summary>A non-nullable value type: <c>expr.ToString()</c>.</summary>
        Value,

        /// <summary>A reference type or a nullable value type: <c>expr?.ToString()</c>.</summary>
        Reference,
    }

    internal sealed class Target
    {
        public Target(ExpressionSyntax expression, ValueShape shape, bool knownNotNull)
        {
            Expression = expression;
            Shape = shape;
            KnownNotNull = knownNotNull;
        }

        public ExpressionSyntax Expression { get; }

        public ValueShape Shape { get; }

        /// <summary>The wrapped value is known not to be null and its destination does not accept null: add <c>!</c>.</summary>
        public bool KnownNotNull { get; }
    }

    internal static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        var sink = FindSink(root, diagnostic.Location.SourceSpan);
        if (sink is null)
        {
            return null;
        }

        var arguments = SinkArguments(sink);
        if (arguments.IsEmpty)
        {
            return null;
        }

        var evidence = new Evidence(model, diagnostic, root, cancellationToken);
        var chosen = ChooseArgument(root, arguments, diagnostic, evidence, model, cancellationToken);
        if (chosen is null)
        {
            return null;
        }

        var targets = new List<Target>();
        Refine(chosen, model, evidence, targets, cancellationToken, depth: 0);

        // Never wrap a node twice or a node inside another wrapped node.
        var distinct = targets
            .Where(t => !targets.Any(o => o != t && o.Expression.Span.Contains(t.Expression.Span) && o.Expression.Span != t.Expression.Span))
            .GroupBy(t => t.Expression.Span)
            .Select(g => g.First())
            .ToImmutableArray();
        return distinct.IsEmpty ? null : new FixPlan(sink, distinct);
    }

    /// <summary>The reported call: an invocation, object creation, element access or assignment with the reported span.</summary>
    private static SyntaxNode? FindSink(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        if (span.End > root.FullSpan.End)
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or AssignmentExpressionSyntax)
            {
                return current;
            }

            if (current is StatementSyntax or MemberDeclarationSyntax)
            {
                break;
            }
        }

        return null;
    }

    private static ImmutableArray<ExpressionSyntax> SinkArguments(SyntaxNode sink)
    {
        switch (sink)
        {
            case InvocationExpressionSyntax invocation:
                return Expressions(invocation.ArgumentList.Arguments);
            case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { } list:
                return Expressions(list.Arguments);
            case ElementAccessExpressionSyntax access when access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access:
                return ImmutableArray.Create(assignment.Right);
            case ElementAccessExpressionSyntax access:
                return Expressions(access.ArgumentList.Arguments);
            case AssignmentExpressionSyntax assignment:
                return ImmutableArray.Create(assignment.Right);
            default:
                return ImmutableArray<ExpressionSyntax>.Empty;
        }

        static ImmutableArray<ExpressionSyntax> Expressions(SeparatedSyntaxList<ArgumentSyntax> arguments)
            => arguments
                .Where(a => a.RefKindKeyword.IsKind(SyntaxKind.None))
                .Select(a => a.Expression)
                .ToImmutableArray();
    }

    private static ExpressionSyntax? ChooseArgument(
        SyntaxNode root,
        ImmutableArray<ExpressionSyntax> arguments,
        Diagnostic diagnostic,
        Evidence evidence,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        // 1. The expression the analyzer named, when it lies inside one of the arguments.
        if (diagnostic.Properties.TryGetValue(PhiFlowRuleAnalyzer.DataSpanProperty, out var spanText)
            && TryParseSpan(spanText, out var dataSpan)
            && dataSpan.End <= root.FullSpan.End)
        {
            var node = root.FindNode(dataSpan, getInnermostNodeForTie: true);
            var exact = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == dataSpan);
            if (exact is not null && arguments.Any(a => a.Span.Contains(exact.Span)))
            {
                return exact;
            }
        }

        // 2. The argument that holds a place the PHI was read.
        foreach (var argument in arguments)
        {
            if (evidence.ReadLocations.Any(l => argument.Span.Contains(l)))
            {
                return argument;
            }
        }

        // 3. The argument that reads something marked PHI.
        foreach (var argument in arguments)
        {
            if (evidence.IsPhi(argument))
            {
                return argument;
            }
        }

        // 4. The first argument that is not a constant (the message template) and can be wrapped.
        foreach (var argument in arguments)
        {
            if (model.GetConstantValue(argument, cancellationToken).HasValue)
            {
                continue;
            }

            if (argument is InterpolatedStringExpressionSyntax || Wrappable(argument, model, cancellationToken, checkDestination: true) is not null)
            {
                return argument;
            }
        }

        return null;
    }

    private static bool TryParseSpan(string? text, out Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        span = default;
        if (text is null)
        {
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0
            || !int.TryParse(text.Substring(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(text.Substring(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        span = new Microsoft.CodeAnalysis.Text.TextSpan(start, length);
        return true;
    }

    /// <summary>Narrows an expression to the parts to wrap: holes of interpolations, operands of concatenations.</summary>
    private static void Refine(ExpressionSyntax expression, SemanticModel model, Evidence evidence, List<Target> targets, CancellationToken cancellationToken, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        var unwrapped = expression;
        while (unwrapped is ParenthesizedExpressionSyntax parenthesized)
        {
            unwrapped = parenthesized.Expression;
        }

        if (AlreadySanitized(unwrapped, model, cancellationToken) || model.GetConstantValue(unwrapped, cancellationToken).HasValue)
        {
            return;
        }

        if (unwrapped is InterpolatedStringExpressionSyntax interpolated)
        {
            var holes = interpolated.Contents
                .OfType<InterpolationSyntax>()
                .Select(i => i.Expression)
                .Where(e => !model.GetConstantValue(e, cancellationToken).HasValue && !AlreadySanitized(e, model, cancellationToken))
                .ToList();
            var phi = holes.Where(evidence.IsPhi).ToList();
            foreach (var hole in phi.Count > 0 ? phi : holes)
            {
                // Any value may be formatted in a hole: only the shape matters.
                if (Wrappable(hole, model, cancellationToken, checkDestination: false) is { } target)
                {
                    targets.Add(target);
                }
            }

            return;
        }

        if (IsStringConcatenation(unwrapped, model, cancellationToken))
        {
            var operands = new List<ExpressionSyntax>();
            FlattenConcatenation(unwrapped, model, operands, cancellationToken);
            var phi = operands.Where(evidence.IsPhi).ToList();
            if (phi.Count > 0)
            {
                foreach (var operand in phi)
                {
                    if (operand is InterpolatedStringExpressionSyntax)
                    {
                        Refine(operand, model, evidence, targets, cancellationToken, depth + 1);
                    }
                    else if (Wrappable(operand, model, cancellationToken, checkDestination: false) is { } target)
                    {
                        targets.Add(target);
                    }
                }

                return;
            }
        }

        if (Wrappable(expression, model, cancellationToken, checkDestination: true) is { } whole)
        {
            targets.Add(whole);
            return;
        }

        // The value cannot become a string where it goes (e.g. a KeyValuePair of a metric tag): wrap the PHI inside it.
        var inner = expression.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax)
            .OfType<ArgumentSyntax>()
            .Where(a => a.RefKindKeyword.IsKind(SyntaxKind.None) && evidence.IsPhi(a.Expression))
            .Select(a => a.Expression)
            .ToList();
        foreach (var candidate in inner)
        {
            Refine(candidate, model, evidence, targets, cancellationToken, depth + 1);
        }
    }

    private static bool IsStringConcatenation(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        => expression is BinaryExpressionSyntax binary
           && binary.IsKind(SyntaxKind.AddExpression)
           && model.GetTypeInfo(binary, cancellationToken).Type?.SpecialType == SpecialType.System_String;

    private static void FlattenConcatenation(ExpressionSyntax expression, SemanticModel model, List<ExpressionSyntax> operands, CancellationToken cancellationToken)
    {
        if (IsStringConcatenation(expression, model, cancellationToken))
        {
            var binary = (BinaryExpressionSyntax)expression;
            FlattenConcatenation(binary.Left, model, operands, cancellationToken);
            FlattenConcatenation(binary.Right, model, operands, cancellationToken);
        }
        else
        {
            operands.Add(expression);
        }
    }

    private static bool AlreadySanitized(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (expression is not InvocationExpressionSyntax invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return false;
        }

        var display = type.ToDisplayString();
        return (display == RedactionTypeName && method.Name == "Redact")
               || (method.Name == "Tokenize" && IsTokenizerType(type, model.Compilation));
    }

    /// <summary>How to turn an expression into a string, or null when it cannot be wrapped where it stands.</summary>
    private static Target? Wrappable(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken, bool checkDestination)
    {
        if (expression.IsMissing || expression is ThrowExpressionSyntax or AnonymousFunctionExpressionSyntax or DeclarationExpressionSyntax)
        {
            return null;
        }

        if (IsWrittenTo(expression))
        {
            return null;
        }

        var info = model.GetTypeInfo(expression, cancellationToken);
        var type = info.Type;
        if (type is null || type.TypeKind == TypeKind.Error || type.SpecialType == SpecialType.System_Void || type.IsRefLikeType || type.TypeKind == TypeKind.Pointer)
        {
            return null;
        }

        var stringType = model.Compilation.GetSpecialType(SpecialType.System_String);
        var knownNotNull = false;
        if (checkDestination)
        {
            var destination = info.ConvertedType ?? type;
            if (destination.TypeKind == TypeKind.Error)
            {
                return null;
            }

            var conversion = model.Compilation.ClassifyConversion(stringType, destination);
            if (!conversion.Exists || !conversion.IsImplicit)
            {
                return null;
            }

            // A non-nullable string destination in an enabled nullable context gets `!` when the value cannot be null.
            knownNotNull = destination.SpecialType == SpecialType.System_String
                           && model.GetNullableContext(expression.SpanStart).AnnotationsEnabled()
                           && DestinationRejectsNull(expression, model, cancellationToken);
        }

        ValueShape shape;
        if (type.SpecialType == SpecialType.System_String)
        {
            shape = ValueShape.Text;
            knownNotNull &= info.Nullability.FlowState == NullableFlowState.NotNull;
        }
        else if (type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T)
        {
            shape = ValueShape.Value;
        }
        else
        {
            shape = ValueShape.Reference;
            knownNotNull = false;
        }

        return new Target(expression, shape, knownNotNull);
    }

    /// <summary>Is the expression passed to a parameter, or assigned to a member, declared as a non-nullable string?</summary>
    private static bool DestinationRejectsNull(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var node = (SyntaxNode)expression;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        switch (node.Parent)
        {
            case ArgumentSyntax argument when model.GetOperation(argument, cancellationToken) is Microsoft.CodeAnalysis.Operations.IArgumentOperation { Parameter: { } parameter } operation:
                if (operation.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.ParamArray)
                {
                    return parameter.Type is IArrayTypeSymbol array && array.ElementNullableAnnotation == NullableAnnotation.NotAnnotated;
                }

                return parameter.Type.NullableAnnotation == NullableAnnotation.NotAnnotated;
            case AssignmentExpressionSyntax assignment when assignment.Right == node:
                return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol switch
                {
                    IPropertySymbol property => property.Type.NullableAnnotation == NullableAnnotation.NotAnnotated,
                    IFieldSymbol field => field.Type.NullableAnnotation == NullableAnnotation.NotAnnotated,
                    _ => false,
                };
            default:
                return false;
        }
    }

    private static bool IsWrittenTo(ExpressionSyntax expression)
    {
        var parent = expression.Parent;
        return parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == expression,
            PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) || prefix.IsKind(SyntaxKind.AddressOfExpression),
            PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            RefExpressionSyntax => true,
            _ => false,
        };
    }

    // ------------------------------------------------------------------ evidence of PHI inside an expression

    /// <summary>What the diagnostic and the PhiGuard markings tell about which sub-expressions carry PHI.</summary>
    private sealed class Evidence
    {
        private readonly SemanticModel _model;
        private readonly CancellationToken _cancellationToken;
        private readonly PhiCatalog? _catalog;
        private readonly HashSet<string> _origins;
        private readonly HashSet<ISymbol> _visiting = new(SymbolEqualityComparer.Default);

        public Evidence(SemanticModel model, Diagnostic diagnostic, SyntaxNode root, CancellationToken cancellationToken)
        {
            _model = model;
            _cancellationToken = cancellationToken;
            _catalog = PhiWorld.Get(model.Compilation)?.Catalog;
            _origins = new HashSet<string>(StringComparer.Ordinal);
            if (diagnostic.Properties.TryGetValue(PhiFlowRuleAnalyzer.OriginsProperty, out var origins) && origins is not null)
            {
                foreach (var part in origins.Split(','))
                {
                    var trimmed = part.Trim();
                    if (trimmed.Length > 0)
                    {
                        _origins.Add(trimmed);
                    }
                }
            }

            ReadLocations = diagnostic.AdditionalLocations
                .Where(l => l.IsInSource && l.SourceTree == root.SyntaxTree)
                .Select(l => l.SourceSpan)
                .ToImmutableArray();
        }

        /// <summary>Where, in this document, the PHI was read (outside the reported call).</summary>
        public ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan> ReadLocations { get; }

        /// <summary>Does the expression (likely) carry PHI: does it read a marked member, a PHI source or a PHI-bearing value?</summary>
        public bool IsPhi(ExpressionSyntax expression)
        {
            if (ReadLocations.Any(l => expression.Span.Contains(l)))
            {
                return true;
            }

            return Carries(expression, usedWhole: true, depth: 0);
        }

        private bool Carries(ExpressionSyntax expression, bool usedWhole, int depth)
        {
            if (depth > 32)
            {
                return false;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Carries(parenthesized.Expression, usedWhole, depth + 1);
                case AnonymousFunctionExpressionSyntax:
                case LiteralExpressionSyntax:
                case TypeOfExpressionSyntax:
                case DefaultExpressionSyntax:
                    return false;
                case InvocationExpressionSyntax invocation:
                    return CarriesInvocation(invocation, depth);
                case IdentifierNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax:
                    return CarriesReference(expression, usedWhole, depth);
                case ConditionalAccessExpressionSyntax conditional:
                    return Carries(conditional.WhenNotNull, usedWhole, depth + 1) || Carries(conditional.Expression, usedWhole: false, depth + 1);
            }

            // The nearest expressions below this one (through argument lists, interpolations, initializers).
            var children = expression.DescendantNodes(n => n == expression || (n is not ExpressionSyntax && n is not StatementSyntax))
                .OfType<ExpressionSyntax>()
                .Where(e => e != expression);
            foreach (var child in children)
            {
                if (Carries(child, usedWhole: true, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        private bool CarriesReference(ExpressionSyntax expression, bool usedWhole, int depth)
        {
            var symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
            if (symbol is null)
            {
                return false;
            }

            if (symbol is IPropertySymbol or IFieldSymbol or IParameterSymbol or ILocalSymbol)
            {
                if (_origins.Contains(PhiCatalog.DisplayOf(symbol)) || _origins.Contains(symbol.Name) && symbol is IParameterSymbol)
                {
                    return true;
                }

                if (_catalog is not null)
                {
                    if (symbol is IPropertySymbol or IFieldSymbol)
                    {
                        var marking = _catalog.GetMemberPhi(symbol);
                        if (marking.IsNotPhi)
                        {
                            return false;
                        }

                        if (marking.IsPhi)
                        {
                            return true;
                        }
                    }
                    else if (_catalog.TryGetPhiKind(symbol, out _))
                    {
                        return true;
                    }

                    if (usedWhole && _catalog.IsPhiBearing(_model.GetTypeInfo(expression, _cancellationToken).Type))
                    {
                        return true;
                    }
                }

                if (symbol is ILocalSymbol local && CarriesLocal(local, depth))
                {
                    return true;
                }

                // An unmarked member of the project's own types is not PHI; a library member (Length, Value, ...)
                // of a PHI value is derived from it.
                if (expression is MemberAccessExpressionSyntax access && symbol is IPropertySymbol or IFieldSymbol && !IsInSource(symbol))
                {
                    return Carries(access.Expression, usedWhole: false, depth + 1);
                }

                return false;
            }

            return false;
        }

        /// <summary>A local holds PHI when its initializer, an assignment to it or the collection it iterates does.</summary>
        private bool CarriesLocal(ILocalSymbol local, int depth)
        {
            if (!_visiting.Add(local))
            {
                return false;
            }

            try
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != _model.SyntaxTree)
                    {
                        continue;
                    }

                    var declaration = reference.GetSyntax(_cancellationToken);
                    var source = declaration switch
                    {
                        VariableDeclaratorSyntax { Initializer: { } initializer } => initializer.Value,
                        ForEachStatementSyntax forEach => forEach.Expression,
                        SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ForEachVariableStatementSyntax forEachVariable } } => forEachVariable.Expression,
                        _ => null,
                    };
                    if (source is not null && Carries(source, usedWhole: true, depth + 1))
                    {
                        return true;
                    }

                    // Assignments to the local in the body that declares it.
                    var body = declaration.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or GlobalStatementSyntax);
                    if (body is null)
                    {
                        continue;
                    }

                    foreach (var assignment in body.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                    {
                        if (assignment.Left is IdentifierNameSyntax name
                            && name.Identifier.ValueText == local.Name
                            && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name, _cancellationToken).Symbol, local)
                            && Carries(assignment.Right, usedWhole: true, depth + 1))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
            finally
            {
                _visiting.Remove(local);
            }
        }

        private bool CarriesInvocation(InvocationExpressionSyntax invocation, int depth)
        {
            if (_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method && _catalog is not null)
            {
                var facts = _catalog.GetFacts(method);
                if (facts.IsSanitizer)
                {
                    return false;
                }

                if (facts.SourceDisplay is not null)
                {
                    return true;
                }

                if (_catalog.IsPhiBearing(method.ReturnType))
                {
                    return true;
                }
            }

            if (invocation.Expression is MemberAccessExpressionSyntax access && Carries(access.Expression, usedWhole: false, depth + 1))
            {
                return true;
            }

            return invocation.ArgumentList.Arguments.Any(a => Carries(a.Expression, usedWhole: true, depth + 1));
        }

        private static bool IsInSource(ISymbol symbol) => symbol.Locations.Any(l => l.IsInSource);
    }

    // ------------------------------------------------------------------ tokenizers in scope

    /// <summary>Names of the IPhiTokenizer fields, properties, parameters and locals usable at the sink.</summary>
    internal static ImmutableArray<string> TokenizersInScope(SemanticModel model, SyntaxNode sink, CancellationToken cancellationToken)
        => ScopeLookup.NamesOfType(model, sink, type => IsTokenizerType(type, model.Compilation), cancellationToken);

    private static bool IsTokenizerType(ITypeSymbol? type, Compilation compilation)
        => ScopeLookup.Is(type, compilation.GetTypeByMetadataName(TokenizerTypeName));

    // ------------------------------------------------------------------ applying

    private static async Task<Document> ApplyAsync(Document document, SyntaxNode root, FixPlan plan, string? tokenizer, CancellationToken cancellationToken)
    {
        var targets = plan.Targets.ToDictionary(t => t.Expression);
        var newRoot = root.ReplaceNodes(targets.Keys, (original, rewritten) => Wrap(targets[original], rewritten, tokenizer));
        return await FixedDocument.FinishAsync(document.WithSyntaxRoot(newRoot), addImports: tokenizer is null, cancellationToken).ConfigureAwait(false);
    }

    private static ExpressionSyntax Wrap(Target target, ExpressionSyntax rewritten, string? tokenizer)
    {
        var value = rewritten.WithoutTrivia();
        ExpressionSyntax text = target.Shape switch
        {
            ValueShape.Text => value,
            ValueShape.Value => SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AsReceiver(value), SyntaxFactory.IdentifierName("ToString"))),
            _ when tokenizer is not null => SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AsReceiver(value), SyntaxFactory.IdentifierName("ToString"))),
            _ => SyntaxFactory.ConditionalAccessExpression(
                AsReceiver(value),
                SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("ToString")))),
        };

        ExpressionSyntax call;
        if (tokenizer is not null)
        {
            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(tokenizer), SyntaxFactory.IdentifierName("Tokenize")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(text))));
        }
        else
        {
            var redaction = SyntaxFactory.ParseExpression("global::" + RedactionTypeName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, redaction, SyntaxFactory.IdentifierName("Redact")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(text))));
            if (target.KnownNotNull)
            {
                call = SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, call);
            }
        }

        return call.WithTriviaFrom(rewritten);
    }

    /// <summary>Parenthesizes an expression that would not bind as the receiver of <c>.ToString()</c> on its own.</summary>
    private static ExpressionSyntax AsReceiver(ExpressionSyntax expression)
        => expression is IdentifierNameSyntax
            or MemberAccessExpressionSyntax
            or InvocationExpressionSyntax
            or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax
            or ThisExpressionSyntax
            or BaseExpressionSyntax
            or GenericNameSyntax
            or QualifiedNameSyntax
            or AliasQualifiedNameSyntax
            or ObjectCreationExpressionSyntax
            or TupleExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);
}
