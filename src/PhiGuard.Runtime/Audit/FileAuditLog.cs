using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PhiGuard;

/// <summary>
/// Append-only, hash-chained, HMAC-signed audit log in JSON Lines (see <see cref="AuditLogVerifier"/> for the format).
/// <para>
/// Durability: <see cref="AppendAsync"/> completes only after the record has been written and flushed to disk
/// (<c>fsync</c>). Appends that arrive while a flush is in progress are written together by the next flush (group
/// commit), so many concurrent appends share one <c>fsync</c>.
/// </para>
/// <para>
/// Concurrency: any number of threads may share an instance, and any number of instances in any number of processes may
/// append to the same path. Each write happens under an exclusive OS lock on <c>&lt;path&gt;.lock</c> (opened with
/// <see cref="FileShare.None"/>, i.e. <c>flock</c> on Unix and a share lock on Windows); after taking the lock the writer
/// re-reads the tail of the file whenever its length changed, so the chain continues from whatever another process wrote.
/// </para>
/// <para>
/// Crash recovery: a last line without its newline (a write torn by a crash) is never dropped or overwritten. The writer
/// that finds it copies the bytes to <c>&lt;path&gt;.torn-&lt;UTC time&gt;</c> (flushed to disk), cuts them off the log and
/// appends a signed recovery record (action <c>audit.torn-tail-recovered</c>) that names the sidecar file with the length
/// and SHA-256 of the bytes it holds.
/// </para>
/// <para>
/// After each flush the writer also replaces <c>&lt;path&gt;.head</c> (signed sequence number and hash of the last record),
/// so that <see cref="AuditLogVerifier"/> can tell when records were cut off the end. The head is replaced by rename but
/// not flushed, so after a power loss it may lag behind the log, which the verifier accepts; it never runs ahead.
/// </para>
/// No member deletes or rewrites a record. If the last record fails verification the log refuses to extend the chain.
/// </summary>
public sealed class FileAuditLog : IAuditLog, IAsyncDisposable, IDisposable
{
    /// <summary>Action of the record appended after a torn tail was moved aside.</summary>
    public const string RecoveryAction = "audit.torn-tail-recovered";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    private readonly string _path;
    private readonly string _lockPath;
    private readonly string _headPath;
    private readonly byte[] _key;
    private readonly object _gate = new();
    private List<Pending> _queue = new();
    private bool _writerRunning;
    private bool _disposed;
    private TaskCompletionSource<bool>? _drained;

    // Writer state: touched only by the single active writer (or by Open before any append).
    private FileStream? _data;
    private long _knownLength = -1;
    private long _lastSeq;
    private string _lastHash = AuditLine.GenesisHash;
    private readonly MemoryStream _batch = new();

    private FileAuditLog(string path, byte[] key)
    {
        _path = Path.GetFullPath(path);
        _lockPath = _path + ".lock";
        _headPath = _path + ".head";
        _key = (byte[])key.Clone();
    }

    /// <summary>Full path of the log file.</summary>
    public string FilePath => _path;

    /// <summary>
    /// Opens (or creates) the log at <paramref name="path"/>, recovering a torn tail if there is one.
    /// </summary>
    /// <param name="path">The JSON Lines file.</param>
    /// <param name="signingKey">HMAC-SHA256 key, at least 16 bytes (32 recommended); the same key verifies the log.</param>
    public static FileAuditLog Open(string path, byte[] signingKey)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        CryptoUtil.RequireKey(signingKey, nameof(signingKey));
        var log = new FileAuditLog(path, signingKey);
        try
        {
            using (log.AcquireLock())
            {
                var data = log.EnsureData();
                log.SyncTail(data);
                if (log._lastSeq == 0 && !File.Exists(log._headPath))
                {
                    log.WriteHead(); // a new log: from now on the head exists, so losing it is detectable
                }
            }
        }
        catch
        {
            log._data?.Dispose();
            throw;
        }
        return log;
    }

    /// <summary>Appends <paramref name="record"/>; completes once the record is on disk.</summary>
    /// <remarks>
    /// The record's fields are captured when this method is called. Cancellation is honoured only before the record is
    /// queued: a queued record is always written, so that a cancelled caller can never be unsure whether it was.
    /// </remarks>
    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (record is null) throw new ArgumentNullException(nameof(record));
        cancellationToken.ThrowIfCancellationRequested();
        var fields = AuditLine.SerializeFields(record);
        var pending = new Pending(fields);
        bool startWriter = false;
        lock (_gate)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(FileAuditLog));
            _queue.Add(pending);
            if (!_writerRunning)
            {
                _writerRunning = true;
                startWriter = true;
            }
        }
        if (startWriter)
        {
            _ = Task.Factory.StartNew(WriterLoop, CancellationToken.None, TaskCreationOptions.DenyChildAttach | TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        return new ValueTask(pending.Completion.Task);
    }

    /// <summary>Waits for queued appends, then releases the file.</summary>
    public async ValueTask DisposeAsync()
    {
        Task wait;
        lock (_gate)
        {
            if (_disposed && _drained is null) return;
            _disposed = true;
            if (_writerRunning)
            {
                _drained ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _drained.Task;
            }
            else
            {
                wait = Task.CompletedTask;
            }
        }
        await wait.ConfigureAwait(false);
        lock (_gate)
        {
            _data?.Dispose();
            _data = null;
            _drained = null;
        }
    }

    /// <summary>Waits for queued appends, then releases the file.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void WriterLoop()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writerRunning = false;
                    _drained?.TrySetResult(true);
                    return;
                }
                batch = _queue;
                _queue = new List<Pending>(batch.Count);
            }

            try
            {
                WriteBatch(batch);
                foreach (var p in batch) p.Completion.TrySetResult(true);
            }
            catch (Exception ex)
            {
                _knownLength = -1; // re-read the tail next time: the file may hold a partial write
                foreach (var p in batch) p.Completion.TrySetException(ex);
            }
        }
    }

    private void WriteBatch(List<Pending> batch)
    {
        using (AcquireLock())
        {
            var data = EnsureData();
            SyncTail(data);
            _batch.SetLength(0);
            long seq = _lastSeq;
            string hash = _lastHash;
            foreach (var p in batch)
            {
                seq++;
                hash = AuditLine.Compose(_batch, seq, hash, p.Fields, _key);
            }
            AppendDurably(data, _batch.GetBuffer(), (int)_batch.Length);
            _lastSeq = seq;
            _lastHash = hash;
            WriteHead();
        }
    }

    private void AppendDurably(FileStream data, byte[] bytes, int count)
    {
        _knownLength = -1;
        data.Seek(0, SeekOrigin.End);
        data.Write(bytes, 0, count);
        data.Flush(flushToDisk: true);
        _knownLength = data.Position;
    }

    private FileStream EnsureData()
    {
        return _data ??= new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
    }

    /// <summary>Learns the sequence number and hash of the last record; recovers a torn tail. Call under the lock.</summary>
    private void SyncTail(FileStream data)
    {
        long length = data.Length;
        if (length == _knownLength) return;
        _knownLength = -1;
        if (length == 0)
        {
            _lastSeq = 0;
            _lastHash = AuditLine.GenesisHash;
            _knownLength = 0;
            return;
        }

        long completeEnd = FindLastNewline(data, length) + 1; // 0 when there is no complete line
        ReadLastRecord(data, completeEnd);
        if (completeEnd < length)
        {
            RecoverTornTail(data, completeEnd, length);
        }
        _knownLength = data.Length;
    }

    private void ReadLastRecord(FileStream data, long completeEnd)
    {
        if (completeEnd == 0)
        {
            _lastSeq = 0;
            _lastHash = AuditLine.GenesisHash;
            return;
        }
        long lineStart = FindLastNewline(data, completeEnd - 1) + 1;
        int lineLength = checked((int)(completeEnd - 1 - lineStart));
        var line = new byte[lineLength];
        data.Seek(lineStart, SeekOrigin.Begin);
        ReadFully(data, line, 0, lineLength);
        var problem = AuditLine.Check(line, 0, lineLength, _key, out var seq, out _, out var hash);
        if (problem is not null)
        {
            throw new InvalidDataException($"The last record of {_path} fails verification ({problem}); refusing to extend the chain. Run AuditLogVerifier.");
        }
        _lastSeq = seq;
        _lastHash = hash;
    }

    private void RecoverTornTail(FileStream data, long completeEnd, long length)
    {
        var torn = new byte[checked((int)(length - completeEnd))];
        data.Seek(completeEnd, SeekOrigin.Begin);
        ReadFully(data, torn, 0, torn.Length);

        string tornPath;
        FileStream sidecar;
        int attempt = 0;
        while (true)
        {
            tornPath = $"{_path}.torn-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture)}{(attempt == 0 ? "" : "-" + attempt)}";
            try
            {
                sidecar = new FileStream(tornPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                break;
            }
            catch (IOException) when (File.Exists(tornPath) && attempt < 100)
            {
                attempt++;
            }
        }
        using (sidecar)
        {
            sidecar.Write(torn, 0, torn.Length);
            sidecar.Flush(flushToDisk: true);
        }

        data.SetLength(completeEnd);
        data.Flush(flushToDisk: true);

        var sha = CryptoUtil.ToHex(CryptoUtil.Sha256(torn, 0, torn.Length));
        var recovery = new AuditRecord
        {
            Action = RecoveryAction,
            Actor = "phiguard.audit",
            Purpose = AccessPurpose.Operations,
            Outcome = AuditOutcome.Recorded,
            Detail = $"torn tail of {torn.Length} bytes after record {_lastSeq} (sha256 {sha}) moved to {Path.GetFileName(tornPath)}",
        };
        _batch.SetLength(0);
        var hash = AuditLine.Compose(_batch, _lastSeq + 1, _lastHash, AuditLine.SerializeFields(recovery), _key);
        AppendDurably(data, _batch.GetBuffer(), (int)_batch.Length);
        _lastSeq++;
        _lastHash = hash;
        WriteHead();
    }

    /// <summary>Offset of the last '\n' before <paramref name="end"/>, or -1.</summary>
    private static long FindLastNewline(FileStream data, long end)
    {
        var buffer = new byte[8192];
        long pos = end;
        while (pos > 0)
        {
            int n = (int)Math.Min(buffer.Length, pos);
            pos -= n;
            data.Seek(pos, SeekOrigin.Begin);
            ReadFully(data, buffer, 0, n);
            int i = Array.LastIndexOf(buffer, (byte)'\n', n - 1, n);
            if (i >= 0) return pos + i;
        }
        return -1;
    }

    private static void ReadFully(Stream s, byte[] buffer, int offset, int count)
    {
        while (count > 0)
        {
            int n = s.Read(buffer, offset, count);
            if (n == 0) throw new EndOfStreamException();
            offset += n;
            count -= n;
        }
    }

    private void WriteHead()
    {
        var text = AuditHead.Format(_lastSeq, _lastHash, _key);
        var tmp = _headPath + ".tmp";
        File.WriteAllText(tmp, text, Encoding.ASCII);
#if NETCOREAPP3_0_OR_GREATER
        File.Move(tmp, _headPath, overwrite: true);
#else
        if (File.Exists(_headPath)) File.Replace(tmp, _headPath, null);
        else File.Move(tmp, _headPath);
#endif
    }

    private FileStream AcquireLock()
    {
        var started = DateTime.UtcNow;
        int attempt = 0;
        while (true)
        {
            try
            {
                return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                if (DateTime.UtcNow - started > LockTimeout)
                {
                    throw new TimeoutException($"Could not lock {_lockPath} within {LockTimeout.TotalSeconds} s.", ex);
                }
                attempt++;
                if (attempt < 10) Thread.Yield();
                else Thread.Sleep(attempt < 50 ? 0 : 1);
            }
        }
    }

    private sealed class Pending
    {
        internal Pending(byte[] fields) => Fields = fields;

        internal byte[] Fields { get; }

        internal TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The signed head file: <c>{"seq":N,"hash":"H","sig":"S"}</c>, S = HMAC(key, "phiguard-head|N|H").</summary>
internal static class AuditHead
{
    internal static string Format(long seq, string hash, byte[] key) =>
        "{\"seq\":" + seq.ToString(CultureInfo.InvariantCulture) + ",\"hash\":\"" + hash + "\",\"sig\":\"" + Sign(seq, hash, key) + "\"}\n";

    private static string Sign(long seq, string hash, byte[] key) =>
        CryptoUtil.ToHex(CryptoUtil.HmacSha256(key, Encoding.ASCII.GetBytes("phiguard-head|" + seq.ToString(CultureInfo.InvariantCulture) + "|" + hash)));

    internal static bool TryRead(string path, byte[] key, out long seq, out string hash, out string? problem)
    {
        seq = 0;
        hash = "";
        problem = null;
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII);
        }
        catch (FileNotFoundException)
        {
            problem = "head file is missing";
            return false;
        }
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            seq = doc.RootElement.GetProperty("seq").GetInt64();
            hash = doc.RootElement.GetProperty("hash").GetString() ?? "";
            var sig = doc.RootElement.GetProperty("sig").GetString() ?? "";
            if (!string.Equals(sig, Sign(seq, hash, key), StringComparison.Ordinal))
            {
                problem = "head file signature does not match";
                return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            problem = "head file is unreadable";
            return false;
        }
    }
}
