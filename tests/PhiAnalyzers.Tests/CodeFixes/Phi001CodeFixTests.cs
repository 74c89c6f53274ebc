using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.CodeFixes;
using PhiAnalyzers.Rules;
using Xunit;

namespace PhiAnalyzers.Tests.CodeFixes;

public class Phi001CodeFixTests
{
    private const string Model = """

        public sealed class Patient
        {
            [PhiGuard.NotPhi] public int Id { get; set; }
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Name { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Date)] public System.DateTime BirthDate { get; set; }
            public string Ward { get; set; } = "";
        }
        """;

    private const string RedactKey = "PhiGuard.Redact.PHI001";

    private static DiagnosticResult Finding(int markup = 0)
        => new DiagnosticResult("PHI001", DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(markup);

    private static Task Fix(string source, string fixedSource, string? equivalenceKey = RedactKey, params DiagnosticResult[] expected)
    {
        var test = new PhiFixTest<PhiLogAnalyzer, PhiLogAnalyzerCodeFixProvider>(source + Model, fixedSource + Model, expected.Length == 0 ? new[] { Finding() } : expected)
        {
            CodeActionEquivalenceKey = equivalenceKey,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task StringMemberArgumentIsRedacted()
        => Fix("""
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => {|#0:logger.LogInformation("Patient {Name}", p.Name)|};
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation("Patient {Name}", PhiRedaction.Redact(p.Name));
            }
            """);

    [Fact]
    public Task ExistingUsingIsReusedAndNotDuplicated()
        => Fix("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => {|#0:logger.LogInformation("Patient {Id} {Name}", p.Id, p.Name)|};
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation("Patient {Id} {Name}", p.Id, PhiRedaction.Redact(p.Name));
            }
            """);

    [Fact]
    public Task DateTimeArgumentIsRedactedThroughToString()
        => Fix("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => {|#0:logger.LogInformation("Born {Birth}", p.BirthDate)|};
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation("Born {Birth}", PhiRedaction.Redact(p.BirthDate.ToString()));
            }
            """);

    [Fact]
    public Task TokenizerFieldInScopeOffersTokenize()
        => Fix("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C
            {
                private readonly ILogger<C> _logger;
                private readonly IPhiTokenizer _tokenizer;

                public C(ILogger<C> logger, IPhiTokenizer tokenizer) { _logger = logger; _tokenizer = tokenizer; }

                void M(Patient p) => {|#0:_logger.LogInformation("Patient {Name}", p.Name)|};
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C
            {
                private readonly ILogger<C> _logger;
                private readonly IPhiTokenizer _tokenizer;

                public C(ILogger<C> logger, IPhiTokenizer tokenizer) { _logger = logger; _tokenizer = tokenizer; }

                void M(Patient p) => _logger.LogInformation("Patient {Name}", _tokenizer.Tokenize(p.Name));
            }
            """, "PhiGuard.Tokenize.PHI001._tokenizer");

    [Fact]
    public Task TokenizerParameterTokenizesNonStringThroughToString()
        => Fix("""
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void M(Patient p, PhiGuard.IPhiTokenizer tokens) => {|#0:logger.LogInformation("Born {Birth}", p.BirthDate)|};
            }
            """, """
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void M(Patient p, PhiGuard.IPhiTokenizer tokens) => logger.LogInformation("Born {Birth}", tokens.Tokenize(p.BirthDate.ToString()));
            }
            """, "PhiGuard.Tokenize.PHI001.tokens");

    [Fact]
    public async Task TokenizeIsOfferedSecondOnlyWhenATokenizerIsInScope()
    {
        var without = await OfferedFixes.CollectAsync(new PhiLogAnalyzer(), new PhiLogAnalyzerCodeFixProvider(), """
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation("Patient {Name}", p.Name);
                static void S(Patient p, ILogger logger) => logger.LogInformation("Patient {Name}", p.Name);
            }

            class D(ILogger<D> logger, PhiGuard.IPhiTokenizer tokenizer)
            {
                void M(Patient p) => logger.LogInformation("Patient {Name}", p.Name);
            }
            """ + Model);
        Assert.Equal(3, without.Length);
        Assert.Equal(new[] { "Redact with PhiRedaction.Redact" }, without[0].Actions.Select(a => a.Title));
        Assert.Equal(new[] { "Redact with PhiRedaction.Redact" }, without[1].Actions.Select(a => a.Title));
        Assert.Equal(new[] { "Redact with PhiRedaction.Redact", "Tokenize with tokenizer.Tokenize" }, without[2].Actions.Select(a => a.Title));
    }

    [Fact]
    public Task TokenizerIndexIsSecondAction()
    {
        var test = new PhiFixTest<PhiLogAnalyzer, PhiLogAnalyzerCodeFixProvider>("""
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger, PhiGuard.IPhiTokenizer tokenizer)
            {
                void M(Patient p) => {|#0:logger.LogWarning("Patient {Name}", p.Name)|};
            }
            """ + Model, """
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger, PhiGuard.IPhiTokenizer tokenizer)
            {
                void M(Patient p) => logger.LogWarning("Patient {Name}", tokenizer.Tokenize(p.Name));
            }
            """ + Model, Finding())
        {
            CodeActionIndex = 1,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task ConcatenationWrapsOnlyThePhiOperand()
        => Fix("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => {|#0:logger.LogInformation("a" + p.Name + " in " + p.Ward)|};
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation("a" + PhiRedaction.Redact(p.Name) + " in " + p.Ward);
            }
            """);

    [Fact]
    public Task ForwardedCallArgumentIsRedacted()
        => Fix("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void Emit(string value) => logger.LogInformation("Value {Value}", value);

                void M(Patient p) => {|#0:Emit(p.Name)|};
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void Emit(string value) => logger.LogInformation("Value {Value}", value);

                void M(Patient p) => Emit(PhiRedaction.Redact(p.Name)!);
            }
            """);

    [Fact]
    public Task InterpolatedHoleIsWrappedNotTheWholeMessage()
        => Fix("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => {|#0:logger.LogInformation($"Patient {p.Name} in {p.Ward}, born {p.BirthDate:yyyy}")|};
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation($"Patient {PhiRedaction.Redact(p.Name)} in {p.Ward}, born {PhiRedaction.Redact(p.BirthDate.ToString()):yyyy}");
            }
            """);

    [Fact]
    public Task PhiThroughALocalIsFoundFromTheDataSpan()
        => Fix("""
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    var name = p.Name;
                    {|#0:logger.LogInformation("{Ward} {Name}", p.Ward, name)|};
                }
            }
            """, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    var name = p.Name;
                    logger.LogInformation("{Ward} {Name}", p.Ward, PhiRedaction.Redact(name));
                }
            }
            """);

    [Fact]
    public Task FixAllFixesEveryFindingInTheDocument()
    {
        var test = new PhiFixTest<PhiLogAnalyzer, PhiLogAnalyzerCodeFixProvider>("""
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    {|#0:logger.LogInformation("Patient {Name}", p.Name)|};
                    {|#1:logger.LogWarning("Born {Birth}", p.BirthDate)|};
                }
            }
            """ + Model, """
            using Microsoft.Extensions.Logging;
            using PhiGuard;

            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    logger.LogInformation("Patient {Name}", PhiRedaction.Redact(p.Name));
                    logger.LogWarning("Born {Birth}", PhiRedaction.Redact(p.BirthDate.ToString()));
                }
            }
            """ + Model, Finding(0), Finding(1))
        {
            CodeActionEquivalenceKey = RedactKey,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }
}
