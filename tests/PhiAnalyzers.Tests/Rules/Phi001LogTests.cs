using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiLogAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI001: every log sink family, where findings are reported, and what the message says.</summary>
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

    private static Task Run(string code, params DiagnosticResult[] expected) => V.AnalyzerAsync(code + Model, expected);

    private static DiagnosticResult At(int marker) => V.Finding("PHI001").WithLocation(marker);

    [Fact]
    public Task MessageNamesOriginAndSink()
        => Run("""
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                void M(Patient p) => {|#0:logger.LogInformation("Patient {Name}", p.Name)|};
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "ILogger.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task SourceIsAnAdditionalLocation()
        => Run("""
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    var s = {|#1:p.Ssn|};
                    {|#0:logger.LogWarning(s)|};
                }
            }
            """, V.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Patient.Ssn", "ILogger.LogWarning"));

    [Theory]
    [InlineData("{|#0:logger.LogTrace(p.Name)|};")]
    [InlineData("{|#0:logger.LogDebug(\"{N}\", p.Name)|};")]
    [InlineData("{|#0:logger.LogInformation(new EventId(1), \"{N}\", p.Name)|};")]
    [InlineData("{|#0:logger.LogWarning(\"{N}\", p.Name)|};")]
    [InlineData("{|#0:logger.LogError(new Exception(\"x\"), \"{N}\", p.Name)|};")]
    [InlineData("{|#0:logger.LogCritical(\"{N}\", p.Name)|};")]
    [InlineData("{|#0:logger.Log(LogLevel.Information, \"{N}\", p.Name)|};")]
    [InlineData("using var scope = {|#0:logger.BeginScope(\"patient {N}\", p.Name)|};")]
    [InlineData("{|#0:logger.LogInformation($\"patient {p.Name}\")|};")]
    public Task ILoggerForms(string statement)
        => Run($$"""
            using System;
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    {{statement}}
                }
            }
            """, At(0));

    [Theory]
    [InlineData("logger.LogTrace(p.Ward);")]
    [InlineData("logger.LogInformation(new EventId(1), \"{N}\", p.Id);")]
    [InlineData("using var scope = logger.BeginScope(\"patient {N}\", p.Id);")]
    [InlineData("logger.LogInformation($\"patient {p.Id}\");")]
    public Task ILoggerFormsWithoutPhi(string statement)
        => Run($$"""
            using System;
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    {{statement}}
                }
            }
            """);

    [Fact]
    public Task LoggerMessageDefineDelegate()
        => Run("""
            using System;
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                private static readonly Action<ILogger, string, Exception?> Admitted =
                    LoggerMessage.Define<string>(LogLevel.Information, new EventId(7), "Admitted {Name}");

                void M(Patient p)
                {
                    {|#0:Admitted(logger, p.Name, null)|};
                    Admitted(logger, p.Ward, null);
                }
            }
            """, At(0));

    [Fact]
    public Task LoggerMessageSourceGeneratedMethod()
        => Run("""
            using Microsoft.Extensions.Logging;
            static partial class Log
            {
                [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Discharged {Name}")]
                public static partial void Discharged(ILogger logger, string name);

                public static partial void Discharged(ILogger logger, string name) { }
            }
            class C(ILogger<C> logger)
            {
                void M(Patient p)
                {
                    {|#0:Log.Discharged(logger, p.Name)|};
                    Log.Discharged(logger, p.Ward);
                }
            }
            """, At(0));

    [Fact]
    public Task Serilog()
        => Run("""
            class C(Serilog.ILogger logger)
            {
                void M(Patient p)
                {
                    {|#0:Serilog.Log.Information("Patient {Name}", p.Name)|};
                    {|#1:logger.Warning("Patient {Ssn}", p.Ssn)|};
                    {|#2:logger.ForContext("Name", p.Name)|}.Information("x");
                    logger.Information("Patient {Id}", p.Id);
                }
            }
            """, At(0), At(1), At(2));

    [Fact]
    public Task NLog()
        => Run("""
            class C
            {
                private static readonly NLog.Logger Logger = NLog.LogManager.GetCurrentClassLogger();
                void M(Patient p)
                {
                    {|#0:Logger.Info("Patient {0}", p.Name)|};
                    Logger.Info("Patient {0}", p.Id);
                }
            }
            """, At(0));

    [Fact]
    public Task Log4Net()
        => Run("""
            class C(log4net.ILog log)
            {
                void M(Patient p)
                {
                    {|#0:log.Info("Patient " + p.Name)|};
                    {|#1:log.ErrorFormat("Patient {0}", p.Ssn)|};
                    log.Info("Patient " + p.Id);
                }
            }
            """, At(0), At(1));

    [Fact]
    public Task ConsoleDebugTrace()
        => Run("""
            using System;
            using System.Diagnostics;
            class C
            {
                void M(Patient p)
                {
                    {|#0:Console.WriteLine(p.Name)|};
                    {|#1:Console.Write("x {0}", p.Ssn)|};
                    {|#2:Console.Out.WriteLine(p.Name)|};
                    {|#3:Console.Error.WriteLine(p.Name)|};
                    {|#4:Debug.WriteLine(p.Name)|};
                    {|#5:Trace.TraceInformation(p.Ssn)|};
                    Console.WriteLine(p.Ward);
                    Debug.WriteLine(p.Id);
                    Trace.WriteLine(p.Ward);
                }
            }
            """, At(0), At(1), At(2), At(3), At(4), At(5));

    [Fact]
    public Task TextWriterThatIsNotTheConsoleIsNotALog()
        => Run("""
            using System.IO;
            class C
            {
                void M(Patient p)
                {
                    var writer = new StringWriter();
                    writer.WriteLine(p.Name);
                }
            }
            """);

    [Fact]
    public Task PhiSinkLogAttributeOnParameterAndMethod()
        => Run("""
            using PhiGuard;
            static class Audit
            {
                public static void Note([PhiSink(PhiSinkKind.Log)] string text, string tag) { }
                [PhiSink(PhiSinkKind.Log)] public static void All(string a, string b) { }
            }
            class C
            {
                void M(Patient p)
                {
                    {|#0:Audit.Note(p.Name, "x")|};
                    Audit.Note("x", p.Name);
                    {|#1:Audit.All("x", p.Ssn)|};
                }
            }
            """, At(0), At(1));

    [Fact]
    public Task ForwardingMethodIsReportedAtTheCallSiteNotInside()
        => Run("""
            using Microsoft.Extensions.Logging;
            class ReportWriter(ILogger<ReportWriter> logger)
            {
                public void Write(string line) => logger.LogInformation(line);
            }
            class C(ReportWriter writer)
            {
                void M(Patient p)
                {
                    writer.Write("ok");
                    {|#0:writer.Write(p.Name)|};
                }
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "ReportWriter.Write -> ILogger.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task ForwardingThroughTwoMethods()
        => Run("""
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                private void Emit(string line) => logger.LogInformation(line);
                private void Relay(string text, int n) => Emit(text + n);
                void M(Patient p)
                {
                    {|#0:Relay(p.Ssn, 1)|};
                    Relay(p.Ward, 2);
                }
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Ssn", "C.Relay -> C.Emit -> ILogger.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task RecursiveMethodsDoNotHang()
        => Run("""
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                private string Ping(string s, int n) => n <= 0 ? s : Pong(s, n - 1);
                private string Pong(string s, int n) => Ping(s + "!", n);
                void M(Patient p) => {|#0:logger.LogInformation(Ping(p.Name, 3))|};
            }
            """, At(0));

    [Fact]
    public Task ReturnOfProjectMethodFromItsOwnSources()
        => Run("""
            using Microsoft.Extensions.Logging;
            class Repo { public Patient Load(int id) => new Patient(); public string NameOf(int id) => Load(id).Name; }
            class C(ILogger<C> logger, Repo repo)
            {
                void M() => {|#0:logger.LogInformation(repo.NameOf(1))|};
            }
            """, At(0));

    [Fact]
    public Task PhiSanitizerOnInterfaceMemberHoldsForImplementations()
        => Run("""
            using Microsoft.Extensions.Logging;
            using PhiGuard;
            interface IMasker { [PhiSanitizer] string Mask(string value); }
            class Masker : IMasker { public string Mask(string value) => value.Substring(0, 1) + "***"; }
            class C(ILogger<C> logger, Masker masker)
            {
                void M(Patient p) => logger.LogInformation(masker.Mask(p.Name));
            }
            """);

    [Fact]
    public Task GeneratedCodeIsNotAnalyzed()
        => new PhiTest<PhiAnalyzers.Rules.PhiLogAnalyzer>("""
            // <auto-generated/>
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger)
            {
                void M(Patient p) => logger.LogInformation(p.Name);
            }
            """ + Model).RunAsync();

    [Fact]
    public Task NoPhiGuardReferenceMeansNoAnalysis()
    {
        var test = new PhiTest<PhiAnalyzers.Rules.PhiLogAnalyzer>("""
            class C { void M(string name) => System.Console.WriteLine(name); }
            """);
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        return test.RunAsync();
    }
}
