using System;
using System.Collections.Generic;
using System.IO;

namespace PhiGuard;

/// <summary>The result of <see cref="AuditLogVerifier.Verify"/>.</summary>
public sealed class AuditVerification
{
    /// <summary>True when every record is intact, in order, chained and signed, with nothing torn or cut off.</summary>
    public bool IsIntact { get; init; }

    /// <summary>Records that verified (when not intact: those before <see cref="FirstBadRecord"/>).</summary>
    public long RecordCount { get; init; }

    /// <summary>1-based number of the first record (line) that is bad or missing; null when intact or not attributable to a record.</summary>
    public long? FirstBadRecord { get; init; }

    /// <summary>What is wrong; null when intact.</summary>
    public string? Problem { get; init; }

    public override string ToString() =>
        IsIntact ? $"intact, {RecordCount} records" : $"NOT intact at record {FirstBadRecord?.ToString() ?? "?"}: {Problem}";
}

/// <summary>Checks a <see cref="FileAuditLog"/> file.</summary>
public static class AuditLogVerifier
{
    /// <summary>
    /// Verifies the log at <paramref name="path"/>: every line must be a well-formed record whose content hash and
    /// HMAC-SHA256 signature match, whose sequence number is its line number and whose <c>prev</c> is the hash of the
    /// line before. A last line without a newline is a torn tail. The signed head file (<c>&lt;path&gt;.head</c>) must
    /// exist and must not name a record beyond the end or with another hash (records cut off the end).
    /// Reads the file as a stream, so it works for logs of any size. Never throws for a bad log; throws for a null
    /// argument or an unreadable file.
    /// </summary>
    public static AuditVerification Verify(string path, byte[] signingKey)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        CryptoUtil.RequireKey(signingKey, nameof(signingKey));
        if (!File.Exists(path))
        {
            return new AuditVerification { IsIntact = false, Problem = "the log file does not exist" };
        }

        bool hasHead = AuditHead.TryRead(path + ".head", signingKey, out long headSeq, out string headHash, out string? headProblem);

        long count = 0;
        string prev = AuditLine.GenesisHash;
        string? hashAtHead = headSeq == 0 ? AuditLine.GenesisHash : null;
        using (var scanner = new LineScanner(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan)))
        {
            while (scanner.Next(out int offset, out int length))
            {
                long n = count + 1;
                var problem = AuditLine.Check(scanner.Buffer, offset, length, signingKey, out long seq, out string prevHash, out string hash);
                if (problem is null && seq != n)
                {
                    problem = $"sequence number is {seq}, expected {n} (a record was removed, inserted or moved)";
                }
                if (problem is null && !string.Equals(prevHash, prev, StringComparison.Ordinal))
                {
                    problem = $"does not chain to record {n - 1}";
                }
                if (problem is not null)
                {
                    return Bad(count, n, $"record {n}: {problem}");
                }
                prev = hash;
                count = n;
                if (n == headSeq) hashAtHead = hash;
            }
            if (scanner.Remainder > 0)
            {
                return Bad(count, count + 1, $"torn tail: {scanner.Remainder} bytes after record {count} without a newline (reopen the log to recover it)");
            }
        }

        if (!hasHead)
        {
            return new AuditVerification { IsIntact = false, RecordCount = count, Problem = headProblem };
        }
        if (headSeq > count)
        {
            return Bad(count, count + 1, $"records {count + 1}..{headSeq} are missing from the end (the head names record {headSeq})");
        }
        if (!string.Equals(hashAtHead, headHash, StringComparison.Ordinal))
        {
            return Bad(count, headSeq == 0 ? 1 : headSeq, $"record {headSeq} is not the record the head names");
        }
        return new AuditVerification { IsIntact = true, RecordCount = count };
    }

    private static AuditVerification Bad(long verified, long record, string problem) =>
        new() { IsIntact = false, RecordCount = verified, FirstBadRecord = record, Problem = problem };
}

/// <summary>One record read back from a log.</summary>
public sealed class AuditLogEntry
{
    internal AuditLogEntry(long sequence, AuditRecord record)
    {
        Sequence = sequence;
        Record = record;
    }

    /// <summary>1-based position in the chain.</summary>
    public long Sequence { get; }

    /// <summary>The record's fields.</summary>
    public AuditRecord Record { get; }
}

/// <summary>Reads records back from a <see cref="FileAuditLog"/> file (for reports and tests).</summary>
public static class AuditLogReader
{
    /// <summary>
    /// Reads every complete record. Does not verify: run <see cref="AuditLogVerifier.Verify"/> first when it matters.
    /// </summary>
    public static IEnumerable<AuditLogEntry> Read(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        return ReadIterator(path);
    }

    private static IEnumerable<AuditLogEntry> ReadIterator(string path)
    {
        using var scanner = new LineScanner(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan));
        while (scanner.Next(out int offset, out int length))
        {
            var record = AuditLine.Parse(scanner.Buffer, offset, length, out long seq);
            yield return new AuditLogEntry(seq, record);
        }
    }
}
