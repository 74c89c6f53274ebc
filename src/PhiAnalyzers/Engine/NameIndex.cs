using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PhiAnalyzers.Engine;

/// <summary>
/// A syntax-only index, built once per compilation: which bodies assign a member of a given name, and which
/// call a method (or construct a type) of a given name. It narrows the bodies the engine must analyze to learn
/// what a field holds; binding decides which of them really touch the symbol.
/// </summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, List<SyntaxNode>> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SyntaxNode>> _callers = new(StringComparer.Ordinal);
    private readonly List<SyntaxNode> _implicitNew = new();

    public IEnumerable<SyntaxNode> Writers(string name)
        => _writers.TryGetValue(name, out var list) ? list : Enumerable.Empty<SyntaxNode>();

    public IEnumerable<SyntaxNode> Callers(string name)
    {
        var direct = _callers.TryGetValue(name, out var list) ? list : Enumerable.Empty<SyntaxNode>();
        return direct.Concat(_implicitNew);
    }

    public static NameIndex Build(Compilation compilation)
    {
        var index = new NameIndex();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot();
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment:
                        index.AddWriter(RightmostName(assignment.Left), node);
                        break;
                    case InvocationExpressionSyntax invocation:
                        var called = RightmostName(invocation.Expression);
                        index.AddCaller(called, node);
                        if (invocation.Expression is MemberAccessExpressionSyntax access)
                        {
                            // x.Items.Add(v): a write into the collection held by Items.
                            index.AddWriter(RightmostName(access.Expression), node);
                        }
                        else if (invocation.Expression is MemberBindingExpressionSyntax && invocation.Parent is ConditionalAccessExpressionSyntax conditional)
                        {
                            index.AddWriter(RightmostName(conditional.Expression), node);
                        }

                        break;
                    case ObjectCreationExpressionSyntax creation:
                        index.AddCaller(RightmostName(creation.Type), node);
                        break;
                    case ImplicitObjectCreationExpressionSyntax:
                        if (Owner(node) is { } owner && !index._implicitNew.Contains(owner))
                        {
                            index._implicitNew.Add(owner);
                        }

                        break;
                    case VariableDeclaratorSyntax { Initializer: not null, Parent.Parent: FieldDeclarationSyntax } declarator:
                        index.AddOwned(index._writers, declarator.Identifier.ValueText, declarator);
                        break;
                    case PropertyDeclarationSyntax { Initializer: not null } property:
                        index.AddOwned(index._writers, property.Identifier.ValueText, property);
                        break;
                    case ElementAccessExpressionSyntax element when element.Parent is AssignmentExpressionSyntax a && a.Left == element:
                        index.AddWriter(RightmostName(element.Expression), node);
                        break;
                }
            }
        }

        return index;
    }

    private void AddWriter(string? name, SyntaxNode node)
    {
        if (name is not null && Owner(node) is { } owner)
        {
            AddOwned(_writers, name, owner);
        }
    }

    private void AddCaller(string? name, SyntaxNode node)
    {
        if (name is not null && Owner(node) is { } owner)
        {
            AddOwned(_callers, name, owner);
        }
    }

    private void AddOwned(Dictionary<string, List<SyntaxNode>> map, string name, SyntaxNode owner)
    {
        if (!map.TryGetValue(name, out var list))
        {
            map[name] = list = new List<SyntaxNode>();
        }

        if (list.Count == 0 || list[list.Count - 1] != owner)
        {
            list.Add(owner);
        }
    }

    private static string? RightmostName(ExpressionSyntax? expression)
    {
        switch (expression)
        {
            case IdentifierNameSyntax id:
                return id.Identifier.ValueText;
            case GenericNameSyntax generic:
                return generic.Identifier.ValueText;
            case MemberAccessExpressionSyntax member:
                return member.Name.Identifier.ValueText;
            case MemberBindingExpressionSyntax binding:
                return binding.Name.Identifier.ValueText;
            case QualifiedNameSyntax qualified:
                return qualified.Right.Identifier.ValueText;
            case AliasQualifiedNameSyntax alias:
                return alias.Name.Identifier.ValueText;
            case ElementAccessExpressionSyntax element:
                return RightmostName(element.Expression);
            case ConditionalAccessExpressionSyntax conditional:
                return RightmostName(conditional.WhenNotNull);
            case InvocationExpressionSyntax invocation:
                return RightmostName(invocation.Expression);
            case ParenthesizedExpressionSyntax parenthesized:
                return RightmostName(parenthesized.Expression);
            case PostfixUnaryExpressionSyntax postfix:
                return RightmostName(postfix.Operand);
            case NullableTypeSyntax nullable:
                return RightmostName(nullable.ElementType);
            default:
                return null;
        }
    }

    /// <summary>The node that owns a body: a member with a body, a property arrow, a field/property initializer, or the top-level program.</summary>
    private static SyntaxNode? Owner(SyntaxNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            switch (n)
            {
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return n;
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax:
                    return n;
                case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax }:
                    return n;
                case PropertyDeclarationSyntax property when property.Initializer is not null && property.Initializer.Span.Contains(node.Span):
                    return n;
                case GlobalStatementSyntax:
                    return n.Parent;
                case TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }
}
