using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Engine;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI004: PHI reaches an AI model call that is not audited. Audited: an <c>IAuditLog.AppendAsync</c> happens on
/// every path from the method's entry to the call (the engine's guard analysis), the call is made inside an
/// <c>IModelClient</c> implementation (only the router calls those), or the PHI goes through <c>IPhiModelRouter</c>
/// (which is not a model sink).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PhiModelAuditAnalyzer : PhiFlowRuleAnalyzer
{
    public PhiModelAuditAnalyzer()
        : base(PhiDescriptors.PhiToUnauditedModelCall)
    {
    }

    internal override SinkKinds Kinds => SinkKinds.Model;

    internal override RuleContext? CreateRuleContext(Compilation compilation, AnalyzerOptions options, PhiWorld world)
        => new AuditContext(this, world, compilation.GetTypeByMetadataName(CatalogTables.ModelClientInterface));

    private sealed class AuditContext : RuleContext
    {
        private readonly INamedTypeSymbol? _modelClient;
        private readonly PhiWorld _world;

        public AuditContext(PhiFlowRuleAnalyzer analyzer, PhiWorld world, INamedTypeSymbol? modelClient)
            : base(analyzer)
        {
            _world = world;
            _modelClient = modelClient;
        }

        protected override bool ShouldReport(SinkHit hit)
        {
            if ((hit.Guards & GuardKinds.Audit) != 0)
            {
                return false;
            }

            return !(_modelClient is not null
                && SinkTargets.ContainingMember(hit.InnerOperation, _world.ModelFor(hit.InnerOperation.Syntax.SyntaxTree))?.ContainingType is { } type
                && type.AllInterfaces.Contains(_modelClient, SymbolEqualityComparer.Default));
        }
    }
}
