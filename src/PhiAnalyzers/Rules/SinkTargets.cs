using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PhiAnalyzers.Rules;

/// <summary>Reading the shape of a sink call: what it calls, on what, from where. Shared by the rules.</summary>
internal static class SinkTargets
{
    public static IMethodSymbol? TargetMethod(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IObjectCreationOperation creation => creation.Constructor,
        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => property.Property.SetMethod,
        _ => null,
    };

    /// <summary>The receiver of the call as the original (not flow-graph) operation tree sees it.</summary>
    public static IOperation? Receiver(IOperation operation, SemanticModel? fallback = null)
    {
        ExpressionSyntax? receiverSyntax = operation.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression,
            InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax, Parent: ConditionalAccessExpressionSyntax conditional } => conditional.Expression,
            AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax access } => access.Expression,
            _ => null,
        };
        if (receiverSyntax is not null && (operation.SemanticModel ?? fallback) is { } model)
        {
            if (model.GetOperation(receiverSyntax) is { } original)
            {
                return Strip(original);
            }
        }

        if (operation is IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return Strip(instance);
            }

            // Extension method: the receiver is the first argument.
            if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                return Strip(invocation.Arguments[0].Value);
            }
        }

        return null;
    }

    public static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>The member (method, accessor, lambda's owner) whose body holds the operation.</summary>
    public static ISymbol? ContainingMember(IOperation operation, SemanticModel? fallback = null)
    {
        var model = operation.SemanticModel ?? fallback;
        var symbol = model?.GetEnclosingSymbol(operation.Syntax.SpanStart);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } inner)
        {
            symbol = inner.ContainingSymbol;
        }

        return symbol;
    }
}
