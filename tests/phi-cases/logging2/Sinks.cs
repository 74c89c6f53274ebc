using System.Diagnostics;
using PhiGuard;
using Serilog;
using Serilog.Context;

namespace Cases.Logging2;

public sealed class NightlyBatch(Serilog.ILogger log)
{
    public void Run(IEnumerable<Patient> patients)
    {
        foreach (var p in patients)
        {
            log.Information("Processing {PatientId}", p.PatientId);
            log.Debug("Processing {Mrn}", p.Mrn); // expect: PHI001
            var contextual = log.ForContext("Ward", p.Ward);
            contextual.Information("ward batch");
            var withMrn = log.ForContext("Mrn", p.Mrn); // expect: PHI001
            using (LogContext.PushProperty("Email", p.Email)) // expect: PHI001
            {
                Log.Information("step");
            }

            Log.Error("Failed for {@Patient}", p); // expect: PHI001
            Console.Error.WriteLine($"Skipped {p.LastName}"); // expect: PHI001
            Console.Out.WriteLine($"Skipped {p.PatientId}");
            Debug.WriteLine("dob " + p.BirthDate); // expect: PHI001
            Trace.TraceWarning("age {0}", p.Age);
            Console.WriteLine("Home {0}", p.Home); // expect: PHI001
        }
    }
}
