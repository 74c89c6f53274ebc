using PhiAnalyzers.Rules;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiLogAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

public class Phi001LogTests
{
    private const string Model = """
        public sealed class Patient
        {
            [PhiGuard.NotPhi] public int Id { get; set; }
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Name { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Ssn)] public string Ssn { get; set; } = "";
            public string Ward { get; set; } = "";
        }
        """;

    private static Task Run(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => V.AnalyzerAsync(body + "\n" + Model, expected);

    [Fact]
    public Task LogInformationWithPhiArgument()
        => Run("""
            using Microsoft.Extensions.Logging;
                        class C(ILogger<C> logger)
            {
                void M(Patient p) => {|#0:logger.LogInformation("Patient {Name}", p.Name)|};
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "ILogger.LogInformation"));

    [Fact]
    public Task LogInformationWithNonPhiMembersIsClean()
        => Run("""
            using Microsoft.Extensions.Logging;
                        class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation("Patient {Id} in {Ward}", p.Id, p.Ward);
            }
            """);
}
