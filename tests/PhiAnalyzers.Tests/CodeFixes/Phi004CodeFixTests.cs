using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.CodeFixes;
using PhiAnalyzers.Rules;
using Xunit;

namespace PhiAnalyzers.Tests.CodeFixes;

/// <summary>PHI004 fixes: send through an IPhiModelRouter in scope, or append an audit record before the call.</summary>
public class Phi004CodeFixTests
{
    private const string Model = """

        public sealed class Note
        {
            [PhiGuard.Phi(PhiGuard.PhiKind.ClinicalNote)] public string Body { get; set; } = "";
            public string Title { get; set; } = "";
        }
        """;

    private static DiagnosticResult Finding(int markup = 0)
        => new DiagnosticResult("PHI004", DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(markup);

    private static Task Fix(string source, string fixedSource, string key, params DiagnosticResult[] expected)
        => new PhiFixTest<PhiModelAuditAnalyzer, PhiModelAuditAnalyzerCodeFixProvider>(source + Model, fixedSource + Model, expected)
        {
            CodeActionEquivalenceKey = key,
        }.RunAsync();

    [Fact]
    public Task AuditAppendIsInsertedBeforeTheStatement()
        => Fix("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class C(IChatClient chat, PhiGuard.IAuditLog audit)
            {
                async Task<string> M(Note n)
                {
                    var title = n.Title.Trim();
                    // ask the model
                    var reply = await {|#0:chat.GetResponseAsync(title + n.Body)|};
                    return reply.Messages.Count.ToString();
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, PhiGuard.IAuditLog audit)
            {
                async Task<string> M(Note n)
                {
                    var title = n.Title.Trim();
                    // ask the model
                    await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Other });
                    var reply = await chat.GetResponseAsync(title + n.Body);
                    return reply.Messages.Count.ToString();
                }
            }
            """, PhiModelAuditAnalyzerCodeFixProvider.AuditKey("audit"), Finding());

    [Fact]
    public Task AuditAppendWrapsAnEmbeddedStatementInBraces()
        => Fix("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat)
            {
                async Task M(Note n, bool ask, IAuditLog log)
                {
                    if (ask)
                        await {|#0:chat.GetResponseAsync(n.Body)|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat)
            {
                async Task M(Note n, bool ask, IAuditLog log)
                {
                    if (ask)
                    {
                        await log.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Other });
                        await chat.GetResponseAsync(n.Body);
                    }
                }
            }
            """, PhiModelAuditAnalyzerCodeFixProvider.AuditKey("log"), Finding());

    [Fact]
    public Task AuditAppendGoesInsideTheLoopBody()
        => Fix("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IAuditLog audit)
            {
                async Task M(List<Note> notes)
                {
                    foreach (var n in notes)
                    {
                        await {|#0:chat.GetResponseAsync(n.Body)|};
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IAuditLog audit)
            {
                async Task M(List<Note> notes)
                {
                    foreach (var n in notes)
                    {
                        await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Other });
                        await chat.GetResponseAsync(n.Body);
                    }
                }
            }
            """, PhiModelAuditAnalyzerCodeFixProvider.AuditKey("audit"), Finding());

    [Fact]
    public Task CallIsSentThroughTheRouter()
        => Fix("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IPhiModelRouter router)
            {
                async Task<string> M(Note n, CancellationToken ct)
                {
                    var reply = await {|#0:chat.GetResponseAsync("Summarize: " + n.Body, cancellationToken: ct)|};
                    return reply.Text;
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IPhiModelRouter router)
            {
                async Task<string> M(Note n, CancellationToken ct)
                {
                    var reply = await router.CompleteAsync(new ModelRequest { Prompt = "Summarize: " + n.Body, Purpose = AccessPurpose.Other }, ct);
                    return reply.Text;
                }
            }
            """, PhiModelAuditAnalyzerCodeFixProvider.RouteKey("router"), Finding());

    [Fact]
    public Task AwaitedTextIsSentThroughTheRouterInAnExpressionBody()
        => Fix("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IPhiModelRouter router)
            {
                async Task<string> M(Note n) => (await {|#0:chat.GetResponseAsync(n.Body)|}).Text;
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IPhiModelRouter router)
            {
                async Task<string> M(Note n) => (await router.CompleteAsync(new ModelRequest { Prompt = n.Body, Purpose = AccessPurpose.Other })).Text;
            }
            """, PhiModelAuditAnalyzerCodeFixProvider.RouteKey("router"), Finding());

    [Fact]
    public async Task RouterIsNotOfferedWhenTheReplyIsUsedAsAChatResponse()
    {
        var offered = await OfferedFixes.CollectAsync(new PhiModelAuditAnalyzer(), new PhiModelAuditAnalyzerCodeFixProvider(), """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IPhiModelRouter router, IAuditLog audit)
            {
                async Task<int> M(Note n)
                {
                    var reply = await chat.GetResponseAsync(n.Body);
                    return reply.Messages.Count;
                }
            }
            """ + Model);
        var single = Assert.Single(offered);
        Assert.Equal(new[] { "Append an audit record with audit.AppendAsync before the call" }, single.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task RouterIsNotOfferedWhenOptionsWouldBeDropped()
    {
        var offered = await OfferedFixes.CollectAsync(new PhiModelAuditAnalyzer(), new PhiModelAuditAnalyzerCodeFixProvider(), """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IPhiModelRouter router)
            {
                async Task<string> M(Note n, ChatOptions options) => (await chat.GetResponseAsync(n.Body, options)).Text;
            }
            """ + Model);
        var single = Assert.Single(offered);
        Assert.Empty(single.Actions);
    }

    [Fact]
    public async Task BothFixesAreOfferedWhenBothAreInScope()
    {
        var offered = await OfferedFixes.CollectAsync(new PhiModelAuditAnalyzer(), new PhiModelAuditAnalyzerCodeFixProvider(), """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IPhiModelRouter router, IAuditLog audit)
            {
                async Task<string> M(Note n)
                {
                    var reply = await chat.GetResponseAsync(n.Body);
                    return reply.Text;
                }
            }
            """ + Model);
        var single = Assert.Single(offered);
        Assert.Equal(
            new[] { "Send through router.CompleteAsync (audited, routed by the inventory)", "Append an audit record with audit.AppendAsync before the call" },
            single.Actions.Select(a => a.Title));
    }

    [Theory]
    [InlineData("Task<ChatResponse> M(Note n) => chat.GetResponseAsync(n.Body);")]
    [InlineData("Task<ChatResponse> M(Note n) { return chat.GetResponseAsync(n.Body); }")]
    [InlineData("async Task M(Note n) { lock (_gate) { chat.GetResponseAsync(n.Body).Wait(); } await Task.Yield(); }")]
    [InlineData("async Task M(Note n) { System.Func<Task> f = () => chat.GetResponseAsync(n.Body); await f(); }")]
    public async Task NoAuditFixWhereAnAwaitCannotGo(string member)
    {
        var offered = await OfferedFixes.CollectAsync(new PhiModelAuditAnalyzer(), new PhiModelAuditAnalyzerCodeFixProvider(), $$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, IAuditLog audit)
            {
                private readonly object _gate = new();

                {{member}}
            }
            """ + Model);
        var single = Assert.Single(offered);
        Assert.Empty(single.Actions);
    }

    [Fact]
    public async Task NothingIsOfferedWithoutAnAuditLogOrRouterInScope()
    {
        var offered = await OfferedFixes.CollectAsync(new PhiModelAuditAnalyzer(), new PhiModelAuditAnalyzerCodeFixProvider(), """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class C(IChatClient chat)
            {
                async Task<string> M(Note n) => (await chat.GetResponseAsync(n.Body)).Text;

                static async Task<string> Static(IChatClient client, Note n) => (await client.GetResponseAsync(n.Body)).Text;
            }

            class Holder(PhiGuard.IAuditLog audit)
            {
                public PhiGuard.IAuditLog Log => audit;
            }
            """ + Model);
        Assert.Equal(2, offered.Length);
        Assert.All(offered, o => Assert.Empty(o.Actions));
    }
}
