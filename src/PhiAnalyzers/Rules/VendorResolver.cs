using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Engine;
using PhiGuard.Inventory;

namespace PhiAnalyzers.Rules;

/// <summary>
/// Decides which inventory vendor an egress call goes to, in the documented order: [BaaCovered] on the called
/// method or its type, or on the parameter that receives the data; on the receiver's declaration (field, property,
/// parameter, local) or its type; the client's provenance (a client obtained from another client belongs to the
/// same vendor); the inventory's clients mapping; a typed client (the call is made inside a [BaaCovered] member or
/// type); the host of a constant absolute URL in the call; the host of a constant BaseAddress (object initializer,
/// assignment in the declaring type, AddHttpClient configuration). Null vendor: unknown destination.
/// </summary>
internal sealed class VendorResolver
{
    private const int MaxProvenanceDepth = 8;
    private const string UnknownReason = "no [BaaCovered], inventory client or known host identifies it";
    private readonly PhiCatalog _catalog;
    private readonly BaaInventory? _inventory;
    private readonly PhiWorld _world;
    private readonly Lazy<HttpClientRegistrations> _registrations;

    public VendorResolver(PhiWorld world, BaaInventory? inventory)
    {
        _world = world;
        _catalog = world.Catalog;
        _inventory = inventory;
        _registrations = new Lazy<HttpClientRegistrations>(() => HttpClientRegistrations.Scan(world), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The vendor id (possibly absent from the inventory) and how it was found; null id when unknown (and why).</summary>
    public (string? VendorId, string How) Resolve(IOperation sink)
    {
        var model = _world.ModelFor(sink.Syntax.SyntaxTree);

        // The flow graph replaces some arguments with captures: read the call as the source wrote it.
        var call = model.GetOperation(sink.Syntax) is { } original && original.Kind == sink.Kind ? original : sink;
        var method = SinkTargets.TargetMethod(call);
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

        if (call is IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && Covered(parameter) is { } onParameter)
                {
                    return (onParameter, "[BaaCovered] on parameter " + parameter.Name);
                }
            }
        }

        var receiver = SinkTargets.Receiver(call, model);
        if (receiver is not null && FromReceiver(receiver, 0) is { } fromReceiver)
        {
            return fromReceiver;
        }

        // Typed clients: the call is made inside a member or type marked [BaaCovered].
        for (var member = SinkTargets.ContainingMember(call, model); member is not null; member = member.ContainingType)
        {
            if (Covered(member) is { } enclosing)
            {
                return (enclosing, "[BaaCovered] on " + member.Name);
            }
        }

        // An absolute URL in the call wins over the client's BaseAddress, as it does at run time.
        var host = FromUrl(call);
        if (host is not null && _inventory?.FindByHost(host) is { } byHost)
        {
            return (byHost.Id, "host " + host);
        }

        if (host is null && receiver is not null && BaseAddressHost(receiver, 0) is { } baseHost)
        {
            if (_inventory?.FindByHost(baseHost) is { } byBaseAddress)
            {
                return (byBaseAddress.Id, "BaseAddress host " + baseHost);
            }

            host = baseHost;
        }

        return host is null || _inventory is null
            ? (null, UnknownReason)
            : (null, "its host '" + host + "' matches no vendor's hosts, and no [BaaCovered] or inventory client identifies it");
    }

    private (string?, string)? FromReceiver(IOperation receiver, int depth)
    {
        if (depth > MaxProvenanceDepth)
        {
            return null;
        }

        receiver = SinkTargets.Strip(receiver);
        var declared = DeclaredSymbol(receiver);
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
            case IInvocationOperation factory:
                if (Covered(factory.TargetMethod) is { } onFactory)
                {
                    return (onFactory, "[BaaCovered] on " + PhiCatalog.DisplayOf(factory.TargetMethod));
                }

                if (Covered(factory.TargetMethod.ContainingType) is { } onFactoryType)
                {
                    return (onFactoryType, "[BaaCovered] on " + factory.TargetMethod.ContainingType.Name);
                }

                // A client handed out by another client (instance or extension method) belongs to the same vendor.
                var parent = factory.Instance
                    ?? (factory.TargetMethod.IsExtensionMethod && factory.Arguments.Length > 0 ? factory.Arguments[0].Value : null);
                if (parent is not null && FromReceiver(parent, depth + 1) is { } fromParent)
                {
                    return fromParent;
                }

                break;
            case IPropertyReferenceOperation { Instance: { } owner } when owner is not IInstanceReferenceOperation:
                if (FromReceiver(owner, depth + 1) is { } parentOfProperty)
                {
                    return parentOfProperty;
                }

                break;
            case ILocalReferenceOperation:
            case IFieldReferenceOperation:
            case IPropertyReferenceOperation:
                foreach (var value in AssignedValues(declared!))
                {
                    if (FromReceiver(value, depth + 1) is { } fromValue)
                    {
                        return fromValue;
                    }
                }

                break;
        }

        if (receiver.Type is INamedTypeSymbol named && FromClients(named) is { } byClient)
        {
            return byClient;
        }

        return null;
    }

    private static ISymbol? DeclaredSymbol(IOperation receiver) => receiver switch
    {
        IFieldReferenceOperation f => f.Field,
        IPropertyReferenceOperation p => p.Property,
        IParameterReferenceOperation p => p.Parameter,
        ILocalReferenceOperation l => l.Local,
        _ => null,
    };

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

    /// <summary>
    /// What a local, field or property is given: its declaration's initializer, then the values assigned to it in
    /// its declaring type (a field set in the constructor from a factory call). Constructor parameters are not followed.
    /// </summary>
    private IEnumerable<IOperation> AssignedValues(ISymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var initializer = syntax switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } v } => v,
                PropertyDeclarationSyntax { Initializer.Value: { } v } => v,
                _ => null,
            };
            if (initializer is not null && _world.ModelFor(initializer.SyntaxTree).GetOperation(initializer) is { } operation)
            {
                yield return operation;
            }
        }

        if (symbol is ILocalSymbol || symbol.ContainingType is null)
        {
            yield break;
        }

        foreach (var reference in symbol.ContainingType.DeclaringSyntaxReferences)
        {
            var model = _world.ModelFor(reference.SyntaxTree);
            foreach (var assignment in reference.GetSyntax().DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (NameOf(assignment.Left) != symbol.Name)
                {
                    continue;
                }

                if (model.GetOperation(assignment) is ISimpleAssignmentOperation { Target: { } target, Value: { } value }
                    && SymbolEqualityComparer.Default.Equals(DeclaredSymbol(SinkTargets.Strip(target)), symbol))
                {
                    yield return value;
                }
            }
        }
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax id => id.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The host of an absolute URL given to the call (a constant, or text that starts with one).</summary>
    private string? FromUrl(IOperation call)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };
        if (arguments.IsDefaultOrEmpty)
        {
            return null;
        }

        foreach (var argument in arguments)
        {
            if (HostOf(argument.Value, 0) is { } host)
            {
                return host;
            }
        }

        return null;
    }

    /// <summary>
    /// The host of a URL value: a constant string, an interpolated or concatenated string whose constant start holds
    /// the whole host, <c>new Uri(...)</c>, <c>new HttpRequestMessage(method, url)</c>, or a local or field initialized so.
    /// </summary>
    private string? HostOf(IOperation? value, int depth)
    {
        if (value is null || depth > MaxProvenanceDepth)
        {
            return null;
        }

        value = SinkTargets.Strip(value);
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            return HostOfText(text, complete: true);
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
                return LeadingText(interpolated, out var whole) is { } start ? HostOfText(start, complete: whole) : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                return LeadingText(concatenation) is { } leading ? HostOfText(leading, complete: false) : null;
            case IObjectCreationOperation creation when creation.Type?.Name is "Uri" or "HttpRequestMessage":
                foreach (var argument in creation.Arguments)
                {
                    if (HostOf(argument.Value, depth + 1) is { } host)
                    {
                        return host;
                    }
                }

                return null;
            case ILocalReferenceOperation or IFieldReferenceOperation when value.Type is { SpecialType: SpecialType.System_String } or { Name: "Uri" or "HttpRequestMessage" }:
                foreach (var assigned in AssignedValues(DeclaredSymbol(value)!))
                {
                    if (HostOf(assigned, depth + 1) is { } host)
                    {
                        return host;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The constant start of an interpolated string: its text parts and the holes that are constants
    /// (<c>$"{BaseUrl}/lookup?ssn={p.Ssn}"</c> with <c>const string BaseUrl</c>).
    /// </summary>
    private static string? LeadingText(IInterpolatedStringOperation interpolated, out bool whole)
    {
        var text = new System.Text.StringBuilder();
        whole = true;
        foreach (var part in interpolated.Parts)
        {
            var constant = part switch
            {
                IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string t } } => t,
                IInterpolationOperation { Alignment: null, FormatString: null, Expression.ConstantValue: { HasValue: true, Value: string c } } => c,
                _ => null,
            };
            if (constant is null)
            {
                whole = false;
                break;
            }

            text.Append(constant);
        }

        return text.Length > 0 ? text.ToString() : null;
    }

    private static string? LeadingText(IOperation operation)
    {
        while (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary)
        {
            if (binary.ConstantValue is { HasValue: true, Value: string whole })
            {
                return whole;
            }

            operation = SinkTargets.Strip(binary.LeftOperand);
        }

        return operation.ConstantValue is { HasValue: true, Value: string text } ? text : null;
    }

    /// <summary>
    /// The host of <paramref name="text"/> when it is an absolute http(s) URL. When the text is only the start of
    /// the URL, the host must be followed by a port, path, query or fragment in it, or it may not be complete.
    /// </summary>
    private static string? HostOfText(string text, bool complete)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return null;
        }

        if (!complete)
        {
            var authority = scheme + 3;
            var end = text.IndexOfAny(new[] { '/', '?', '#', ':' }, authority);
            if (end < 0)
            {
                return null;
            }

            text = text.Substring(0, end);
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : null;
    }

    /// <summary>
    /// The host of the client's constant BaseAddress: set in an object initializer where the client was created,
    /// given to a named client (<c>factory.CreateClient("name")</c>) or a typed client by <c>AddHttpClient</c>, or
    /// assigned anywhere in the declaring type of the receiver.
    /// </summary>
    private string? BaseAddressHost(IOperation receiver, int depth)
    {
        if (depth > MaxProvenanceDepth)
        {
            return null;
        }

        receiver = SinkTargets.Strip(receiver);
        switch (receiver)
        {
            case IObjectCreationOperation creation:
                // A mail client's server: new SmtpClient("smtp.host") or new SmtpClient { Host = "smtp.host" }.
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter?.Name == "host" && PlainHost(argument.Value) is { } serverHost)
                    {
                        return serverHost;
                    }
                }

                foreach (var member in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" }, Value: var value }
                        && HostOf(value, 0) is { } host)
                    {
                        return host;
                    }

                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Host" }, Value: var hostValue }
                        && PlainHost(hostValue) is { } assignedHost)
                    {
                        return assignedHost;
                    }
                }

                return null;
            case IInvocationOperation { TargetMethod.Name: "CreateClient" } create
                when create.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String)?.Value.ConstantValue is { HasValue: true, Value: string name }:
                return _registrations.Value.Named(name);
        }

        var declared = DeclaredSymbol(receiver);
        if (declared is null)
        {
            return null;
        }

        if (declared is ILocalSymbol or IFieldSymbol or IPropertySymbol)
        {
            foreach (var value in AssignedValues(declared))
            {
                if (BaseAddressHost(value, depth + 1) is { } host)
                {
                    return host;
                }
            }
        }

        var type = declared.ContainingType;
        return type is null ? null : AssignedBaseAddress(type) ?? _registrations.Value.Typed(type);
    }

    /// <summary>A constant host name (not a URL), as mail clients take it.</summary>
    private static string? PlainHost(IOperation value)
        => SinkTargets.Strip(value).ConstantValue is { HasValue: true, Value: string text }
           && Uri.CheckHostName(text.Trim()) == UriHostNameType.Dns
            ? text.Trim().ToLowerInvariant()
            : null;

    /// <summary><c>x.BaseAddress = new Uri("https://host/")</c> (or a constant) anywhere in the type.</summary>
    private string? AssignedBaseAddress(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var model = _world.ModelFor(reference.SyntaxTree);
            foreach (var assignment in reference.GetSyntax().DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (NameOf(assignment.Left) == "BaseAddress"
                    && model.GetOperation(assignment) is ISimpleAssignmentOperation { Value: var value }
                    && HostOf(value, 0) is { } host)
                {
                    return host;
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

    /// <summary>
    /// The BaseAddress hosts configured by <c>services.AddHttpClient(...)</c> in the compilation: named clients by name,
    /// typed clients by type. Read once per compilation, and only when an egress needs it.
    /// </summary>
    private sealed class HttpClientRegistrations
    {
        private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
        private readonly Dictionary<ITypeSymbol, string> _typed = new(SymbolEqualityComparer.Default);

        public string? Named(string name) => _named.TryGetValue(name, out var host) ? host : null;

        public string? Typed(ITypeSymbol type) => _typed.TryGetValue(type, out var host) ? host : null;

        public static HttpClientRegistrations Scan(PhiWorld world)
        {
            var result = new HttpClientRegistrations();
            var buffer = new char[4096];
            foreach (var tree in world.Compilation.SyntaxTrees)
            {
                if (!ContainsText(tree.GetText(), "AddHttpClient", buffer))
                {
                    continue; // its syntax need not be walked
                }

                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation || !IsAddHttpClient(invocation.Expression))
                    {
                        continue;
                    }

                    model ??= world.ModelFor(tree);
                    if (model.GetOperation(invocation) is IInvocationOperation { TargetMethod.ContainingType.Name: "HttpClientFactoryServiceCollectionExtensions" } operation)
                    {
                        result.Add(operation, invocation);
                    }
                }
            }

            return result;
        }

        /// <summary>Whether <paramref name="text"/> contains <paramref name="value"/> (read in overlapping chunks, no copy of the whole text).</summary>
        private static bool ContainsText(Microsoft.CodeAnalysis.Text.SourceText text, string value, char[] buffer)
        {
            // Consecutive chunks overlap by value.Length - 1 characters, so a match across a chunk's end is seen whole in the next.
            var step = buffer.Length - value.Length + 1;
            for (var start = 0; start < text.Length; start += step)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                for (var i = 0; i + value.Length <= count; i++)
                {
                    var k = 0;
                    while (k < value.Length && buffer[i + k] == value[k])
                    {
                        k++;
                    }

                    if (k == value.Length)
                    {
                        return true;
                    }
                }

                if (start + count >= text.Length)
                {
                    break;
                }
            }

            return false;
        }

        private static bool IsAddHttpClient(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "AddHttpClient",
            SimpleNameSyntax name => name.Identifier.ValueText == "AddHttpClient",
            _ => false,
        };

        private void Add(IInvocationOperation registration, InvocationExpressionSyntax syntax)
        {
            // The configuration: lambdas given to AddHttpClient and to ConfigureHttpClient chained on it.
            string? host = null;
            foreach (var argument in registration.Arguments)
            {
                host ??= LambdaBaseAddress(argument.Value);
            }

            for (SyntaxNode node = syntax; host is null && node.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax chained } access; node = chained)
            {
                if (access.Name.Identifier.ValueText == "ConfigureHttpClient"
                    && registration.SemanticModel?.GetOperation(chained) is IInvocationOperation configure)
                {
                    foreach (var argument in configure.Arguments)
                    {
                        host ??= LambdaBaseAddress(argument.Value);
                    }
                }
            }

            if (host is null)
            {
                return;
            }

            foreach (var typeArgument in registration.TargetMethod.TypeArguments)
            {
                _typed[typeArgument] = host;
            }

            foreach (var argument in registration.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && argument.Value.ConstantValue is { HasValue: true, Value: string name })
                {
                    _named[name] = host;
                }
            }
        }

        private static string? LambdaBaseAddress(IOperation value)
        {
            var lambda = SinkTargets.Strip(value) switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation f } => f,
                IAnonymousFunctionOperation f => f,
                _ => null,
            };
            if (lambda is null)
            {
                return null;
            }

            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" }, Value: var assigned }
                    && StaticHostOf(assigned) is { } host)
                {
                    return host;
                }
            }

            return null;
        }

        private static string? StaticHostOf(IOperation value)
        {
            value = SinkTargets.Strip(value);
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                return HostOfText(text, complete: true);
            }

            if (value is IObjectCreationOperation { Type.Name: "Uri" } creation)
            {
                foreach (var argument in creation.Arguments)
                {
                    if (StaticHostOf(argument.Value) is { } host)
                    {
                        return host;
                    }
                }
            }

            return null;
        }
    }
}
