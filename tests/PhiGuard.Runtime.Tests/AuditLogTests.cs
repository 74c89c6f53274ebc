using System.Diagnostics;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace PhiGuard.Runtime.Tests;

public class AuditLogTests
{
    private readonly ITestOutputHelper _output;

    public AuditLogTests(ITestOutputHelper output) => _output = output;

    private static AuditRecord Sample(int i) => new()
    {
        Actor = "dr.lee",
        Purpose = AccessPurpose.Treatment,
        Action = "model.request",
        Subject = "PHI_MEDICALRECORDNUMBER_AAAAAAAAAAAAAAAAAAAAAAAAAA",
        PhiKinds = new[] { PhiKind.Name, PhiKind.Diagnosis },
        ModelVendor = "bedrock",
        ModelName = "claude",
        ModelVersion = "v" + i,
        ModelRegion = "us-east-1",
        RequestHash = new string('a', 64),
        ResponseHash = new string('b', 64),
        Outcome = AuditOutcome.ShownToUser,
        CorrelationId = "corr-" + i,
        Detail = "quote \" backslash \\ newline \n unicode \u00e9 " + i,
    };

    private static async Task<string> WriteLog(TempDir dir, int count)
    {
        var path = dir.File("audit.jsonl");
        await using var log = FileAuditLog.Open(path, Keys.Signing);
        for (int i = 1; i <= count; i++) await log.AppendAsync(Sample(i));
        return path;
    }

    [Fact]
    public async Task RecordsRoundTripAndVerify()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 5);
        var result = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(5, result.RecordCount);
        Assert.Null(result.FirstBadRecord);

        var entries = AuditLogReader.Read(path).ToList();
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, entries.Select(e => e.Sequence));
        var r = entries[2].Record;
        var expected = Sample(3);
        Assert.Equal(expected.Actor, r.Actor);
        Assert.Equal(expected.Subject, r.Subject);
        Assert.Equal(expected.PhiKinds, r.PhiKinds);
        Assert.Equal(expected.ModelVersion, r.ModelVersion);
        Assert.Equal(expected.Outcome, r.Outcome);
        Assert.Equal(expected.Detail, r.Detail);
        Assert.Equal(expected.CorrelationId, r.CorrelationId);
        Assert.Equal(r.Timestamp.AddYears(6), r.RetainUntil);
        Assert.Equal(TimeSpan.Zero, r.Timestamp.Offset);
    }

    [Fact]
    public async Task ReopeningContinuesTheChain()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 3);
        await using (var log = FileAuditLog.Open(path, Keys.Signing))
        {
            await log.AppendAsync(Sample(4));
        }
        var result = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(4, result.RecordCount);
    }

    [Fact]
    public async Task EmptyNewLogVerifiesAndMissingFileDoesNot()
    {
        using var dir = new TempDir();
        var path = dir.File("audit.jsonl");
        await using (FileAuditLog.Open(path, Keys.Signing)) { }
        var result = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(0, result.RecordCount);
        Assert.False(AuditLogVerifier.Verify(dir.File("nope.jsonl"), Keys.Signing).IsIntact);
    }

    [Fact]
    public async Task WrongKeyIsDetectedAtRecordOne()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 3);
        var result = AuditLogVerifier.Verify(path, Keys.Key(9));
        Assert.False(result.IsIntact);
        Assert.Equal(1, result.FirstBadRecord);
    }

    /// <summary>Byte ranges (start, end exclusive, newline included) of each record.</summary>
    private static List<(int Start, int End)> Lines(byte[] bytes)
    {
        var lines = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add((start, i + 1));
                start = i + 1;
            }
        }
        return lines;
    }

    [Fact]
    public async Task EverySingleByteFlipIsDetectedAtItsRecord()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 12);
        var original = File.ReadAllBytes(path);
        var lines = Lines(original);
        Assert.Equal(12, lines.Count);
        var random = new Random(1234);
        int checkedPositions = 0;
        for (int record = 0; record < lines.Count; record++)
        {
            var (start, end) = lines[record];
            // First byte, sequence digits, prev, fields, hash, signature, closing brace, newline, plus random positions.
            var positions = new HashSet<int> { start, start + 7, start + 20, end - 140, end - 70, end - 3, end - 2, end - 1 };
            for (int k = 0; k < 12; k++) positions.Add(random.Next(start, end));
            foreach (var pos in positions)
            {
                foreach (byte mask in new byte[] { 0x01, 0x20 })
                {
                    var tampered = (byte[])original.Clone();
                    tampered[pos] ^= mask;
                    File.WriteAllBytes(path, tampered);
                    var result = AuditLogVerifier.Verify(path, Keys.Signing);
                    Assert.False(result.IsIntact, $"flip at {pos} (record {record + 1}) not detected");
                    Assert.Equal(record + 1, result.FirstBadRecord);
                    Assert.Equal(record, result.RecordCount);
                    checkedPositions++;
                }
            }
        }
        File.WriteAllBytes(path, original);
        Assert.True(AuditLogVerifier.Verify(path, Keys.Signing).IsIntact);
        _output.WriteLine($"{checkedPositions} tampered copies checked");
    }

    [Fact]
    public async Task DeletingAnyRecordIsDetectedAtItsPosition()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 8);
        var original = File.ReadAllBytes(path);
        var lines = Lines(original);
        for (int record = 0; record < lines.Count; record++)
        {
            var (start, end) = lines[record];
            File.WriteAllBytes(path, original[..start].Concat(original[end..]).ToArray());
            var result = AuditLogVerifier.Verify(path, Keys.Signing);
            Assert.False(result.IsIntact, $"deleting record {record + 1} not detected");
            Assert.Equal(record + 1, result.FirstBadRecord);
        }
    }

    [Fact]
    public async Task SwappingAnyTwoRecordsIsDetectedAtTheFirst()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 6);
        var original = File.ReadAllBytes(path);
        var lines = Lines(original).Select(l => original[l.Start..l.End]).ToList();
        for (int i = 0; i < lines.Count; i++)
        {
            for (int j = i + 1; j < lines.Count; j++)
            {
                var swapped = lines.ToList();
                (swapped[i], swapped[j]) = (swapped[j], swapped[i]);
                File.WriteAllBytes(path, swapped.SelectMany(l => l).ToArray());
                var result = AuditLogVerifier.Verify(path, Keys.Signing);
                Assert.False(result.IsIntact);
                Assert.Equal(i + 1, result.FirstBadRecord);
            }
        }
    }

    [Fact]
    public async Task RemovedHeadFileIsReported()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 2);
        File.Delete(path + ".head");
        var result = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.False(result.IsIntact);
        Assert.Contains("head", result.Problem);
    }

    [Fact]
    public async Task TornTailIsReportedThenMovedAsideAndChainedOnReopen()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 5);
        var torn = Encoding.UTF8.GetBytes("{\"seq\":6,\"prev\":\"abc");
        using (var f = new FileStream(path, FileMode.Append)) f.Write(torn);

        var before = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.False(before.IsIntact);
        Assert.Equal(6, before.FirstBadRecord);
        Assert.Equal(5, before.RecordCount);
        Assert.Contains("torn", before.Problem);

        await using (var log = FileAuditLog.Open(path, Keys.Signing))
        {
            await log.AppendAsync(Sample(7));
        }

        var after = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.True(after.IsIntact, after.ToString());
        Assert.Equal(7, after.RecordCount);
        var sidecar = Assert.Single(Directory.GetFiles(dir.Path, "audit.jsonl.torn-*"));
        Assert.Equal(torn, File.ReadAllBytes(sidecar));
        var recovery = AuditLogReader.Read(path).Single(e => e.Sequence == 6).Record;
        Assert.Equal(FileAuditLog.RecoveryAction, recovery.Action);
        Assert.Contains(Path.GetFileName(sidecar), recovery.Detail);
        Assert.Equal("corr-7", AuditLogReader.Read(path).Last().Record.CorrelationId);
    }

    [Fact]
    public async Task RefusesToExtendATamperedTail()
    {
        using var dir = new TempDir();
        var path = await WriteLog(dir, 3);
        var bytes = File.ReadAllBytes(path);
        bytes[^20] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Throws<InvalidDataException>(() => FileAuditLog.Open(path, Keys.Signing));
    }

    [Fact]
    public async Task AppendAfterDisposeThrowsAndPreCancelledAppendWritesNothing()
    {
        using var dir = new TempDir();
        var path = dir.File("audit.jsonl");
        var log = FileAuditLog.Open(path, Keys.Signing);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await log.AppendAsync(Sample(1), new CancellationToken(true)));
        await log.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => { _ = log.AppendAsync(Sample(2)); });
        Assert.Equal(0, AuditLogVerifier.Verify(path, Keys.Signing).RecordCount);
    }

    [Fact]
    public async Task ConcurrentAppendsShareFlushes()
    {
        using var dir = new TempDir();
        var path = dir.File("audit.jsonl");
        await using (var log = FileAuditLog.Open(path, Keys.Signing))
        {
            await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => log.AppendAsync(Sample(i)).AsTask()));
        }
        var result = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(2000, result.RecordCount);
        Assert.Equal(2000, AuditLogReader.Read(path).Select(e => e.Record.CorrelationId).Distinct().Count());
    }

    [Fact]
    public async Task EightThreadsAndTwoProcessesAppendOneHundredThousandRecords()
    {
        using var dir = new TempDir();
        var path = dir.File("audit.jsonl");
        const int threads = 8, perThread = 7_500, processes = 2, perProcess = 20_000;
        Assert.Equal(100_000, threads * perThread + processes * perProcess);
        var sw = Stopwatch.StartNew();

        // Create the log first so every writer opens an existing file.
        await using (FileAuditLog.Open(path, Keys.Signing)) { }
        var children = Enumerable.Range(0, processes).Select(p => AuditWriterProcess.Start(path, Keys.Signing, perProcess, 64, "p" + p)).ToList();
        var childOutput = children.Select(c => c.StandardOutput.ReadToEndAsync()).ToList();
        var childErrors = children.Select(c => c.StandardError.ReadToEndAsync()).ToList();

        // Several instances in this process as well: half the threads share one, the others have their own.
        var shared = FileAuditLog.Open(path, Keys.Signing);
        var writers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            var own = t % 2 == 0 ? shared : FileAuditLog.Open(path, Keys.Signing);
            var inFlight = new Queue<Task>();
            for (int i = 0; i < perThread; i++)
            {
                inFlight.Enqueue(own.AppendAsync(new AuditRecord { Actor = "t" + t, Action = "test.append", CorrelationId = $"t{t}-{i}" }).AsTask());
                if (inFlight.Count >= 32) inFlight.Dequeue().GetAwaiter().GetResult();
            }
            while (inFlight.Count > 0) inFlight.Dequeue().GetAwaiter().GetResult();
            if (own != shared) own.Dispose();
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writers);
        await shared.DisposeAsync();
        foreach (var c in children)
        {
            Assert.True(c.WaitForExit(120_000), "child did not finish");
            Assert.True(c.ExitCode == 0, "child failed: " + await childErrors[children.IndexOf(c)]);
        }
        foreach (var o in childOutput) Assert.EndsWith("done", (await o).TrimEnd());

        var result = AuditLogVerifier.Verify(path, Keys.Signing);
        _output.WriteLine($"{result} in {sw.Elapsed}");
        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(100_000, result.RecordCount);
        var ids = AuditLogReader.Read(path).Select(e => e.Record.CorrelationId).ToHashSet();
        Assert.Equal(100_000, ids.Count);
        Assert.Contains("p1-19999", ids);
        Assert.Contains("t7-7499", ids);
    }

    [Fact]
    public async Task KilledWriterLosesNoAcknowledgedRecordAndItsTornTailIsKept()
    {
        using var dir = new TempDir();
        var path = dir.File("audit.jsonl");
        await using (FileAuditLog.Open(path, Keys.Signing)) { }

        // Run a second writer in this process at the same time, so the kill can land while the child holds the lock.
        var child = AuditWriterProcess.Start(path, Keys.Signing, 1_000_000, 8, "k");
        var acks = new List<string>();
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("ack ")) acks.Add(line[4..]);
            if (acks.Count >= 400) break;
        }
        child.Kill();
        // Acks already written to the pipe before the kill count as acknowledged too.
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("ack ")) acks.Add(line[4..]);
        }
        await child.WaitForExitAsync();
        Assert.True(acks.Count >= 400);

        var beforeReopen = AuditLogVerifier.Verify(path, Keys.Signing);
        _output.WriteLine("before reopen: " + beforeReopen);
        var bytesBefore = File.ReadAllBytes(path);
        bool torn = bytesBefore.Length > 0 && bytesBefore[^1] != (byte)'\n';
        if (torn)
        {
            Assert.False(beforeReopen.IsIntact);
            Assert.Contains("torn", beforeReopen.Problem);
        }
        else
        {
            Assert.True(beforeReopen.IsIntact, beforeReopen.ToString());
        }

        await using (var log = FileAuditLog.Open(path, Keys.Signing))
        {
            await log.AppendAsync(new AuditRecord { Action = "after.kill" });
        }
        var after = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.True(after.IsIntact, after.ToString());
        var records = AuditLogReader.Read(path).Select(e => e.Record).ToList();
        var present = records.Select(r => r.CorrelationId).ToHashSet();
        foreach (var ack in acks) Assert.Contains("k-" + ack, present);
        var sidecars = Directory.GetFiles(dir.Path, "audit.jsonl.torn-*");
        if (torn)
        {
            var sidecar = Assert.Single(sidecars);
            int lastNewline = Array.LastIndexOf(bytesBefore, (byte)'\n');
            Assert.Equal(bytesBefore[(lastNewline + 1)..], File.ReadAllBytes(sidecar));
            Assert.Contains(records, r => r.Action == FileAuditLog.RecoveryAction && r.Detail!.Contains(Path.GetFileName(sidecar)));
        }
        else
        {
            Assert.Empty(sidecars);
        }
        _output.WriteLine($"acks {acks.Count}, records {records.Count}, torn {torn}");
    }
}
