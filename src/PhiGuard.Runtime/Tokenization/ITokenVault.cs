using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PhiGuard;

/// <summary>Stores the value behind each token. Implementations are safe for concurrent use.</summary>
public interface ITokenVault
{
    /// <summary>
    /// Records that <paramref name="token"/> stands for <paramref name="value"/>. Storing the same pair again is a no-op.
    /// </summary>
    /// <exception cref="TokenCollisionException">The token is already bound to a different value.</exception>
    void Store(string token, string value);

    /// <summary>Looks up the value behind <paramref name="token"/>.</summary>
    bool TryGetValue(string token, [NotNullWhen(true)] out string? value);
}

/// <summary>A token is already bound to a different value (a truncated-HMAC collision, or two vaults mixed up).</summary>
public sealed class TokenCollisionException : InvalidOperationException
{
    public TokenCollisionException(string token)
        : base($"Token {token} is already bound to a different value.")
    {
        Token = token;
    }

    /// <summary>The token (carries no PHI).</summary>
    public string Token { get; }
}

/// <summary>A process-local vault; its contents are lost when the process ends.</summary>
public sealed class InMemoryTokenVault : ITokenVault
{
    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);

    /// <summary>Number of stored tokens.</summary>
    public int Count => _entries.Count;

    public void Store(string token, string value)
    {
        if (token is null) throw new ArgumentNullException(nameof(token));
        if (value is null) throw new ArgumentNullException(nameof(value));
        var existing = _entries.GetOrAdd(token, value);
        if (!string.Equals(existing, value, StringComparison.Ordinal))
        {
            throw new TokenCollisionException(token);
        }
    }

    public bool TryGetValue(string token, [NotNullWhen(true)] out string? value)
    {
        if (token is null)
        {
            value = null;
            return false;
        }
        return _entries.TryGetValue(token, out value);
    }
}
