using Microsoft.Extensions.Logging;
using PhiGuard;

namespace Cases.Logging3;

public sealed class ChartReview
{
    private readonly ILogger _logger;
    private readonly Dictionary<int, Patient> _cache = new();
    private string _lastSsn = "";
    private string _lastUnit = "";

    public ChartReview(ILoggerFactory factory) => _logger = factory.CreateLogger("ChartReview");

    public void Remember(Patient p)
    {
        _cache[p.Id] = p;
        _lastSsn = p.Ssn;
        _lastUnit = p.Unit;
    }

    public void Report()
    {
        _logger.LogInformation("Last unit {Unit}", _lastUnit);
        _logger.LogInformation("Last ssn {Ssn}", _lastSsn); // expect: PHI001
        if (_cache.TryGetValue(1, out var first))
        {
            _logger.LogInformation("First {Id} in {Unit}", first.Id, first.Unit);
            _logger.LogInformation("First {Name}", first.Name); // expect: PHI001
        }
    }

    public void Positional(Patient p)
    {
        _logger.LogInformation("Patient {Id} in {Unit}", p.Id, p.Unit);
        _logger.LogInformation("Patient {Name}", p.Name); // expect: PHI001
        var (name, _, id, unit) = p;
        _logger.LogInformation("Deconstructed {Id} {Unit}", id, unit);
        _logger.LogInformation("Deconstructed {Name}", name); // expect: PHI001
        _logger.LogInformation("Patient {P}", p); // expect: PHI001
        _logger.LogInformation("Copy {P}", p with { Unit = "ER" }); // expect: PHI001
    }

    public void Labs(LabValue lab, IEnumerable<LabValue> series)
    {
        _logger.LogInformation("Value {Value}", lab.Value); // expect: PHI001
        _logger.LogInformation("Series of {Count}", series.Count());
        _logger.LogInformation("Max {Max}", series.Max(v => v.Value)); // expect: PHI001
    }

    public void Devices(Device d)
    {
        _logger.LogInformation("Device {Model} at {Battery}%", d.Model, d.BatteryPercent);
        _logger.LogWarning("Device {Serial} low battery", d.Serial); // expect: PHI001
    }

    public void Insured(Insurance ins)
    {
        _logger.LogInformation("Policy {Key} with {Carrier}", ins.PolicyKey, ins.Carrier);
        _logger.LogInformation("Member {Number}", ins.MemberNumber.ToUpperInvariant().Trim()); // expect: PHI001
        _logger.LogInformation("Billing {Account}", ins.BillingAccount?.Substring(0, 4)); // expect: PHI001
        _logger.LogInformation("Billing set {Set}", ins.BillingAccount is not null);
        _logger.LogInformation(string.Format("Member {0} carrier {1}", ins.MemberNumber, ins.Carrier)); // expect: PHI001
        _logger.LogInformation(string.Concat("Carrier ", ins.Carrier));
    }

    public void Methods(int id)
    {
        _logger.LogInformation("Name {Name}", Lookup.NameOf(id)); // expect: PHI001
        _logger.LogInformation("Unit {Unit}", Lookup.UnitOf(id));
    }

    public void Parameters([Phi(PhiKind.Ssn)] string ssn, string reason)
    {
        _logger.LogInformation("Reason {Reason}", reason);
        _logger.LogInformation("Verifying {Ssn}", ssn); // expect: PHI001
        _logger.LogInformation("Verifying ssn ending {Last4}", ssn.Length >= 4);
    }

    public async Task AsyncFlow(int id)
    {
        var patient = await LoadAsync(id);
        _logger.LogInformation("Loaded {Id}", patient.Id);
        _logger.LogInformation("Loaded {Name}", patient.Name); // expect: PHI001
        var name = await Task.Run(() => patient.Name);
        _logger.LogInformation("Loaded again {Name}", name); // expect: PHI001
    }

    private static Task<Patient> LoadAsync(int id) => Task.FromResult(new Patient("n", "s", id, "u"));

    public void Lambdas(IEnumerable<Patient> patients)
    {
        Func<Patient, string> describe = p => $"{p.Name} ({p.Unit})";
        Func<Patient, string> safe = p => $"#{p.Id} ({p.Unit})";
        foreach (var p in patients)
        {
            _logger.LogInformation(describe(p)); // expect: PHI001
            _logger.LogInformation(safe(p));
        }

        string Local(Patient p) => p.Ssn[^4..];
        _logger.LogInformation("Last four {Digits}", Local(patients.First())); // expect: PHI001
    }

    public void Conditional(Patient p, bool verbose)
    {
        var text = verbose ? $"Patient {p.Name}" : $"Patient {p.Id}";
        _logger.LogInformation(text); // expect: PHI001
        var label = verbose ? "verbose" : "brief";
        _logger.LogInformation(label);
    }

    public void Errors(Patient p)
    {
        try
        {
            throw new InvalidOperationException("Chart locked");
        }
        catch (InvalidOperationException ex)
        {
            _logger.LogError(ex, "Chart {Id} locked", p.Id);
            _logger.LogError("Chart error {Message}", ex.Message);
            _logger.LogError(ex, "Chart of {Name} locked", p.Name); // expect: PHI001
        }
    }

    public void ArraysAndDictionaries(Patient p)
    {
        var parts = new[] { p.Unit, p.Name };
        _logger.LogInformation("Parts {Parts}", parts); // expect: PHI001
        var map = new Dictionary<string, string> { ["unit"] = p.Unit };
        _logger.LogInformation("Map {@Map}", map);
        map["ssn"] = p.Ssn;
        _logger.LogInformation("Map {@Map}", map); // expect: PHI001
        var units = new List<string>();
        units.Add(p.Unit);
        _logger.LogInformation("Units {Units}", units);
    }
}
