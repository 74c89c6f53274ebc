namespace PhiAnalyzers.Catalog;

/// <summary>Which arguments of a sink call carry data to the sink.</summary>
internal enum SinkArguments
{
    /// <summary>Every argument (and the receiver's content is not data).</summary>
    All,

    /// <summary>Every argument but the first (e.g. a key or a path).</summary>
    AllButFirst,

    /// <summary>Only the last argument.</summary>
    Last,
}

/// <summary>One declarative sink row: members of a type (or its subtypes) that send their arguments to a sink.</summary>
internal sealed class SinkRow
{
    public SinkRow(string typeName, SinkKinds kind, string display, string[] members, SinkArguments arguments = SinkArguments.All, string? receiverMember = null, bool onFileOnly = false)
    {
        TypeName = typeName;
        Kind = kind;
        Display = display;
        Members = members;
        Arguments = arguments;
        ReceiverMember = receiverMember;
        OnFileOnly = onFileOnly;
    }

    /// <summary>Metadata name of the declaring type (base types and interfaces of the receiver match too).</summary>
    public string TypeName { get; }

    public SinkKinds Kind { get; }

    /// <summary>How the sink is named in messages, e.g. <c>ILogger</c>.</summary>
    public string Display { get; }

    /// <summary>Member names; <c>*</c> matches every method, <c>.ctor</c> the constructors, <c>set_X</c> a property setter.</summary>
    public string[] Members { get; }

    public SinkArguments Arguments { get; }

    /// <summary>When set, the row applies only when the receiver is read from this static member (e.g. <c>System.Console.Out</c>).</summary>
    public string? ReceiverMember { get; }

    /// <summary>
    /// The row is a store only when the receiver (a stream or writer) is backed by a file: see
    /// <see cref="CatalogTables.FileOpeners"/> and <see cref="CatalogTables.StreamWrappers"/>. The engine records the hit;
    /// the store rule decides from the receiver.
    /// </summary>
    public bool OnFileOnly { get; }
}

/// <summary>
/// The declarative tables: sinks by kind, sanitizers, and how library members propagate PHI.
/// The engine and the rules read these; nothing else lists library APIs.
/// </summary>
internal static class CatalogTables
{
    private static readonly string[] LogLevels = { "Log", "LogTrace", "LogDebug", "LogInformation", "LogWarning", "LogError", "LogCritical", "BeginScope" };
    private static readonly string[] SerilogLevels = { "Write", "Verbose", "Debug", "Information", "Warning", "Error", "Fatal", "ForContext" };
    private static readonly string[] NLogLevels = { "Log", "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "ConditionalDebug", "ConditionalTrace", "WithProperty", "PushScopeProperty", "PushScopeNested" };
    private static readonly string[] Log4NetLevels = { "Debug", "Info", "Warn", "Error", "Fatal", "DebugFormat", "InfoFormat", "WarnFormat", "ErrorFormat", "FatalFormat" };
    private static readonly string[] WriterMembers = { "Write", "WriteLine", "WriteAsync", "WriteLineAsync" };
    private static readonly string[] StreamWrites = { "Write", "WriteAsync", "WriteByte", "BeginWrite" };
    private static readonly string[] EfWrites = { "Add", "AddAsync", "AddRange", "AddRangeAsync", "Update", "UpdateRange", "Attach", "AttachRange" };
    private static readonly string[] RedisWrites =
    {
        "StringSet", "StringSetAsync", "StringAppend", "StringAppendAsync", "StringGetSet", "StringGetSetAsync", "StringSetAndGet", "StringSetAndGetAsync",
        "HashSet", "HashSetAsync", "ListLeftPush", "ListLeftPushAsync", "ListRightPush", "ListRightPushAsync", "ListInsertAfter", "ListInsertAfterAsync",
        "ListInsertBefore", "ListInsertBeforeAsync", "ListSetByIndex", "ListSetByIndexAsync", "SetAdd", "SetAddAsync", "SortedSetAdd", "SortedSetAddAsync",
        "StreamAdd", "StreamAddAsync", "GeoAdd", "GeoAddAsync", "HyperLogLogAdd", "HyperLogLogAddAsync",
    };

    private static readonly string[] BedrockCalls = { "Converse", "ConverseAsync", "ConverseStream", "ConverseStreamAsync", "InvokeModel", "InvokeModelAsync", "InvokeModelWithResponseStream", "InvokeModelWithResponseStreamAsync" };

    public static readonly SinkRow[] Sinks =
    {
        // --- Log ---
        new("Microsoft.Extensions.Logging.LoggerExtensions", SinkKinds.Log, "ILogger", LogLevels),
        new("Microsoft.Extensions.Logging.ILogger", SinkKinds.Log, "ILogger", new[] { "Log", "BeginScope" }),
        new("Microsoft.Extensions.Logging.LoggerMessage", SinkKinds.Log, "LoggerMessage", new[] { "Define", "DefineScope" }),
        new("Serilog.Log", SinkKinds.Log, "Serilog.Log", SerilogLevels),
        new("Serilog.ILogger", SinkKinds.Log, "Serilog.ILogger", SerilogLevels),
        new("Serilog.Context.LogContext", SinkKinds.Log, "Serilog.LogContext", new[] { "PushProperty" }),
        new("NLog.ILoggerBase", SinkKinds.Log, "NLog.Logger", NLogLevels),
        new("NLog.ILogger", SinkKinds.Log, "NLog.Logger", NLogLevels),
        new("NLog.Logger", SinkKinds.Log, "NLog.Logger", NLogLevels),
        new("NLog.ILoggerExtensions", SinkKinds.Log, "NLog.Logger", NLogLevels),
        new("log4net.ILog", SinkKinds.Log, "log4net.ILog", Log4NetLevels),
        new("log4net.Core.ILogger", SinkKinds.Log, "log4net.ILogger", new[] { "Log" }),
        new("System.Console", SinkKinds.Log, "Console", WriterMembers),
        new("System.IO.TextWriter", SinkKinds.Log, "Console.Out", WriterMembers, receiverMember: "System.Console.Out"),
        new("System.IO.TextWriter", SinkKinds.Log, "Console.Error", WriterMembers, receiverMember: "System.Console.Error"),
        new("System.Diagnostics.Debug", SinkKinds.Log, "Debug", new[] { "Write", "WriteLine", "WriteIf", "WriteLineIf", "Print", "Assert", "Fail" }),
        new("System.Diagnostics.Trace", SinkKinds.Log, "Trace", new[] { "Write", "WriteLine", "WriteIf", "WriteLineIf", "TraceInformation", "TraceWarning", "TraceError", "Assert", "Fail" }),
        new("System.Diagnostics.TraceSource", SinkKinds.Log, "TraceSource", new[] { "TraceEvent", "TraceInformation", "TraceData", "TraceTransfer" }),

        // --- Store: files, streams, caches, Redis, databases, blobs ---
        new("System.IO.File", SinkKinds.Store, "File", new[] { "WriteAllText", "WriteAllTextAsync", "WriteAllLines", "WriteAllLinesAsync", "WriteAllBytes", "WriteAllBytesAsync", "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync" }, SinkArguments.AllButFirst),
        // Streams and writers are stores when they write to a file (most derived row wins: FileStream.Write, not Stream.Write).
        new("System.IO.FileStream", SinkKinds.Store, "FileStream", StreamWrites, onFileOnly: true),
        new("System.IO.Stream", SinkKinds.Store, "Stream", StreamWrites, onFileOnly: true),
        new("System.IO.StreamWriter", SinkKinds.Store, "StreamWriter", WriterMembers, onFileOnly: true),
        new("System.IO.TextWriter", SinkKinds.Store, "TextWriter", WriterMembers, onFileOnly: true),
        new("System.IO.BinaryWriter", SinkKinds.Store, "BinaryWriter", new[] { "Write", "Write7BitEncodedInt", "Write7BitEncodedInt64" }, onFileOnly: true),
        new("Microsoft.Extensions.Caching.Distributed.IDistributedCache", SinkKinds.Store, "IDistributedCache", new[] { "Set", "SetAsync" }, SinkArguments.AllButFirst),
        new("Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", SinkKinds.Store, "IDistributedCache", new[] { "Set", "SetAsync", "SetString", "SetStringAsync" }, SinkArguments.AllButFirst),
        new("StackExchange.Redis.IDatabase", SinkKinds.Store, "Redis IDatabase", RedisWrites, SinkArguments.AllButFirst),
        new("StackExchange.Redis.IDatabaseAsync", SinkKinds.Store, "Redis IDatabase", RedisWrites, SinkArguments.AllButFirst),
        // ADO.NET: a parameter bound to PHI, by its Value, its constructor (new SqlParameter("@n", value)) or AddWithValue.
        new("System.Data.Common.DbParameter", SinkKinds.Store, "DbParameter", new[] { "set_Value" }),
        new("System.Data.Common.DbParameter", SinkKinds.Store, "DbParameter", new[] { ".ctor" }, SinkArguments.AllButFirst),
        new("System.Data.IDataParameter", SinkKinds.Store, "IDataParameter", new[] { "set_Value" }),
        new("System.Data.Common.DbParameterCollection", SinkKinds.Store, "DbParameterCollection", new[] { "AddWithValue" }, SinkArguments.AllButFirst),
        new("Dapper.SqlMapper", SinkKinds.Store, "Dapper", new[] { "Execute", "ExecuteAsync", "ExecuteScalar", "ExecuteScalarAsync", "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle", "QuerySingleAsync", "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryMultiple", "QueryMultipleAsync" }, SinkArguments.AllButFirst),
        // EF Core: the store rule lets these pass when every PHI property of the entity has a value converter.
        new("Microsoft.EntityFrameworkCore.DbContext", SinkKinds.Store, "DbContext", EfWrites),
        new("Microsoft.EntityFrameworkCore.DbSet`1", SinkKinds.Store, "DbSet", EfWrites),
        new("Azure.Storage.Blobs.BlobClient", SinkKinds.Store, "BlobClient", new[] { "Upload", "UploadAsync" }),
        new("Azure.Storage.Blobs.Specialized.BlobBaseClient", SinkKinds.Store, "BlobClient", new[] { "Upload", "UploadAsync" }),
        new("Azure.Storage.Blobs.BlobContainerClient", SinkKinds.Store, "BlobContainerClient", new[] { "UploadBlob", "UploadBlobAsync" }, SinkArguments.AllButFirst),
        new("Amazon.S3.IAmazonS3", SinkKinds.Store, "IAmazonS3", new[] { "PutObject", "PutObjectAsync" }),
        new("Amazon.S3.AmazonS3Client", SinkKinds.Store, "AmazonS3Client", new[] { "PutObject", "PutObjectAsync" }),

        // --- Telemetry: exceptions, Activity, metrics, Application Insights, ProblemDetails ---
        new("System.Exception", SinkKinds.Telemetry, "Exception", new[] { ".ctor" }),
        new("System.Collections.IDictionary", SinkKinds.Telemetry, "Exception.Data", new[] { "set_Item", "Add" }, receiverMember: "System.Exception.Data"),
        new("System.Diagnostics.Activity", SinkKinds.Telemetry, "Activity", new[] { "SetTag", "AddTag", "AddEvent", "AddBaggage", "SetBaggage", "SetStatus", "SetCustomProperty", "AddException", "set_DisplayName" }),
        new("System.Diagnostics.Metrics.Counter`1", SinkKinds.Telemetry, "Counter", new[] { "Add" }, SinkArguments.AllButFirst),
        new("System.Diagnostics.Metrics.UpDownCounter`1", SinkKinds.Telemetry, "UpDownCounter", new[] { "Add" }, SinkArguments.AllButFirst),
        new("System.Diagnostics.Metrics.Histogram`1", SinkKinds.Telemetry, "Histogram", new[] { "Record" }, SinkArguments.AllButFirst),
        new("System.Diagnostics.Metrics.Gauge`1", SinkKinds.Telemetry, "Gauge", new[] { "Record" }, SinkArguments.AllButFirst),
        new("Microsoft.ApplicationInsights.TelemetryClient", SinkKinds.Telemetry, "TelemetryClient", new[] { "TrackEvent", "TrackTrace", "TrackException", "TrackMetric", "TrackDependency", "TrackRequest", "TrackPageView", "TrackAvailability" }),
        new("System.Diagnostics.ActivitySource", SinkKinds.Telemetry, "ActivitySource", new[] { "StartActivity", "CreateActivity" }),
        new("Microsoft.AspNetCore.Mvc.ProblemDetails", SinkKinds.Telemetry, "ProblemDetails", new[] { "set_Detail", "set_Title", "set_Instance" }),
        new("Microsoft.AspNetCore.Mvc.ControllerBase", SinkKinds.Telemetry, "ControllerBase", new[] { "Problem", "ValidationProblem" }),
        new("Microsoft.AspNetCore.Http.Results", SinkKinds.Telemetry, "Results", new[] { "Problem", "ValidationProblem" }),
        new("Microsoft.AspNetCore.Http.TypedResults", SinkKinds.Telemetry, "TypedResults", new[] { "Problem", "ValidationProblem" }),

        // --- Egress: HTTP, mail ---
        new("System.Net.Http.HttpClient", SinkKinds.Egress, "HttpClient", new[] { "GetAsync", "GetStringAsync", "GetStreamAsync", "GetByteArrayAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync", "SendAsync", "Send" }),
        new("System.Net.Http.Json.HttpClientJsonExtensions", SinkKinds.Egress, "HttpClient", new[] { "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "GetFromJsonAsync", "DeleteFromJsonAsync", "GetFromJsonAsAsyncEnumerable" }),
        new("System.Net.WebClient", SinkKinds.Egress, "WebClient", new[] { "UploadString", "UploadStringAsync", "UploadStringTaskAsync", "UploadData", "UploadDataAsync", "UploadDataTaskAsync", "UploadValues", "UploadValuesAsync", "UploadValuesTaskAsync", "DownloadString", "DownloadStringTaskAsync", "DownloadData", "DownloadDataTaskAsync" }),
        new("System.Net.Mail.SmtpClient", SinkKinds.Egress, "SmtpClient", new[] { "Send", "SendAsync", "SendMailAsync" }),

        // --- AI model SDKs: egress and model calls ---
        new("OpenAI.Chat.ChatClient", SinkKinds.Egress | SinkKinds.Model, "ChatClient", new[] { "CompleteChat", "CompleteChatAsync", "CompleteChatStreaming", "CompleteChatStreamingAsync" }),
        new("OpenAI.Embeddings.EmbeddingClient", SinkKinds.Egress | SinkKinds.Model, "EmbeddingClient", new[] { "GenerateEmbedding", "GenerateEmbeddingAsync", "GenerateEmbeddings", "GenerateEmbeddingsAsync" }),
        new("OpenAI.Responses.OpenAIResponseClient", SinkKinds.Egress | SinkKinds.Model, "OpenAIResponseClient", new[] { "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync" }),
        new("Anthropic.SDK.Messaging.MessagesEndpoint", SinkKinds.Egress | SinkKinds.Model, "AnthropicClient.Messages", new[] { "GetClaudeMessageAsync", "StreamClaudeMessageAsync" }),
        new("Anthropic.AnthropicClient", SinkKinds.Egress | SinkKinds.Model, "AnthropicClient", new[] { "CreateMessageAsync", "StreamMessageAsync" }),
        new("Anthropic.Services.IMessageService", SinkKinds.Egress | SinkKinds.Model, "AnthropicClient.Messages", new[] { "Create", "CreateStreaming" }),
        new("Anthropic.Services.Beta.IMessageService", SinkKinds.Egress | SinkKinds.Model, "AnthropicClient.Beta.Messages", new[] { "Create", "CreateStreaming" }),
        new("Amazon.BedrockRuntime.IAmazonBedrockRuntime", SinkKinds.Egress | SinkKinds.Model, "AmazonBedrockRuntimeClient", BedrockCalls),
        new("Amazon.BedrockRuntime.AmazonBedrockRuntimeClient", SinkKinds.Egress | SinkKinds.Model, "AmazonBedrockRuntimeClient", BedrockCalls),
        new("Microsoft.Extensions.AI.IChatClient", SinkKinds.Egress | SinkKinds.Model, "IChatClient", new[] { "GetResponseAsync", "GetStreamingResponseAsync" }),
        new("Microsoft.Extensions.AI.ChatClientExtensions", SinkKinds.Egress | SinkKinds.Model, "IChatClient", new[] { "GetResponseAsync", "GetStreamingResponseAsync", "GetResponse" }),
        new("Microsoft.Extensions.AI.IEmbeddingGenerator`2", SinkKinds.Egress | SinkKinds.Model, "IEmbeddingGenerator", new[] { "GenerateAsync" }),
        new("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions", SinkKinds.Egress | SinkKinds.Model, "IEmbeddingGenerator", new[] { "GenerateAsync", "GenerateEmbeddingAsync", "GenerateEmbeddingVectorAsync", "GenerateVectorAsync", "GenerateAndZipAsync" }),
        new("Microsoft.SemanticKernel.Kernel", SinkKinds.Egress | SinkKinds.Model, "Kernel", new[] { "InvokePromptAsync", "InvokePromptStreamingAsync" }),
        new("Microsoft.SemanticKernel.KernelExtensions", SinkKinds.Egress | SinkKinds.Model, "Kernel", new[] { "InvokePromptAsync", "InvokePromptStreamingAsync" }),
        new("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService", SinkKinds.Egress | SinkKinds.Model, "IChatCompletionService", new[] { "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync" }),
        new("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions", SinkKinds.Egress | SinkKinds.Model, "IChatCompletionService", new[] { "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync" }),
        new("Microsoft.SemanticKernel.TextGeneration.ITextGenerationService", SinkKinds.Egress | SinkKinds.Model, "ITextGenerationService", new[] { "GetTextContentsAsync", "GetStreamingTextContentsAsync" }),
    };

    /// <summary>Parameter types that never carry data into a sink (levels, ids, the logger itself).</summary>
    public static readonly string[] NonDataParameterTypes =
    {
        "Microsoft.Extensions.Logging.ILogger",
        "Microsoft.Extensions.Logging.LogLevel",
        "Microsoft.Extensions.Logging.EventId",
        "System.Threading.CancellationToken",
        "System.Exception",
        "System.IFormatProvider",
        "Serilog.Events.LogEventLevel",
        "NLog.LogLevel",
        "System.Diagnostics.TraceEventType",
    };

    /// <summary>Attribute on source-generated logging methods: every data parameter is a log sink.</summary>
    public const string LoggerMessageAttribute = "Microsoft.Extensions.Logging.LoggerMessageAttribute";

    /// <summary>Methods whose result carries no PHI: (type, member).</summary>
    public static readonly (string Type, string Member)[] Sanitizers =
    {
        ("PhiGuard.IPhiTokenizer", "Tokenize"),
        ("PhiGuard.PhiRedaction", "Redact"),
        ("PhiGuard.PhiRedaction", "Hash"),
        ("System.Security.Cryptography.ProtectedData", "Protect"),
        ("Microsoft.AspNetCore.DataProtection.IDataProtector", "Protect"),
        ("Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions", "Protect"),
        ("System.Security.Cryptography.ICryptoTransform", "TransformFinalBlock"),
        ("System.Security.Cryptography.SymmetricAlgorithm", "EncryptCbc"),
        ("System.Security.Cryptography.SymmetricAlgorithm", "EncryptEcb"),
        ("System.Security.Cryptography.SymmetricAlgorithm", "EncryptCfb"),
        ("System.Security.Cryptography.HashAlgorithm", "ComputeHash"),
        ("System.Security.Cryptography.SHA256", "HashData"),
        ("System.Security.Cryptography.SHA512", "HashData"),
        ("System.Security.Cryptography.HMACSHA256", "HashData"),
    };

    /// <summary>Methods whose result is PHI whatever their arguments: (type, member).</summary>
    public static readonly (string Type, string Member, string Display)[] SourceMethods =
    {
        ("PhiGuard.IPhiTokenizer", "Detokenize", "IPhiTokenizer.Detokenize"),
    };

    /// <summary>Vendor adapters only the router calls: model calls inside their implementations are audited by the router.</summary>
    public const string ModelClientInterface = "PhiGuard.IModelClient";

    /// <summary>Calls that guard later sinks in the same method when they happen on every path before them.</summary>
    public static readonly (string Type, string Member, GuardKinds Guard)[] Guards =
    {
        ("PhiGuard.IAuditLog", "AppendAsync", GuardKinds.Audit),
    };

    /// <summary>Library members whose value identifies no one even when computed from PHI.</summary>
    public static readonly string[] CleanMembers =
    {
        "Length", "Count", "LongCount", "GetHashCode", "Any", "All", "Contains", "ContainsKey", "ContainsValue",
        "IsNullOrEmpty", "IsNullOrWhiteSpace", "Equals", "CompareTo", "Compare", "CompareOrdinal", "IndexOf", "LastIndexOf",
        "IndexOfAny", "StartsWith", "EndsWith", "HasValue", "IsEmpty", "GetType", "Capacity", "Rank", "SequenceEqual",
        "GetLength", "GetLongLength", "IsCompleted", "IsFaulted", "IsCanceled", "Status",
    };

    /// <summary>Library methods that move their arguments into the receiver (collections, builders, writers).</summary>
    public static readonly string[] MutatorMembers =
    {
        "Add", "AddRange", "Insert", "InsertRange", "Append", "AppendLine", "AppendFormat", "AppendJoin", "Push", "Enqueue",
        "TryAdd", "AddOrUpdate", "GetOrAdd", "Set", "SetValue", "AddFirst", "AddLast", "AddBefore", "AddAfter", "UnionWith",
        "CopyFrom", "Write", "WriteLine", "Replace",
        // Interpolated string handlers (sb.AppendLine($"..."), Debug.WriteLineIf(c, $"...")): the control flow graph
        // builds the handler and appends each hole to it before the call that takes it.
        "AppendFormatted", "AppendLiteral",
        // Chat histories (Semantic Kernel ChatHistory) that are then sent to a model.
        "AddMessage", "AddUserMessage", "AddSystemMessage", "AddAssistantMessage", "AddDeveloperMessage",
    };

    /// <summary>LINQ methods whose result is made of what their lambdas return (not of the source elements).</summary>
    public static readonly string[] LinqProjections =
    {
        "Select", "SelectMany", "ToDictionary", "ToLookup", "GroupBy", "Zip", "Aggregate", "Join", "GroupJoin",
        "Sum", "Average", "Min", "Max", "MinBy", "MaxBy", "Chunk", "CountBy", "AggregateBy", "Index",
    };

    /// <summary>Types whose static members are LINQ operators.</summary>
    public static readonly string[] LinqTypes =
    {
        "System.Linq.Enumerable", "System.Linq.Queryable", "System.Linq.AsyncEnumerable", "System.Linq.ParallelEnumerable",
    };

    /// <summary>Result types that hold the text or bytes of what went in: passing a whole PHI object there is a whole use.</summary>
    public static readonly string[] TextLikeTypes =
    {
        "System.String", "System.Text.StringBuilder", "System.Byte[]", "System.Char[]", "System.IO.Stream", "System.IO.MemoryStream",
        "System.Net.Http.HttpContent", "System.Net.Http.StringContent", "System.Net.Http.ByteArrayContent",
        "System.Net.Http.Json.JsonContent", "System.Text.Json.Nodes.JsonNode", "System.Text.Json.JsonDocument",
        "System.Text.Json.JsonElement", "System.BinaryData", "System.ReadOnlyMemory`1", "System.ReadOnlySpan`1",
        "System.Text.StringBuilder+AppendInterpolatedStringHandler", "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
    };

    // --- Store provenance: what makes a stream or writer a file (rows marked onFileOnly) ---

    /// <summary>Calls whose result is a stream or writer over a file: (type, member).</summary>
    public static readonly (string Type, string Member)[] FileOpeners =
    {
        ("System.IO.File", "Create"), ("System.IO.File", "Open"), ("System.IO.File", "OpenWrite"),
        ("System.IO.File", "CreateText"), ("System.IO.File", "AppendText"),
        ("System.IO.FileInfo", "Create"), ("System.IO.FileInfo", "Open"), ("System.IO.FileInfo", "OpenWrite"),
        ("System.IO.FileInfo", "CreateText"), ("System.IO.FileInfo", "AppendText"),
    };

    /// <summary>Streams and writers that write to the stream or writer given as their first constructor argument (a string there is a path).</summary>
    public static readonly string[] StreamWrappers =
    {
        "System.IO.StreamWriter", "System.IO.BinaryWriter", "System.IO.BufferedStream", "System.IO.Compression.GZipStream",
        "System.IO.Compression.DeflateStream", "System.IO.Compression.BrotliStream", "System.IO.Compression.ZLibStream",
    };

    /// <summary>Streams that encrypt what is written through them: what reaches the file is not PHI.</summary>
    public static readonly string[] EncryptingStreams =
    {
        "System.Security.Cryptography.CryptoStream",
    };

    /// <summary>EF Core: the types whose Add/Update/Attach store an entity, and the model-building calls that map a property through a value converter.</summary>
    public const string EfDbContext = "Microsoft.EntityFrameworkCore.DbContext";

    public const string EfDbSet = "Microsoft.EntityFrameworkCore.DbSet`1";

    /// <summary>Members that configure a value converter: <c>Property(x => x.P).HasConversion(...)</c>, <c>Properties&lt;T&gt;().HaveConversion(...)</c>.</summary>
    public static readonly string[] EfConverterCalls = { "HasConversion", "HaveConversion" };
}

