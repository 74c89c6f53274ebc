using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Rules;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;
using static PhiAnalyzers.Tests.Rules.Phi002Fixture;
using Log = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiLogAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>
/// PHI002 across calls: a project method that forwards its parameter to an egress sink is reported where PHI is
/// passed in; a model's reply to a request that carried PHI is PHI, and so are embeddings of PHI.
/// </summary>
public class Phi002FlowTests
{
    [Fact]
    public Task ForwardingMethodIsReportedAtTheCallThatPassesPhi()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class LegacyFax(HttpClient http)
            {
                public Task Push(string text) => http.PostAsync("https://fax.legacy.example/send", new StringContent(text));
            }
            class C(LegacyFax legacyFax)
            {
                async Task M(Patient p)
                {
                    await {|#0:legacyFax.Push(p.Name)|};
                    await legacyFax.Push(p.Ward);
                    await legacyFax.Push("cover page");
                }
            }
            """,
            Exactly(0, "Patient.Name", "LegacyFax.Push -> HttpClient.PostAsync", "an unknown destination",
                "its host 'fax.legacy.example' matches no vendor's hosts, and no [BaaCovered] or inventory client identifies it"));

    [Fact]
    public Task ForwardingThroughTwoMethods()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            class LegacyFax(HttpClient http)
            {
                public Task Push(string text) => http.PostAsync("v1/send", new StringContent(text));
            }
            class Outbox(LegacyFax fax)
            {
                public Task Send(string subject, string body) => fax.Push(subject + ": " + body);
            }
            class C(Outbox outbox)
            {
                async Task M(Patient p)
                {
                    await {|#0:outbox.Send("Referral", p.Ssn)|};
                    await outbox.Send("Referral", p.Ward);
                }
            }
            """, At(0));

    [Fact]
    public Task TypedClientMarkedForASignedVendorThatForwardsIsSilent()
        => Run("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using PhiGuard;
            [BaaCovered("good")]
            class LabClient(HttpClient http)
            {
                public Task Order(Patient p) => http.PostAsJsonAsync("v1/orders", p);
                public Task Push(string text) => http.PostAsync("v1/notes", new StringContent(text));
            }
            [BaaCovered("none")]
            class MarketingClient(HttpClient http)
            {
                public Task Push(string text) => http.PostAsync("v1/notes", new StringContent(text));
            }
            class C(LabClient lab, MarketingClient marketing)
            {
                async Task M(Patient p)
                {
                    await lab.Order(p);
                    await lab.Push(p.Name);
                    await {|#0:marketing.Push(p.Name)|};
                    await marketing.Push(p.Ward);
                }
            }
            """, Exactly(0, "Patient.Name", "MarketingClient.Push -> HttpClient.PostAsync", "vendor 'none' (No BAA Inc)", "BAA status is 'none'"));

    [Fact]
    public Task PhiInsideATypedClientIsReportedWhereItIsRead()
        => Run("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            class Outbound(HttpClient http)
            {
                public Task Notify(Patient p) => {|#0:http.PostAsJsonAsync("v1/notify", new { p.Email })|};
                public Task Count(Patient p) => http.PostAsJsonAsync("v1/count", new { p.Id });
            }
            """, Unknown(0, "Patient.Email", "HttpClient.PostAsJsonAsync"));

    // ------------------------------------------------------------------ model replies

    private static Task RunLog(string code, params DiagnosticResult[] expected)
        => Verify<PhiLogAnalyzer>.AnalyzerAsync(code + Model, expected);

    [Fact]
    public Task ReplyToAChatClientRequestWithPhiIsPhi()
        => RunLog("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using OpenAI.Chat;
            using PhiGuard;
            class C(ILogger<C> logger, [BaaCovered("good")] ChatClient chat)
            {
                async Task M(Patient p)
                {
                    ChatCompletion reply = await chat.CompleteChatAsync(new UserChatMessage("Summarize the chart of " + p.Name));
                    {|#0:logger.LogInformation("Reply {Text}", reply.Content[0].Text)|};
                    ChatCompletion clean = await chat.CompleteChatAsync(new UserChatMessage("Summarize the ward " + p.Ward));
                    logger.LogInformation("Reply {Text}", clean.Content[0].Text);
                }
            }
            """, Log.Finding("PHI001").WithLocation(0));

    [Fact]
    public Task ReplyToAnIChatClientRequestWithPhiIsPhi()
        => RunLog("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Logging;
            class C(ILogger<C> logger, IChatClient chat)
            {
                async Task M(Patient p)
                {
                    var reply = await chat.GetResponseAsync("Summarize the chart of " + p.Ssn);
                    var text = reply.Text;
                    {|#0:logger.LogWarning(text)|};
                    await foreach (var update in chat.GetStreamingResponseAsync("Explain " + p.Name))
                    {
                        {|#1:logger.LogDebug(update.Text)|};
                    }

                    var clean = await chat.GetResponseAsync("Summarize the ward " + p.Ward);
                    logger.LogWarning(clean.Text);
                    await foreach (var update in chat.GetStreamingResponseAsync("Explain ward " + p.Ward))
                    {
                        logger.LogDebug(update.Text);
                    }
                }
            }
            """, Log.Finding("PHI001").WithLocation(0), Log.Finding("PHI001").WithLocation(1));

    [Fact]
    public Task ReplyWithPhiSentOnToAnUnknownHostIsPhi002()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;
            class C([BaaCovered("good")] IChatClient chat, HttpClient http)
            {
                async Task M(Patient p)
                {
                    var reply = await chat.GetResponseAsync("Draft a letter to " + p.Name);
                    await {|#0:http.PostAsync("https://letters.unknown.example/v1", new StringContent(reply.Text))|};
                    var clean = await chat.GetResponseAsync("Draft a notice for ward " + p.Ward);
                    await http.PostAsync("https://letters.unknown.example/v1", new StringContent(clean.Text));
                }
            }
            """, At(0));

    [Fact]
    public Task EmbeddingsOfPhiAreStillPhi()
        => Run("""
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Embeddings;
            using PhiGuard;
            class C([BaaCovered("good")] EmbeddingClient embeddings, [BaaCovered("good")] IEmbeddingGenerator<string, Embedding<float>> generator, HttpClient http)
            {
                async Task M(Patient p)
                {
                    OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync(p.Name);
                    await {|#0:http.PostAsJsonAsync("https://vectors.unknown.example/upsert", embedding.ToFloats().ToArray())|};
                    var vector = await generator.GenerateVectorAsync(p.Ssn);
                    await {|#1:http.PostAsJsonAsync("https://vectors.unknown.example/upsert", vector.ToArray())|};

                    OpenAIEmbedding clean = await embeddings.GenerateEmbeddingAsync(p.Ward);
                    await http.PostAsJsonAsync("https://vectors.unknown.example/upsert", clean.ToFloats().ToArray());
                    var cleanVector = await generator.GenerateVectorAsync(p.Ward);
                    await http.PostAsJsonAsync("https://vectors.unknown.example/upsert", cleanVector.ToArray());
                }
            }
            """, At(0), At(1));

    [Fact]
    public Task RouterCallsAreSilentButTheirRepliesToPhiAreStillPhi()
        => Run("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using PhiGuard;
            class C(IPhiModelRouter router, HttpClient http)
            {
                async Task M(Patient p)
                {
                    var reply = await router.CompleteAsync(new ModelRequest { Prompt = "Summarize " + p.Name, Purpose = AccessPurpose.Treatment });
                    await {|#0:http.PostAsync("https://letters.unknown.example/v1", new StringContent(reply.Text))|};
                    var clean = await router.CompleteAsync(new ModelRequest { Prompt = "Summarize ward " + p.Ward, Purpose = AccessPurpose.Treatment });
                    await http.PostAsync("https://letters.unknown.example/v1", new StringContent(clean.Text));
                }
            }
            """, At(0));
}
