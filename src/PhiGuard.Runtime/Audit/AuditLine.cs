using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace PhiGuard;

/// <summary>
/// The on-disk shape of one audit record: one line of JSON,
/// <c>{"seq":N,"prev":"&lt;64 hex&gt;",&lt;fields&gt;,"hash":"&lt;64 hex&gt;","sig":"&lt;64 hex&gt;"}</c> followed by <c>\n</c>.
/// The signed part is every byte before <c>,"hash":</c>: <c>hash</c> is its SHA-256, <c>sig</c> its HMAC-SHA256 under the
/// signing key, and <c>prev</c> is the <c>hash</c> of the record before (64 zeros for the first), so each record commits
/// to its position and to the whole chain before it.
/// </summary>
internal static class AuditLine
{
    internal static readonly string GenesisHash = new('0', 64);
    internal static readonly byte[] SeqOpen = Encoding.ASCII.GetBytes("{\"seq\":");
    internal static readonly byte[] PrevOpen = Encoding.ASCII.GetBytes(",\"prev\":\"");
    internal static readonly byte[] HashOpen = Encoding.ASCII.GetBytes(",\"hash\":\"");
    internal static readonly byte[] SigOpen = Encoding.ASCII.GetBytes("\",\"sig\":\"");
    internal static readonly byte[] Close = Encoding.ASCII.GetBytes("\"}");

    /// <summary>Length of <c>,"hash":"H","sig":"S"}</c>.</summary>
    internal const int SuffixLength = 9 + 64 + 9 + 64 + 2;

    /// <summary>The record's fields as JSON members without the enclosing braces (never empty: <c>ts</c> is always there).</summary>
    internal static byte[] SerializeFields(AuditRecord r)
    {
        using var ms = new MemoryStream(384);
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("ts", FormatTime(r.Timestamp));
            w.WriteString("retain", FormatTime(r.RetainUntil));
            WriteOptional(w, "actor", r.Actor);
            WriteOptional(w, "subject", r.Subject);
            if (r.PhiKinds.Count > 0)
            {
                w.WriteStartArray("kinds");
                foreach (var k in r.PhiKinds) w.WriteStringValue(k.ToString());
                w.WriteEndArray();
            }
            w.WriteString("purpose", r.Purpose.ToString());
            WriteOptional(w, "action", r.Action);
            WriteOptional(w, "vendor", r.ModelVendor);
            WriteOptional(w, "model", r.ModelName);
            WriteOptional(w, "version", r.ModelVersion);
            WriteOptional(w, "region", r.ModelRegion);
            WriteOptional(w, "reqHash", r.RequestHash);
            WriteOptional(w, "respHash", r.ResponseHash);
            if (r.Outcome is { } outcome) w.WriteString("outcome", outcome.ToString());
            WriteOptional(w, "corr", r.CorrelationId);
            WriteOptional(w, "detail", r.Detail);
            w.WriteEndObject();
        }
        var all = ms.ToArray();
        var fields = new byte[all.Length - 2];
        Buffer.BlockCopy(all, 1, fields, 0, fields.Length);
        return fields;
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static string FormatTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Appends one complete line (with its newline) to <paramref name="output"/>; returns the new record's hash.</summary>
    internal static string Compose(MemoryStream output, long seq, string prevHash, byte[] fields, byte[] key)
    {
        long start = output.Length;
        output.Position = start;
        Write(output, SeqOpen);
        Write(output, Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture)));
        Write(output, PrevOpen);
        Write(output, Encoding.ASCII.GetBytes(prevHash));
        output.WriteByte((byte)'"');
        output.WriteByte((byte)',');
        Write(output, fields);
        int prefixLength = checked((int)(output.Length - start));
        var buffer = output.GetBuffer();
        var hash = CryptoUtil.ToHex(CryptoUtil.Sha256(buffer, (int)start, prefixLength));
        var sig = CryptoUtil.ToHex(CryptoUtil.HmacSha256(key, buffer, (int)start, prefixLength));
        Write(output, HashOpen);
        Write(output, Encoding.ASCII.GetBytes(hash));
        Write(output, SigOpen);
        Write(output, Encoding.ASCII.GetBytes(sig));
        Write(output, Close);
        output.WriteByte((byte)'\n');
        return hash;
    }

    private static void Write(Stream s, byte[] bytes) => s.Write(bytes, 0, bytes.Length);

    /// <summary>
    /// Checks one line (without its newline): shape, content hash and signature. On success returns null and the
    /// sequence number, the previous hash and this record's hash; otherwise a description of what is wrong.
    /// </summary>
    internal static string? Check(byte[] buffer, int offset, int length, byte[] key, out long seq, out string prevHash, out string hash)
    {
        seq = 0;
        prevHash = "";
        hash = "";
        int prefixLength = length - SuffixLength;
        if (prefixLength < SeqOpen.Length + 1 + PrevOpen.Length + 64 + 2 ||
            !Matches(buffer, offset, SeqOpen) ||
            !Matches(buffer, offset + prefixLength, HashOpen) ||
            !Matches(buffer, offset + prefixLength + 9 + 64, SigOpen) ||
            !Matches(buffer, offset + length - 2, Close))
        {
            return "not a well-formed audit record";
        }

        int pos = offset + SeqOpen.Length;
        int digitsStart = pos;
        while (pos < offset + prefixLength && buffer[pos] >= (byte)'0' && buffer[pos] <= (byte)'9' && pos - digitsStart < 18)
        {
            seq = seq * 10 + (buffer[pos] - '0');
            pos++;
        }
        if (pos == digitsStart ||
            !Matches(buffer, pos, PrevOpen) ||
            pos + PrevOpen.Length + 64 + 2 > offset + prefixLength ||
            buffer[pos + PrevOpen.Length + 64] != (byte)'"' ||
            buffer[pos + PrevOpen.Length + 65] != (byte)',')
        {
            return "not a well-formed audit record";
        }
        prevHash = Encoding.ASCII.GetString(buffer, pos + PrevOpen.Length, 64);

        var expectedHash = Encoding.ASCII.GetBytes(CryptoUtil.ToHex(CryptoUtil.Sha256(buffer, offset, prefixLength)));
        var expectedSig = Encoding.ASCII.GetBytes(CryptoUtil.ToHex(CryptoUtil.HmacSha256(key, buffer, offset, prefixLength)));
        if (!CryptoUtil.FixedTimeEquals(expectedSig, 0, buffer, offset + prefixLength + 9 + 64 + 9, 64))
        {
            return "signature does not match (record altered or wrong key)";
        }
        if (!CryptoUtil.FixedTimeEquals(expectedHash, 0, buffer, offset + prefixLength + 9, 64))
        {
            return "content hash does not match";
        }
        hash = Encoding.ASCII.GetString(expectedHash);
        return null;
    }

    private static bool Matches(byte[] buffer, int offset, byte[] expected)
    {
        if (offset < 0 || offset + expected.Length > buffer.Length) return false;
        for (int i = 0; i < expected.Length; i++)
        {
            if (buffer[offset + i] != expected[i]) return false;
        }
        return true;
    }

    /// <summary>Reads the fields of a line back into an <see cref="AuditRecord"/> (no verification).</summary>
    internal static AuditRecord Parse(byte[] buffer, int offset, int length, out long seq)
    {
        using var doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, offset, length));
        var root = doc.RootElement;
        seq = root.GetProperty("seq").GetInt64();
        var r = new AuditRecord();
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "ts": r.Timestamp = DateTimeOffset.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind); break;
                case "retain": r.RetainUntil = DateTimeOffset.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind); break;
                case "actor": r.Actor = p.Value.GetString(); break;
                case "subject": r.Subject = p.Value.GetString(); break;
                case "kinds":
                    var kinds = new System.Collections.Generic.List<PhiKind>();
                    foreach (var k in p.Value.EnumerateArray()) kinds.Add((PhiKind)Enum.Parse(typeof(PhiKind), k.GetString()!));
                    r.PhiKinds = kinds;
                    break;
                case "purpose": r.Purpose = (AccessPurpose)Enum.Parse(typeof(AccessPurpose), p.Value.GetString()!); break;
                case "action": r.Action = p.Value.GetString(); break;
                case "vendor": r.ModelVendor = p.Value.GetString(); break;
                case "model": r.ModelName = p.Value.GetString(); break;
                case "version": r.ModelVersion = p.Value.GetString(); break;
                case "region": r.ModelRegion = p.Value.GetString(); break;
                case "reqHash": r.RequestHash = p.Value.GetString(); break;
                case "respHash": r.ResponseHash = p.Value.GetString(); break;
                case "outcome": r.Outcome = (AuditOutcome)Enum.Parse(typeof(AuditOutcome), p.Value.GetString()!); break;
                case "corr": r.CorrelationId = p.Value.GetString(); break;
                case "detail": r.Detail = p.Value.GetString(); break;
            }
        }
        return r;
    }
}

/// <summary>Splits a file into lines without loading it whole.</summary>
internal sealed class LineScanner : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;

    internal LineScanner(Stream stream) => _stream = stream;

    internal byte[] Buffer => _buffer;

    /// <summary>Next newline-terminated line (offset/length exclude the newline). False at the end; then <see cref="Remainder"/> holds unterminated bytes.</summary>
    internal bool Next(out int offset, out int length)
    {
        while (true)
        {
            int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (nl >= 0)
            {
                offset = _start;
                length = nl - _start;
                _start = nl + 1;
                return true;
            }
            if (_eof)
            {
                offset = length = 0;
                return false;
            }
            Fill();
        }
    }

    /// <summary>Bytes after the last newline (a torn tail), once <see cref="Next"/> returned false.</summary>
    internal int Remainder => _end - _start;

    private void Fill()
    {
        if (_start > 0)
        {
            System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }

    public void Dispose() => _stream.Dispose();
}
