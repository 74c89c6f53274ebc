using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Engine;

namespace PhiAnalyzers.Rules;

/// <summary>What a stream or writer writes to, as far as the code in view shows.</summary>
internal enum Backing
{
    /// <summary>Not visible (a parameter, a library call) or not a file (a MemoryStream, a StringWriter).</summary>
    Unknown,

    /// <summary>A file: a FileStream, a File/FileInfo opener, a writer or wrapper over one of those.</summary>
    File,

    /// <summary>An encrypting stream (CryptoStream), or a wrapper over one: what reaches the file is not PHI.</summary>
    Encrypted,
}

/// <summary>
/// Finds what a stream or writer receiver was made from: its creation in view (the expression itself, the
/// initializer and assignments of a local in the same body, of a field or property in its type, the return of a
/// project method). Tables: <see cref="CatalogTables.FileOpeners"/>, <see cref="CatalogTables.StreamWrappers"/>,
/// <see cref="CatalogTables.EncryptingStreams"/>. Symbols are resolved once per compilation.
/// </summary>
internal sealed class FileBacking
{
    private const int MaxDepth = 6;

    private readonly PhiWorld _world;
    private readonly INamedTypeSymbol? _fileStream;
    private readonly INamedTypeSymbol? _string;
    private readonly Dictionary<INamedTypeSymbol, HashSet<string>> _openers = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _wrappers = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _encrypting = new(SymbolEqualityComparer.Default);

    public FileBacking(Compilation compilation, PhiWorld world)
    {
        _world = world;
        _fileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        _string = compilation.GetSpecialType(SpecialType.System_String);
        foreach (var (typeName, member) in CatalogTables.FileOpeners)
        {
            if (compilation.GetTypeByMetadataName(typeName) is { } type)
            {
                if (!_openers.TryGetValue(type, out var set))
                {
                    _openers[type] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(member);
            }
        }

        foreach (var name in CatalogTables.StreamWrappers)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _wrappers.Add(type);
            }
        }

        foreach (var name in CatalogTables.EncryptingStreams)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _encrypting.Add(type);
            }
        }
    }

    /// <summary>What the stream or writer <paramref name="operation"/> (an operation of the original tree) writes to.</summary>
    public Backing Of(IOperation? operation) => Of(operation, 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default));

    private Backing Of(IOperation? operation, int depth, HashSet<ISymbol> visited)
    {
        if (operation is null || depth > MaxDepth)
        {
            return Backing.Unknown;
        }

        operation = Strip(operation);
        if (DerivesFrom(operation.Type, _fileStream))
        {
            return Backing.File;
        }

        switch (operation)
        {
            case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol created:
                if (Is(created, _encrypting))
                {
                    return Backing.Encrypted;
                }

                if (Is(created, _wrappers) && creation.Arguments.Length > 0)
                {
                    var inner = FirstArgument(creation.Arguments);
                    // new StreamWriter(path): the string is a file path.
                    return inner?.Type is { } innerType && SymbolEqualityComparer.Default.Equals(innerType, _string)
                        ? Backing.File
                        : Of(inner, depth + 1, visited);
                }

                return Backing.Unknown;
            case IInvocationOperation invocation:
                return Invocation(invocation, depth, visited);
            case ILocalReferenceOperation local:
                return visited.Add(local.Local) ? Local(local.Local, depth, visited) : Backing.Unknown;
            case IFieldReferenceOperation field:
                return visited.Add(field.Field) ? Member(field.Field, depth, visited) : Backing.Unknown;
            case IPropertyReferenceOperation property when property.Arguments.Length == 0:
                return visited.Add(property.Property) ? Member(property.Property, depth, visited) : Backing.Unknown;
            case IConditionalOperation conditional:
                return Join(Of(conditional.WhenTrue, depth + 1, visited), Of(conditional.WhenFalse, depth + 1, visited));
            case ICoalesceOperation coalesce:
                return Join(Of(coalesce.Value, depth + 1, visited), Of(coalesce.WhenNull, depth + 1, visited));
            case IAwaitOperation awaited:
                return Of(awaited.Operation, depth + 1, visited);
            default:
                return Backing.Unknown;
        }
    }

    private Backing Invocation(IInvocationOperation invocation, int depth, HashSet<ISymbol> visited)
    {
        var method = invocation.TargetMethod;
        for (var t = method.ContainingType; t is not null; t = t.BaseType)
        {
            if (_openers.TryGetValue(t.OriginalDefinition, out var members) && members.Contains(method.Name))
            {
                return Backing.File;
            }
        }

        // A factory of the project: what it returns.
        var original = method.OriginalDefinition;
        if (!visited.Add(original))
        {
            return Backing.Unknown;
        }

        var result = Backing.Unknown;
        foreach (var reference in original.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var model = _world.ModelFor(syntax.SyntaxTree);
            if (syntax is MethodDeclarationSyntax { ExpressionBody: { } arrow })
            {
                result = Join(result, Of(model.GetOperation(arrow.Expression), depth + 1, visited));
            }
            else if (syntax is MethodDeclarationSyntax { Body: { } body })
            {
                foreach (var node in body.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)))
                {
                    if (node is ReturnStatementSyntax { Expression: { } returned })
                    {
                        result = Join(result, Of(model.GetOperation(returned), depth + 1, visited));
                    }
                }
            }
        }

        return result;
    }

    private Backing Local(ILocalSymbol local, int depth, HashSet<ISymbol> visited)
    {
        var result = Backing.Unknown;
        SyntaxNode? scope = null;
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var model = _world.ModelFor(syntax.SyntaxTree);
            if (syntax is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                result = Join(result, Of(model.GetOperation(value), depth + 1, visited));
            }

            scope ??= EnclosingBody(syntax);
        }

        return scope is null ? result : Join(result, Assignments(scope, local, depth, visited));
    }

    private Backing Member(ISymbol member, int depth, HashSet<ISymbol> visited)
    {
        var result = Backing.Unknown;
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var model = _world.ModelFor(syntax.SyntaxTree);
            var initializer = syntax switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } v } => v,
                PropertyDeclarationSyntax { Initializer.Value: { } v } => v,
                _ => null,
            };
            if (initializer is not null)
            {
                result = Join(result, Of(model.GetOperation(initializer), depth + 1, visited));
            }
        }

        if (member.ContainingType is { } type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                result = Join(result, Assignments(reference.GetSyntax(), member, depth, visited));
            }
        }

        return result;
    }

    /// <summary>Values assigned to <paramref name="symbol"/> anywhere under <paramref name="scope"/>.</summary>
    private Backing Assignments(SyntaxNode scope, ISymbol symbol, int depth, HashSet<ISymbol> visited)
    {
        var result = Backing.Unknown;
        SemanticModel? model = null;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is not AssignmentExpressionSyntax { Left: var left, Right: var right } assignment
                || !assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression))
            {
                continue;
            }

            var name = left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var n } => n.Identifier.ValueText,
                _ => null,
            };
            if (name != symbol.Name)
            {
                continue;
            }

            model ??= _world.ModelFor(scope.SyntaxTree);
            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(left).Symbol?.OriginalDefinition, symbol.OriginalDefinition))
            {
                result = Join(result, Of(model.GetOperation(right), depth + 1, visited));
            }
        }

        return result;
    }

    private static SyntaxNode? EnclosingBody(SyntaxNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            if (n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax)
            {
                return n;
            }
        }

        return null;
    }

    private static IOperation? FirstArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>A file anywhere wins (it may be that file); otherwise an encrypting creation, else unknown (neither is reported).</summary>
    private static Backing Join(Backing a, Backing b)
    {
        if (a == Backing.File || b == Backing.File)
        {
            return Backing.File;
        }

        return a == Backing.Encrypted || b == Backing.Encrypted ? Backing.Encrypted : Backing.Unknown;
    }

    private static bool Is(INamedTypeSymbol type, HashSet<INamedTypeSymbol> set)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (set.Contains(t.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
