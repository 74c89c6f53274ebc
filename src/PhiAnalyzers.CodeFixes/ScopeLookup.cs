using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace PhiAnalyzers.CodeFixes;

/// <summary>
/// Finds the locals, parameters, fields and properties of a wanted type that code at a position can name: the
/// tokenizer, audit log or router a fix may call. Locals first, then parameters, fields and properties; a name is
/// offered only when it binds to that very symbol there (not shadowed) and is usable in a static context.
/// </summary>
internal static class ScopeLookup
{
    public static ImmutableArray<string> NamesOfType(SemanticModel model, SyntaxNode at, Func<ITypeSymbol, bool> isWanted, CancellationToken cancellationToken, int max = 3)
    {
        var position = at.SpanStart;
        var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
        var inStaticContext = IsStaticContext(enclosing);
        var found = new List<(int Rank, string Name)>();
        foreach (var symbol in model.LookupSymbols(position))
        {
            ITypeSymbol? type;
            int rank;
            switch (symbol)
            {
                case ILocalSymbol local:
                    type = local.Type;
                    rank = 0;
                    if (local.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == at.SyntaxTree && r.Span.End > position))
                    {
                        continue; // declared after the position
                    }

                    break;
                case IParameterSymbol parameter:
                    type = parameter.Type;
                    rank = 1;
                    if (parameter.RefKind == RefKind.Out)
                    {
                        continue;
                    }

                    if (inStaticContext && parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
                    {
                        continue; // a primary-constructor parameter is not visible in static members
                    }

                    break;
                case IFieldSymbol field when !field.IsImplicitlyDeclared:
                    type = field.Type;
                    rank = 2;
                    if (inStaticContext && !field.IsStatic)
                    {
                        continue;
                    }

                    break;
                case IPropertySymbol property when !property.IsIndexer && property.GetMethod is not null:
                    type = property.Type;
                    rank = 3;
                    if (inStaticContext && !property.IsStatic)
                    {
                        continue;
                    }

                    break;
                default:
                    continue;
            }

            if (type is null || !isWanted(type))
            {
                continue;
            }

            // The simple name must bind to this very symbol at the position (not shadowed by another).
            var bound = model.LookupSymbols(position, name: symbol.Name);
            if (bound.Length == 0 || !SymbolEqualityComparer.Default.Equals(bound[0], symbol))
            {
                continue;
            }

            if (!model.IsAccessible(position, symbol))
            {
                continue;
            }

            found.Add((rank, symbol.Name));
        }

        return found
            .OrderBy(f => f.Rank)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.Name)
            .Distinct(StringComparer.Ordinal)
            .Take(max)
            .ToImmutableArray();
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="wanted"/> or implements it.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? wanted)
        => type is not null && wanted is not null
           && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, wanted)
               || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, wanted)));

    private static bool IsStaticContext(ISymbol? symbol)
    {
        for (var s = symbol; s is not null; s = s.ContainingSymbol)
        {
            if (s is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } local)
            {
                if (local.IsStatic)
                {
                    return true;
                }

                continue;
            }

            if (s is IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol)
            {
                return s.IsStatic;
            }

            if (s is INamedTypeSymbol)
            {
                return false;
            }
        }

        return false;
    }
}
