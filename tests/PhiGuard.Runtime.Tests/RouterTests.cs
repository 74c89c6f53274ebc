using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CsCheck;
using Microsoft.Extensions.AI;
using Xunit;

namespace PhiGuard.Runtime.Tests;

internal sealed class RecordingClient : IModelClient
{
    public RecordingClient(string vendor, string model = "m1", Func<string, CancellationToken, Task<string>>? behaviour = null)
    {
        Vendor = vendor;
        Model = model;
        Behaviour = behaviour ?? ((p, _) => Task.FromResult("echo: " + p));
    }

    public string Vendor { get; }
    public string Model { get; }
    public string? ModelVersion => "2025-01";
    public string? Region => "us-east-1";
    public Func<string, CancellationToken, Task<string>> Behaviour { get; set; }
    public ConcurrentQueue<string> Received { get; } = new();

    public Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
    {
        Received.Enqueue(prompt);
        return Behaviour(prompt, cancellationToken);
    }
}

internal sealed class MemoryAuditLog : IAuditLog
{
    public ConcurrentQueue<AuditRecord> Records { get; } = new();
    public Func<AuditRecord, Exception?>? FailWith { get; set; }

    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var ex = FailWith?.Invoke(record);
        if (ex is not null) throw ex;
        Records.Enqueue(record);
        return default;
    }

    public static string Flatten(AuditRecord r) =>
        string.Join("|", r.Actor, r.Subject, string.Join(",", r.PhiKinds), r.Action, r.ModelVendor, r.ModelName, r.RequestHash, r.ResponseHash, r.Outcome, r.CorrelationId, r.Detail);
}

public class RouterTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static PhiModelRouter Router(IEnumerable<VendorPolicy> policies, IEnumerable<IModelClient> clients, IAuditLog audit, out PhiTokenizer tokenizer, TimeSpan? timeout = null)
    {
        tokenizer = new PhiTokenizer(Keys.Token);
        return new PhiModelRouter(policies, clients, audit, tokenizer, Keys.Hash, new PhiModelRouterOptions { Clock = () => Now, Timeout = timeout ?? TimeSpan.FromSeconds(10) });
    }

    private static VendorPolicy Allowed(string id) => new(id, VendorBaaStatus.Signed, VendorPhiPolicy.Allowed, Now.UtcDateTime.AddYears(1));
    private static VendorPolicy Deid(string id) => new(id, VendorBaaStatus.Signed, VendorPhiPolicy.DeidentifiedOnly, Now.UtcDateTime.AddYears(1));
    private static VendorPolicy Forbidden(string id) => new(id, VendorBaaStatus.None, VendorPhiPolicy.Forbidden);

    private static Gen<VendorPolicy?> PolicyGen(string id) =>
        Gen.Select(Gen.Enum<VendorBaaStatus>(), Gen.Enum<VendorPhiPolicy>(), Gen.Int[-3, 3], Gen.Bool, Gen.Int[0, 9])
           .Select((status, phi, expiresInDays, valid, missing) => missing == 0
               ? null
               : new VendorPolicy(id, status, phi, expiresInDays == 3 ? null : Now.UtcDateTime.Date.AddDays(expiresInDays), isValid: valid || missing > 2));

    // PHI values are lowercase with a marker, so they never occur by chance in instruction text or tokens.
    private static readonly Gen<string> PhiValue = Gen.Char["abcdefghijklmnopqrstuvwxyz "].Array[4, 12].Select(a => "zq" + new string(a) + "qz");
    private static readonly Gen<string> Literal = Gen.Char["ABCDEFGHIJ .,:\n"].Array[0, 10].Select(a => new string(a));
    private static readonly Gen<(string Text, bool IsPhi, PhiKind Kind)[]> PartsGen =
        Gen.Select(Gen.OneOf(PhiValue, Literal), Gen.Int[0, 2], Gen.Enum<PhiKind>()).Select((t, p, k) => (t, p != 0, k)).Array[0, 6];

    [Fact]
    public void PhiReachesExactlyTheVendorsAllowedToReceiveIt()
    {
        var vendors = new[] { "va", "vb", "vc" };
        Gen.Select(PolicyGen("va"), PolicyGen("vb"), PolicyGen("vc"), PartsGen, Gen.Bool).Sample((pa, pb, pc, parts, plain) =>
        {
            var policies = new[] { pa, pb, pc }.Where(p => p is not null).Cast<VendorPolicy>().ToList();
            var clients = vendors.Select(v => new RecordingClient(v)).ToList();
            var audit = new MemoryAuditLog();
            var router = Router(policies, clients, audit, out var tokenizer);

            var builder = PhiPrompt.Create().Text("Summarize: ");
            foreach (var (text, isPhi, kind) in parts)
            {
                if (isPhi) builder.Phi(text, kind); else builder.Text(text);
            }
            var prompt = builder.Build();
            var raw = prompt.ToTextWithPhi();
            var phiValues = parts.Where(p => p.IsPhi && p.Text.StartsWith("zq")).Select(p => p.Text).ToList();
            bool carriesPhi = plain || parts.Any(p => p.IsPhi);
            var request = plain
                ? new ModelRequest { Prompt = raw, Purpose = AccessPurpose.Treatment, Actor = "dr.lee" }
                : new ModelRequest { PhiPrompt = prompt, Purpose = AccessPurpose.Treatment, Actor = "dr.lee" };
            if (plain) phiValues = new List<string> { raw };

            VendorPhiPermission PermissionOf(string v) => policies.FirstOrDefault(p => p.VendorId == v)?.Evaluate(Now.UtcDateTime) ?? VendorPhiPermission.Forbidden;
            var expected = clients.FirstOrDefault(c =>
                !carriesPhi || PermissionOf(c.Vendor) == VendorPhiPermission.Allowed || (!plain && PermissionOf(c.Vendor) == VendorPhiPermission.DeidentifiedOnly));

            ModelReply? reply = null;
            PhiRoutingRefusedException? refused = null;
            try
            {
                reply = router.CompleteAsync(request).GetAwaiter().GetResult();
            }
            catch (PhiRoutingRefusedException ex)
            {
                refused = ex;
            }

            var records = audit.Records.ToList();
            foreach (var r in records)
            {
                var flat = MemoryAuditLog.Flatten(r);
                foreach (var v in phiValues.Where(v => v.Length > 0)) Assert.DoesNotContain(v, flat);
            }

            if (expected is null)
            {
                Assert.NotNull(refused);
                Assert.All(clients, c => Assert.Empty(c.Received));
                var record = Assert.Single(records);
                Assert.Equal(AuditOutcome.Refused, record.Outcome);
                Assert.Equal(PhiModelRouter.RefusedAction, record.Action);
                return;
            }

            Assert.Null(refused);
            foreach (var c in clients)
            {
                if (c != expected) Assert.Empty(c.Received);
            }
            var sent = Assert.Single(expected.Received);
            var permission = PermissionOf(expected.Vendor);
            if (permission == VendorPhiPermission.Allowed || !carriesPhi)
            {
                Assert.Equal(raw, sent);
                Assert.False(reply!.WasDeidentified);
            }
            else
            {
                Assert.Equal(VendorPhiPermission.DeidentifiedOnly, permission);
                foreach (var v in phiValues) Assert.DoesNotContain(v, sent);
                Assert.True(reply!.WasDeidentified);
            }
            Assert.Equal("echo: " + raw, reply.Text);
            Assert.Equal(expected.Vendor, reply.Vendor);

            Assert.Equal(2, records.Count);
            Assert.Equal(PhiModelRouter.RequestAction, records[0].Action);
            Assert.Null(records[0].Outcome);
            Assert.Equal(PhiRedaction.Hash(sent, Keys.Hash), records[0].RequestHash);
            Assert.Equal(PhiModelRouter.ResponseAction, records[1].Action);
            Assert.Equal(AuditOutcome.ShownToUser, records[1].Outcome);
            Assert.Equal(PhiRedaction.Hash("echo: " + sent, Keys.Hash), records[1].ResponseHash);
            Assert.Equal(records[0].CorrelationId, records[1].CorrelationId);
            Assert.All(records, r => Assert.Equal(expected.Vendor, r.ModelVendor));
        }, iter: 1500);
    }

    [Fact]
    public void InterpolatedPromptMarksValuesAsPhiUnlessToldOtherwise()
    {
        var name = "Jane Doe";
        var dob = new DateTime(1970, 2, 3);
        int count = 3;
        var prompt = PhiPrompt.From($"Patient {name:Name}, born {dob:yyyy-MM-dd}, {PhiPrompt.NotPhi(count)} visits, unit {"mg":notphi}, MRN {PhiPrompt.Phi("MRN-1", PhiKind.MedicalRecordNumber)}.");
        Assert.True(prompt.ContainsPhi);
        Assert.Equal(new[] { PhiKind.Name, PhiKind.Unspecified, PhiKind.MedicalRecordNumber }, prompt.PhiKinds);
        Assert.Equal("Patient Jane Doe, born 1970-02-03, 3 visits, unit mg, MRN MRN-1.", prompt.ToTextWithPhi());
        Assert.Equal("Patient [REDACTED], born [REDACTED], 3 visits, unit mg, MRN [REDACTED].", prompt.ToString());
        var tokenizer = new PhiTokenizer(Keys.Token);
        var deid = prompt.ToDeidentifiedText(tokenizer);
        Assert.DoesNotContain("Jane", deid);
        Assert.DoesNotContain("1970", deid);
        Assert.Contains("PHI_NAME_", deid);
        Assert.Contains("PHI_MEDICALRECORDNUMBER_", deid);
        Assert.Contains("3 visits, unit mg", deid);
        Assert.Equal(prompt.ToTextWithPhi(), tokenizer.Detokenize(deid));
        Assert.False(PhiPrompt.From($"no data {PhiPrompt.NotPhi("here")}").ContainsPhi);
    }

    [Fact]
    public async Task PlainPromptNeverGoesToADeidentifiedOnlyVendor()
    {
        var deid = new RecordingClient("deid");
        var audit = new MemoryAuditLog();
        var router = Router(new[] { Deid("deid") }, new[] { deid }, audit, out _);
        await Assert.ThrowsAsync<PhiRoutingRefusedException>(() => router.CompleteAsync(new ModelRequest { Prompt = "Jane Doe has diabetes", Purpose = AccessPurpose.Treatment }));
        Assert.Empty(deid.Received);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(audit.Records).Outcome);
    }

    [Fact]
    public async Task ExpiredBaaIsForbiddenAndTheNextVendorServes()
    {
        var expired = new RecordingClient("old");
        var current = new RecordingClient("new");
        var audit = new MemoryAuditLog();
        var router = Router(
            new[] { new VendorPolicy("old", VendorBaaStatus.Signed, VendorPhiPolicy.Allowed, Now.UtcDateTime.Date.AddDays(-1)), Allowed("new") },
            new[] { expired, current }, audit, out _);
        var reply = await router.CompleteAsync(new ModelRequest { Prompt = "x", Purpose = AccessPurpose.Treatment });
        Assert.Equal("new", reply.Vendor);
        Assert.Empty(expired.Received);
        Assert.Equal(VendorPhiPermission.Forbidden, router.PermissionOf("old"));
        // The last day of the BAA still counts.
        Assert.Equal(VendorPhiPermission.Allowed, new VendorPolicy("d", VendorBaaStatus.Signed, VendorPhiPolicy.Allowed, Now.UtcDateTime.Date).Evaluate(Now.UtcDateTime));
    }

    [Fact]
    public async Task TimeOutIsAuditedEvenWhenTheAdapterIgnoresCancellation()
    {
        var never = new RecordingClient("v", behaviour: (_, _) => new TaskCompletionSource<string>().Task);
        var audit = new MemoryAuditLog();
        var router = Router(new[] { Allowed("v") }, new[] { never }, audit, out _, timeout: TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAsync<TimeoutException>(() => router.CompleteAsync(new ModelRequest { Prompt = "x" }));
        AssertRequestAndOutcome(audit, AuditOutcome.TimedOut);
    }

    [Fact]
    public async Task CancellationIsAudited()
    {
        var slow = new RecordingClient("v", behaviour: async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return ""; });
        var audit = new MemoryAuditLog();
        var router = Router(new[] { Allowed("v") }, new[] { slow }, audit, out _);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => router.CompleteAsync(new ModelRequest { Prompt = "x" }, cts.Token));
        AssertRequestAndOutcome(audit, AuditOutcome.Cancelled);
    }

    [Fact]
    public async Task VendorExceptionIsAuditedWithoutItsMessage()
    {
        var failing = new RecordingClient("v", behaviour: (p, _) => throw new HttpRequestException("server said: " + p));
        var audit = new MemoryAuditLog();
        var router = Router(new[] { Allowed("v") }, new[] { failing }, audit, out _);
        var ex = await Assert.ThrowsAsync<PhiModelVendorException>(() => router.CompleteAsync(new ModelRequest { Prompt = "Jane Doe" }));
        Assert.DoesNotContain("Jane", ex.Message);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        var outcome = AssertRequestAndOutcome(audit, AuditOutcome.Failed);
        Assert.Equal(typeof(HttpRequestException).FullName, outcome.Detail);
    }

    [Fact]
    public async Task FailedRequestAuditMeansNothingIsSent()
    {
        var client = new RecordingClient("v");
        var audit = new MemoryAuditLog { FailWith = _ => new IOException("disk full") };
        var router = Router(new[] { Allowed("v") }, new[] { client }, audit, out _);
        await Assert.ThrowsAsync<IOException>(() => router.CompleteAsync(new ModelRequest { Prompt = "x" }));
        Assert.Empty(client.Received);
    }

    [Fact]
    public async Task SubjectIsRecordedOnlyAsAToken()
    {
        var audit = new MemoryAuditLog();
        var router = Router(new[] { Allowed("v") }, new[] { new RecordingClient("v") }, audit, out var tokenizer);
        await router.CompleteAsync(new ModelRequest { Prompt = "x", Subject = "MRN-12345", Disposition = AuditOutcome.QueuedForHumanReview });
        Assert.All(audit.Records, r =>
        {
            Assert.True(PhiTokenizer.IsToken(r.Subject));
            Assert.Equal("MRN-12345", tokenizer.Detokenize(r.Subject!));
        });
        Assert.Equal(AuditOutcome.QueuedForHumanReview, audit.Records.Last().Outcome);
    }

    [Fact]
    public async Task NoPhiPromptMayGoToAForbiddenVendor()
    {
        var client = new RecordingClient("nobaa");
        var audit = new MemoryAuditLog();
        var router = Router(Array.Empty<VendorPolicy>(), new[] { client }, audit, out _);
        var reply = await router.CompleteAsync(new ModelRequest { PhiPrompt = PhiPrompt.Create().Text("What is the ICD-10 code for type 2 diabetes?").Build() });
        Assert.Equal("echo: What is the ICD-10 code for type 2 diabetes?", reply.Text);
        await Assert.ThrowsAsync<PhiRoutingRefusedException>(() => router.CompleteAsync(new ModelRequest { PhiPrompt = PhiPrompt.Create().Text("Patient ").Phi("Jane").Build() }));
        Assert.Equal(AuditOutcome.Refused, audit.Records.Last().Outcome);
    }

    [Fact]
    public async Task RoutesThroughAChatClientIntoAVerifiableFileLog()
    {
        using var dir = new TempDir();
        var path = dir.File("audit.jsonl");
        var chat = new FakeChatClient();
        await using (var log = FileAuditLog.Open(path, Keys.Signing))
        {
            var client = new ChatClientModelClient(chat, "azure-openai", "gpt-4o", "2024-08-06", "eastus");
            var router = new PhiModelRouter(new[] { Deid("azure-openai") }, new[] { client }, log, new PhiTokenizer(Keys.Token), Keys.Hash, new PhiModelRouterOptions { Clock = () => Now });
            var name = "Jane Doe";
            var reply = await router.CompleteAsync(new ModelRequest { PhiPrompt = PhiPrompt.From($"Write to {name:Name}."), Purpose = AccessPurpose.Treatment, Actor = "dr.lee" });
            Assert.Equal("reply to: Write to Jane Doe.", reply.Text);
            Assert.DoesNotContain("Jane", chat.LastText);
            Assert.Equal("gpt-4o", chat.LastModel);
        }
        var verification = AuditLogVerifier.Verify(path, Keys.Signing);
        Assert.True(verification.IsIntact, verification.ToString());
        Assert.Equal(2, verification.RecordCount);
        var records = AuditLogReader.Read(path).Select(e => e.Record).ToList();
        Assert.Equal(new[] { PhiKind.Name }, records[0].PhiKinds);
        Assert.Equal("eastus", records[1].ModelRegion);
        Assert.DoesNotContain("Jane", File.ReadAllText(path));
    }

    [Fact]
    public async Task InventoryPoliciesMatchTheSharedParser()
    {
        using var dir = new TempDir();
        var path = dir.File("baa-inventory.yaml");
        File.WriteAllText(path, """
            version: 1
            vendors:
              - id: bedrock
                baa: { status: signed, signed: 2025-03-01, expires: 2027-03-01 }
                phi: allowed
              - id: azure-openai
                baa: { status: signed, signed: 2025-01-01, expires: 2026-06-01 }
                phi: deidentified-only
              - id: pending-co
                baa: { status: pending }
                phi: allowed
              - id: terminated-co
                baa: { status: terminated, signed: 2020-01-01 }
                phi: allowed
            """);
        var policies = VendorPolicies.LoadInventory(path);
        var parsed = PhiGuard.Inventory.InventoryParser.Parse(File.ReadAllText(path), path).Inventory;
        Assert.Equal(parsed.Vendors.Count, policies.Count);
        for (var day = new DateTime(2025, 1, 1); day < new DateTime(2028, 1, 1); day = day.AddDays(13))
        {
            foreach (var entry in parsed.Vendors)
            {
                var policy = policies.Single(p => p.VendorId == entry.Id);
                Assert.Equal(entry.Evaluate(day).ToString(), policy.Evaluate(day).ToString());
            }
        }

        var audit = new MemoryAuditLog();
        var clients = new[] { new RecordingClient("pending-co"), new RecordingClient("azure-openai"), new RecordingClient("bedrock") };
        var router = PhiModelRouter.FromInventoryFile(path, clients, audit, new PhiTokenizer(Keys.Token), Keys.Hash, new PhiModelRouterOptions { Clock = () => Now });
        Assert.Equal(VendorPhiPermission.DeidentifiedOnly, router.PermissionOf("azure-openai"));
        Assert.Equal(VendorPhiPermission.Forbidden, router.PermissionOf("pending-co"));
        Assert.Equal("azure-openai", (await router.CompleteAsync(new ModelRequest { PhiPrompt = PhiPrompt.Create().Phi("Jane").Build() })).Vendor);
        Assert.Equal("bedrock", (await router.CompleteAsync(new ModelRequest { Prompt = "Jane" })).Vendor);

        File.WriteAllText(path, "version: 1\nvendors:\n  - id: x\n    phi: sometimes\n");
        Assert.Throws<InvalidDataException>(() => VendorPolicies.LoadInventory(path));
    }

    private static AuditRecord AssertRequestAndOutcome(MemoryAuditLog audit, AuditOutcome expected)
    {
        var records = audit.Records.ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(PhiModelRouter.RequestAction, records[0].Action);
        Assert.Equal(PhiModelRouter.ResponseAction, records[1].Action);
        Assert.Equal(records[0].CorrelationId, records[1].CorrelationId);
        Assert.Equal(expected, records[1].Outcome);
        return records[1];
    }

    private sealed class FakeChatClient : IChatClient
    {
        public string LastText { get; private set; } = "";
        public string? LastModel { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastText = string.Join("\n", messages.Select(m => m.Text));
            LastModel = options?.ModelId;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "reply to: " + LastText)));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield break;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
