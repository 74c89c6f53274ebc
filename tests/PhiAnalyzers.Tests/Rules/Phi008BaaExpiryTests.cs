using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Rules;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;

namespace PhiAnalyzers.Tests.Rules;

public class Phi008BaaExpiryTests
{
    // Build date in tests: 2026-06-01.
    private const string Inventory = """
        version: 1
        vendors:
          - id: soon
            baa: { status: signed, signed: 2025-01-01, expires: 2026-06-10 }
            phi: allowed
          - id: today
            baa: { status: signed, expires: 2026-06-01 }
            phi: allowed
          - id: edge
            baa: { status: signed, expires: 2026-07-01 }
            phi: allowed
          - id: later
            baa: { status: signed, expires: 2026-07-16 }
            phi: allowed
          - id: expired
            baa: { status: signed, expires: 2026-05-31 }
            phi: allowed
          - id: forever
            baa: { status: signed }
            phi: allowed
          - id: pending
            baa: { status: pending, expires: 2026-06-10 }
            phi: allowed
          - id: deid
            baa: { status: signed, expires: 2026-06-10 }
            phi: deidentified-only
          - id: broken
            baa: { status: signed, expires: 2026-06-10 }
            phi: sometimes
        """;

    private static string Source(string id, bool marked)
        => "using PhiGuard;\n[" + (marked ? "{|#0:" : string.Empty) + "BaaCovered(\"" + id + "\")" + (marked ? "|}" : string.Empty) + "]\npublic sealed class Client { }\n";

    private static DiagnosticResult Expected(string id, string date, int days)
        => new DiagnosticResult(PhiDescriptors.BaaExpiresSoon).WithLocation(0).WithArguments(id, date, days.ToString());

    [Theory]
    [InlineData("soon", "2026-06-10", 9)]
    [InlineData("today", "2026-06-01", 0)]
    [InlineData("edge", "2026-07-01", 30)]
    [InlineData("deid", "2026-06-10", 9)]
    public async Task ExpiresWithinTheWindow(string id, string date, int days)
        => await new PhiTest<BaaExpiryAnalyzer>(Source(id, true), Expected(id, date, days)).WithInventory(Inventory).RunAsync();

    [Theory]
    [InlineData("later")]
    [InlineData("expired")]
    [InlineData("forever")]
    [InlineData("pending")]
    [InlineData("broken")]
    [InlineData("missing")]
    public async Task OutsideTheWindowExpiredOrNotSigned(string id)
        => await new PhiTest<BaaExpiryAnalyzer>(Source(id, false)).WithInventory(Inventory).RunAsync();

    [Fact]
    public async Task WindowFromGlobalConfig()
    {
        var test = new PhiTest<BaaExpiryAnalyzer>(Source("later", true), Expected("later", "2026-07-16", 45)).WithInventory(Inventory);
        test.TestState.AnalyzerConfigFiles.Add(("/phiguard.globalconfig", "is_global = true\nphiguard.baa_expiry_warning_days = 60\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task WindowFromEditorConfig()
    {
        var test = new PhiTest<BaaExpiryAnalyzer>(Source("soon", false)).WithInventory(Inventory);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nphiguard.baa_expiry_warning_days = 5\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task EditorConfigWidensTheWindow()
    {
        var test = new PhiTest<BaaExpiryAnalyzer>(Source("later", true), Expected("later", "2026-07-16", 45)).WithInventory(Inventory);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nphiguard.baa_expiry_warning_days = 45\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task InvalidWindowFallsBackToThirtyDays()
    {
        var test = new PhiTest<BaaExpiryAnalyzer>(Source("soon", true), Expected("soon", "2026-06-10", 9)).WithInventory(Inventory);
        test.TestState.AnalyzerConfigFiles.Add(("/phiguard.globalconfig", "is_global = true\nphiguard.baa_expiry_warning_days = soon\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task BuildDateMovesTheWindow()
    {
        var test = new PhiTest<BaaExpiryAnalyzer>(Source("later", true), Expected("later", "2026-07-16", 15)).WithInventory(Inventory);
        test.BuildProperties["PhiInventoryDate"] = "2026-07-01";
        await test.RunAsync();
    }

    [Fact]
    public async Task NoInventoryNoPhi008()
        => await new PhiTest<BaaExpiryAnalyzer>(Source("soon", false)).RunAsync();
}
