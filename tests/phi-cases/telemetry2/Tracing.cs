using System.Diagnostics;
using System.Diagnostics.Metrics;
using PhiGuard;

namespace Cases.Telemetry2;

public sealed class ChartService(IOpsEvents ops, IPhiTokenizer tokenizer)
{
    private static readonly ActivitySource Source = new("Clinic.Charts");
    private static readonly Meter Meter = new("Clinic.Charts");
    private static readonly Counter<long> Opened = Meter.CreateCounter<long>("charts.opened");
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("charts.latency");
    private readonly Dictionary<int, Patient> _patients = new();

    public Patient Open(int id, string wristbandMrn)
    {
        using var activity = Source.StartActivity("chart.open");
        if (!_patients.TryGetValue(id, out var patient))
        {
            throw new KeyNotFoundException($"No chart for patient {id}");
        }

        activity?.SetTag("patient.id", id);
        activity?.SetTag("patient.unit", patient.Unit);
        activity?.SetTag("patient.mrn", patient.Mrn); // expect: PHI007
        activity?.SetTag("patient.ref", tokenizer.Tokenize(patient.Mrn));
        activity?.AddTag("patient.name_len", patient.FullName.Length);

        if (patient.Mrn != wristbandMrn)
        {
            throw new ChartMismatchException($"Chart of {patient.FullName} does not match wristband {wristbandMrn}"); // expect: PHI007
        }

        if (patient.LastLoginIp is null)
        {
            throw new InvalidOperationException($"Chart of patient {id} has no login");
        }

        Opened.Add(1, new KeyValuePair<string, object?>("unit", patient.Unit));
        Opened.Add(1, new KeyValuePair<string, object?>("mrn", patient.Mrn)); // expect: PHI007
        Latency.Record(12.5, new TagList { { "unit", patient.Unit }, { "ip", patient.LastLoginIp } }); // expect: PHI007
        return patient;
    }

    public void Book(Appointment appt)
    {
        using var activity = Source.StartActivity($"book {appt.Room}");
        Activity.Current?.SetTag("appointment.id", appt.AppointmentId);
        Activity.Current?.SetTag("appointment.when", appt.When); // expect: PHI007
        Activity.Current?.AddEvent(new ActivityEvent("booked", tags: new ActivityTagsCollection { ["patient"] = appt.Patient.FullName })); // expect: PHI007
        Activity.Current?.AddEvent(new ActivityEvent("booked", tags: new ActivityTagsCollection { ["room"] = appt.Room }));
        activity?.SetStatus(ActivityStatusCode.Error, "Double booking for " + appt.Patient.Mrn); // expect: PHI007
        activity?.SetBaggage("patient.id", appt.Patient.Id.ToString());
        activity?.SetBaggage("patient.name", appt.Patient.FullName); // expect: PHI007
        using var child = Source.StartActivity("notify " + appt.Patient.FullName); // expect: PHI007
    }

    public void Validate(Patient p, string? newMrn)
    {
        ArgumentException.ThrowIfNullOrEmpty(newMrn);
        if (newMrn.Length != 8)
        {
            throw new ArgumentException($"MRN must have 8 characters, got {newMrn.Length}", nameof(newMrn));
        }

        if (p.FullName.Length == 0)
        {
            throw new ArgumentException("Invalid name: " + p.FullName, nameof(p)); // expect: PHI007
        }

        var ex = new InvalidOperationException("Validation failed");
        ex.Data["patientId"] = p.Id;
        ex.Data["mrn"] = p.Mrn; // expect: PHI007
        ex.Data.Add("ip", p.LastLoginIp); // expect: PHI007
    }

    public void Wrap(Patient p)
    {
        try
        {
            Load(p);
        }
        catch (IOException io)
        {
            throw new ChartMismatchException("Could not load chart " + p.Id, io);
        }
        catch (Exception e)
        {
            throw new ChartMismatchException("Could not load chart of " + p.FullName, e); // expect: PHI007
        }
    }

    private static void Load(Patient p) { }

    public void Events(Patient p)
    {
        ops.Raise("chart.opened", new Dictionary<string, string> { ["id"] = p.Id.ToString(), ["unit"] = p.Unit });
        ops.Raise("chart.opened", new Dictionary<string, string> { ["mrn"] = p.Mrn }); // expect: PHI007
    }
}

public static class Guards
{
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    public static void Tag(string key, object? value) => Activity.Current?.SetTag(key, value);
}

public sealed class Checks
{
    public void Run(Patient p)
    {
        Guards.Require(p.Id > 0, "Patient id must be positive");
        Guards.Require(p.Mrn.Length == 8, $"Bad MRN {p.Mrn}"); // expect: PHI007
        Guards.Tag("unit", p.Unit);
        Guards.Tag("name", p.FullName); // expect: PHI007
    }
}
