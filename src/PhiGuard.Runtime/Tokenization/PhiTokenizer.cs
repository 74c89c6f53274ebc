using System;
using System.Text.RegularExpressions;

namespace PhiGuard;

/// <summary>
/// Deterministic tokenizer. A token is <c>PHI_&lt;KIND&gt;_&lt;body&gt;</c> (or <c>PHI_&lt;body&gt;</c> without a kind) where the
/// body is the first 128 bits of HMAC-SHA256(key, value) in base32 (26 characters of A-Z and 2-7). Tokens use only
/// uppercase letters, digits and underscores, so models copy them verbatim; they reveal nothing about the value
/// without the vault, and equal values under one key always get the same token.
/// </summary>
public sealed class PhiTokenizer : IPhiTokenizer
{
    /// <summary>Every token starts with this.</summary>
    public const string Prefix = "PHI_";

    /// <summary>Length of the random-looking part of a token.</summary>
    public const int BodyLength = 26;

    private const int TruncatedBytes = 16;

    // The shape of a whole token (used by IsToken; Detokenize scans for exact vault-known tokens instead).
    private static readonly Regex TokenPattern = new(
        "^PHI_(?:[A-Z]{1,32}_)?[A-Z2-7]{26}\\z",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly string[] KindPrefixes = BuildKindPrefixes();

    private readonly byte[] _key;
    private readonly ITokenVault _vault;

    /// <summary>Tokenizer with a process-local <see cref="InMemoryTokenVault"/>.</summary>
    /// <param name="key">HMAC key, at least 16 bytes (32 recommended). Keep it secret: with it, guesses can be tested.</param>
    public PhiTokenizer(byte[] key)
        : this(key, new InMemoryTokenVault())
    {
    }

    /// <summary>Tokenizer over the given vault (e.g. a <c>FileTokenVault</c>).</summary>
    public PhiTokenizer(byte[] key, ITokenVault vault)
    {
        CryptoUtil.RequireKey(key, nameof(key));
        _key = (byte[])key.Clone();
        _vault = vault ?? throw new ArgumentNullException(nameof(vault));
    }

    /// <summary>The vault behind this tokenizer.</summary>
    public ITokenVault Vault => _vault;

    /// <summary>Returns the generic token (<c>PHI_&lt;body&gt;</c>) for <paramref name="value"/> and stores it in the vault.</summary>
    public string Tokenize(string value) => Tokenize(value, PhiKind.Unspecified);

    /// <summary>Returns the token for <paramref name="value"/> of the given kind (<c>PHI_NAME_...</c>) and stores it in the vault.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public string Tokenize(string value, PhiKind kind)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var token = ComputeToken(value, kind);
        _vault.Store(token, value);
        return token;
    }

    /// <summary>The token <see cref="Tokenize(string, PhiKind)"/> would return, without storing it.</summary>
    public string ComputeToken(string value, PhiKind kind = PhiKind.Unspecified)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var mac = CryptoUtil.HmacSha256(_key, Utf16.GetBytes(value));
        return KindPrefix(kind) + CryptoUtil.ToBase32(mac, TruncatedBytes);
    }

    /// <summary>
    /// Replaces every token in <paramref name="text"/> that the vault knows with its value, scanning left to right in a
    /// single pass (a restored value is never scanned again). A token is recognised wherever it occurs, even glued to
    /// other text, because only exact tokens held by the vault are replaced; unknown or malformed tokens are left as they
    /// are. Never throws for any text; null gives the empty string.
    /// </summary>
    public string Detokenize(string text)
    {
        if (text is null) return string.Empty;
        int next = text.IndexOf(Prefix, StringComparison.Ordinal);
        if (next < 0) return text;

        System.Text.StringBuilder? sb = null;
        int copied = 0;
        while (next >= 0)
        {
            int length = KnownTokenLength(text, next, out var value);
            if (length > 0)
            {
                sb ??= new System.Text.StringBuilder(text.Length);
                sb.Append(text, copied, next - copied).Append(value);
                copied = next + length;
                next = copied < text.Length ? text.IndexOf(Prefix, copied, StringComparison.Ordinal) : -1;
            }
            else
            {
                next = next + 1 < text.Length ? text.IndexOf(Prefix, next + 1, StringComparison.Ordinal) : -1;
            }
        }
        if (sb is null) return text;
        return sb.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Length of the vault-known token starting at <paramref name="start"/> (which holds "PHI_"), or 0.</summary>
    private int KnownTokenLength(string text, int start, out string? value)
    {
        value = null;
        // Generic token: PHI_ + body. A kind token has '_' within its first body characters, so at most one shape fits.
        if (IsBody(text, start + Prefix.Length))
        {
            var candidate = text.Substring(start, Prefix.Length + BodyLength);
            return _vault.TryGetValue(candidate, out value) ? candidate.Length : 0;
        }
        for (int k = 1; k < KindPrefixes.Length; k++)
        {
            var prefix = KindPrefixes[k];
            if (string.CompareOrdinal(text, start, prefix, 0, prefix.Length) == 0 && IsBody(text, start + prefix.Length))
            {
                var candidate = text.Substring(start, prefix.Length + BodyLength);
                return _vault.TryGetValue(candidate, out value) ? candidate.Length : 0;
            }
        }
        return 0;
    }

    private static bool IsBody(string text, int start)
    {
        if (start + BodyLength > text.Length) return false;
        for (int i = start; i < start + BodyLength; i++)
        {
            char c = text[i];
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="text"/> is exactly one token in the shape this tokenizer produces.</summary>
    public static bool IsToken(string? text)
    {
        if (text is null) return false;
        var m = TokenPattern.Match(text);
        return m.Success && m.Index == 0 && m.Length == text.Length;
    }

    internal static string KindPrefix(PhiKind kind)
    {
        int i = (int)kind;
        return i >= 0 && i < KindPrefixes.Length ? KindPrefixes[i] : Prefix; // undefined kinds get the generic prefix
    }

    private static string[] BuildKindPrefixes()
    {
        var values = (PhiKind[])Enum.GetValues(typeof(PhiKind));
        int max = 0;
        foreach (var v in values) max = Math.Max(max, (int)v);
        var prefixes = new string[max + 1];
        foreach (var v in values)
        {
            prefixes[(int)v] = v == PhiKind.Unspecified ? Prefix : Prefix + v.ToString().ToUpperInvariant() + "_";
        }
        return prefixes;
    }
}
