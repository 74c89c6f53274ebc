using Microsoft.Extensions.Logging;
using PhiGuard;

namespace Cases.Logging2;

public static partial class IntakeLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Patient {PatientId} checked in at {Ward}")]
    public static partial void CheckedIn(ILogger logger, Guid patientId, string ward);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Allergy alert for {Mrn}")]
    public static partial void AllergyAlert(ILogger logger, string mrn);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Lab value {Value}")]
    public static partial void LabValue(this ILogger logger, string value);
}

public sealed partial class DischargeService(ILogger<DischargeService> logger)
{
    private static readonly Action<ILogger, string, Exception?> s_discharged =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(200, "Discharged"), "Discharged {Who}");

    private static readonly Action<ILogger, Guid, Exception?> s_dischargedId =
        LoggerMessage.Define<Guid>(LogLevel.Information, new EventId(201, "DischargedId"), "Discharged {Id}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up booked for {Name} on {Day}")]
    private partial void FollowUp(string name, DateOnly day);

    public void Discharge(Patient p, Diagnosis dx)
    {
        IntakeLog.CheckedIn(logger, p.PatientId, p.Ward);
        IntakeLog.AllergyAlert(logger, p.Mrn); // expect: PHI001
        logger.LabValue(dx.Description); // expect: PHI001
        s_discharged(logger, p.LastName, null); // expect: PHI001
        s_dischargedId(logger, p.PatientId, null);
        FollowUp(p.FirstName, DateOnly.FromDateTime(DateTime.Today)); // expect: PHI001
        FollowUp("clinic", DateOnly.FromDateTime(DateTime.Today));
    }
}
