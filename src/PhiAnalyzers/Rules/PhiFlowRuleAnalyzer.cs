using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Engine;

namespace PhiAnalyzers.Rules;

/// <summary>
/// Base of the rules that report PHI reaching sinks: asks the shared engine for the flow result of each body
/// (computed once per body whichever rule asks first) and reports the hits of the rule's sink kind that carry
/// concrete PHI. Rules see hits, never the lattice.
/// </summary>
public abstract class PhiFlowRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the span (start:length) of the argument that carried the PHI, for the code fixes.</summary>
    public const string DataSpanProperty = "PhiDataSpan";

    /// <summary>Diagnostic property: the PHI origins, as in the message.</summary>
    public const string OriginsProperty = "PhiOrigins";

    private protected PhiFlowRuleAnalyzer(DiagnosticDescriptor descriptor)
    {
        Descriptor = descriptor;
        SupportedDiagnostics = ImmutableArray.Create(descriptor);
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The rule's descriptor; its message takes the PHI origins and the sink as the first two arguments.</summary>
    internal DiagnosticDescriptor Descriptor { get; }

    internal abstract SinkKinds Kinds { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var world = PhiWorld.Get(start.Compilation);
            if (world is null)
            {
                // The PhiGuard attributes are not referenced: nothing is marked, nothing to follow.
                return;
            }

            var rule = CreateRuleContext(start.Compilation, start.Options, world);
            if (rule is null)
            {
                return;
            }

            world.PrepareHotSet(start.CancellationToken);

            var callbackTimer = "rule." + GetType().Name + ".callback";
            var reportTimer = "rule." + GetType().Name + ".report";
            start.RegisterOperationBlockAction(block =>
            {
                var started = EngineCounters.Start();
                foreach (var hit in ConcreteHits(block, world, Kinds))
                {
                    var reporting = EngineCounters.Start();
                    rule.Report(block, hit);
                    EngineCounters.Time(reportTimer, reporting);
                }

                EngineCounters.Time(callbackTimer, started);
            });
        });
    }

    /// <summary>The hits of <paramref name="kinds"/> that carry concrete PHI in a block, from the shared per-compilation engine result.</summary>
    internal static IEnumerable<SinkHit> ConcreteHits(OperationBlockAnalysisContext block, PhiWorld world, SinkKinds kinds)
    {
        IOperation? seen = null;
        foreach (var operation in block.OperationBlocks)
        {
            var root = operation;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            if (root == seen || root.Kind is OperationKind.ParameterInitializer or OperationKind.Attribute)
            {
                continue;
            }

            seen = root;
            var result = world.GetResult(block.OwningSymbol, root, block.CancellationToken);
            foreach (var hit in result.ConcreteSinks(kinds))
            {
                yield return hit;
            }
        }
    }

    /// <summary>Per-compilation state of a rule (e.g. the inventory); null to skip the compilation.</summary>
    internal virtual RuleContext? CreateRuleContext(Compilation compilation, AnalyzerOptions options, PhiWorld world) => new RuleContext(this);

    internal class RuleContext
    {
        private readonly PhiFlowRuleAnalyzer _analyzer;

        public RuleContext(PhiFlowRuleAnalyzer analyzer) => _analyzer = analyzer;

        /// <summary>Rule-specific decision on a hit (inventory, encryption, audit...).</summary>
        protected virtual bool ShouldReport(SinkHit hit) => true;

        /// <summary>Builds the diagnostic for a hit the rule reports; override to change its arguments.</summary>
        public void Report(OperationBlockAnalysisContext context, SinkHit hit)
        {
            if (!ShouldReport(hit))
            {
                return;
            }

            var origins = hit.Value.ConcreteOrigins.ToList();
            var text = string.Join(", ", origins.Select(o => o.Description).Distinct());
            // Where the PHI was read, when that is not inside the reported call: this file's first.
            var tree = hit.Operation.Syntax.SyntaxTree;
            var locations = origins
                .Select(o => o.Location)
                .Where(l => l is not null && l.IsInSource && (l.SourceTree != tree || !l.SourceSpan.IntersectsWith(hit.Operation.Syntax.Span)))
                .Cast<Location>()
                .OrderBy(l => l.SourceTree == tree ? 0 : 1)
                .Distinct()
                .Take(4)
                .ToImmutableArray();
            var properties = ImmutableDictionary<string, string?>.Empty.Add(OriginsProperty, text);
            if (hit.DataOperation is { } data && data.Syntax.SyntaxTree == hit.Operation.Syntax.SyntaxTree)
            {
                properties = properties.Add(DataSpanProperty, data.Syntax.SpanStart + ":" + data.Syntax.Span.Length);
            }

            if (CreateDiagnostic(hit, text, locations, properties) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>The rule's diagnostic at the sink call: PHI origins and sink name as its arguments.</summary>
        protected virtual Diagnostic? CreateDiagnostic(SinkHit hit, string origins, ImmutableArray<Location> originLocations, ImmutableDictionary<string, string?> properties)
            => Diagnostic.Create(_analyzer.Descriptor, hit.Operation.Syntax.GetLocation(), originLocations, properties, origins, hit.Display);
    }
}
