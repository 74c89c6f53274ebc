using Xunit;
using static PhiAnalyzers.Tests.Rules.Phi002Fixture;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>
/// PHI002: how the destination's vendor is found, one path per test: [BaaCovered] on the method, type, field,
/// property or parameter; the client's provenance; the inventory's clients; a constant URL's host; a constant
/// BaseAddress (constructor, object initializer, AddHttpClient); wildcard hosts; and no vendor at all.
/// Each has a twin where the same path leads to no vendor, or to one that may not receive PHI.
/// </summary>
public class Phi002VendorResolutionTests
{
    private const string NoneVendor = "vendor 'none' (No BAA Inc)";
    private const string NoneReason = "BAA status is 'none'";

    // ------------------------------------------------------------------ [BaaCovered]

    [Fact]
    public Task BaaCoveredOnTheCalledMethod()
        => Run("""
            using PhiGuard;
            interface IPartner
            {
                [BaaCovered("good")] void Send([PhiSink(PhiSinkKind.Egress)] string body);
                [BaaCovered("none")] void Broadcast([PhiSink(PhiSinkKind.Egress)] string body);
                void Other([PhiSink(PhiSinkKind.Egress)] string body);
            }
            class C(IPartner partner)
            {
                void M(Patient p)
                {
                    partner.Send(p.Name);
                    {|#0:partner.Broadcast(p.Name)|};
                    {|#1:partner.Other(p.Name)|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "IPartner.Broadcast", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "IPartner.Other"));

    [Fact]
    public Task BaaCoveredOnTheClientsType()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            [BaaCovered("good")] class LabHttpClient : HttpClient { }
            [BaaCovered("none")] class FaxHttpClient : HttpClient { }
            class C(LabHttpClient lab, FaxHttpClient fax, HttpClient plain)
            {
                async Task M(Patient p)
                {
                    await lab.PostAsync("v1", new StringContent(p.Name));
                    await {|#0:fax.PostAsync("v1", new StringContent(p.Name))|};
                    await {|#1:plain.PostAsync("v1", new StringContent(p.Name))|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task BaaCoveredOnTheReceiversField()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class C(HttpClient a, HttpClient b, HttpClient c)
            {
                [BaaCovered("good")] private readonly HttpClient _lab = a;
                [BaaCovered("none")] private readonly HttpClient _fax = b;
                private readonly HttpClient _plain = c;

                async Task M(Patient p)
                {
                    await _lab.PostAsync("v1", new StringContent(p.Name));
                    await this._lab.PostAsync("v1", new StringContent(p.Ssn));
                    await {|#0:_fax.PostAsync("v1", new StringContent(p.Name))|};
                    await {|#1:_plain.PostAsync("v1", new StringContent(p.Name))|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task BaaCoveredOnTheReceiversProperty()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class Clients
            {
                [BaaCovered("good")] public HttpClient Lab { get; } = new();
                [BaaCovered("none")] public HttpClient Fax { get; } = new();
                public HttpClient Plain { get; } = new();
            }
            class C(Clients clients)
            {
                async Task M(Patient p)
                {
                    await clients.Lab.PostAsync("v1", new StringContent(p.Name));
                    await {|#0:clients.Fax.PostAsync("v1", new StringContent(p.Name))|};
                    await {|#1:clients.Plain.PostAsync("v1", new StringContent(p.Name))|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task BaaCoveredOnTheReceiversParameter()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class C
            {
                async Task M([BaaCovered("good")] HttpClient lab, [BaaCovered("none")] HttpClient fax, HttpClient plain, Patient p)
                {
                    await lab.PostAsync("v1", new StringContent(p.Name));
                    await {|#0:fax.PostAsync("v1", new StringContent(p.Name))|};
                    await {|#1:plain.PostAsync("v1", new StringContent(p.Name))|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task BaaCoveredOnAPrimaryConstructorParameter()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class Lab([BaaCovered("good")] HttpClient http)
            {
                public Task Send(Patient p) => http.PostAsync("v1", new StringContent(p.Name));
            }
            class Fax(HttpClient http)
            {
                public Task Send(Patient p) => {|#0:http.PostAsync("v1", new StringContent(p.Name))|};
            }
            """, Unknown(0, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task BaaCoveredOnTheParameterThatReceivesTheData()
        => Run("""
            using PhiGuard;
            interface IQueue
            {
                void Publish(string topic, [PhiSink(PhiSinkKind.Egress), BaaCovered("good")] string payload);
                void Broadcast(string topic, [PhiSink(PhiSinkKind.Egress), BaaCovered("none")] string payload);
            }
            class C(IQueue queue)
            {
                void M(Patient p)
                {
                    queue.Publish("t", p.Name);
                    {|#0:queue.Broadcast("t", p.Name)|};
                }
            }
            """, Exactly(0, "Patient.Name", "IQueue.Broadcast", NoneVendor, NoneReason));

    [Fact]
    public Task BaaCoveredWinsOverTheUrlsHost()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class C([BaaCovered("good")] HttpClient lab, [BaaCovered("none")] HttpClient fax)
            {
                async Task M(Patient p)
                {
                    await lab.PostAsync("https://api.none.example/v1", new StringContent(p.Name));
                    await {|#0:fax.PostAsync("https://api.good.example/v1", new StringContent(p.Name))|};
                }
            }
            """, Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason));

    // ------------------------------------------------------------------ provenance

    [Fact]
    public Task ProvenanceThroughAFactoryMethod()
        => Run("""
            using OpenAI.Chat;
            using PhiGuard;
            class Factory
            {
                [BaaCovered("good")] public ChatClient Lab() => new("gpt-4o", "k");
                [BaaCovered("none")] public ChatClient Fax() => new("gpt-4o", "k");
                public ChatClient Plain() => new("gpt-4o", "k");
            }
            class C(Factory factory)
            {
                void M(Patient p)
                {
                    factory.Lab().CompleteChat(p.Name);
                    var lab = factory.Lab();
                    lab.CompleteChat(p.Ssn);
                    {|#0:factory.Fax().CompleteChat(p.Name)|};
                    var plain = factory.Plain();
                    {|#1:plain.CompleteChat(p.Name)|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "ChatClient.CompleteChat", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "ChatClient.CompleteChat"));

    [Fact]
    public Task ProvenanceThroughTheClientThatHandsItOut()
        => Run("""
            using OpenAI;
            using OpenAI.Chat;
            using PhiGuard;
            class C([BaaCovered("good")] OpenAIClient lab, [BaaCovered("none")] OpenAIClient fax, OpenAIClient plain)
            {
                private readonly ChatClient _fromLab = lab.GetChatClient("gpt-4o");
                private readonly ChatClient _fromFax = fax.GetChatClient("gpt-4o");
                private readonly ChatClient _fromPlain = plain.GetChatClient("gpt-4o");

                void M(Patient p)
                {
                    _fromLab.CompleteChat(p.Name);
                    var chat = lab.GetChatClient("gpt-4o");
                    var again = chat;
                    again.CompleteChat(p.Ssn);
                    {|#0:_fromFax.CompleteChat(p.Name)|};
                    {|#1:_fromPlain.CompleteChat(p.Name)|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "ChatClient.CompleteChat", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "ChatClient.CompleteChat"));

    [Fact]
    public Task ProvenanceThroughAFieldAssignedInTheConstructor()
        => Run("""
            using System;
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI;
            using OpenAI.Chat;
            class Scribe
            {
                private readonly ChatClient _chat;
                public Scribe() => _chat = new AzureOpenAIClient(new Uri("https://clinic.openai.azure.com"), new ApiKeyCredential("k")).GetChatClient("gpt-4o");
                public void Send(Patient p) => _chat.CompleteChat(p.Name);
            }
            class PublicScribe
            {
                private readonly ChatClient _chat;
                public PublicScribe() => _chat = new OpenAIClient(new ApiKeyCredential("k")).GetChatClient("gpt-4o");
                public void Send(Patient p) => {|#0:_chat.CompleteChat(p.Name)|};
            }
            """, Unknown(0, "Patient.Name", "ChatClient.CompleteChat"));

    // ------------------------------------------------------------------ inventory clients

    private const string ClientsInventory = """
        version: 1
        vendors:
          - id: bedrock
            name: Amazon Bedrock
            baa: { status: signed, signed: 2025-01-01, expires: 2030-01-01 }
            phi: allowed
            clients: ["Amazon.BedrockRuntime.IAmazonBedrockRuntime"]
          - id: openai-public
            name: OpenAI public API
            baa: { status: none }
            phi: forbidden
            clients: ["OpenAI.Chat.ChatClient"]
        """;

    [Fact]
    public Task InventoryClientsMapTheReceiversTypeOrAnInterfaceOfIt()
        => Test("""
            using System.Threading.Tasks;
            using Amazon.BedrockRuntime;
            using Amazon.BedrockRuntime.Model;
            using OpenAI.Chat;
            class C(AmazonBedrockRuntimeClient bedrock, IAmazonBedrockRuntime runtime, ChatClient chat)
            {
                async Task M(Patient p)
                {
                    await bedrock.ConverseAsync(new ConverseRequest { Messages = [new Message { Content = [new ContentBlock { Text = p.Name }] }] });
                    await runtime.ConverseAsync(new ConverseRequest { Messages = [new Message { Content = [new ContentBlock { Text = p.Ssn }] }] });
                    {|#0:chat.CompleteChat(p.Name)|};
                }
            }
            """ + Phi002ModelSdkTests.BedrockMirror,
            Exactly(0, "Patient.Name", "ChatClient.CompleteChat", "vendor 'openai-public' (OpenAI public API)", "BAA status is 'none'"))
            .WithInventoryReplaced(ClientsInventory)
            .RunAsync();

    [Fact]
    public Task AzureOpenAiClientsMapping()
        => Run("""
            using System;
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI;
            class C(AzureOpenAIClient azure, OpenAIClient openAi)
            {
                void M(Patient p)
                {
                    azure.GetChatClient("gpt-4o").CompleteChat(p.Name);
                    {|#0:openAi.GetChatClient("gpt-4o").CompleteChat(p.Name)|};
                }
            }
            """, Unknown(0, "Patient.Name", "ChatClient.CompleteChat"));

    // ------------------------------------------------------------------ URL hosts

    [Fact]
    public Task HostOfAConstantAbsoluteUrl()
        => Run("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            class C(HttpClient http)
            {
                private const string Lab = "https://api.good.example/v1/notes";
                private static readonly Uri LabUri = new("https://api.good.example/v1/notes");
                private const string Fax = "https://fax.unknown.example/v1/send";

                async Task M(Patient p)
                {
                    await http.PostAsync(Lab, new StringContent(p.Name));
                    await http.PostAsync(LabUri, new StringContent(p.Name));
                    var url = "https://api.good.example/v1/notes";
                    await http.PostAsync(url, new StringContent(p.Name));
                    await {|#0:http.PostAsync(Fax, new StringContent(p.Name))|};
                    await {|#1:http.PostAsync("https://api.none.example/v1", new StringContent(p.Name))|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", "an unknown destination",
                "its host 'fax.unknown.example' matches no vendor's hosts, and no [BaaCovered] or inventory client identifies it"),
            Exactly(1, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason));

    [Fact]
    public Task HostMustBeCompleteInTheConstantStartOfTheUrl()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class C(HttpClient http)
            {
                async Task M(Patient p, string region)
                {
                    await http.GetAsync("https://api.good.example/v1?ssn=" + p.Ssn);
                    await http.GetAsync($"https://api.good.example:8443/v1?ssn={p.Ssn}");
                    await {|#0:http.GetAsync("https://api.good.example" + region + "/v1?ssn=" + p.Ssn)|};
                    await {|#1:http.GetAsync($"https://{region}.good.example/v1?ssn={p.Ssn}")|};
                }
            }
            """, Unknown(0, "Patient.Ssn", "HttpClient.GetAsync"), Unknown(1, "Patient.Ssn", "HttpClient.GetAsync"));

    [Fact]
    public Task HostOfAConstantHoleAtTheStartOfAnInterpolatedUrl()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class C(HttpClient http)
            {
                private const string Lab = "https://api.good.example/v1";
                private const string LabHost = "https://api.good.example";
                private const string Fax = "https://fax.unknown.example/v1";

                async Task M(Patient p, string region)
                {
                    await http.GetAsync($"{Lab}/lookup?ssn={p.Ssn}");
                    await http.GetAsync($"{LabHost}/lookup?ssn={p.Ssn}");
                    await {|#0:http.GetAsync($"{Fax}/lookup?ssn={p.Ssn}")|};
                    await {|#1:http.GetAsync($"{LabHost}{region}/lookup?ssn={p.Ssn}")|};
                }
            }
            """,
            Exactly(0, "Patient.Ssn", "HttpClient.GetAsync", "an unknown destination",
                "its host 'fax.unknown.example' matches no vendor's hosts, and no [BaaCovered] or inventory client identifies it"),
            Unknown(1, "Patient.Ssn", "HttpClient.GetAsync"));

    [Fact]
    public Task SmtpClientHostGivenToItsConstructor()
        => Run("""
            using System.Net.Mail;
            using System.Threading.Tasks;
            class C
            {
                private readonly SmtpClient _good = new("api.good.example");
                private readonly SmtpClient _other = new SmtpClient("smtp.unknown.example", 587);

                async Task M(Patient p)
                {
                    await _good.SendMailAsync("a@h.example", "b@h.example", "visit", p.Name);
                    await {|#0:_other.SendMailAsync("a@h.example", "b@h.example", "visit", p.Name)|};
                    var local = new SmtpClient { Host = "api.good.example" };
                    local.Send("a@h.example", "b@h.example", "visit", p.Name);
                }
            }
            """, At(0));

    [Fact]
    public Task ClientFromAnUnmarkedFactoryBesideACoveredOneIsUnknown()
        => Run("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;

            static class Clients
            {
                [BaaCovered("good")]
                public static HttpClient Good() => new() { BaseAddress = new Uri("https://api.good.example/") };

                public static HttpClient Anonymous() => new();
            }

            class C
            {
                async Task M(Patient p)
                {
                    using var good = Clients.Good();
                    await good.PostAsync("v1/x", new StringContent(p.Name));
                    using var anon = Clients.Anonymous();
                    await {|#0:anon.PostAsync("https://upload.unknown.example/v1", new StringContent(p.Name))|};
                }
            }
            """, At(0));

    [Theory]
    [InlineData("https://eu.good-wild.example/v1", false)]
    [InlineData("https://us-east.good-wild.example/v1", false)]
    [InlineData("https://a.eu.good-wild.example/v1", true)]
    [InlineData("https://good-wild.example/v1", true)]
    [InlineData("https://eu.good-wild.example.evil.example/v1", true)]
    public Task WildcardHostMatchesExactlyOneLabel(string url, bool finding)
    {
        var call = $"http.PostAsync(\"{url}\", new StringContent(p.Name))";
        var code = $$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            class C(HttpClient http)
            {
                Task M(Patient p) => {{(finding ? "{|#0:" + call + "|}" : call)}};
            }
            """;
        return finding ? Run(code, At(0)) : Run(code);
    }

    [Fact]
    public Task WildcardHostInTheMiddle()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class C(HttpClient http)
            {
                async Task M(Patient p)
                {
                    await http.PostAsync("https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse", new StringContent(p.Name));
                    await {|#0:http.PostAsync("https://bedrock-runtime.amazonaws.com/model/x/converse", new StringContent(p.Name))|};
                    await {|#1:http.PostAsync("https://bedrock-runtime.us.east.amazonaws.com/model/x/converse", new StringContent(p.Name))|};
                }
            }
            """, At(0), At(1));

    // ------------------------------------------------------------------ BaseAddress

    [Fact]
    public Task BaseAddressSetInTheConstructor()
        => Run("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            class LabClient
            {
                private readonly HttpClient _http;
                public LabClient(HttpClient http)
                {
                    _http = http;
                    _http.BaseAddress = new Uri("https://api.good.example/");
                }
                public Task Send(Patient p) => _http.PostAsync("v1/notes", new StringContent(p.Name));
            }
            class NoBaaClient
            {
                private readonly HttpClient _http;
                public NoBaaClient(HttpClient http)
                {
                    _http = http;
                    _http.BaseAddress = new Uri("https://api.none.example/");
                }
                public Task Send(Patient p) => {|#0:_http.PostAsync("v1/notes", new StringContent(p.Name))|};
            }
            class FaxClient
            {
                private const string Base = "https://fax.unknown.example/";
                private readonly HttpClient _http;
                public FaxClient(HttpClient http)
                {
                    _http = http;
                    _http.BaseAddress = new Uri(Base);
                }
                public Task Send(Patient p) => {|#1:_http.PostAsync("v1/notes", new StringContent(p.Name))|};
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Exactly(1, "Patient.Name", "HttpClient.PostAsync", "an unknown destination",
                "its host 'fax.unknown.example' matches no vendor's hosts, and no [BaaCovered] or inventory client identifies it"));

    [Fact]
    public Task BaseAddressInAnObjectInitializer()
        => Run("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            class C
            {
                private readonly HttpClient _lab = new HttpClient { BaseAddress = new Uri("https://api.good.example/") };
                private readonly HttpClient _fax = new() { BaseAddress = new Uri("https://api.none.example/") };

                async Task M(Patient p)
                {
                    await _lab.PostAsync("v1/notes", new StringContent(p.Name));
                    using var local = new HttpClient { BaseAddress = new Uri("https://api.good.example/") };
                    await local.PostAsync("v1/notes", new StringContent(p.Ssn));
                    await {|#0:_fax.PostAsync("v1/notes", new StringContent(p.Name))|};
                    using var other = new HttpClient { BaseAddress = new Uri("https://api.none.example/") };
                    await {|#1:other.PostAsync("v1/notes", new StringContent(p.Ssn))|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Exactly(1, "Patient.Ssn", "HttpClient.PostAsync", NoneVendor, NoneReason));

    [Fact]
    public Task AnAbsoluteUrlWinsOverTheBaseAddress()
        => Run("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            class C
            {
                private readonly HttpClient _lab = new HttpClient { BaseAddress = new Uri("https://api.good.example/") };

                async Task M(Patient p)
                {
                    await _lab.PostAsync("v1/notes", new StringContent(p.Name));
                    await {|#0:_lab.PostAsync("https://api.none.example/v1/notes", new StringContent(p.Name))|};
                }
            }
            """, Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason));

    private const string TypedClients = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddHttpClient<LabClient>(c => c.BaseAddress = new Uri("https://api.good.example/"));
                services.AddHttpClient<IReferralClient, ReferralClient>((sp, c) => { c.BaseAddress = new Uri("https://api.good.example/"); });
                services.AddHttpClient<ChainedClient>().ConfigureHttpClient(c => c.BaseAddress = new Uri("https://api.good.example/"));
                services.AddHttpClient<NoBaaClient>(c => c.BaseAddress = new Uri("https://api.none.example/"));
                services.AddHttpClient<FaxClient>(c => c.BaseAddress = new Uri("https://fax.unknown.example/"));
                services.AddHttpClient<UnconfiguredClient>();
            }
        }

        interface IReferralClient { Task Send(Patient p); }
        class LabClient(HttpClient http) { public Task Send(Patient p) => http.PostAsync("v1/notes", new StringContent(p.Name)); }
        class ReferralClient : IReferralClient
        {
            private readonly HttpClient _http;
            public ReferralClient(HttpClient http) => _http = http;
            public Task Send(Patient p) => _http.PostAsync("v1/referrals", new StringContent(p.Name));
        }
        class ChainedClient(HttpClient http) { public Task Send(Patient p) => http.PostAsync("v1/notes", new StringContent(p.Name)); }
        class NoBaaClient(HttpClient http) { public Task Send(Patient p) => {|#0:http.PostAsync("v1/notes", new StringContent(p.Name))|}; }
        class FaxClient(HttpClient http) { public Task Send(Patient p) => {|#1:http.PostAsync("v1/fax", new StringContent(p.Name))|}; }
        class UnconfiguredClient(HttpClient http) { public Task Send(Patient p) => {|#2:http.PostAsync("v1/notes", new StringContent(p.Name))|}; }
        """;

    [Fact]
    public Task AddHttpClientConfiguresTypedClients()
        => Run(
            TypedClients,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Exactly(1, "Patient.Name", "HttpClient.PostAsync", "an unknown destination",
                "its host 'fax.unknown.example' matches no vendor's hosts, and no [BaaCovered] or inventory client identifies it"),
            Unknown(2, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task AddHttpClientConfiguresNamedClients()
        => Run("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddHttpClient("lab", c => c.BaseAddress = new Uri("https://api.good.example/"));
                    services.AddHttpClient("nobaa", c => c.BaseAddress = new Uri("https://api.none.example/"));
                }
            }

            class C(IHttpClientFactory factory)
            {
                async Task M(Patient p)
                {
                    await factory.CreateClient("lab").PostAsync("v1/notes", new StringContent(p.Name));
                    var lab = factory.CreateClient("lab");
                    await lab.PostAsync("v1/notes", new StringContent(p.Ssn));
                    await {|#0:factory.CreateClient("nobaa").PostAsync("v1/notes", new StringContent(p.Name))|};
                    var other = factory.CreateClient("unregistered");
                    await {|#1:other.PostAsync("v1/notes", new StringContent(p.Name))|};
                }
            }
            """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason),
            Unknown(1, "Patient.Name", "HttpClient.PostAsync"));

    // The registration scan reads each file's text in chunks: a registration is found wherever in the file it stands,
    // across a chunk's end too (chunks of 4,096 characters).
    [Theory]
    [InlineData(400)]
    [InlineData(4083)]
    [InlineData(4090)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(8170)]
    public Task AddHttpClientIsFoundAnywhereInItsFile(int offset)
    {
        const string Registration = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddHttpClient<NoBaaClient>(c => c.BaseAddress = new Uri("https://api.none.example/"));
                }
            }

            """;
        var at = Registration.IndexOf("AddHttpClient", StringComparison.Ordinal);
        var padding = "//" + new string('x', offset - at - 3) + "\n";
        Assert.Equal(offset, (padding + Registration).IndexOf("AddHttpClient", StringComparison.Ordinal));
        return Run(
            padding + Registration + """
                class NoBaaClient(HttpClient http) { public Task Send(Patient p) => {|#0:http.PostAsync("v1/notes", new StringContent(p.Name))|}; }
                """,
            Exactly(0, "Patient.Name", "HttpClient.PostAsync", NoneVendor, NoneReason));
    }

    // ------------------------------------------------------------------ unknown

    [Fact]
    public Task RelativeUrlWithNoBaseAddressIsAnUnknownDestination()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    await {|#0:http.PostAsync("v1/notes", new StringContent(p.Name))|};
                    await http.PostAsync("v1/notes", new StringContent(p.Ward));
                }
            }
            """, Unknown(0, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task ModelClientFromAParameterWithoutAttributeIsAnUnknownDestination()
        => Run("""
            using Microsoft.Extensions.AI;
            using System.Threading.Tasks;
            class C
            {
                async Task M(IChatClient chat, Patient p)
                {
                    await {|#0:chat.GetResponseAsync("Summarize " + p.Name)|};
                    await chat.GetResponseAsync("Summarize " + p.Ward);
                }
            }
            """, Unknown(0, "Patient.Name", "IChatClient.GetResponseAsync"));
}
