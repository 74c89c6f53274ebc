using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Diagnostics;
using PhiAnalyzers.Rules;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;

namespace PhiAnalyzers.Tests.Rules;

public class Phi005BaaCoveredVendorTests
{
    // Build date in tests: 2026-06-01 (PhiTest's PhiInventoryDate).
    internal const string Inventory = """
        version: 1
        vendors:
          - id: good
            baa: { status: signed, signed: 2025-01-01, expires: 2030-01-01 }
            phi: allowed
          - id: forever
            baa: { status: signed }
            phi: allowed
          - id: pending
            baa: { status: pending }
            phi: allowed
          - id: none
            baa: { status: none }
            phi: allowed
          - id: terminated
            baa: { status: terminated, signed: 2020-01-01, expires: 2023-01-01 }
            phi: allowed
          - id: expired
            baa: { status: signed, signed: 2024-01-01, expires: 2026-05-31 }
            phi: allowed
          - id: lastday
            baa: { status: signed, signed: 2024-01-01, expires: 2026-06-01 }
            phi: allowed
          - id: deid
            baa: { status: signed }
            phi: deidentified-only
          - id: forbidden
            baa: { status: signed }
            phi: forbidden
          - id: broken
            baa: { status: maybe }
            phi: allowed
        """;

    private static DiagnosticResult Expected(string id, string reason)
        => new DiagnosticResult(PhiDescriptors.BaaCoveredVendorNotAllowed).WithLocation(0).WithArguments(id, reason);

    private static PhiTest<BaaCoveredVendorAnalyzer> Test(string source, params DiagnosticResult[] expected)
        => new PhiTest<BaaCoveredVendorAnalyzer>(source, expected).WithInventory(Inventory);

    [Theory]
    [InlineData("pending", "BAA status is 'pending'")]
    [InlineData("none", "BAA status is 'none'")]
    [InlineData("terminated", "BAA status is 'terminated'")]
    [InlineData("expired", "BAA expired on 2026-05-31")]
    [InlineData("deid", "phi is 'deidentified-only': it accepts only de-identified data")]
    [InlineData("forbidden", "phi is 'forbidden'")]
    [InlineData("broken", "its inventory entry is invalid (see PHI006), so it covers nothing")]
    [InlineData("missing", "it is not in baa-inventory.yaml")]
    [InlineData("god", "it is not in baa-inventory.yaml (did you mean 'good'?)")]
    public async Task VendorThatMayNotReceivePhi(string id, string reason)
    {
        var source = "using PhiGuard;\n[{|#0:BaaCovered(\"" + id + "\")|}]\npublic sealed class Client { }\n";
        await Test(source, Expected(id, reason)).RunAsync();
    }

    [Theory]
    [InlineData("good")]
    [InlineData("GOOD")]
    [InlineData("forever")]
    [InlineData("lastday")]
    public async Task VendorThatMayReceivePhi(string id)
    {
        var source = "using PhiGuard;\n[BaaCovered(\"" + id + "\")]\npublic sealed class Client { }\n";
        await Test(source).RunAsync();
    }

    [Fact]
    public async Task EveryTargetIsChecked()
    {
        const string source = """
            using PhiGuard;

            [{|#0:BaaCovered("pending")|}]
            public interface IClient { }

            public sealed class Holder
            {
                [{|#1:BaaCovered("pending")|}] public object? Field;
                [{|#2:BaaCovered("pending")|}] public object? Property { get; set; }
                [{|#3:BaaCovered("pending")|}] public void Send([{|#4:BaaCovered(vendorId: "pending")|}] string text) { }
                [BaaCovered("good")] public void Fine([BaaCovered("good")] string text) { }
            }
            """;
        var reason = "BAA status is 'pending'";
        var expected = Enumerable.Range(0, 5)
            .Select(i => new DiagnosticResult(PhiDescriptors.BaaCoveredVendorNotAllowed).WithLocation(i).WithArguments("pending", reason))
            .ToArray();
        await Test(source, expected).RunAsync();
    }

    [Fact]
    public async Task ConstantVendorIdsAreResolved()
    {
        const string source = """
            using PhiGuard;
            using Alias = PhiGuard.BaaCoveredAttribute;

            public static class Vendors { public const string Pending = "pend" + "ing"; }

            [{|#0:Alias(Vendors.Pending)|}]
            public sealed class Client { }
            """;
        await Test(source, Expected("pending", "BAA status is 'pending'")).RunAsync();
    }

    [Fact]
    public async Task NoInventoryMeansNoPhi005()
    {
        // PHI006 reports the missing inventory once; PHI005 at every attribute would only repeat it.
        const string source = "using PhiGuard;\n[BaaCovered(\"anything\")]\npublic sealed class Client { }\n";
        await new PhiTest<BaaCoveredVendorAnalyzer>(source).RunAsync();
    }

    [Fact]
    public async Task OtherAttributesAreIgnored()
    {
        const string source = """
            using System;
            [AttributeUsage(AttributeTargets.All)]
            public sealed class BaaCoveredAttribute : Attribute { public BaaCoveredAttribute(string v) { } }
            [BaaCovered("pending")]
            public sealed class Client { }
            """;
        await Test(source).RunAsync();
    }

    [Fact]
    public async Task BenchEgressCase()
    {
        const string source = """
            using PhiGuard;

            [{|#0:BaaCovered("marketing")|}]
            public sealed class Mailer { }

            [BaaCovered("clearinghouse")]
            public sealed class ClearinghouseClient { }

            public sealed class Outbound
            {
                public void Covered([BaaCovered("vertex")] object chat) { }
            }
            """;
        var yaml = File.ReadAllText(PhiAnalyzers.Tests.Inventory.SamplePath.Of("valid-bench-egress.yaml"));
        await new PhiTest<BaaCoveredVendorAnalyzer>(source, Expected("marketing", "BAA status is 'none'")).WithInventory(yaml).RunAsync();
    }
}
