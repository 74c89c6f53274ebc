using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PhiAnalyzers.Catalog;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Engine;
using PhiAnalyzers.Inventory;

namespace PhiAnalyzers.Rules;

/// <summary>
/// PHI006: the inventory is missing, unreadable or invalid. Problems in the file are reported at their line and
/// column in <c>baa-inventory.yaml</c>; a missing inventory is reported once per compilation that uses <c>[BaaCovered]</c>
/// or sends PHI out of the process (an egress sink that PHI reaches, as the engine shared with PHI002 finds it).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InventoryValidationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(PhiDescriptors.InventoryInvalid);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext start)
    {
        var snapshot = InventorySnapshot.Get(start.Options, start.CancellationToken);

        var inFiles = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        var unlocated = new List<Diagnostic>();
        foreach (var diagnostic in snapshot.Diagnostics)
        {
            if (diagnostic.Location.Kind == LocationKind.ExternalFile)
            {
                var path = diagnostic.Location.GetLineSpan().Path;
                if (!inFiles.TryGetValue(path, out var list))
                {
                    list = new List<Diagnostic>();
                    inFiles.Add(path, list);
                }

                list.Add(diagnostic);
            }
            else
            {
                unlocated.Add(diagnostic);
            }
        }

        if (inFiles.Count > 0)
        {
            start.RegisterAdditionalFileAction(file =>
            {
                if (inFiles.TryGetValue(file.AdditionalFile.Path, out var diagnostics))
                {
                    foreach (var d in diagnostics)
                    {
                        file.ReportDiagnostic(d);
                    }
                }
            });
        }

        var baaCovered = start.Compilation.GetTypeByMetadataName(BaaCoveredAttributes.MetadataName);
        var checkMissing = snapshot.IsMissing && !snapshot.PathNotFound && baaCovered is not null;
        if (!checkMissing && unlocated.Count == 0)
        {
            return;
        }

        var needsInventory = new Flag();
        if (checkMissing)
        {
            start.RegisterSyntaxNodeAction(
                node =>
                {
                    if (!needsInventory.IsSet
                        && BaaCoveredAttributes.IsBaaCovered((AttributeSyntax)node.Node, node.SemanticModel, baaCovered!, node.CancellationToken))
                    {
                        needsInventory.Set();
                    }
                },
                SyntaxKind.Attribute);

            // PHI that leaves the process needs the inventory too, [BaaCovered] or not. Only asked when the
            // inventory is missing; the engine result is the one PHI002 shares.
            if (PhiWorld.Get(start.Compilation) is { } world)
            {
                start.RegisterOperationBlockAction(block =>
                {
                    if (!needsInventory.IsSet && PhiFlowRuleAnalyzer.ConcreteHits(block, world, SinkKinds.Egress).Any())
                    {
                        needsInventory.Set();
                    }
                });
            }
        }

        start.RegisterCompilationEndAction(end =>
        {
            var descriptor = PhiDescriptors.InventoryInvalid;
            foreach (var d in unlocated)
            {
                end.ReportDiagnostic(Diagnostic.Create(descriptor, Location.None, d.Properties, d.GetMessage(CultureInfo.InvariantCulture)));
            }

            if (checkMissing && needsInventory.IsSet)
            {
                end.ReportDiagnostic(InventorySnapshot.CreateMissingDiagnostic(descriptor, null));
            }
        });
    }

    private sealed class Flag
    {
        private int _value;

        public bool IsSet => Volatile.Read(ref _value) != 0;

        public void Set() => Interlocked.Exchange(ref _value, 1);
    }
}
