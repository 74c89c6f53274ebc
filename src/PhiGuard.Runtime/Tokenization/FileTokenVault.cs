#if NET8_0_OR_GREATER
using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Security.Cryptography;

namespace PhiGuard;

/// <summary>
/// A token vault persisted to one file and encrypted at rest with AES-GCM (one random 96-bit nonce and a 128-bit tag per
/// entry). Entries are appended and made durable (fsync) before <see cref="Store"/> returns; opening an existing file
/// reloads every entry and fails with <see cref="CryptographicException"/> if any entry was altered or the key is wrong.
/// The file is opened exclusively: one <see cref="FileTokenVault"/> (one process) owns it at a time, and that instance is
/// safe for concurrent use from many threads. A partial entry left by a crash (never acknowledged) is copied to
/// <c>&lt;path&gt;.torn-&lt;utc ticks&gt;</c> and cut off on open.
/// Available on .NET 8 and later only (the netstandard2.0 build has no AES-GCM).
/// </summary>
[EncryptedAtRest]
public sealed class FileTokenVault : ITokenVault, IDisposable
{
    private static readonly byte[] Magic = "PHIGUARD-VAULT-1\n"u8.ToArray();
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private readonly object _writeLock = new();
    private readonly FileStream _file;
    private readonly AesGcm _aes;
    private bool _disposed;

    private FileTokenVault(FileStream file, AesGcm aes)
    {
        _file = file;
        _aes = aes;
    }

    /// <summary>Opens (or creates) the vault at <paramref name="path"/>.</summary>
    /// <param name="path">The vault file.</param>
    /// <param name="encryptionKey">AES key of 16, 24 or 32 bytes (32 recommended), supplied by the caller (e.g. from a KMS).</param>
    public static FileTokenVault Open(string path, byte[] encryptionKey)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (encryptionKey is null) throw new ArgumentNullException(nameof(encryptionKey));
        if (encryptionKey.Length is not (16 or 24 or 32)) throw new ArgumentException("AES keys are 16, 24 or 32 bytes long.", nameof(encryptionKey));

        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
        var aes = new AesGcm(encryptionKey, TagSize);
        var vault = new FileTokenVault(file, aes);
        try
        {
            vault.Load(path);
        }
        catch
        {
            vault.Dispose();
            throw;
        }
        return vault;
    }

    /// <summary>Number of stored tokens.</summary>
    public int Count => _entries.Count;

    public void Store(string token, string value)
    {
        if (token is null) throw new ArgumentNullException(nameof(token));
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (_entries.TryGetValue(token, out var existing))
        {
            if (!string.Equals(existing, value, StringComparison.Ordinal)) throw new TokenCollisionException(token);
            return;
        }

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(token, out existing))
            {
                if (!string.Equals(existing, value, StringComparison.Ordinal)) throw new TokenCollisionException(token);
                return;
            }

            var record = Encrypt(token, value);
            _file.Seek(0, SeekOrigin.End);
            _file.Write(record);
            _file.Flush(flushToDisk: true);
            _entries[token] = value;
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

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed) return;
            _disposed = true;
            _file.Dispose();
            _aes.Dispose();
        }
    }

    // Entry layout: [int32 LE length of the rest][nonce 12][tag 16][ciphertext]; plaintext is
    // [int32 LE token length in chars][token UTF-16LE][value UTF-16LE]. The magic header is the associated data.
    private byte[] Encrypt(string token, string value)
    {
        var tokenBytes = Utf16.GetBytes(token);
        var valueBytes = Utf16.GetBytes(value);
        var plain = new byte[4 + tokenBytes.Length + valueBytes.Length];
        BitConverterLE.Write(plain, 0, token.Length);
        Buffer.BlockCopy(tokenBytes, 0, plain, 4, tokenBytes.Length);
        Buffer.BlockCopy(valueBytes, 0, plain, 4 + tokenBytes.Length, valueBytes.Length);

        var record = new byte[4 + NonceSize + TagSize + plain.Length];
        BitConverterLE.Write(record, 0, NonceSize + TagSize + plain.Length);
        var nonce = record.AsSpan(4, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plain, record.AsSpan(4 + NonceSize + TagSize, plain.Length), record.AsSpan(4 + NonceSize, TagSize), Magic);
        CryptographicOperations.ZeroMemory(plain);
        return record;
    }

    private void Load(string path)
    {
        long length = _file.Length;
        if (length == 0)
        {
            _file.Write(Magic);
            _file.Flush(flushToDisk: true);
            return;
        }

        var data = new byte[length];
        _file.Seek(0, SeekOrigin.Begin);
        _file.ReadExactly(data);
        if (length < Magic.Length || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a PhiGuard token vault.");
        }

        int pos = Magic.Length;
        while (pos < data.Length)
        {
            if (data.Length - pos < 4) break;
            int size = BitConverterLE.Read(data, pos);
            if (size < NonceSize + TagSize + 4) throw new InvalidDataException($"{path}: malformed entry at offset {pos}.");
            if (size > data.Length - pos - 4) break; // torn tail
            int plainLength = size - NonceSize - TagSize;
            var plain = new byte[plainLength];
            _aes.Decrypt(
                data.AsSpan(pos + 4, NonceSize),
                data.AsSpan(pos + 4 + NonceSize + TagSize, plainLength),
                data.AsSpan(pos + 4 + NonceSize, TagSize),
                plain,
                Magic); // throws AuthenticationTagMismatchException (a CryptographicException) if altered or wrong key
            int tokenChars = BitConverterLE.Read(plain, 0);
            if (tokenChars < 0 || 4 + 2L * tokenChars > plainLength) throw new InvalidDataException($"{path}: malformed entry at offset {pos}.");
            var token = Utf16.GetString(plain, 4, tokenChars * 2);
            var value = Utf16.GetString(plain, 4 + tokenChars * 2, plainLength - 4 - tokenChars * 2);
            CryptographicOperations.ZeroMemory(plain);
            if (!_entries.TryAdd(token, value) && _entries[token] != value) throw new TokenCollisionException(token);
            pos += 4 + size;
        }

        if (pos < data.Length)
        {
            // A torn entry from a crash: keep its bytes aside (still ciphertext), then cut it off.
            var tornPath = $"{path}.torn-{DateTime.UtcNow.Ticks}";
            using (var torn = new FileStream(tornPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                torn.Write(data, pos, data.Length - pos);
                torn.Flush(flushToDisk: true);
            }
            _file.SetLength(pos);
            _file.Flush(flushToDisk: true);
        }
    }
}

internal static class BitConverterLE
{
    internal static void Write(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
        buffer[offset + 2] = (byte)(value >> 16);
        buffer[offset + 3] = (byte)(value >> 24);
    }

    internal static int Read(byte[] buffer, int offset) =>
        buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24);
}
#endif
