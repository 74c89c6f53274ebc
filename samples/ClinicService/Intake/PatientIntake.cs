using ClinicService.Model;
using Microsoft.Extensions.Logging;
using PhiGuard;

namespace ClinicService.Intake;

/// <summary>Admits patients to a ward and tells the ward about it.</summary>
public sealed partial class PatientIntake
{
    private readonly ILogger<PatientIntake> _logger;
    private readonly IPhiTokenizer _tokenizer;
    private readonly IWardPager _pager;

    public PatientIntake(ILogger<PatientIntake> logger, IPhiTokenizer tokenizer, IWardPager pager)
    {
        _logger = logger;
        _tokenizer = tokenizer;
        _pager = pager;
    }

    public void Admit(Patient patient)
    {
        _logger.LogInformation("Admitting {Patient}, born {DateOfBirth}, to {Ward}", patient.FullName, patient.DateOfBirth, patient.Ward); // PHI001: name and date of birth reach ILogger
        _logger.LogInformation("Admitting {PatientToken} to {Ward}", _tokenizer.Tokenize(patient.Mrn), patient.Ward); // compliant: a token stands for the MRN, the ward is not PHI

        Console.WriteLine($"Calling {patient.Phone} to confirm admission"); // PHI001: the phone number reaches Console
        Console.WriteLine($"Calling patient {patient.Id}, phone on file: {patient.Phone.Length > 0}"); // compliant: surrogate key and a boolean

        Audit("admitted " + patient.FullName); // PHI001: forwarded, PatientIntake.Audit -> ILogger.LogInformation
        Audit("admitted patient " + patient.Id); // compliant: same helper, no PHI

        LogChartOpened(_logger, patient.Mrn); // PHI001: the MRN reaches a [LoggerMessage] method
        LogChartOpened(_logger, _tokenizer.Tokenize(patient.Mrn)); // compliant: the token, through the same method

        _pager.Page(patient.Ward, $"New admission: {patient.FullName}"); // PHI001: IWardPager.Page is a [PhiSink(Log)] wrapper
        _pager.Page(patient.Ward, $"New admission, patient {patient.Id}"); // compliant
    }

    public void EmailBounced(Patient patient)
    {
        _logger.LogWarning("Email to {Email} bounced", PhiRedaction.Redact(patient.Email)); // compliant: redacted
    }

    /// <summary>The team's own helper: whatever it is given reaches the log.</summary>
    private void Audit(string line) => _logger.LogInformation("intake: {Line}", line);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Chart opened for {PatientRef}")]
    private static partial void LogChartOpened(ILogger logger, string patientRef);
}

/// <summary>Pages the ward's on-call nurse; the pager service keeps every page in its message history.</summary>
public interface IWardPager
{
    [PhiSink(PhiSinkKind.Log)]
    void Page(string ward, string message);
}
