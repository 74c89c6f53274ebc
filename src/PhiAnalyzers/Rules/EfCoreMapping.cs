using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Engine;

namespace PhiAnalyzers.Rules;

/// <summary>
/// EF Core: which properties of an entity a <c>DbContext</c> maps through a value converter. Read from the context's
/// <c>OnModelCreating</c> (<c>Entity&lt;T&gt;().Property(x =&gt; x.P).HasConversion(...)</c>, in lambdas and in
/// <c>ApplyConfiguration(new XConfiguration())</c>) and <c>ConfigureConventions</c>
/// (<c>Properties&lt;T&gt;().HaveConversion(...)</c>), once per context type per compilation.
/// </summary>
internal sealed class EfCoreMapping
{
    private const int MaxNesting = 3;

    private readonly PhiWorld _world;
    private readonly PhiCatalog _catalog;
    private readonly INamedTypeSymbol? _dbContext;
    private readonly INamedTypeSymbol? _dbSet;
    private readonly HashSet<string> _converterCalls = new(CatalogTables.EfConverterCalls, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<INamedTypeSymbol, Conversions> _byContext = new(SymbolEqualityComparer.Default);

    public EfCoreMapping(Compilation compilation, PhiWorld world)
    {
        _world = world;
        _catalog = world.Catalog;
        _dbContext = compilation.GetTypeByMetadataName(CatalogTables.EfDbContext);
        _dbSet = compilation.GetTypeByMetadataName(CatalogTables.EfDbSet);
    }

    /// <summary>Is this call an entity write of a DbContext or DbSet (Add, Update, Attach...)?</summary>
    public bool IsEntityWrite(IMethodSymbol method)
        => _dbContext is not null && (IsContext(method.ContainingType) || IsDbSet(method.ContainingType));

    /// <summary>The context type a DbContext/DbSet write goes through, when the code shows it.</summary>
    public INamedTypeSymbol? ContextOf(IInvocationOperation write, SemanticModel model)
    {
        var receiver = SinkTargets.Receiver(write, model);
        if (receiver?.Type is INamedTypeSymbol receiverType && IsContext(receiverType))
        {
            return receiverType;
        }

        return receiver switch
        {
            IPropertyReferenceOperation { Property.ContainingType: var owner } when IsContext(owner) => owner,
            IFieldReferenceOperation { Field.ContainingType: var owner } when IsContext(owner) => owner,
            IInvocationOperation { Instance.Type: INamedTypeSymbol owner } when IsContext(owner) => owner,
            _ => null,
        };
    }

    /// <summary>
    /// The PHI-carrying properties of the written entities that have no value converter, as <c>Type.Property</c>;
    /// empty when every one is converted; null when the entity type cannot be told (e.g. <c>Add(object)</c>).
    /// </summary>
    public IReadOnlyList<string>? Unconverted(IInvocationOperation write, INamedTypeSymbol? context, CancellationToken cancellationToken)
    {
        var entities = EntityTypes(write);
        if (entities is null)
        {
            return null;
        }

        var conversions = context is null ? Conversions.None : _byContext.GetOrAdd(context, c => Scan(c, cancellationToken));
        var missing = new List<string>();
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var entity in entities)
        {
            Collect(entity, conversions, missing, visited, 0, cancellationToken);
        }

        return missing;
    }

    private List<ITypeSymbol>? EntityTypes(IInvocationOperation write)
    {
        var method = write.TargetMethod;
        if (IsDbSet(method.ContainingType) && method.ContainingType is { TypeArguments.Length: 1 } set)
        {
            return Known(set.TypeArguments[0]);
        }

        if (method.IsGenericMethod && method.TypeArguments.Length == 1)
        {
            return Known(method.TypeArguments[0]);
        }

        var result = new List<ITypeSymbol>();
        foreach (var argument in write.Arguments)
        {
            if (argument.Parameter is null || _catalog.IsNonDataType(argument.Parameter.Type))
            {
                continue;
            }

            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
            {
                foreach (var element in elements.ElementValues)
                {
                    if (Known(SinkTargets.Strip(StripAll(element)).Type) is not { } one)
                    {
                        return null;
                    }

                    result.AddRange(one);
                }

                continue;
            }

            if (Known(ElementOrSelf(StripAll(argument.Value).Type)) is not { } types)
            {
                return null;
            }

            result.AddRange(types);
        }

        return result;
    }

    private static List<ITypeSymbol>? Known(ITypeSymbol? type)
        => type is null || type.SpecialType == SpecialType.System_Object || type.TypeKind is TypeKind.TypeParameter or TypeKind.Error or TypeKind.Interface
            ? null
            : new List<ITypeSymbol> { type };

    private static ITypeSymbol? ElementOrSelf(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol named && named.SpecialType != SpecialType.System_String)
        {
            foreach (var i in named.AllInterfaces.Concat(new[] { named }))
            {
                if (i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return i.TypeArguments[0];
                }
            }
        }

        return type;
    }

    private static IOperation StripAll(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private void Collect(ITypeSymbol entity, Conversions conversions, List<string> missing, HashSet<ITypeSymbol> visited, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxNesting || !visited.Add(entity))
        {
            return;
        }

        for (var t = entity as INamedTypeSymbol; t is not null && t.SpecialType == SpecialType.None; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    continue;
                }

                if (conversions.Covers(entity, t, property))
                {
                    continue;
                }

                // A navigation (owned type, related entity, collection of them): its own properties are mapped.
                if (Navigation(property.Type) is { } target)
                {
                    Collect(target, conversions, missing, visited, depth + 1, cancellationToken);
                    if (!_catalog.TryGetPhiKind(property, out _))
                    {
                        continue;
                    }
                }

                if (CarriesPhi(property, cancellationToken))
                {
                    missing.Add(entity.Name + "." + property.Name);
                }
            }
        }
    }

    private bool CarriesPhi(IPropertySymbol property, CancellationToken cancellationToken)
    {
        var marking = _catalog.GetMemberPhi(property);
        if (marking.IsPhi)
        {
            return true;
        }

        // An unmarked column that is given PHI somewhere (new Note { Text = patient.Name }).
        return !marking.IsNotPhi
            && property.Locations.Length > 0 && property.Locations[0].IsInSource
            && _world.FieldValue(property, cancellationToken).HasConcrete;
    }

    /// <summary>The entity type a property navigates to: a class or struct of the project (or a collection of them).</summary>
    private static ITypeSymbol? Navigation(ITypeSymbol type)
    {
        var target = type.SpecialType == SpecialType.System_String ? type : ElementOrSelf(type);
        return target is INamedTypeSymbol { SpecialType: SpecialType.None, TypeKind: TypeKind.Class or TypeKind.Struct } named
            && named.Locations.Length > 0 && named.Locations[0].IsInSource
            ? named
            : null;
    }

    private bool IsContext(INamedTypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, _dbContext))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsDbSet(INamedTypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, _dbSet))
            {
                return true;
            }
        }

        return false;
    }

    // ---------------------------------------------------------------- reading the model configuration

    private Conversions Scan(INamedTypeSymbol context, CancellationToken cancellationToken)
    {
        var conversions = new Conversions();
        var scanned = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        for (var t = context; t is not null && !SymbolEqualityComparer.Default.Equals(t, _dbContext); t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is IMethodSymbol { Name: "OnModelCreating" or "ConfigureConventions" } method)
                {
                    ScanMethod(method, conversions, scanned, cancellationToken);
                }
            }
        }

        return conversions;
    }

    private void ScanMethod(IMethodSymbol method, Conversions conversions, HashSet<IMethodSymbol> scanned, CancellationToken cancellationToken)
    {
        if (!scanned.Add(method.OriginalDefinition) || scanned.Count > 64)
        {
            return;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not BaseMethodDeclarationSyntax { Body: not null } and not BaseMethodDeclarationSyntax { ExpressionBody: not null })
            {
                continue;
            }

            var body = _world.ModelFor(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
            if (body is null)
            {
                continue;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                if (_converterCalls.Contains(invocation.TargetMethod.Name))
                {
                    RecordConversion(invocation, conversions);
                }
                else if (invocation.TargetMethod.Name == "ApplyConfiguration" && invocation.Arguments.Length > 0
                    && StripAll(invocation.Arguments[invocation.Arguments.Length - 1].Value).Type is INamedTypeSymbol configuration)
                {
                    foreach (var configure in configuration.GetMembers("Configure").OfType<IMethodSymbol>())
                    {
                        ScanMethod(configure, conversions, scanned, cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary><c>....Property(x =&gt; x.Name)...HasConversion(c)</c> or <c>Properties&lt;string&gt;()...HaveConversion(c)</c>.</summary>
    private static void RecordConversion(IInvocationOperation conversion, Conversions conversions)
    {
        var receiver = ReceiverOf(conversion);
        for (var guard = 0; receiver is IInvocationOperation call && guard < 16; guard++)
        {
            switch (call.TargetMethod.Name)
            {
                case "Property" when EntityOf(call) is { } entity && PropertyName(call) is { } name:
                    conversions.Add(entity, name);
                    return;
                case "Properties" when call.TargetMethod.TypeArguments.Length == 1:
                    conversions.AddType(call.TargetMethod.TypeArguments[0]);
                    return;
            }

            receiver = ReceiverOf(call);
        }
    }

    private static IOperation? ReceiverOf(IInvocationOperation call)
    {
        var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        return receiver is null ? null : StripAll(receiver);
    }

    /// <summary>The entity of <c>EntityTypeBuilder&lt;T&gt;.Property</c>: the builder's last type argument.</summary>
    private static ITypeSymbol? EntityOf(IInvocationOperation property)
    {
        var builder = (ReceiverOf(property)?.Type ?? property.TargetMethod.ContainingType) as INamedTypeSymbol;
        return builder is { TypeArguments.Length: > 0 } ? builder.TypeArguments[builder.TypeArguments.Length - 1] : null;
    }

    private static string? PropertyName(IInvocationOperation property)
    {
        foreach (var argument in property.Arguments)
        {
            var value = StripAll(argument.Value);
            if (value.ConstantValue is { HasValue: true, Value: string name })
            {
                return name;
            }

            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            if (value is IAnonymousFunctionOperation { Body.Operations: { Length: > 0 } operations })
            {
                var returned = operations[0] is IReturnOperation { ReturnedValue: { } r } ? StripAll(r) : null;
                return returned switch
                {
                    IPropertyReferenceOperation p => p.Property.Name,
                    IFieldReferenceOperation f => f.Field.Name,
                    _ => null,
                };
            }
        }

        return null;
    }

    private sealed class Conversions
    {
        public static readonly Conversions None = new();

        private readonly HashSet<(ITypeSymbol, string)> _properties = new(new PairComparer());
        private readonly HashSet<ITypeSymbol> _types = new(SymbolEqualityComparer.Default);

        public void Add(ITypeSymbol entity, string property) => _properties.Add((entity, property));

        public void AddType(ITypeSymbol type) => _types.Add(type);

        /// <summary>Configured on the written entity, on the type that declares the property, or for every property of its type.</summary>
        public bool Covers(ITypeSymbol entity, ITypeSymbol declaring, IPropertySymbol property)
            => _properties.Contains((entity, property.Name))
            || _properties.Contains((declaring, property.Name))
            || _types.Contains(property.Type)
            || (property.Type is INamedTypeSymbol { IsValueType: true, OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && _types.Contains(nullable.TypeArguments[0]));

        private sealed class PairComparer : IEqualityComparer<(ITypeSymbol Type, string Name)>
        {
            public bool Equals((ITypeSymbol Type, string Name) x, (ITypeSymbol Type, string Name) y)
                => SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && string.Equals(x.Name, y.Name, StringComparison.Ordinal);

            public int GetHashCode((ITypeSymbol Type, string Name) obj)
                => unchecked((SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 31) + StringComparer.Ordinal.GetHashCode(obj.Name));
        }
    }
}
