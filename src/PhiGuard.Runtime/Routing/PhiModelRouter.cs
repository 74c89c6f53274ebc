using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PhiGuard;

/// <summary>Options of a <see cref="PhiModelRouter"/>.</summary>
public sealed class PhiModelRouterOptions
{
    /// <summary>Time limit for a vendor call when the request sets none (default 100 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The clock used for BAA expiry and nothing else (default: UTC now).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Actor recorded when a request names none.</summary>
    public string? DefaultActor { get; set; }
}

/// <summary>No vendor may receive the request (policy); nothing was sent. The refusal is in the audit log.</summary>
public sealed class PhiRoutingRefusedException : InvalidOperationException
{
    public PhiRoutingRefusedException(string message, string correlationId)
        : base(message)
    {
        CorrelationId = correlationId;
    }

    /// <summary>Correlation id of the refusal record.</summary>
    public string CorrelationId { get; }
}

/// <summary>The vendor call failed. The message holds no PHI; the vendor's own exception is the inner exception.</summary>
public sealed class PhiModelVendorException : Exception
{
    public PhiModelVendorException(string vendor, string correlationId, Exception inner)
        : base($"The call to vendor '{vendor}' failed ({inner.GetType().Name}). Correlation id {correlationId}.", inner)
    {
        Vendor = vendor;
        CorrelationId = correlationId;
    }

    public string Vendor { get; }

    public string CorrelationId { get; }
}

/// <summary>
/// Routes model requests by the BAA inventory.
/// <list type="bullet">
/// <item>A vendor whose BAA is signed, unexpired and allows PHI gets the prompt as it is.</item>
/// <item>A de-identified-only vendor gets a <see cref="PhiPrompt"/> with every PHI part tokenized; its reply is
/// detokenized. A plain <see cref="ModelRequest.Prompt"/> string (all PHI) never goes to such a vendor.</item>
/// <item>Any other vendor (no, pending, terminated or expired BAA, <c>phi: forbidden</c>, invalid or missing from the
/// inventory) gets only a <see cref="PhiPrompt"/> that carries no PHI.</item>
/// </list>
/// Clients are tried in the order given; the first one that may receive the request serves it. When none may, the
/// router appends a <c>model.refused</c> record (outcome <see cref="AuditOutcome.Refused"/>) and throws
/// <see cref="PhiRoutingRefusedException"/>.
/// <para>
/// Auditing: a <c>model.request</c> record (vendor, model, keyed hash of exactly what is sent) is durable before the
/// vendor is called; afterwards a <c>model.response</c> record with the same correlation id holds the outcome: the
/// request's <see cref="ModelRequest.Disposition"/> and the reply hash on success, or <see cref="AuditOutcome.TimedOut"/>,
/// <see cref="AuditOutcome.Cancelled"/> or <see cref="AuditOutcome.Failed"/> (with the exception type, never its message).
/// Audit appends ignore the caller's cancellation token, so a cancelled request is still recorded in full. If the audit
/// log itself fails, its exception propagates and, for the request record, nothing is sent.
/// </para>
/// </summary>
public sealed class PhiModelRouter : IPhiModelRouter
{
    /// <summary>Action of the record written before a vendor is called.</summary>
    public const string RequestAction = "model.request";

    /// <summary>Action of the record holding a request's outcome.</summary>
    public const string ResponseAction = "model.response";

    /// <summary>Action of the record written when no vendor may receive a request.</summary>
    public const string RefusedAction = "model.refused";

    private readonly Dictionary<string, VendorPolicy> _policies;
    private readonly IModelClient[] _clients;
    private readonly IAuditLog _audit;
    private readonly IPhiTokenizer _tokenizer;
    private readonly byte[] _hashKey;
    private readonly PhiModelRouterOptions _options;

    /// <param name="policies">The vendors' BAA terms (e.g. from <see cref="VendorPolicies.LoadInventory"/>); a vendor missing here may receive no PHI.</param>
    /// <param name="clients">Vendor adapters, in order of preference.</param>
    /// <param name="auditLog">Where every request, outcome and refusal is recorded.</param>
    /// <param name="tokenizer">Tokenizes PHI for de-identified-only vendors and the audited subject.</param>
    /// <param name="hashKey">Key of the request/response hashes (<see cref="PhiRedaction.Hash"/>), at least 16 bytes.</param>
    /// <param name="options">Time-out, clock, default actor.</param>
    public PhiModelRouter(
        IEnumerable<VendorPolicy> policies,
        IEnumerable<IModelClient> clients,
        IAuditLog auditLog,
        IPhiTokenizer tokenizer,
        byte[] hashKey,
        PhiModelRouterOptions? options = null)
    {
        if (policies is null) throw new ArgumentNullException(nameof(policies));
        if (clients is null) throw new ArgumentNullException(nameof(clients));
        _policies = new Dictionary<string, VendorPolicy>(StringComparer.Ordinal);
        foreach (var p in policies)
        {
            if (p is null) continue;
            if (_policies.ContainsKey(p.VendorId))
            {
                throw new ArgumentException($"Vendor '{p.VendorId}' appears twice in the policies.", nameof(policies));
            }
            _policies.Add(p.VendorId, p);
        }
        _clients = clients.Where(c => c is not null).ToArray();
        _audit = auditLog ?? throw new ArgumentNullException(nameof(auditLog));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        CryptoUtil.RequireKey(hashKey, nameof(hashKey));
        _hashKey = (byte[])hashKey.Clone();
        _options = options ?? new PhiModelRouterOptions();
    }

    /// <summary>A router whose vendor policies come from a <c>baa-inventory.yaml</c> file.</summary>
    /// <exception cref="System.IO.InvalidDataException">The inventory has errors.</exception>
    public static PhiModelRouter FromInventoryFile(
        string inventoryPath,
        IEnumerable<IModelClient> clients,
        IAuditLog auditLog,
        IPhiTokenizer tokenizer,
        byte[] hashKey,
        PhiModelRouterOptions? options = null) =>
        new(VendorPolicies.LoadInventory(inventoryPath), clients, auditLog, tokenizer, hashKey, options);

    /// <summary>What <paramref name="vendorId"/> may receive now (forbidden when it is not in the policies).</summary>
    public VendorPhiPermission PermissionOf(string vendorId) =>
        vendorId is not null && _policies.TryGetValue(vendorId, out var p) ? p.Evaluate(_options.Clock().UtcDateTime.Date) : VendorPhiPermission.Forbidden;

    public async Task<ModelReply> CompleteAsync(ModelRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (request.PhiPrompt is not null && request.Prompt is not null)
        {
            throw new ArgumentException("Set either Prompt or PhiPrompt, not both.", nameof(request));
        }
        if (request.PhiPrompt is null && request.Prompt is null)
        {
            throw new ArgumentException("The request has no prompt.", nameof(request));
        }
        cancellationToken.ThrowIfCancellationRequested();

        var prompt = request.PhiPrompt;
        bool carriesPhi = prompt?.ContainsPhi ?? true;
        IReadOnlyList<PhiKind> kinds = prompt is not null ? prompt.PhiKinds : new[] { PhiKind.Unspecified };
        var correlationId = request.CorrelationId ?? Guid.NewGuid().ToString("N");
        string? subject = request.Subject is null ? null : PhiTokenizer.IsToken(request.Subject) ? request.Subject : _tokenizer.Tokenize(request.Subject);

        // Choose a client.
        var today = _options.Clock().UtcDateTime.Date;
        IModelClient? chosen = null;
        bool deidentify = false;
        var reasons = new List<string>();
        foreach (var client in _clients)
        {
            if (request.Vendor is not null && !string.Equals(client.Vendor, request.Vendor, StringComparison.Ordinal)) continue;
            if (request.Model is not null && !string.Equals(client.Model, request.Model, StringComparison.Ordinal)) continue;
            var permission = _policies.TryGetValue(client.Vendor, out var policy) ? policy.Evaluate(today) : VendorPhiPermission.Forbidden;
            if (!carriesPhi || permission == VendorPhiPermission.Allowed)
            {
                chosen = client;
                break;
            }
            if (permission == VendorPhiPermission.DeidentifiedOnly && prompt is not null)
            {
                chosen = client;
                deidentify = true;
                break;
            }
            reasons.Add(policy is null
                ? $"{client.Vendor}/{client.Model}: not in the inventory"
                : permission == VendorPhiPermission.DeidentifiedOnly
                    ? $"{client.Vendor}/{client.Model}: de-identified data only, and a plain-text prompt cannot be de-identified (use PhiPrompt)"
                    : $"{client.Vendor}/{client.Model}: may not receive PHI ({policy})");
        }

        AuditRecord NewRecord(string action, IModelClient? client) => new()
        {
            Actor = request.Actor ?? _options.DefaultActor,
            Subject = subject,
            PhiKinds = carriesPhi ? kinds : Array.Empty<PhiKind>(),
            Purpose = request.Purpose,
            Action = action,
            ModelVendor = client?.Vendor,
            ModelName = client?.Model,
            ModelVersion = client?.ModelVersion,
            ModelRegion = client?.Region,
            CorrelationId = correlationId,
        };

        if (chosen is null)
        {
            var why = reasons.Count == 0
                ? "no model client matches the request" + (request.Vendor is null ? "" : $" (vendor '{request.Vendor}')") + (request.Model is null ? "" : $" (model '{request.Model}')")
                : string.Join("; ", reasons);
            var refused = NewRecord(RefusedAction, null);
            refused.Outcome = AuditOutcome.Refused;
            refused.Detail = why;
            await _audit.AppendAsync(refused, CancellationToken.None).ConfigureAwait(false);
            throw new PhiRoutingRefusedException("The model request was refused: " + why + ".", correlationId);
        }

        var sent = prompt is null ? request.Prompt! : deidentify ? prompt.ToDeidentifiedText(_tokenizer) : prompt.ToTextWithPhi();
        var requestRecord = NewRecord(RequestAction, chosen);
        requestRecord.RequestHash = PhiRedaction.Hash(sent, _hashKey);
        requestRecord.Detail = deidentify ? "phi tokenized" : carriesPhi ? "phi sent" : "no phi";
        await _audit.AppendAsync(requestRecord, CancellationToken.None).ConfigureAwait(false);

        var outcome = NewRecord(ResponseAction, chosen);
        outcome.RequestHash = requestRecord.RequestHash;
        string reply;
        var timeout = request.Timeout ?? _options.Timeout;
        using (var timeoutCts = new CancellationTokenSource())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token))
        {
            Exception? failure = null;
            string? raw = null;
            try
            {
                if (timeout != System.Threading.Timeout.InfiniteTimeSpan) timeoutCts.CancelAfter(timeout);
                var call = chosen.CompleteAsync(sent, linked.Token);
                // Do not trust the adapter to honour cancellation: stop waiting when the token fires.
                var stop = Task.Delay(System.Threading.Timeout.Infinite, linked.Token);
                if (await Task.WhenAny(call, stop).ConfigureAwait(false) != call)
                {
                    _ = call.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw new OperationCanceledException(linked.Token);
                }
                raw = await call.ConfigureAwait(false) ?? string.Empty;
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            if (failure is not null)
            {
                if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    outcome.Outcome = AuditOutcome.Cancelled;
                }
                else if (failure is OperationCanceledException && timeoutCts.IsCancellationRequested)
                {
                    outcome.Outcome = AuditOutcome.TimedOut;
                }
                else
                {
                    outcome.Outcome = AuditOutcome.Failed;
                }
                outcome.Detail = failure.GetType().FullName;
                await _audit.AppendAsync(outcome, CancellationToken.None).ConfigureAwait(false);
                throw outcome.Outcome switch
                {
                    AuditOutcome.Cancelled => new OperationCanceledException("The model request was cancelled.", failure, cancellationToken),
                    AuditOutcome.TimedOut => new TimeoutException($"Vendor '{chosen.Vendor}' did not answer within {timeout}. Correlation id {correlationId}."),
                    _ => new PhiModelVendorException(chosen.Vendor, correlationId, failure),
                };
            }
            reply = raw!;
        }

        outcome.Outcome = request.Disposition;
        outcome.ResponseHash = PhiRedaction.Hash(reply, _hashKey);
        await _audit.AppendAsync(outcome, CancellationToken.None).ConfigureAwait(false);

        return new ModelReply
        {
            Text = deidentify ? _tokenizer.Detokenize(reply) : reply,
            Vendor = chosen.Vendor,
            Model = chosen.Model,
            ModelVersion = chosen.ModelVersion,
            Region = chosen.Region,
            CorrelationId = correlationId,
            WasDeidentified = deidentify,
        };
    }
}
