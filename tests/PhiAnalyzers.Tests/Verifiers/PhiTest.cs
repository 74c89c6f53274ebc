using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PhiAnalyzers.Tests.Verifiers;

/// <summary>
/// An analyzer test with the PhiGuard runtime and the known libraries referenced, C# latest, and
/// helpers for the inventory (an AdditionalFile) and MSBuild properties (a global config).
/// </summary>
public class PhiTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public PhiTest(string source, params DiagnosticResult[] expected)
    {
        ReferenceAssemblies = TestReferences.None;
        TestState.AdditionalReferences.AddRange(TestReferences.All);
        TestCode = source;
        ExpectedDiagnostics.AddRange(expected);
        // A fixed build date keeps expiry checks reproducible.
        BuildProperties["PhiInventoryDate"] = "2026-06-01";
    }

    /// <summary>MSBuild properties made visible to the analyzers (build_property.X).</summary>
    public Dictionary<string, string> BuildProperties { get; } = new();

    /// <summary>Adds <c>baa-inventory.yaml</c> (or another name) as an AdditionalFile.</summary>
    public PhiTest<TAnalyzer> WithInventory(string yaml, string path = "/project/baa-inventory.yaml")
    {
        TestState.AdditionalFiles.Add((path, yaml));
        return this;
    }

    protected override ParseOptions CreateParseOptions()
        => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Preview);

    protected override CompilationOptions CreateCompilationOptions()
        => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

    public new Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (BuildProperties.Count > 0)
        {
            var config = "is_global = true\n" + string.Concat(BuildProperties.Select(p => $"build_property.{p.Key} = {p.Value}\n"));
            TestState.AnalyzerConfigFiles.Add(("/.globalconfig", config));
        }

        return base.RunAsync(cancellationToken);
    }
}

/// <summary>Short-hand entry points: <c>await Verify&lt;PhiLogAnalyzer&gt;.AnalyzerAsync(code, Verify&lt;PhiLogAnalyzer&gt;.Diagnostic().WithLocation(0))</c>.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic() => new DiagnosticResult(new TAnalyzer().SupportedDiagnostics[0]);

    /// <summary>Expects a diagnostic of <paramref name="id"/> at a location, whatever its message and additional locations.</summary>
    public static DiagnosticResult Finding(string id)
        => new DiagnosticResult(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    public static DiagnosticResult Diagnostic(string id)
        => new DiagnosticResult(new TAnalyzer().SupportedDiagnostics.First(d => d.Id == id));

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        => new PhiTest<TAnalyzer>(source, expected).RunAsync();
}
