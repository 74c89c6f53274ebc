using System.Collections.Immutable;
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

    internal override RuleContext? CreateRuleContext(Compilation compilation, AnalyzerOptions options, PhiWorld world) => new StoreContext(this, world);

    private sealed class StoreContext : RuleContext
    {
        private readonly PhiCatalog _catalog;
        private readonly PhiWorld _world;

        public StoreContext(PhiFlowRuleAnalyzer analyzer, PhiWorld world)
            : base(analyzer)
        {
            _world = world;
            _catalog = world.Catalog;
        }

        protected override bool ShouldReport(SinkHit hit)
            => !IsEncrypted(hit.Operation) && !IsEncrypted(hit.InnerOperation);

        private bool IsEncrypted(IOperation operation)
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
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter is { } p && PhiCatalog.HasAttribute(p, attribute))
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
