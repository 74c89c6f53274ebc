using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PhiAnalyzers.Engine;

/// <summary>
/// A syntax-only index, built once per syntax tree and merged per name on demand for a compilation: the sites that assign a member of a given name, and the sites
/// that call a method (or construct a type) of a given name, each with the body that owns it. It narrows the bodies
/// the engine must analyze to learn what a field holds; <see cref="PhiWorld"/> binds the sites of a name once to
/// learn which of them really touch which symbol.
/// </summary>
internal sealed class NameIndex
{
    /// <summary>Per-tree sites, shared by every compilation that contains the tree (an IDE edit re-indexes one tree).</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, TreeSites> Trees = new();

    private readonly ImmutableArray<TreeSites> _trees;
    private readonly HashSet<string> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<Site>> _writers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<Site>> _callers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<Site>> _implicitNew = new(StringComparer.Ordinal);

    private NameIndex(ImmutableArray<TreeSites> trees)
    {
        _trees = trees;
        foreach (var tree in trees)
        {
            _aliases.UnionWith(tree.Aliases);
        }
    }

    /// <summary>Sites whose rightmost assigned (or added-to) name is <paramref name="name"/>.</summary>
    public IReadOnlyList<Site> Writers(string name)
        => _writers.GetOrAdd(name, n => Merge(t => t.Writers, n));

    /// <summary>Invocations of a method named <paramref name="name"/> and creations of a type of that name.</summary>
    public IReadOnlyList<Site> Callers(string name)
        => _callers.GetOrAdd(name, n => Merge(t => t.Callers, n));

    /// <summary>
    /// Target-typed <c>new(...)</c> sites that may create a <paramref name="typeName"/>: those whose target type is
    /// written with that name (a declaration's type, a method's return type), and those whose target type the syntax
    /// does not tell (or names a using alias).
    /// </summary>
    public IReadOnlyList<Site> ImplicitCreations(string typeName)
        => _implicitNew.GetOrAdd(typeName, n =>
        {
            var result = new List<Site>();
            foreach (var tree in _trees)
            {
                foreach (var site in tree.ImplicitNew)
                {
                    if (site.TypeNames is null || site.TypeNames.Contains(n) || site.TypeNames.Overlaps(_aliases))
                    {
                        result.Add(site.Site);
                    }
                }
            }

            return result;
        });

    public static NameIndex Build(Compilation compilation)
        => new(compilation.SyntaxTrees.Select(t => Trees.GetValue(t, TreeSites.Build)).ToImmutableArray());

    private IReadOnlyList<Site> Merge(Func<TreeSites, Dictionary<string, List<Site>>> map, string name)
    {
        List<Site>? result = null;
        foreach (var tree in _trees)
        {
            if (map(tree).TryGetValue(name, out var sites))
            {
                (result ??= new List<Site>()).AddRange(sites);
            }
        }

        return (IReadOnlyList<Site>?)result ?? Array.Empty<Site>();
    }

    /// <summary>The sites of one syntax tree.</summary>
    private sealed class TreeSites
    {
        public Dictionary<string, List<Site>> Writers { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<Site>> Callers { get; } = new(StringComparer.Ordinal);

        public List<(Site Site, HashSet<string>? TypeNames)> ImplicitNew { get; } = new();

        public HashSet<string> Aliases { get; } = new(StringComparer.Ordinal);

        public static TreeSites Build(SyntaxTree tree)
        {
            var index = new TreeSites();
            var root = tree.GetRoot();
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case UsingDirectiveSyntax { Alias: { } alias }:
                        index.Aliases.Add(alias.Name.Identifier.ValueText);
                        break;
                    case AssignmentExpressionSyntax { Left: TupleExpressionSyntax targets }:
                        // (a, b) = ...: each element is written.
                        foreach (var target in TupleTargets(targets))
                        {
                            AddSite(index.Writers, RightmostName(target), target);
                        }

                        break;
                    case AssignmentExpressionSyntax assignment:
                        AddSite(index.Writers, RightmostName(assignment.Left), node);
                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword or (int)SyntaxKind.RefKeyword, Expression: not DeclarationExpressionSyntax } argument:
                        // F(out _field), F(ref _field): the callee writes it.
                        AddSite(index.Writers, RightmostName(argument.Expression), node);
                        break;
                    case InvocationExpressionSyntax invocation:
                        AddSite(index.Callers, RightmostName(invocation.Expression), node, node);
                        if (invocation.Expression is MemberAccessExpressionSyntax access)
                        {
                            // x.Items.Add(v): a write into the collection held by Items.
                            AddSite(index.Writers, RightmostName(access.Expression), node);
                        }
                        else if (invocation.Expression is MemberBindingExpressionSyntax && invocation.Parent is ConditionalAccessExpressionSyntax conditional)
                        {
                            AddSite(index.Writers, RightmostName(conditional.Expression), node);
                        }

                        break;
                    case ObjectCreationExpressionSyntax creation:
                        AddSite(index.Callers, RightmostName(creation.Type), node, node);
                        break;
                    case ImplicitObjectCreationExpressionSyntax:
                        if (Owner(node) is { } owner)
                        {
                            index.ImplicitNew.Add((new Site(owner, node), TargetTypeNames(node)));
                        }

                        break;
                    case VariableDeclaratorSyntax { Initializer: not null, Parent.Parent: FieldDeclarationSyntax } declarator:
                        Add(index.Writers, declarator.Identifier.ValueText, new Site(declarator, declarator));
                        break;
                    case PropertyDeclarationSyntax { Initializer: not null } property:
                        Add(index.Writers, property.Identifier.ValueText, new Site(property, property));
                        break;
                    case ElementAccessExpressionSyntax element when element.Parent is AssignmentExpressionSyntax a && a.Left == element:
                        AddSite(index.Writers, RightmostName(element.Expression), node);
                        break;
                }
            }

            return index;
        }
    }

    /// <summary>
    /// The names in the type a target-typed <c>new()</c> creates, when the syntax writes that type (declared type of the
    /// variable, field, property or parameter it initializes; return type of the member it is returned from); null when
    /// only binding can tell.
    /// </summary>
    private static HashSet<string>? TargetTypeNames(SyntaxNode creation)
    {
        var parent = creation.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        TypeSyntax? type = parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => declaration.Type,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            EqualsValueClauseSyntax { Parent: ParameterSyntax parameter } => parameter.Type,
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } => method.ReturnType,
            ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax local } => local.ReturnType,
            ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            ReturnStatementSyntax => parent.Ancestors().FirstOrDefault(a => a is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax) switch
            {
                MethodDeclarationSyntax method => method.ReturnType,
                LocalFunctionStatementSyntax local => local.ReturnType,
                _ => null,
            },
            _ => null,
        };
        if (type is null || type.IsVar)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in type.DescendantNodesAndSelf().OfType<SimpleNameSyntax>())
        {
            names.Add(name.Identifier.ValueText);
        }

        return names.Count == 0 ? null : names;
    }

    private static IEnumerable<ExpressionSyntax> TupleTargets(TupleExpressionSyntax tuple)
    {
        foreach (var argument in tuple.Arguments)
        {
            if (argument.Expression is TupleExpressionSyntax nested)
            {
                foreach (var target in TupleTargets(nested))
                {
                    yield return target;
                }
            }
            else if (argument.Expression is not DeclarationExpressionSyntax)
            {
                yield return argument.Expression;
            }
        }
    }

    /// <summary>Adds a site named by <paramref name="name"/> (bound to learn its symbol) or, when given, by <paramref name="bound"/>.</summary>
    private static void AddSite(Dictionary<string, List<Site>> map, SimpleNameSyntax? name, SyntaxNode node, SyntaxNode? bound = null)
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
