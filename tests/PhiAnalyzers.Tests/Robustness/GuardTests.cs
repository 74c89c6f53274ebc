using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace PhiAnalyzers.Tests.Robustness;

/// <summary>
/// The guard: a compilation of valid code that handles PHI correctly (logs only non-PHI members and counts, tokenizes
/// or redacts before logging, sends PHI to models only through the router, audits, writes PHI only to encrypted
/// stores, posts only non-PHI over HTTP, names only an allowed vendor in [BaaCovered]) runs every analyzer of the
/// assembly and must get no PhiGuard diagnostic at all. A rule added later is held to the same code automatically.
/// </summary>
public class GuardTests
{
    private readonly ITestOutputHelper _output;

    public GuardTests(ITestOutputHelper output) => _output = output;

    public const string Inventory = """
        version: 1
        vendors:
          - id: vertex
            name: Google Vertex AI
            baa:
              status: signed
              signed: 2025-01-15
              expires: 2028-01-15
            phi: allowed
            hosts: ["*-aiplatform.googleapis.com", "vertex.partner.example.com"]
            clients: ["Google.Cloud.AIPlatform.V1.PredictionServiceClient"]
          - id: stats
            name: Internal statistics sink (never sees PHI)
            baa: { status: none }
            phi: forbidden
            hosts: ["stats.example.com"]
        """;

    private const string Model = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using PhiGuard;

        namespace Guard.Model
        {
            public sealed class Patient
            {
                [NotPhi] public Guid Id { get; init; } = Guid.NewGuid();
                [Phi(PhiKind.Name)] public string Name { get; init; } = "";
                [Phi(PhiKind.Ssn)] public string Ssn { get; init; } = "";
                [Phi(PhiKind.Date)] public DateTime BirthDate { get; init; }
                [Phi(PhiKind.Email)] public string Email { get; init; } = "";
                [Phi(PhiKind.Diagnosis)] public string Diagnosis { get; init; } = "";
                public string Ward { get; init; } = "";
                public int BedNumber { get; init; }
                public bool IsInpatient { get; init; }
                public List<string> AllergyCodes { get; init; } = new();
            }

            [Phi(PhiKind.LabResult)]
            public sealed class LabResult
            {
                [NotPhi] public int Sequence { get; init; }
                [NotPhi] public string TestCode { get; init; } = "";
                [NotPhi] public DateTimeOffset ReceivedAt { get; init; }
                public double Value { get; init; }
                public string Comment { get; init; } = "";
            }

            public sealed class Encounter
            {
                [NotPhi] public int Number { get; init; }
                public string Clinic { get; init; } = "";
                public Patient Patient { get; init; } = new();
                public IReadOnlyList<LabResult> Labs { get; init; } = Array.Empty<LabResult>();
            }
        }
        """;

    private const string Logging = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using PhiGuard;
        using Guard.Model;

        namespace Guard.Logging
        {
            /// <summary>Logs identifiers that identify no one, counts, flags and lengths.</summary>
            public sealed class AdmissionService
            {
                private readonly ILogger<AdmissionService> _log;
                private readonly IPhiTokenizer _tokenizer;

                public AdmissionService(ILogger<AdmissionService> log, IPhiTokenizer tokenizer)
                {
                    _log = log;
                    _tokenizer = tokenizer;
                }

                public void Admit(Patient patient, string ward)
                {
                    _log.LogInformation("Admitting patient {PatientId} to ward {Ward}", patient.Id, ward);
                    _log.LogInformation("Bed {Bed}, inpatient {Inpatient}", patient.BedNumber, patient.IsInpatient);
                    _log.LogDebug("Name has {Length} characters", patient.Name.Length);
                    _log.LogDebug("Has email: {HasEmail}", !string.IsNullOrEmpty(patient.Email));
                    _log.LogDebug("Allergy count {Count}", patient.AllergyCodes.Count);
                    _log.LogInformation("Patient token {Token}", _tokenizer.Tokenize(patient.Name));
                    _log.LogInformation("Ssn token {Token}", _tokenizer.Tokenize(patient.Ssn));
                    _log.LogInformation("Email {Email}", PhiRedaction.Redact(patient.Email));
                    Console.WriteLine($"Admitted {patient.Id} to {patient.Ward}");
                }

                public void Summarize(IReadOnlyList<Patient> patients)
                {
                    var adults = patients.Count(p => p.BirthDate < DateTime.Today.AddYears(-18));
                    var withDiagnosis = patients.Count(p => p.Diagnosis.Length > 0);
                    var anyNamedSmith = patients.Any(p => p.Name.EndsWith("Smith", StringComparison.Ordinal));
                    var wards = patients.Select(p => p.Ward).Distinct().OrderBy(w => w).ToList();
                    _log.LogInformation("{Total} patients, {Adults} adults, {WithDiagnosis} with a diagnosis", patients.Count, adults, withDiagnosis);
                    _log.LogInformation("Any Smith: {Any}", anyNamedSmith);
                    _log.LogInformation("Wards {Wards}", string.Join(",", wards));
                    _log.LogInformation("Ids {Ids}", patients.Select(p => p.Id).ToList());
                    foreach (var group in patients.GroupBy(p => p.Ward))
                    {
                        _log.LogInformation("{Ward}: {Count} beds in use", group.Key, group.Count());
                    }
                }

                public void Labs(Encounter encounter)
                {
                    _log.LogInformation("Encounter {Number} at {Clinic}", encounter.Number, encounter.Clinic);
                    foreach (var lab in encounter.Labs)
                    {
                        _log.LogInformation("Lab #{Sequence} {Code} received {At}", lab.Sequence, lab.TestCode, lab.ReceivedAt);
                    }

                    var abnormal = encounter.Labs.Count(l => l.Value > 10);
                    _log.LogInformation("{Abnormal} abnormal of {Total}", abnormal, encounter.Labs.Count);
                }

                public async Task<int> CountAsync(IAsyncEnumerable<Patient> patients)
                {
                    var n = 0;
                    await foreach (var p in patients)
                    {
                        if (p.IsInpatient)
                        {
                            n++;
                        }
                    }

                    _log.LogInformation("{Count} inpatients", n);
                    return n;
                }
            }

            /// <summary>PHI passed to methods that keep it inside the process.</summary>
            public sealed class Matching
            {
                private readonly ILogger<Matching> _log;

                public Matching(ILogger<Matching> log) => _log = log;

                public bool SamePerson(Patient a, Patient b)
                    => string.Equals(Normalize(a.Name), Normalize(b.Name), StringComparison.OrdinalIgnoreCase)
                       && a.BirthDate == b.BirthDate;

                private static string Normalize(string name) => name.Trim().Replace("  ", " ");

                public int Score(Patient a, Patient b)
                {
                    var score = 0;
                    if (SamePerson(a, b)) score += 50;
                    if (a.Ssn == b.Ssn) score += 40;
                    if (a.Email.Equals(b.Email, StringComparison.OrdinalIgnoreCase)) score += 10;
                    return score;
                }

                public void Report(Patient a, Patient b)
                {
                    var score = Score(a, b);
                    var duplicate = score >= 90;
                    _log.LogInformation("Match score {Score} for {A} and {B}: duplicate {Duplicate}", score, a.Id, b.Id, duplicate);
                }
            }

            public static class Messages
            {
                private static readonly Action<ILogger, Guid, string, Exception?> DischargedMessage =
                    LoggerMessage.Define<Guid, string>(LogLevel.Information, new EventId(10, "Discharged"), "Discharged patient {PatientId} from {Ward}");

                public static void Discharged(ILogger logger, Guid patientId, string ward) => DischargedMessage(logger, patientId, ward, null);
            }

            public sealed class Discharge
            {
                private readonly ILogger<Discharge> _log;

                public Discharge(ILogger<Discharge> log) => _log = log;

                public void Run(Patient p)
                {
                    Messages.Discharged(_log, p.Id, p.Ward);
                    using (_log.BeginScope("Discharge {PatientId}", p.Id))
                    {
                        _log.LogInformation("Beds free on {Ward}", p.Ward);
                    }
                }
            }
        }
        """;

    private const string Models = """
        #nullable enable
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using PhiGuard;
        using Guard.Model;

        namespace Guard.Models
        {
            /// <summary>PHI reaches models only through the router, which audits, routes by the inventory and tokenizes.</summary>
            public sealed class ClinicalSummarizer
            {
                private readonly IPhiModelRouter _router;
                private readonly IAuditLog _audit;
                private readonly ILogger<ClinicalSummarizer> _log;

                public ClinicalSummarizer(IPhiModelRouter router, IAuditLog audit, ILogger<ClinicalSummarizer> log)
                {
                    _router = router;
                    _audit = audit;
                    _log = log;
                }

                public async Task<string> SummarizeAsync(Patient patient, string clinician, CancellationToken ct)
                {
                    await _audit.AppendAsync(new AuditRecord { Actor = clinician, Purpose = AccessPurpose.Treatment, Action = "model.request" }, ct);
                    var prompt = $"Summarize the chart of {patient.Name}, born {patient.BirthDate:yyyy-MM-dd}, diagnosed with {patient.Diagnosis}.";
                    var reply = await _router.CompleteAsync(new ModelRequest { Prompt = prompt, Purpose = AccessPurpose.Treatment }, ct);
                    _log.LogInformation("Summary for {PatientId} has {Length} characters", patient.Id, reply.Text.Length);
                    return reply.Text;
                }

                public async Task<bool> TriageAsync(Patient patient, CancellationToken ct)
                {
                    var request = new ModelRequest
                    {
                        Prompt = "Is this urgent? " + patient.Diagnosis,
                        Purpose = AccessPurpose.Treatment,
                    };
                    var reply = await _router.CompleteAsync(request, ct);
                    var urgent = reply.Text.Contains("urgent", StringComparison.OrdinalIgnoreCase);
                    _log.LogInformation("Triage for {PatientId}: urgent {Urgent}", patient.Id, urgent);
                    return urgent;
                }
            }
        }
        """;

    private const string Egress = """
        #nullable enable
        using System;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using PhiGuard;
        using Guard.Model;

        namespace Guard.Egress
        {
            /// <summary>Posts only counts and non-PHI identifiers.</summary>
            public sealed class StatsClient
            {
                private readonly HttpClient _http;

                public StatsClient(HttpClient http) => _http = http;

                public async Task PublishAsync(Patient[] patients, CancellationToken ct)
                {
                    var payload = new
                    {
                        Total = patients.Length,
                        Inpatients = patients.Count(p => p.IsInpatient),
                        Wards = patients.Select(p => p.Ward).Distinct().ToArray(),
                    };
                    using var response = await _http.PostAsJsonAsync("https://stats.example.com/daily", payload, ct);
                    response.EnsureSuccessStatusCode();
                    await _http.PostAsync("https://stats.example.com/beds", new StringContent(patients.Sum(p => p.BedNumber).ToString()), ct);
                }
            }

            /// <summary>A wrapper of the team's own that sends to a vendor with a signed BAA that allows PHI.</summary>
            [BaaCovered("vertex")]
            public sealed class VertexReferralClient
            {
                private readonly HttpClient _http;

                public VertexReferralClient(HttpClient http) => _http = http;

                public Task SendAsync([PhiSink(PhiSinkKind.Egress)][BaaCovered("vertex")] string referral, CancellationToken ct)
                    => _http.PostAsync("https://vertex.partner.example.com/referrals", new StringContent(referral), ct);
            }

            public sealed class Referrals
            {
                private readonly VertexReferralClient _vertex;
                private readonly ILogger<Referrals> _log;

                public Referrals(VertexReferralClient vertex, ILogger<Referrals> log)
                {
                    _vertex = vertex;
                    _log = log;
                }

                public async Task ReferAsync(Patient p, CancellationToken ct)
                {
                    await _vertex.SendAsync(p.Name + ";" + p.Diagnosis, ct);
                    _log.LogInformation("Referred {PatientId}", p.Id);
                }
            }

            /// <summary>A store that encrypts: PHI may be written to it.</summary>
            [EncryptedAtRest]
            public sealed class EncryptedChartStore
            {
                public void Save(Guid id, string chart) => File.WriteAllBytes("/secure/" + id, Protect(Encoding.UTF8.GetBytes(chart)));

                private static byte[] Protect(byte[] plain) => plain.Reverse().ToArray();
            }

            public sealed class Charts
            {
                private static readonly ActivitySource Source = new("Guard.Charts");
                private readonly EncryptedChartStore _store;
                private readonly IPhiTokenizer _tokenizer;

                public Charts(EncryptedChartStore store, IPhiTokenizer tokenizer)
                {
                    _store = store;
                    _tokenizer = tokenizer;
                }

                public void Save(Patient p)
                {
                    using var activity = Source.StartActivity("chart.save");
                    activity?.SetTag("patient.id", p.Id.ToString());
                    activity?.SetTag("ward", p.Ward);
                    activity?.SetTag("name.token", _tokenizer.Tokenize(p.Name));
                    _store.Save(p.Id, p.Name + "\n" + p.Diagnosis);
                    File.AppendAllText("/var/log/charts.txt", p.Id + " saved at " + DateTimeOffset.UtcNow.ToString("O") + Environment.NewLine);
                }

                public void Validate(Patient p)
                {
                    if (p.Ssn.Length != 11)
                    {
                        throw new ArgumentException("Invalid SSN format for patient " + p.Id, nameof(p));
                    }

                    if (string.IsNullOrWhiteSpace(p.Name))
                    {
                        throw new InvalidOperationException($"Patient {p.Id} has no name on ward {p.Ward}");
                    }
                }
            }
        }
        """;

    /// <summary>The clean code, one file per concern.</summary>
    public static IReadOnlyList<(string Path, string Source)> Sources { get; } = new[]
    {
        ("/project/Guard/Model.cs", Model),
        ("/project/Guard/Logging.cs", Logging),
        ("/project/Guard/Models.cs", Models),
        ("/project/Guard/Egress.cs", Egress),
    };

    private static Compilation Compile(IEnumerable<(string Path, string Source)> sources)
        => AllAnalyzers.Compile(sources.Select(s => AllAnalyzers.Parse(s.Source, s.Path)), OutputKind.DynamicallyLinkedLibrary, "Guard");

    /// <summary>The same code with one leaking method added: the analyzers must speak, so the silence above means something.</summary>
    private const string Leak = """
        #nullable enable
        using System.Diagnostics;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Guard.Model;

        namespace Guard.Leak
        {
            public sealed class Careless
            {
                public async Task RunAsync(ILogger log, HttpClient http, Patient p, Activity activity)
                {
                    log.LogInformation("Patient {Name}", p.Name);
                    await http.PostAsync("https://api.unknown-vendor.example.com/x", new StringContent(p.Ssn));
                    File.WriteAllText("/tmp/chart.txt", p.Diagnosis);
                    activity.SetTag("email", p.Email);
                }
            }
        }
        """;

    [Fact]
    public async Task TheGuardIsNotVacuous()
    {
        var run = await AllAnalyzers.RunAsync(Compile(Sources.Append(("/project/Guard/Leak.cs", Leak))), Inventory);
        var ids = run.PhiDiagnostics.Select(d => d.Id).ToHashSet();
        _output.WriteLine(AnalyzerRun.Describe(run.PhiDiagnostics));
        foreach (var expected in new[] { "PHI001", "PHI002", "PHI003", "PHI007" })
        {
            Assert.True(ids.Contains(expected), $"{expected} missing on the leaking method; got:\n{AnalyzerRun.Describe(run.PhiDiagnostics)}\n{run.DescribeFailures()}");
        }

        Assert.All(run.PhiDiagnostics, d => Assert.EndsWith("Leak.cs", d.Location.GetLineSpan().Path));
    }

    [Fact]
    public void GuardCodeCompiles()
    {
        var errors = Compile(Sources).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "guard code does not compile:\n" + AnalyzerRun.Describe(errors));
    }

    [Fact]
    public async Task CleanCodeGetsNoPhiGuardDiagnostic()
    {
        var run = await AllAnalyzers.RunAsync(Compile(Sources), Inventory);
        _output.WriteLine($"{run.Analyzers.Length} analyzers in {run.Elapsed.TotalMilliseconds:F0} ms: {string.Join(", ", run.Analyzers.Select(a => a.GetType().Name))}");
        var phi = run.PhiDiagnostics;
        Assert.True(
            phi.IsEmpty && run.Failures.IsEmpty,
            $"{phi.Length} PhiGuard diagnostic(s) on clean code:\n{AnalyzerRun.Describe(phi)}\n{run.Failures.Length} analyzer exception(s):\n{run.DescribeFailures()}");
    }
}
