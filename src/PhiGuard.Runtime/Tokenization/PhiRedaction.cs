namespace PhiGuard;

/// <summary>Redaction helpers whose results carry no PHI.</summary>
public static class PhiRedaction
{
    /// <summary>The text written in place of a redacted value.</summary>
    public const string Redacted = "[REDACTED]";

    /// <summary>Returns a placeholder that reveals nothing of <paramref name="value"/> (null stays null).</summary>
    public static string? Redact(string? value) => value is null ? null : Redacted;
}
