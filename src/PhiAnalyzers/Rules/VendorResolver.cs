using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Engine;
using PhiGuard.Inventory;

namespace PhiAnalyzers.Rules;

/// <summary>
/// Decides which inventory vendor an egress call goes to, in the documented order: [BaaCovered] on the called
/// method or its type; on the receiver's declaration (field, property, parameter) or its type; the client's
/// provenance (a client obtained from another client belongs to the same vendor); the inventory's clients
/// mapping; the host of a constant URL or of a constant BaseAddress. Null vendor: unknown destination.
/// </summary>
internal sealed class VendorResolver
{
    private const int MaxProvenanceDepth = 8;
    private readonly PhiCatalog _catalog;
    private readonly BaaInventory? _inventory;
    private readonly PhiWorld _world;

    public VendorResolver(PhiWorld world, BaaInventory? inventory)
    {
        _world = world;
        _catalog = world.Catalog;
        _inventory = inventory;
    }

    /// <summary>The vendor id (possibly absent from the inventory) and how it was found; null id when unknown.</summary>
    public (string? VendorId, string How) Resolve(IOperation sink)
    {
        var method = SinkTargets.TargetMethod(sink);
        if (method is not null)
        {
            if (Covered(method) is { } onMethod)
            {
                return (onMethod, "[BaaCovered] on " + PhiCatalog.DisplayOf(method));
            }

            if (Covered(method.ContainingType) is { } onType)
            {
                return (onType, "[BaaCovered] on " + method.ContainingType.Name);
            }
        }

        if (sink is IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && Covered(parameter) is { } onParameter)
                {
                    return (onParameter, "[BaaCovered] on parameter " + parameter.Name);
                }
            }
        }

        if (SinkTargets.Receiver(sink, _world.ModelFor(sink.Syntax.SyntaxTree)) is { } receiver && FromReceiver(receiver, 0) is { } fromReceiver)
        {
            return fromReceiver;
        }

        // Typed clients: the call is made inside a member or type marked [BaaCovered].
        for (var member = SinkTargets.ContainingMember(sink, _world.ModelFor(sink.Syntax.SyntaxTree)); member is not null; member = member.ContainingType)
        {
            if (Covered(member) is { } enclosing)
            {
                return (enclosing, "[BaaCovered] on " + member.Name);
            }
        }

        if (FromUrl(sink) is { } host && _inventory?.FindByHost(host) is { } byHost)
        {
            return (byHost.Id, "host " + host);
        }

        return (null, "no [BaaCovered], inventory client or known host identifies it");
    }

    private (string?, string)? FromReceiver(IOperation receiver, int depth)
    {
        if (depth > MaxProvenanceDepth)
        {
            return null;
        }

        receiver = SinkTargets.Strip(receiver);
        ISymbol? declared = receiver switch
        {
            IFieldReferenceOperation f => f.Field,
            IPropertyReferenceOperation p => p.Property,
            IParameterReferenceOperation p => p.Parameter,
            ILocalReferenceOperation l => l.Local,
            _ => null,
        };
        if (declared is not null && Covered(declared) is { } onDeclaration)
        {
            return (onDeclaration, "[BaaCovered] on " + declared.Name);
        }

        if (receiver.Type is { } type && Covered(type) is { } onType)
        {
            return (onType, "[BaaCovered] on " + type.Name);
        }

        // Provenance: where the client object came from.
        switch (receiver)
        {
            case IInvocationOperation factory when factory.Instance is not null:
                if (Covered(factory.TargetMethod) is { } onFactory)
                {
                    return (onFactory, "[BaaCovered] on " + PhiCatalog.DisplayOf(factory.TargetMethod));
                }

                if (FromReceiver(factory.Instance, depth + 1) is { } parent)
                {
                    return parent;
                }

                break;
            case IPropertyReferenceOperation { Instance: { } owner }:
                if (FromReceiver(owner, depth + 1) is { } parentOfProperty)
                {
                    return parentOfProperty;
                }

                break;
            case ILocalReferenceOperation local:
                if (InitializerOf(local.Local, receiver.SemanticModel) is { } init && FromReceiver(init, depth + 1) is { } fromInit)
                {
                    return fromInit;
                }

                break;
            case IFieldReferenceOperation field:
                if (InitializerOf(field.Field, receiver.SemanticModel) is { } fieldInit && FromReceiver(fieldInit, depth + 1) is { } fromFieldInit)
                {
                    return fromFieldInit;
                }

                break;
        }

        if (receiver.Type is INamedTypeSymbol named && FromClients(named) is { } byClient)
        {
            return byClient;
        }

        if (declared is not null && BaseAddressHost(declared) is { } host && _inventory?.FindByHost(host) is { } byHost)
        {
            return (byHost.Id, "BaseAddress host " + host);
        }

        return null;
    }

    private (string?, string)? FromClients(INamedTypeSymbol type)
    {
        if (_inventory is null)
        {
            return null;
        }

        foreach (var t in PhiCatalog.SelfAndSupertypes(type))
        {
            var name = t.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
            var generic = name.IndexOf('<');
            if (generic > 0)
            {
                name = name.Substring(0, generic);
            }

            if (_inventory.FindByClientType(name) is { } vendor)
            {
                return (vendor.Id, "inventory client " + name);
            }
        }

        return null;
    }

    private IOperation? InitializerOf(ISymbol symbol, SemanticModel? model)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                if (_world.ModelFor(value.SyntaxTree).GetOperation(value) is { } operation)
                {
                    return operation;
                }
            }
        }

        return null;
    }

    /// <summary>The host of an absolute URL given as a constant (string or new Uri("...")) to the call.</summary>
    private static string? FromUrl(IOperation sink)
    {
        if (sink is not IInvocationOperation invocation)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (HostOfConstant(argument.Value) is { } host)
            {
                return host;
            }
        }

        return null;
    }

    private static string? HostOfConstant(IOperation? value)
    {
        value = value is null ? null : SinkTargets.Strip(value);
        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: string text } }:
                return Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : null;
            case IObjectCreationOperation { Arguments.Length: > 0 } creation when creation.Type?.Name is "Uri" or "HttpRequestMessage":
                foreach (var argument in creation.Arguments)
                {
                    if (HostOfConstant(argument.Value) is { } host)
                    {
                        return host;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary><c>x.BaseAddress = new Uri("https://host/")</c> (or in an initializer) anywhere in the declaring type.</summary>
    private static string? BaseAddressHost(ISymbol declared)
    {
        var type = declared.ContainingType;
        if (type is null)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var assignment in reference.GetSyntax().DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var left = assignment.Left switch
                {
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    IdentifierNameSyntax id => id.Identifier.ValueText,
                    _ => null,
                };
                if (left != "BaseAddress")
                {
                    continue;
                }

                var literal = assignment.Right.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().FirstOrDefault();
                if (literal?.Token.Value is string text && Uri.TryCreate(text, UriKind.Absolute, out var uri))
                {
                    return uri.Host;
                }
            }
        }

        return null;
    }

    private string? Covered(ISymbol symbol)
    {
        var attribute = PhiCatalog.GetAttribute(symbol, _catalog.BaaCoveredAttribute);
        return attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is string id ? id : null;
    }
}
