using System;
using System.Security.Cryptography;
using System.Text;

namespace PhiGuard;

/// <summary>Small crypto and encoding helpers shared by the tokenizer, the audit log and the router.</summary>
internal static class CryptoUtil
{
    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    internal static byte[] HmacSha256(byte[] key, byte[] data)
    {
#if NET6_0_OR_GREATER
        return HMACSHA256.HashData(key, data);
#else
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(data);
#endif
    }

    internal static byte[] HmacSha256(byte[] key, byte[] data, int offset, int count)
    {
#if NET6_0_OR_GREATER
        return HMACSHA256.HashData(key, new ReadOnlySpan<byte>(data, offset, count));
#else
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(data, offset, count);
#endif
    }

    internal static byte[] Sha256(byte[] data, int offset, int count)
    {
#if NET6_0_OR_GREATER
        return SHA256.HashData(new ReadOnlySpan<byte>(data, offset, count));
#else
        using var sha = SHA256.Create();
        return sha.ComputeHash(data, offset, count);
#endif
    }

    private const string HexDigits = "0123456789abcdef";

    internal static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = HexDigits[bytes[i] >> 4];
            chars[2 * i + 1] = HexDigits[bytes[i] & 0xF];
        }
        return new string(chars);
    }

    /// <summary>Constant-time comparison of two byte ranges.</summary>
    internal static bool FixedTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
    {
        int diff = 0;
        for (int i = 0; i < count; i++)
        {
            diff |= a[aOffset + i] ^ b[bOffset + i];
        }
        return diff == 0;
    }

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>RFC 4648 base32 without padding (uppercase letters and digits 2-7 only).</summary>
    internal static string ToBase32(byte[] bytes, int count)
    {
        var sb = new StringBuilder((count * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        for (int i = 0; i < count; i++)
        {
            buffer = (buffer << 8) | bytes[i];
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            sb.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return sb.ToString();
    }

    internal static void RequireKey(byte[]? key, string paramName, int minLength = 16)
    {
        if (key is null) throw new ArgumentNullException(paramName);
        if (key.Length < minLength) throw new ArgumentException($"The key must be at least {minLength} bytes long.", paramName);
    }
}

internal static class Utf16
{
    /// <summary>Lossless bytes of a string (UTF-16LE code units, lone surrogates kept as they are).</summary>
    internal static byte[] GetBytes(string s)
    {
        var bytes = new byte[s.Length * 2];
        for (int i = 0; i < s.Length; i++)
        {
            bytes[2 * i] = (byte)s[i];
            bytes[2 * i + 1] = (byte)(s[i] >> 8);
        }
        return bytes;
    }

    internal static string GetString(byte[] bytes, int offset, int count)
    {
        if ((count & 1) != 0) throw new FormatException("Odd number of UTF-16 bytes.");
        var chars = new char[count / 2];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(bytes[offset + 2 * i] | (bytes[offset + 2 * i + 1] << 8));
        }
        return new string(chars);
    }
}
