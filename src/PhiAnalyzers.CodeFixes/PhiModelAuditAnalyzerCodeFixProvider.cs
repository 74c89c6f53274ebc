using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Rules;

namespace PhiAnalyzers.CodeFixes;

/// <summary>
/// Fixes for PHI004 (PHI reaches an unaudited model call):
/// <list type="bullet">
/// <item>send the prompt through an <c>IPhiModelRouter</c> in scope, which audits, routes by the inventory and
/// tokenizes (offered when the call is awaited, its prompt is one string, its other arguments are at most a
/// cancellation token, and the reply is used only through <c>.Text</c>, so the code still compiles);</item>
/// <item>append an audit record with an <c>IAuditLog</c> in scope just before the statement of the call (offered in
/// async code outside <c>lock</c>, where an <c>await</c> may be added).</item>
/// </list>
/// The purpose is set to <c>AccessPurpose.Other</c>: the fix cannot know why the data is disclosed, and the rule page
/// asks to set the real one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PhiModelAuditAnalyzerCodeFixProvider))]
[Shared]
public sealed class PhiModelAuditAnalyzerCodeFixProvider : CodeFixProvider
{
    private const string AuditLogTypeName = "PhiGuard.IAuditLog";
    private const string RouterTypeName = "PhiGuard.IPhiModelRouter";
    private const string CancellationTokenTypeName = "System.Threading.CancellationToken";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PhiToUnauditedModelCall);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>Equivalence key of the fix that appends an audit record through <paramref name="name"/>.</summary>
    public static string AuditKey(string name) => "PhiGuard.Audit.PHI004." + name;

    /// <summary>Equivalence key of the fix that sends the prompt through the router <paramref name="name"/>.</summary>
    public static string RouteKey(string name) => "PhiGuard.Route.PHI004." + name;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var auditLog = model.Compilation.GetTypeByMetadataName(AuditLogTypeName);
        var router = model.Compilation.GetTypeByMetadataName(RouterTypeName);
        if (auditLog is null && router is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindCall(root, diagnostic.Location.SourceSpan) is not { } call)
            {
                continue;
            }

            if (router is not null && RoutePlan(model, call, diagnostic, context.CancellationToken) is { } route)
            {
                foreach (var name in ScopeLookup.NamesOfType(model, call, t => ScopeLookup.Is(t, router), context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Send through " + name + ".CompleteAsync (audited, routed by the inventory)",
                            ct => RouteAsync(document, root, route, name, ct),
                            RouteKey(name)),
                        diagnostic);
                }
            }

            if (auditLog is not null && AuditPlan(call) is { } statement)
            {
                foreach (var name in ScopeLookup.NamesOfType(model, statement, t => ScopeLookup.Is(t, auditLog), context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Append an audit record with " + name + ".AppendAsync before the call",
                            ct => AuditAsync(document, root, statement, name, ct),
                            AuditKey(name)),
                        diagnostic);
                }
            }
        }
    }

    private static InvocationExpressionSyntax? FindCall(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span)
               ?? node.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span);
    }

    // ------------------------------------------------------------------ route through the router

    private sealed class Route
    {
        public Route(InvocationExpressionSyntax call, ExpressionSyntax prompt, ExpressionSyntax? cancellation)
        {
            Call = call;
            Prompt = prompt;
            Cancellation = cancellation;
        }

        public InvocationExpressionSyntax Call { get; }

        public ExpressionSyntax Prompt { get; }

        public ExpressionSyntax? Cancellation { get; }
    }

    private static Route? RoutePlan(SemanticModel model, InvocationExpressionSyntax call, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (WithoutParentheses(call) is not AwaitExpressionSyntax awaited || !ReplyUsedOnlyAsText(model, awaited, cancellationToken))
        {
            return null;
        }

        var dataSpan = DataSpan(diagnostic);
        ExpressionSyntax? prompt = null;
        ExpressionSyntax? cancellation = null;
        foreach (var argument in call.ArgumentList.Arguments)
        {
            var type = model.GetTypeInfo(argument.Expression, cancellationToken).ConvertedType;
            if (type?.SpecialType == SpecialType.System_String && prompt is null && (dataSpan is null || argument.Expression.Span.Contains(dataSpan.Value)))
            {
                prompt = argument.Expression;
            }
            else if (type is not null && type.ToDisplayString() == CancellationTokenTypeName && cancellation is null)
            {
                cancellation = argument.Expression;
            }
            else if (!argument.Expression.IsKind(SyntaxKind.NullLiteralExpression) && !argument.Expression.IsKind(SyntaxKind.DefaultLiteralExpression))
            {
                // Options, messages, tools...: the router's request cannot carry them; rewriting would drop them.
                return null;
            }
        }

        return prompt is null ? null : new Route(call, prompt, cancellation);
    }

    /// <summary>The call's await, looking through parentheses.</summary>
    private static SyntaxNode? WithoutParentheses(ExpressionSyntax expression)
    {
        var parent = expression.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>The awaited reply is discarded or only its <c>.Text</c> is read, which <c>ModelReply</c> has too.</summary>
    private static bool ReplyUsedOnlyAsText(SemanticModel model, AwaitExpressionSyntax awaited, CancellationToken cancellationToken)
    {
        var use = WithoutParentheses(awaited);
        switch (use)
        {
            case ExpressionStatementSyntax:
                return true;
            case MemberAccessExpressionSyntax member when member.Name.Identifier.ValueText == "Text":
                return true;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true, Parent: LocalDeclarationStatementSyntax } } declarator }:
                if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local
                    || declarator.FirstAncestorOrSelf<BlockSyntax>() is not { } scope)
                {
                    return false;
                }

                foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText != local.Name
                        || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
                    {
                        continue;
                    }

                    if (name.Parent is not MemberAccessExpressionSyntax access || access.Expression != name || access.Name.Identifier.ValueText != "Text")
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan? DataSpan(Diagnostic diagnostic)
    {
        if (diagnostic.Properties.TryGetValue(PhiFlowRuleAnalyzer.DataSpanProperty, out var text)
            && text?.Split(':') is { Length: 2 } parts
            && int.TryParse(parts[0], out var start)
            && int.TryParse(parts[1], out var length))
        {
            return new Microsoft.CodeAnalysis.Text.TextSpan(start, length);
        }

        return null;
    }

    private static async Task<Document> RouteAsync(Document document, SyntaxNode root, Route route, string router, CancellationToken cancellationToken)
    {
        var request = SyntaxFactory.ParseExpression(
            "new global::PhiGuard.ModelRequest { Prompt = PROMPT, Purpose = global::PhiGuard.AccessPurpose.Other }");
        var prompt = request.DescendantNodes().OfType<IdentifierNameSyntax>().First(n => n.Identifier.ValueText == "PROMPT");
        request = request.ReplaceNode(prompt, route.Prompt.WithoutTrivia());
        var arguments = SyntaxFactory.SeparatedList(
            route.Cancellation is null
                ? new[] { SyntaxFactory.Argument(request) }
                : new[] { SyntaxFactory.Argument(request), SyntaxFactory.Argument(route.Cancellation.WithoutTrivia()) });
        var replacement = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(router), SyntaxFactory.IdentifierName("CompleteAsync")),
                SyntaxFactory.ArgumentList(arguments))
            .WithTriviaFrom(route.Call)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
        return await FixedDocument.FinishAsync(document.WithSyntaxRoot(root.ReplaceNode(route.Call, replacement)), addImports: true, cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ audit before the call

    /// <summary>The statement before which an awaited append can go, or null when there is none.</summary>
    private static StatementSyntax? AuditPlan(InvocationExpressionSyntax call)
    {
        foreach (var ancestor in call.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax:
                case ArrowExpressionClauseSyntax:
                case LocalFunctionStatementSyntax:
                case QueryExpressionSyntax:
                case MemberDeclarationSyntax:
                    // An expression body or a lambda without a statement of its own around the call.
                    return null;
                case StatementSyntax statement when statement.Parent is BlockSyntax or SwitchSectionSyntax or IfStatementSyntax or ElseClauseSyntax
                    or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax or UsingStatementSyntax:
                    if (statement is BlockSyntax)
                    {
                        return null;
                    }

                    return CanAwaitAt(statement) ? statement : null;
            }
        }

        return null;
    }

    /// <summary>The statement is in an async function and not inside a <c>lock</c> (where await is not allowed).</summary>
    private static bool CanAwaitAt(StatementSyntax statement)
    {
        foreach (var ancestor in statement.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static async Task<Document> AuditAsync(Document document, SyntaxNode root, StatementSyntax statement, string auditLog, CancellationToken cancellationToken)
    {
        var append = SyntaxFactory.ParseStatement(
                "await " + auditLog + ".AppendAsync(new global::PhiGuard.AuditRecord { Action = \"model.request\", Purpose = global::PhiGuard.AccessPurpose.Other });")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
        SyntaxNode newRoot;
        if (statement.Parent is BlockSyntax or SwitchSectionSyntax)
        {
            // The append takes the statement's comments; the statement keeps its indentation.
            var leading = statement.GetLeadingTrivia();
            var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
                : SyntaxFactory.TriviaList();
            var newLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            newRoot = root.ReplaceNode(statement, new SyntaxNode[]
            {
                append.WithLeadingTrivia(leading).WithTrailingTrivia(newLine == default ? SyntaxFactory.ElasticCarriageReturnLineFeed : newLine),
                statement.WithLeadingTrivia(indentation),
            });
        }
        else
        {
            // The embedded statement of an if/else/loop/using: wrap it in braces with the append first.
            var block = SyntaxFactory.Block(
                    append.WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(SyntaxFactory.ElasticMarker),
                    statement.WithoutTrivia().WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(SyntaxFactory.ElasticMarker))
                .WithTriviaFrom(statement)
                .WithAdditionalAnnotations(Formatter.Annotation);
            newRoot = root.ReplaceNode(statement, block);
        }

        return await FixedDocument.FinishAsync(document.WithSyntaxRoot(newRoot), addImports: true, cancellationToken).ConfigureAwait(false);
    }
}
