#!/usr/bin/env python3
"""Generate a synthetic C# service of about N methods for the analyzer benchmark.

Deterministic for (N, seed). The code looks like a line-of-business service: per module a DTO, a repository, a
validator, static helpers, a service (ILogger, HttpClient, IDistributedCache, files, exceptions), a controller and a
pipeline with lambdas. Most modules are PHI-free. About one module in twelve is a patient module with [Phi] data and
PHI flows of every kind the rules know: multi-class call chains, fields written in one class and read in another,
collections and LINQ, async/await, ILogger, HttpClient, IChatClient and OpenAI ChatClient, IDistributedCache, files and
exception messages, next to tokenized, redacted, audited and BAA-covered flows that are fine.

Shapes that make dataflow analyzers superlinear are there on purpose: fields with the same name in every class
(`_items`), a method name used everywhere (`Add`), `new()` in every class, one static field written from every module
(`AuditTrail.LastMessage`), and call chains up to eight modules deep.

Layout written under OUT:
  src/**.cs                     the sources (shared by every variant)
  baa-inventory.yaml            PhiGuard's inventory (found by the package's build targets)
  SecurityCodeScan.config.yml   equivalent taint sources/sinks for Security Code Scan
  manifest.json                 method count, modules, expected PHI findings per rule

Usage: generate.py --methods N [--seed S] --out DIR
"""
import argparse
import json
import os
import random
import shutil

AREAS = ["Billing", "Scheduling", "Pharmacy", "Inventory", "Claims", "Portal", "Reporting", "Identity", "Notifications", "Lab"]
PHI_EVERY = 12  # one module in PHI_EVERY is a patient module
CHAIN = 8       # cross-module call chains are at most this deep

GLOBAL_USINGS = """\
global using System;
global using System.Collections.Generic;
global using System.Globalization;
global using System.IO;
global using System.Linq;
global using System.Net.Http;
global using System.Net.Http.Json;
global using System.Text;
global using System.Threading;
global using System.Threading.Tasks;
global using Microsoft.Extensions.AI;
global using Microsoft.Extensions.Caching.Distributed;
global using Microsoft.Extensions.Logging;
global using PhiGuard;
global using Bench.Shared;
"""

SHARED = """\
namespace Bench.Shared;

/// <summary>One static field written from every module: the worst case for a field-value lookup.</summary>
public static class AuditTrail
{
    private static readonly List<string> s_history = new();

    public static string LastMessage { get; private set; } = "";

    public static void Record(string message)
    {
        LastMessage = message;
        lock (s_history)
        {
            s_history.Add(message);
        }
    }

    public static IReadOnlyList<string> History()
    {
        lock (s_history)
        {
            return s_history.ToList();
        }
    }
}
"""
SHARED_METHODS = 2

# ---------------------------------------------------------------- PHI-free module (templates use @K, @NS, @PREV)

ORDER = """\
namespace @NS;

public sealed class Order@K
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public decimal Price { get; set; }
    public string Status { get; set; } = "new";
    public DateTime CreatedAt { get; set; }
    public List<string> Tags { get; } = new();

    public decimal Total() => Price * Quantity;

    public bool IsOpen() => Status is "new" or "pending";

    public Order@K WithStatus(string status)
        => new() { Id = Id, Sku = Sku, Quantity = Quantity, Price = Price, Status = status, CreatedAt = CreatedAt };

    public override string ToString() => $"{Id}:{Sku}x{Quantity}";
}
"""

REPOSITORY = """\
namespace @NS;

public interface IOrderRepository@K
{
    void Add(Order@K item);

    Order@K? Get(int id);

    IReadOnlyList<Order@K> Open();
}

public sealed class OrderRepository@K : IOrderRepository@K
{
    private readonly List<Order@K> _items = new();
    private readonly Dictionary<int, Order@K> _byId = new();
    private string _lastKey = "";

    public void Add(Order@K item)
    {
        _items.Add(item);
        _byId[item.Id] = item;
        _lastKey = item.Sku;
        AuditTrail.Record("order added @K");
    }

    public Order@K? Get(int id) => _byId.TryGetValue(id, out var order) ? order : null;

    public IReadOnlyList<Order@K> Open() => _items.Where(o => o.IsOpen()).OrderBy(o => o.CreatedAt).ToList();

    public IEnumerable<string> Skus(string prefix)
        => from o in _items where o.Sku.StartsWith(prefix, StringComparison.Ordinal) select o.Sku;

    public bool Remove(int id)
    {
        if (!_byId.Remove(id, out var order))
        {
            return false;
        }

        _items.Remove(order);
        return true;
    }

    public decimal TotalValue() => _items.Sum(o => o.Total());

    public string LastKey() => _lastKey;
}
"""

MATH = """\
namespace @NS;

public static class OrderMath@K
{
    public static decimal Discount(decimal amount, int quantity)
    {
        if (quantity > @BIG)
        {
            return amount * 0.9m;
        }

        if (quantity > @SMALL)
        {
            return amount * 0.95m;
        }

        return amount;
    }

    public static decimal Tax(decimal amount) => Math.Round(amount * @RATEm, 2);

    public static int Checksum(string text)
    {
        var sum = 0;
        foreach (var c in text)
        {
            sum = (sum * 31 + c) % 10007;
        }

        return sum;
    }

    public static string Normalize(string sku) => sku.Trim().ToUpperInvariant().Replace(" ", "-", StringComparison.Ordinal);

    public static decimal Price(Order@K order) => Tax(Discount(order.Total(), order.Quantity));
}
"""

VALIDATOR = """\
namespace @NS;

public sealed class OrderValidator@K
{
    public IReadOnlyList<string> Validate(Order@K order)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(order.Sku))
        {
            errors.Add("sku");
        }

        if (!CheckQuantity(order.Quantity))
        {
            errors.Add("quantity");
        }

        if (order.Price < 0)
        {
            errors.Add("price");
        }

        return errors;
    }

    public bool CheckQuantity(int quantity) => quantity switch
    {
        <= 0 => false,
        > 10000 => false,
        _ => true,
    };

    public string Describe(Order@K order) => OrderFormat@K.Line(order, OrderMath@K.Price(order));
}

public static class OrderFormat@K
{
    public static string Line(Order@K order, decimal price)
        => Pad(OrderMath@K.Normalize(order.Sku)) + " " + price.ToString("F2", CultureInfo.InvariantCulture);

    public static string Pad(string text) => @PAD;
}
"""

SERVICE = """\
namespace @NS;

public sealed class OrderService@K(ILogger<OrderService@K> logger, IOrderRepository@K repository, HttpClient http, IDistributedCache cache)
{
    private readonly OrderValidator@K _validator = new();
    private int _placed;

    public async Task<bool> PlaceAsync(Order@K order, CancellationToken cancellationToken = default)
    {
        var errors = _validator.Validate(order);
        if (errors.Count > 0)
        {
            logger.LogWarning("Order {Id} rejected: {Errors}", order.Id, string.Join(",", errors));
            return false;
        }

        repository.Add(order);
        _placed++;
        logger.LogInformation("Placed order {Id} for {Sku}", order.Id, order.Sku);
        using var response = await http.PostAsJsonAsync("https://inventory.internal.example/reserve", new { order.Sku, order.Quantity }, cancellationToken);
        await cache.SetStringAsync("order:" + order.Id, _validator.Describe(order), cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task<string> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await Task.Delay(1, cancellationToken);
        var open = repository.Open();
        var lines = open.Select(o => _validator.Describe(o)).ToArray();
        return string.Join(Environment.NewLine, lines);
    }

    public int Reprice(decimal percent)
    {
        var changed = 0;
        foreach (var order in repository.Open())
        {
            var price = order.Price * (1 + percent / 100m);
            if (price != order.Price)
            {
                order.Price = price;
                changed++;
            }
        }

        return changed;
    }

    public async Task ExportAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await SummaryAsync(cancellationToken);
        await File.WriteAllTextAsync(path, text, cancellationToken);
    }

    public Order@K Parse(string line)
    {
        var parts = line.Split(',');
        if (parts.Length < 3)
        {
            throw new FormatException("Expected 3 fields but got " + parts.Length);
        }

        try
        {
            return new Order@K { Id = int.Parse(parts[0], CultureInfo.InvariantCulture), Sku = parts[1], Quantity = int.Parse(parts[2], CultureInfo.InvariantCulture) };
        }
        catch (OverflowException ex)
        {
            logger.LogError(ex, "Overflow in a line of {Length} characters", line.Length);
            throw;
        }
    }

    public void Report()
    {
        logger.LogDebug("Audit: {Message}", AuditTrail.LastMessage);
        logger.LogInformation("Placed {Count} orders", _placed);
    }
}
"""

CONTROLLER = """\
namespace @NS;

public sealed class OrderController@K(OrderService@K service, IOrderRepository@K repository)
{
    public Task<bool> Post(Order@K order) => service.PlaceAsync(order);

    public Order@K? Get(int id) => repository.Get(id);

    public async Task<string> Summary() => await service.SummaryAsync();

    public int Reprice(string percent)
        => decimal.TryParse(percent, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? service.Reprice(value) : 0;

    public IReadOnlyList<Order@K> Batch(IEnumerable<string> lines)
    {
        var result = new List<Order@K>();
        foreach (var line in lines)
        {
            var order = service.Parse(line);
            repository.Add(order);
            result.Add(order);
        }

        return result;
    }
}
"""

PIPELINE = """\
namespace @NS;

public sealed class OrderPipeline@K
{
    private readonly List<Func<Order@K, Order@K>> _items = new();

    public event Action<Order@K>? Processed;

    public OrderPipeline@K Use(Func<Order@K, Order@K> step)
    {
        _items.Add(step);
        return this;
    }

    public Order@K Run(Order@K order)
    {
        var current = order;
        foreach (var step in _items)
        {
            current = step(current);
        }

        Processed?.Invoke(current);
        return current;
    }

    public static OrderPipeline@K Default()
        => new OrderPipeline@K()
            .Use(o => o.WithStatus("pending"))
            .Use(o =>
            {
                o.Sku = OrderMath@K.Normalize(o.Sku);
                return o;
            });

    public static int Score(IEnumerable<Order@K> orders)
    {
        int Weight(Order@K o) => o.Quantity * (o.IsOpen() ? 2 : 1);
        return orders.Sum(Weight);
    }
}
"""

ORDER_MODULE = [("Order", ORDER, 4), ("OrderRepository", REPOSITORY, 7), ("OrderMath", MATH, 5), ("OrderValidator", VALIDATOR, 5),
                ("OrderService", SERVICE, 6), ("OrderController", CONTROLLER, 5), ("OrderPipeline", PIPELINE, 4)]

# Extra PHI-free helpers, a random few per module, so that modules differ in size and shape.
HELPERS = [
    """    public static string Slug@I(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(char.IsLetterOrDigit(c) ? c : '-');
        }

        return sb.ToString().Trim('-');
    }
""",
    """    public static int Fibonacci@I(int n)
    {
        int a = 0, b = 1;
        for (var i = 0; i < n; i++)
        {
            (a, b) = (b, a + b);
        }

        return a;
    }
""",
    """    public static string Classify@I(decimal amount) => amount switch
    {
        < 10m => "small",
        < 1000m => "medium",
        _ => "large",
    };
""",
    """    public static Dictionary<string, int> Histogram@I(IEnumerable<string> words)
        => words.GroupBy(w => w, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
""",
    """    public static bool TryReadNumber@I(string text, out int value)
    {
        try
        {
            value = int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            value = 0;
            return false;
        }
    }
""",
    """    public static async Task<int> CountLinesAsync@I(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        return lines.Count(l => l.Length > 0);
    }
""",
    """    public static string Describe@I(int code)
    {
        var text = code switch
        {
            0 => "ok",
            1 => "pending",
            2 => "failed",
            _ => "unknown " + code.ToString(CultureInfo.InvariantCulture),
        };
        return $"[{code}] {text}";
    }
""",
    """    public static IEnumerable<int> Primes@I(int limit)
    {
        for (var n = 2; n < limit; n++)
        {
            var prime = true;
            for (var d = 2; d * d <= n; d++)
            {
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            if (prime)
            {
                yield return n;
            }
        }
    }
""",
]

# ---------------------------------------------------------------- patient module (PHI)

PATIENT = """\
namespace @NS;

public sealed class Patient@K
{
    [NotPhi] public int Id { get; set; }
    [Phi(PhiKind.Name)] public string FullName { get; set; } = "";
    [Phi(PhiKind.Ssn)] public string Ssn { get; set; } = "";
    [Phi(PhiKind.Date)] public DateTime BirthDate { get; set; }
    [Phi(PhiKind.Diagnosis)] public string Diagnosis { get; set; } = "";
    [NotPhi] public string Ward { get; set; } = "";

    public string DisplayName() => FullName.Trim();

    public int AgeOn(DateTime day) => day.Year - BirthDate.Year;
}
"""

PATIENT_REPOSITORY = """\
namespace @NS;

public sealed class PatientRepository@K
{
    private readonly List<Patient@K> _items = new();
    private readonly Dictionary<string, Patient@K> _bySsn = new();
    private string _lastName = "";

    public void Add(Patient@K patient)
    {
        _items.Add(patient);
        _bySsn[patient.Ssn] = patient;
        _lastName = patient.FullName;
    }

    public IReadOnlyList<Patient@K> FindByName(string name) => _items.Where(p => p.FullName == name).ToList();

    public List<string> Names() => _items.Select(p => p.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public string LastName() => _lastName;

    public async Task<Patient@K?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return _items.FirstOrDefault(p => p.Id == id);
    }

    public Dictionary<string, int> CountByWard() => _items.GroupBy(p => p.Ward).ToDictionary(g => g.Key, g => g.Count());
}
"""

PATIENT_TEXT = """\
namespace @NS;

public static class PatientText@K
{
    public static string Describe(Patient@K patient) => Label(patient.FullName) + " (" + patient.Diagnosis + ")";

    public static string Label(string name) => CaseText@K.Title(name);
}

public static class CaseText@K
{
    public static string Title(string text)
    {
        var clean = Clean(text);
        return clean.Length == 0 ? clean : char.ToUpperInvariant(clean[0]) + clean[1..];
    }

    public static string Clean(string text) => SpaceText@K.Squash(text.Trim());
}

public static class SpaceText@K
{
    public static string Squash(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    sb.Append(' ');
                }

                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        return sb.ToString();
    }
}
"""

PATIENT_SERVICE = """\
namespace @NS;

public sealed class PatientService@K(
    ILogger<PatientService@K> logger,
    PatientRepository@K repository,
    HttpClient http,
    IDistributedCache cache,
    IChatClient chat,
    [BaaCovered("vertex")] IChatClient vertex,
    OpenAI.Chat.ChatClient openAi,
    IPhiTokenizer tokenizer,
    IAuditLog audit)
{
    public void Admit(Patient@K patient)
    {
        repository.Add(patient);
        logger.LogInformation("Admitted {Patient}", PatientText@K.Describe(patient)); // PHI001 through a 5-deep chain
    }

    public void AdmitQuietly(Patient@K patient)
    {
        repository.Add(patient);
        logger.LogInformation("Admitted {Token}", tokenizer.Tokenize(patient.FullName));
    }

    public void LogLast() => logger.LogWarning("Last admitted {Name}", repository.LastName()); // PHI001 through a field

    public async Task ShareAsync(Patient@K patient, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("https://partner.example/patients", new { patient.Ssn, patient.FullName }, cancellationToken); // PHI002
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> SummarizeAsync(int id, CancellationToken cancellationToken = default)
    {
        var patient = await repository.GetAsync(id, cancellationToken);
        if (patient is null)
        {
            return "";
        }

        var reply = await chat.GetResponseAsync("Summarize: " + patient.Diagnosis, cancellationToken: cancellationToken); // PHI002, PHI004
        return reply.Text;
    }

    public async Task<string> SummarizeAuditedAsync(int id, CancellationToken cancellationToken = default)
    {
        var patient = await repository.GetAsync(id, cancellationToken);
        if (patient is null)
        {
            return "";
        }

        await audit.AppendAsync(new AuditRecord { Actor = "svc", Purpose = AccessPurpose.Treatment, Action = "model.request" }, cancellationToken);
        var reply = await vertex.GetResponseAsync("Summarize: " + patient.Diagnosis, cancellationToken: cancellationToken);
        return reply.Text;
    }

    public async Task<string> PlanAsync(Patient@K patient, CancellationToken cancellationToken = default)
    {
        var completion = await openAi.CompleteChatAsync(new OpenAI.Chat.UserChatMessage("Care plan for " + patient.Diagnosis)); // PHI002, PHI004
        cancellationToken.ThrowIfCancellationRequested();
        return completion.Value.Content[0].Text;
    }

    public Task CacheAsync(Patient@K patient, CancellationToken cancellationToken = default)
        => cache.SetStringAsync("patient:" + patient.Id, patient.Ssn, cancellationToken); // PHI003

    public Task ExportAsync(string path, CancellationToken cancellationToken = default)
        => File.WriteAllLinesAsync(path, repository.Names(), cancellationToken); // PHI003 through a field, a collection and LINQ

    public void Validate(Patient@K patient)
    {
        if (patient.Ssn.Length != 9)
        {
            throw new ArgumentException("Invalid SSN " + patient.Ssn); // PHI007
        }
    }

    public void Redacted(Patient@K patient) => logger.LogInformation("Seen {Name}", PhiRedaction.Redact(patient.FullName));

    public string WardReport() => string.Join(",", repository.CountByWard().Select(kv => kv.Key + "=" + kv.Value));
}
"""

PATIENT_CONTROLLER = """\
namespace @NS;

public sealed class PatientController@K(PatientService@K service)
{
    public async Task<string> Post(Patient@K patient)
    {
        service.Validate(patient);
        service.Admit(patient);
        await service.CacheAsync(patient);
        return "ok";
    }

    public Task<string> Summary(int id) => service.SummarizeAsync(id);

    public Task Share(Patient@K patient) => service.ShareAsync(patient);

    public void Last() => service.LogLast();
}
"""

PATIENT_MODULE = [("Patient", PATIENT, 2), ("PatientRepository", PATIENT_REPOSITORY, 6), ("PatientText", PATIENT_TEXT, 5),
                  ("PatientService", PATIENT_SERVICE, 12), ("PatientController", PATIENT_CONTROLLER, 4)]
# Expected findings of one patient module, by rule (the comments in PATIENT_SERVICE).
PATIENT_FINDINGS = {"PHI001": 2, "PHI002": 3, "PHI003": 2, "PHI004": 2, "PHI007": 1}

INVENTORY = """\
version: 1
vendors:
  - id: vertex
    name: Google Vertex AI
    baa: { status: signed, signed: 2025-02-01, expires: 2030-02-01 }
    phi: allowed
    hosts: ["*-aiplatform.googleapis.com"]
  - id: openai
    name: OpenAI public API
    baa: { status: none }
    phi: forbidden
    hosts: ["api.openai.com"]
    clients: ["OpenAI.OpenAIClient", "OpenAI.Chat.ChatClient"]
  - id: inventory
    name: Internal inventory service
    baa: { status: signed, signed: 2024-01-01, expires: 2030-01-01 }
    phi: allowed
    hosts: ["inventory.internal.example"]
"""


def scs_config(patient_types):
    """Security Code Scan 5.6 project configuration with the same sources, sinks and sanitizers as far as it can say."""
    taint = "SCS0002"  # SCS's taint types are a fixed enum; PHI has none, so one existing type carries it.
    lines = [
        "# Security Code Scan 5.6 configuration equivalent (as far as it goes) to PhiGuard's catalog for this project.",
        "# Taint types are a fixed enum in SCS; PHI findings are reported under " + taint + ".",
        "# Not expressible: BAA inventory (vendors, hosts, clients), audit-before-call (PHI004 vs audited calls),",
        "# [BaaCovered] destinations, [Phi] on whole types, flow-insensitive field values across methods.",
        "Version: 3.1",
        "MaxInterproceduralMethodCallChain: 3",
        "TaintSources:",
    ]
    for t in patient_types:
        lines += [f"  - Type: {t}", "    Properties:", "      - FullName", "      - Ssn", "      - BirthDate", "      - Diagnosis"]
    sinks = [
        ("Microsoft.Extensions.Logging.LoggerExtensions", False,
         [(m, ["message", "args"]) for m in ["LogInformation", "LogWarning", "LogError", "LogDebug", "LogTrace", "LogCritical", "Log", "BeginScope"]]),
        ("System.Net.Http.Json.HttpClientJsonExtensions", False, [(m, ["value"]) for m in ["PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync"]]),
        ("System.Net.Http.HttpClient", False, [(m, ["content", "requestUri"]) for m in ["PostAsync", "PutAsync", "PatchAsync", "SendAsync"]]),
        ("System.IO.File", False, [(m, ["contents", "bytes"]) for m in ["WriteAllText", "WriteAllTextAsync", "WriteAllLines", "WriteAllLinesAsync",
                                                                          "AppendAllText", "AppendAllTextAsync", "WriteAllBytes", "WriteAllBytesAsync"]]),
        ("Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", False, [(m, ["value"]) for m in ["SetString", "SetStringAsync", "Set", "SetAsync"]]),
        ("Microsoft.Extensions.Caching.Distributed.IDistributedCache", True, [(m, ["value"]) for m in ["Set", "SetAsync"]]),
        ("Microsoft.Extensions.AI.ChatClientExtensions", False, [("GetResponseAsync", ["chatMessage", "chatMessages"]), ("GetStreamingResponseAsync", ["chatMessage", "chatMessages"])]),
        ("Microsoft.Extensions.AI.IChatClient", True, [("GetResponseAsync", ["messages"]), ("GetStreamingResponseAsync", ["messages"])]),
        ("OpenAI.Chat.ChatClient", False, [("CompleteChatAsync", ["messages"]), ("CompleteChat", ["messages"])]),
    ]
    lines.append("Sinks:")
    for type_name, is_interface, methods in sinks:
        lines += [f"  - Type: {type_name}", "    TaintTypes:", f"      - {taint}"]
        if is_interface:
            lines.append("    IsInterface: true")
        lines.append("    Methods:")
        for name, args in methods:
            lines += [f"    - Name: {name}", "      Arguments:"] + [f"        - {a}" for a in args]
    for ctor_type in ["System.Net.Http.StringContent", "OpenAI.Chat.UserChatMessage", "System.ArgumentException", "System.InvalidOperationException"]:
        lines += [f"  - Type: {ctor_type}", "    TaintTypes:", f"      - {taint}", "    IsAnyStringParameterInConstructorASink: true"]
    lines += [
        "Sanitizers:",
        "  - Type: PhiGuard.IPhiTokenizer", "    TaintTypes:", f"      - {taint}", "    IsInterface: true", "    Methods:", "      - Name: Tokenize",
        "  - Type: PhiGuard.PhiRedaction", "    TaintTypes:", f"      - {taint}", "    Methods:", "      - Name: Redact",
    ]
    return "\n".join(lines) + "\n"


def fill(template, **values):
    for key in sorted(values, key=len, reverse=True):
        template = template.replace("@" + key, str(values[key]))
    return template


def generate(methods, seed, out):
    rng = random.Random(seed * 1_000_003 + methods)
    if os.path.isdir(os.path.join(out, "src")):
        shutil.rmtree(os.path.join(out, "src"))
    os.makedirs(os.path.join(out, "src", "Shared"), exist_ok=True)

    def write(rel, text):
        path = os.path.join(out, "src", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    write("Shared/GlobalUsings.cs", GLOBAL_USINGS)
    write("Shared/AuditTrail.cs", SHARED)
    count = SHARED_METHODS
    modules = patient_modules = 0
    patient_types = []
    previous_order_ns = None  # (namespace, k) of the previous order module, for cross-module chains
    depth = 0
    k = 0
    while count < methods:
        area = AREAS[k % len(AREAS)]
        ns = f"Bench.{area}"
        folder = f"{area}/M{k:05d}"
        if k % PHI_EVERY == PHI_EVERY // 2:
            for name, template, n in PATIENT_MODULE:
                write(f"{folder}/{name}{k}.cs", fill(template, K=k, NS=ns))
                count += n
            patient_types.append(f"{ns}.Patient{k}")
            patient_modules += 1
        else:
            # Cross-module chain: OrderFormat{k}.Pad calls the previous module's Pad, at most CHAIN deep.
            if previous_order_ns is not None and depth < CHAIN - 1:
                pad = f"text.Length >= 12 ? text : global::{previous_order_ns[0]}.OrderFormat{previous_order_ns[1]}.Pad(text + \" \")"
                depth += 1
            else:
                pad = "text.PadRight(12)"
                depth = 0
            values = dict(K=k, NS=ns, PAD=pad, BIG=rng.choice([50, 100, 250]), SMALL=rng.choice([5, 10, 20]),
                          RATE=rng.choice(["0.05", "0.07", "0.0825", "0.2"]))
            for name, template, n in ORDER_MODULE:
                write(f"{folder}/{name}{k}.cs", fill(template, **values))
                count += n
            helpers = rng.sample(range(len(HELPERS)), rng.randint(0, 5))
            if helpers:
                body = "\n".join(fill(HELPERS[h], I=i) for i, h in enumerate(helpers))
                write(f"{folder}/OrderUtil{k}.cs", f"namespace {ns};\n\npublic static class OrderUtil{k}\n{{\n{body}}}\n")
                count += len(helpers)
            previous_order_ns = (ns, k)
        modules += 1
        k += 1

    with open(os.path.join(out, "baa-inventory.yaml"), "w", encoding="utf-8") as f:
        f.write(INVENTORY)
    with open(os.path.join(out, "SecurityCodeScan.config.yml"), "w", encoding="utf-8") as f:
        f.write(scs_config(patient_types))
    phi_methods = patient_modules * sum(n for _, _, n in PATIENT_MODULE)
    manifest = {
        "methods": count,
        "modules": modules,
        "patient_modules": patient_modules,
        "phi_module_methods": phi_methods,
        "phi_free_share": round(1 - phi_methods / count, 3),
        "seed": seed,
        "expected_findings": {rule: n * patient_modules for rule, n in PATIENT_FINDINGS.items()},
    }
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--methods", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    print(json.dumps(generate(args.methods, args.seed, args.out)))


if __name__ == "__main__":
    main()
