using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PhiAnalyzers.Inventory;

/// <summary>Recognizes <c>[BaaCovered("vendor-id")]</c> in syntax and reads its vendor id.</summary>
internal static class BaaCoveredAttributes
{
    public const string MetadataName = "PhiGuard.BaaCoveredAttribute";

    /// <summary>True when <paramref name="attribute"/> binds to <paramref name="baaCoveredType"/>.</summary>
    public static bool IsBaaCovered(AttributeSyntax attribute, SemanticModel model, INamedTypeSymbol baaCoveredType, CancellationToken cancellationToken)
    {
        var symbol = model.GetSymbolInfo(attribute, cancellationToken).Symbol;
        return symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
            && SymbolEqualityComparer.Default.Equals(ctor.ContainingType, baaCoveredType);
    }

    /// <summary>
    /// The constant vendor id of a <c>[BaaCovered]</c> attribute, or null when <paramref name="attribute"/> is not one
    /// or its argument is not a constant string.
    /// </summary>
    public static string? GetVendorId(AttributeSyntax attribute, SemanticModel model, INamedTypeSymbol baaCoveredType, CancellationToken cancellationToken)
    {
        var arguments = attribute.ArgumentList?.Arguments;
        if (arguments is not { Count: > 0 } || !IsBaaCovered(attribute, model, baaCoveredType, cancellationToken))
        {
            return null;
        }

        foreach (var argument in arguments.Value)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null && argument.NameColon.Name.Identifier.ValueText != "vendorId")
            {
                continue;
            }

            var constant = model.GetConstantValue(argument.Expression, cancellationToken);
            return constant.HasValue ? constant.Value as string : null;
        }

        return null;
    }
}
