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

    // A token is not preceded by a letter or digit and not followed by an uppercase letter or digit (the body has a fixed
    // length, so a longer run is not a token). The optional kind is an uppercase word followed by '_'.
    private static readonly Regex TokenPattern = new(
        "(?<![A-Za-z0-9])PHI_(?:[A-Z]{1,32}_)?[A-Z2-7]{26}(?![A-Z0-9])",
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
    /// Replaces every token in <paramref name="text"/> that the vault knows with its value, in a single pass (a restored
    /// value is never scanned again). Unknown or malformed tokens are left as they are. Never throws for any text;
    /// null gives the empty string.
    /// </summary>
    public string Detokenize(string text)
    {
        if (text is null || text.Length < Prefix.Length + BodyLength) return text ?? string.Empty;
        if (text.IndexOf(Prefix, StringComparison.Ordinal) < 0) return text;
        return TokenPattern.Replace(text, m => _vault.TryGetValue(m.Value, out var value) ? value : m.Value);
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
