// Run: dotnet run -c Release --project bench/PhiGuard.Runtime.Benchmarks -- --filter '*' [--job short]
// Each audit benchmark invocation appends a batch of records and reports per-record time via OperationsPerInvoke.
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using PhiGuard;

BenchmarkSwitcher.FromAssembly(typeof(AuditAppendBenchmarks).Assembly).Run(args);

[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private const int RecordsPerInvoke = 800;
    private string _dir = "";
    private FileAuditLog _log = null!;

    [Params(1, 8)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "phiguard-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _log = FileAuditLog.Open(Path.Combine(_dir, "audit.jsonl"), Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Writers each append their share one at a time, awaiting each (durable) append before the next.</summary>
    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public Task Append()
    {
        int each = RecordsPerInvoke / Writers;
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < each; i++)
            {
                await _log.AppendAsync(new AuditRecord
                {
                    Actor = "dr.lee",
                    Purpose = AccessPurpose.Treatment,
                    Action = "model.request",
                    ModelVendor = "bedrock",
                    ModelName = "claude",
                    CorrelationId = "c" + i,
                    RequestHash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                });
            }
        })));
    }
}

[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private PhiTokenizer _tokenizer = null!;
    private string[] _values = null!;
    private string _text = "";
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _tokenizer = new PhiTokenizer(Enumerable.Range(0, 32).Select(i => (byte)(i + 1)).ToArray());
        _values = Enumerable.Range(0, 4096).Select(i => "Patient Name " + i).ToArray();
        _text = string.Join(" said that ", _values.Take(20).Select(v => _tokenizer.Tokenize(v, PhiKind.Name)));
    }

    [Benchmark]
    public string Tokenize() => _tokenizer.Tokenize(_values[_i++ & 4095], PhiKind.Name);

    [Benchmark]
    public string DetokenizeTwentyTokens() => _tokenizer.Detokenize(_text);
}
