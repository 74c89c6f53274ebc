using System;

namespace PhiGuard;

/// <summary>Redaction helpers whose results carry no PHI.</summary>
public static class PhiRedaction
{
    /// <summary>The text written in place of a redacted value.</summary>
    public const string Redacted = "[REDACTED]";

    /// <summary>Returns a placeholder that reveals nothing of <paramref name="value"/> (null stays null).</summary>
    public static string? Redact(string? value) => value is null ? null : Redacted;

    /// <summary>
    /// Keyed hash of <paramref name="value"/>: HMAC-SHA256 over its UTF-8 bytes, as 64 lowercase hex digits.
    /// Equal values give equal hashes under the same key, so prompts and replies can be correlated in logs
    /// without storing them; without the key the hash cannot be used to test guesses.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> or <paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than 16 bytes.</exception>
    public static string Hash(string value, byte[] key)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        CryptoUtil.RequireKey(key, nameof(key));
        return CryptoUtil.ToHex(CryptoUtil.HmacSha256(key, CryptoUtil.Utf8NoBom.GetBytes(value)));
    }
}
