using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Engine;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI003: PHI written to a store not known to encrypt at rest (files, streams, caches, Redis, databases, blobs,
/// [PhiSink(Store)]). Writes through an <c>[EncryptedAtRest]</c> type, method or parameter are not findings.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PhiStoreAnalyzer : PhiFlowRuleAnalyzer
{
    public PhiStoreAnalyzer()
        : base(PhiDescriptors.PhiToUnencryptedStore)
    {
    }

    internal override SinkKinds Kinds => SinkKinds.Store;

    internal override RuleContext? CreateRuleContext(Compilation compilation, AnalyzerOptions options, PhiWorld world) => new StoreContext(this, compilation, world);

    private sealed class StoreContext : RuleContext
    {
        private readonly PhiCatalog _catalog;
        private readonly PhiWorld _world;
        private readonly FileBacking _files;
        private readonly EfCoreMapping _ef;

        public StoreContext(PhiFlowRuleAnalyzer analyzer, Compilation compilation, PhiWorld world)
            : base(analyzer)
        {
            _world = world;
            _catalog = world.Catalog;
            _files = new FileBacking(compilation, world);
            _ef = new EfCoreMapping(compilation, world);
        }

        protected override bool ShouldReport(SinkHit hit)
            => !IsEncrypted(hit.Operation, hit.DataOperation)
            && !IsEncrypted(hit.InnerOperation, null)
            && (!NeedsFile(hit.InnerOperation) || WritesToFile(hit))
            && !(EfContext(hit.InnerOperation) is { } context && IsEncryptedType(context));

        protected override Diagnostic? CreateDiagnostic(SinkHit hit, string origins, ImmutableArray<Location> originLocations, ImmutableDictionary<string, string?> properties)
        {
            var display = hit.Display;
            if (Original(hit.InnerOperation) is IInvocationOperation write && _ef.IsEntityWrite(write.TargetMethod))
            {
                var unconverted = _ef.Unconverted(write, _ef.ContextOf(write, ModelOf(write)), CancellationToken.None);
                if (unconverted is { Count: 0 })
                {
                    // Every PHI column of the entity is mapped through a value converter.
                    return null;
                }

                if (unconverted is not null)
                {
                    display += ": " + string.Join(", ", unconverted.Distinct()) + " mapped without a value converter";
                }
            }

            return Diagnostic.Create(PhiDescriptors.PhiToUnencryptedStore, hit.Operation.Syntax.GetLocation(), originLocations, properties, origins, display);
        }

        /// <summary>Is the library sink a stream or writer that is a store only over a file?</summary>
        private bool NeedsFile(IOperation inner)
        {
            if (SinkTargets.TargetMethod(inner) is not { } method)
            {
                return false;
            }

            foreach (var sink in _catalog.GetFacts(method).Sinks)
            {
                if ((sink.Kind & SinkKinds.Store) != 0 && sink.OnFileOnly)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Does the stream or writer of the sink write to a file? Seen from its creation in view; a parameter of a
        /// method that is called with the stream (one call up) is followed to that call's argument.
        /// </summary>
        private bool WritesToFile(SinkHit hit)
        {
            var receiver = SinkTargets.Receiver(hit.InnerOperation, ModelOf(hit.InnerOperation));
            if (receiver is IParameterReferenceOperation parameter
                && !ReferenceEquals(hit.Operation, hit.InnerOperation)
                && Original(hit.Operation) is IInvocationOperation call
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, parameter.Parameter.ContainingSymbol.OriginalDefinition))
            {
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter?.Ordinal == parameter.Parameter.Ordinal)
                    {
                        return _files.Of(argument.Value) == Backing.File;
                    }
                }
            }

            return _files.Of(receiver) == Backing.File;
        }

        private INamedTypeSymbol? EfContext(IOperation inner)
            => Original(inner) is IInvocationOperation write && _ef.IsEntityWrite(write.TargetMethod) ? _ef.ContextOf(write, ModelOf(write)) : null;

        private bool IsEncryptedType(ITypeSymbol type) => _catalog.EncryptedAtRestAttribute is { } attribute && HasOnType(type, attribute);

        private SemanticModel ModelOf(IOperation operation) => operation.SemanticModel ?? _world.ModelFor(operation.Syntax.SyntaxTree);

        /// <summary>The operation of the original tree (not the flow graph's) for a sink call.</summary>
        private IOperation? Original(IOperation operation)
        {
            var model = ModelOf(operation);
            var original = model.GetOperation(operation.Syntax);
            return original?.Kind == operation.Kind ? original : operation;
        }

        private bool IsEncrypted(IOperation operation, IOperation? data)
        {
            var attribute = _catalog.EncryptedAtRestAttribute;
            if (attribute is null)
            {
                return false;
            }

            if (SinkTargets.TargetMethod(operation) is { } method)
            {
                if (PhiCatalog.HasAttribute(method, attribute) || HasOnType(method.ContainingType, attribute))
                {
                    return true;
                }

                if (operation is IInvocationOperation invocation)
                {
                    // The parameter that receives the PHI is [EncryptedAtRest] (any marked parameter when the data argument is not known).
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter is { } p && PhiCatalog.HasAttribute(p, attribute)
                            && (data is null || argument.Value.Syntax.Span.Contains(data.Syntax.Span)))
                        {
                            return true;
                        }
                    }
                }
            }

            if (SinkTargets.Receiver(operation, _world.ModelFor(operation.Syntax.SyntaxTree))?.Type is { } receiverType && HasOnType(receiverType, attribute))
            {
                return true;
            }

            // The write happens inside a store that declares it encrypts.
            return SinkTargets.ContainingMember(operation, _world.ModelFor(operation.Syntax.SyntaxTree)) is { } member
                && (PhiCatalog.HasAttribute(member, attribute) || HasOnType(member.ContainingType, attribute));
        }

        private static bool HasOnType(ITypeSymbol? type, INamedTypeSymbol attribute)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (PhiCatalog.HasAttribute(t, attribute))
                {
                    return true;
                }
            }

            return type is not null && System.Linq.Enumerable.Any(type.AllInterfaces, i => PhiCatalog.HasAttribute(i, attribute));
        }
    }
}
