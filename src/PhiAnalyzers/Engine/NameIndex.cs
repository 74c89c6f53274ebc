using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PhiAnalyzers.Engine;

/// <summary>
/// A syntax-only index, built once per compilation: the sites that assign a member of a given name, and the sites
/// that call a method (or construct a type) of a given name, each with the body that owns it. It narrows the bodies
/// the engine must analyze to learn what a field holds; <see cref="PhiWorld"/> binds the sites of a name once to
/// learn which of them really touch which symbol.
/// </summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, List<Site>> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Site>> _callers = new(StringComparer.Ordinal);
    private readonly List<Site> _implicitNew = new();

    /// <summary>Sites whose rightmost assigned (or added-to) name is <paramref name="name"/>.</summary>
    public IReadOnlyList<Site> Writers(string name)
        => _writers.TryGetValue(name, out var list) ? list : Array.Empty<Site>();

    /// <summary>Invocations of a method named <paramref name="name"/> and creations of a type of that name.</summary>
    public IReadOnlyList<Site> Callers(string name)
        => _callers.TryGetValue(name, out var list) ? list : Array.Empty<Site>();

    /// <summary>Target-typed <c>new(...)</c> sites: the constructed type is not written in the syntax.</summary>
    public IReadOnlyList<Site> ImplicitCreations => _implicitNew;

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
                        index.AddSite(index._writers, RightmostName(assignment.Left), node);
                        break;
                    case InvocationExpressionSyntax invocation:
                        index.AddSite(index._callers, RightmostName(invocation.Expression), node, node);
                        if (invocation.Expression is MemberAccessExpressionSyntax access)
                        {
                            // x.Items.Add(v): a write into the collection held by Items.
                            index.AddSite(index._writers, RightmostName(access.Expression), node);
                        }
                        else if (invocation.Expression is MemberBindingExpressionSyntax && invocation.Parent is ConditionalAccessExpressionSyntax conditional)
                        {
                            index.AddSite(index._writers, RightmostName(conditional.Expression), node);
                        }

                        break;
                    case ObjectCreationExpressionSyntax creation:
                        index.AddSite(index._callers, RightmostName(creation.Type), node, node);
                        break;
                    case ImplicitObjectCreationExpressionSyntax:
                        if (Owner(node) is { } owner)
                        {
                            index._implicitNew.Add(new Site(owner, node));
                        }

                        break;
                    case VariableDeclaratorSyntax { Initializer: not null, Parent.Parent: FieldDeclarationSyntax } declarator:
                        Add(index._writers, declarator.Identifier.ValueText, new Site(declarator, declarator));
                        break;
                    case PropertyDeclarationSyntax { Initializer: not null } property:
                        Add(index._writers, property.Identifier.ValueText, new Site(property, property));
                        break;
                    case ElementAccessExpressionSyntax element when element.Parent is AssignmentExpressionSyntax a && a.Left == element:
                        index.AddSite(index._writers, RightmostName(element.Expression), node);
                        break;
                }
            }
        }

        return index;
    }

    /// <summary>Adds a site named by <paramref name="name"/> (bound to learn its symbol) or, when given, by <paramref name="bound"/>.</summary>
    private void AddSite(Dictionary<string, List<Site>> map, SimpleNameSyntax? name, SyntaxNode node, SyntaxNode? bound = null)
    {
        if (name is not null && Owner(node) is { } owner)
        {
            Add(map, name.Identifier.ValueText, new Site(owner, bound ?? name));
        }
    }

    private static void Add(Dictionary<string, List<Site>> map, string name, Site site)
    {
        if (!map.TryGetValue(name, out var list))
        {
            map[name] = list = new List<Site>();
        }

        list.Add(site);
    }

    private static SimpleNameSyntax? RightmostName(ExpressionSyntax? expression)
    {
        switch (expression)
        {
            case SimpleNameSyntax simple:
                return simple;
            case MemberAccessExpressionSyntax member:
                return member.Name;
            case MemberBindingExpressionSyntax binding:
                return binding.Name;
            case QualifiedNameSyntax qualified:
                return qualified.Right;
            case AliasQualifiedNameSyntax alias:
                return alias.Name;
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

/// <summary>A site of the name index: the node to bind and the body (or initializer) that owns it.</summary>
internal readonly struct Site
{
    public Site(SyntaxNode owner, SyntaxNode node)
    {
        Owner = owner;
        Node = node;
    }

    public SyntaxNode Owner { get; }

    /// <summary>A simple name, an invocation, an object creation or a declaration (field declarator, property).</summary>
    public SyntaxNode Node { get; }
}
