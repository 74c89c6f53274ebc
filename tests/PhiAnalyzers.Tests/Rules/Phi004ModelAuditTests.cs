using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiModelAuditAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>
/// PHI004: PHI reaching an AI model call must be audited by an <c>IAuditLog.AppendAsync</c> on every path before the
/// call (dominance), by going through <c>IPhiModelRouter</c>, or by being made inside an <c>IModelClient</c> adapter.
/// </summary>
public class Phi004ModelAuditTests
{
    private const string Model = """

        public sealed class Note
        {
            [PhiGuard.NotPhi] public int Id { get; set; }
            [PhiGuard.Phi(PhiGuard.PhiKind.ClinicalNote)] public string Body { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Patient { get; set; } = "";
            public string Title { get; set; } = "";
        }
        """;

    /// <summary>A class with an IChatClient, an audit log and a router, whose method body is <paramref name="body"/>.</summary>
    private static string InMethod(string body, string parameters = "Note n, bool flag, int count") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using PhiGuard;

        class Summaries(IChatClient chat, IAuditLog audit, IPhiModelRouter router)
        {
            static AuditRecord Entry() => new AuditRecord { Actor = "dr.lee", Purpose = AccessPurpose.Treatment, Action = "model.request" };

            async Task M({{parameters}})
            {
        {{body}}
            }
        }
        """ + Model;

    private static Task Run(string code, params DiagnosticResult[] expected) => V.AnalyzerAsync(code, expected);

    private static DiagnosticResult At(int marker) => V.Finding("PHI004").WithLocation(marker);

    // ------------------------------------------------------------------ the finding and its message

    [Fact]
    public Task MessageNamesOriginAndModelCall()
        => Run(InMethod("""
                    await {|#0:chat.GetResponseAsync({|#1:n.Body|})|};
            """), V.Diagnostic().WithLocation(0).WithArguments("Note.Body", "IChatClient.GetResponseAsync").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task SourceReadElsewhereIsAnAdditionalLocation()
        => Run(InMethod("""
                    var prompt = "Summarize: " + {|#1:n.Body|};
                    await {|#0:chat.GetResponseAsync(prompt)|};
            """), V.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Note.Body", "IChatClient.GetResponseAsync"));

    [Fact]
    public Task PromptWithoutPhiIsNotReported()
        => Run(InMethod("""
                    await chat.GetResponseAsync("Summarize note " + n.Id + ": " + n.Title);
            """));

    [Fact]
    public Task TokenizedPromptIsNotReported()
        => Run(InMethod(
            """
                    await chat.GetResponseAsync(tokenizer.Tokenize(n.Body));
            """,
            "Note n, IPhiTokenizer tokenizer"));

    // ------------------------------------------------------------------ dominance

    [Fact]
    public Task AppendBeforeTheCallAudits()
        => Run(InMethod("""
                    await audit.AppendAsync(Entry());
                    await chat.GetResponseAsync(n.Body);
            """));

    [Fact]
    public Task AppendAfterTheCallDoesNotAudit()
        => Run(InMethod("""
                    var reply = await {|#0:chat.GetResponseAsync(n.Body)|};
                    await audit.AppendAsync(Entry());
            """), At(0));

    [Fact]
    public Task AppendOnBothBranchesAudits()
        => Run(InMethod("""
                    if (flag)
                    {
                        await audit.AppendAsync(Entry());
                    }
                    else
                    {
                        await audit.AppendAsync(new AuditRecord { Action = "model.request.alt" });
                    }

                    await chat.GetResponseAsync(n.Body);
            """));

    [Fact]
    public Task AppendOnOneBranchOnlyIsAFinding()
        => Run(InMethod("""
                    if (flag)
                    {
                        await audit.AppendAsync(Entry());
                    }

                    await {|#0:chat.GetResponseAsync(n.Body)|};
            """), At(0));

    [Fact]
    public Task AppendOnOneArmOfAConditionalExpressionIsAFinding()
        => Run(InMethod("""
                    var pending = flag ? audit.AppendAsync(Entry()) : default;
                    await pending;
                    await {|#0:chat.GetResponseAsync(n.Body)|};
            """), At(0));

    [Fact]
    public Task CallInsideTheAuditedBranchIsAudited()
        => Run(InMethod("""
                    if (flag)
                    {
                        await audit.AppendAsync(Entry());
                        await chat.GetResponseAsync(n.Body);
                    }
            """));

    [Fact]
    public Task CallInTheOtherBranchIsAFinding()
        => Run(InMethod("""
                    if (flag)
                    {
                        await audit.AppendAsync(Entry());
                    }
                    else
                    {
                        await {|#0:chat.GetResponseAsync(n.Body)|};
                    }
            """), At(0));

    [Fact]
    public Task SwitchWithAppendInEveryCaseAndDefaultAudits()
        => Run(InMethod("""
                    switch (count)
                    {
                        case 0:
                            await audit.AppendAsync(Entry());
                            break;
                        case 1:
                            await audit.AppendAsync(new AuditRecord { Action = "model.request.one" });
                            break;
                        default:
                            await audit.AppendAsync(new AuditRecord { Action = "model.request.many" });
                            break;
                    }

                    await chat.GetResponseAsync(n.Body);
            """));

    [Fact]
    public Task SwitchWithoutDefaultIsAFinding()
        => Run(InMethod("""
                    switch (count)
                    {
                        case 0:
                            await audit.AppendAsync(Entry());
                            break;
                        case 1:
                            await audit.AppendAsync(Entry());
                            break;
                    }

                    await {|#0:chat.GetResponseAsync(n.Body)|};
            """), At(0));

    // ------------------------------------------------------------------ early returns

    [Fact]
    public Task EarlyReturnBeforeTheAppendAudits()
        => Run(InMethod("""
                    if (!flag)
                    {
                        return;
                    }

                    await audit.AppendAsync(Entry());
                    await chat.GetResponseAsync(n.Body);
            """));

    [Fact]
    public Task CallOnAnEarlyExitPathBeforeTheAppendIsAFinding()
        => Run(InMethod("""
                    if (flag)
                    {
                        await {|#0:chat.GetResponseAsync(n.Body)|};
                        return;
                    }

                    await audit.AppendAsync(Entry());
                    await chat.GetResponseAsync(n.Body);
            """), At(0));

    [Fact]
    public Task ThrowOnTheUnauditedPathAudits()
        => Run(InMethod("""
                    if (flag)
                    {
                        await audit.AppendAsync(Entry());
                    }
                    else
                    {
                        throw new InvalidOperationException("no audit, no call");
                    }

                    await chat.GetResponseAsync(n.Body);
            """));

    // ------------------------------------------------------------------ loops

    [Fact]
    public Task AppendInTheLoopBodyBeforeTheCallAudits()
        => Run(InMethod(
            """
                    foreach (var note in notes)
                    {
                        await audit.AppendAsync(Entry());
                        await chat.GetResponseAsync(note.Body);
                    }
            """,
            "List<Note> notes"));

    [Fact]
    public Task AppendAfterTheCallInTheLoopBodyIsAFinding()
        => Run(InMethod(
            """
                    foreach (var note in notes)
                    {
                        await {|#0:chat.GetResponseAsync(note.Body)|};
                        await audit.AppendAsync(Entry());
                    }
            """,
            "List<Note> notes"), At(0));

    [Fact]
    public Task AppendInALoopThatMayNotRunIsAFinding()
        => Run(InMethod("""
                    for (var i = 0; i < count; i++)
                    {
                        await audit.AppendAsync(Entry());
                    }

                    await {|#0:chat.GetResponseAsync(n.Body)|};
            """), At(0));

    [Fact]
    public Task AppendBeforeTheLoopAuditsEveryIteration()
        => Run(InMethod(
            """
                    await audit.AppendAsync(Entry());
                    var i = 0;
                    while (i < notes.Count)
                    {
                        await chat.GetResponseAsync(notes[i].Body);
                        i++;
                    }
            """,
            "List<Note> notes"));

    [Fact]
    public Task DoWhileBodyRunsAtLeastOnce()
        => Run(InMethod("""
                    var i = 0;
                    do
                    {
                        await audit.AppendAsync(Entry());
                        i++;
                    }
                    while (i < count);

                    await chat.GetResponseAsync(n.Body);
            """));

    // ------------------------------------------------------------------ try / catch / finally

    [Fact]
    public Task AppendInsideTryBeforeTheCallAudits()
        => Run(InMethod("""
                    try
                    {
                        await audit.AppendAsync(Entry());
                        await chat.GetResponseAsync(n.Body);
                    }
                    catch (TimeoutException)
                    {
                    }
            """));

    [Fact]
    public Task AppendInFinallyAuditsTheCallAfterIt()
        => Run(InMethod("""
                    try
                    {
                        Console.WriteLine("preparing");
                    }
                    finally
                    {
                        await audit.AppendAsync(Entry());
                    }

                    await chat.GetResponseAsync(n.Body);
            """));

    [Fact]
    public Task AppendInsideTryDoesNotAuditTheCatchBlock()
        => Run(InMethod("""
                    try
                    {
                        await audit.AppendAsync(Entry());
                    }
                    catch (Exception)
                    {
                        await {|#0:chat.GetResponseAsync(n.Body)|};
                    }
            """), At(0));

    [Fact]
    public Task AppendInsideTryWithASwallowingCatchDoesNotAuditTheCallAfter()
        => Run(InMethod("""
                    try
                    {
                        await audit.AppendAsync(Entry());
                    }
                    catch (Exception)
                    {
                        Console.WriteLine("audit failed");
                    }

                    await {|#0:chat.GetResponseAsync(n.Body)|};
            """), At(0));

    [Fact]
    public Task AppendInTheFinallyOfTheCallDoesNotAuditIt()
        => Run(InMethod("""
                    try
                    {
                        await {|#0:chat.GetResponseAsync(n.Body)|};
                    }
                    finally
                    {
                        await audit.AppendAsync(Entry());
                    }
            """), At(0));

    // ------------------------------------------------------------------ lambdas and local functions

    [Fact]
    public Task AppendInsideTheLambdaAuditsItsCall()
        => Run(InMethod("""
                    Func<Task> ask = async () =>
                    {
                        await audit.AppendAsync(Entry());
                        await chat.GetResponseAsync(n.Body);
                    };
                    await ask();
            """));

    [Fact]
    public Task UnauditedCallInALambdaIsAFinding()
        => Run(InMethod("""
                    Func<Task> ask = async () => await {|#0:chat.GetResponseAsync(n.Body)|};
                    await ask();
            """), At(0));

    // ------------------------------------------------------------------ router and adapters

    [Fact]
    public Task PhiThroughTheRouterIsNotAFinding()
        => Run(InMethod("""
                    var reply = await router.CompleteAsync(new ModelRequest { Prompt = "Summarize: " + n.Body, Purpose = AccessPurpose.Treatment });
                    Console.WriteLine(reply.Text.Length);
            """));

    [Fact]
    public Task SameRequestSentDirectlyIsAFinding()
        => Run(InMethod("""
                    var reply = await {|#0:chat.GetResponseAsync("Summarize: " + n.Body)|};
                    Console.WriteLine(reply.Text.Length);
            """), At(0));

    [Fact]
    public Task CallInsideAnIModelClientAdapterIsNotAFinding()
        => Run("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            sealed class AzureAdapter(IChatClient chat) : IModelClient
            {
                public string Vendor => "azure-openai";
                public string Model => "gpt-4o";
                public string? ModelVersion => null;
                public string? Region => null;

                public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
                    => (await chat.GetResponseAsync(prompt, cancellationToken: cancellationToken)).Text;

                public Task<string> Summarize(Note n) => CompleteAsync(n.Body, CancellationToken.None);
            }
            """ + Model);

    [Fact]
    public Task SameCodeOutsideAnAdapterIsAFinding()
        => Run("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            sealed class NotAnAdapter(IChatClient chat)
            {
                public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
                    => (await chat.GetResponseAsync(prompt, cancellationToken: cancellationToken)).Text;

                public Task<string> Summarize(Note n) => {|#0:CompleteAsync(n.Body, CancellationToken.None)|};
            }
            """ + Model, At(0));

    // ------------------------------------------------------------------ across methods

    [Fact]
    public Task ForwardingMethodIsReportedAtTheCallSiteWithTheChain()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient chat)
            {
                public Task<ChatResponse> Ask(string question) => chat.GetResponseAsync(question);
            }

            class Caller(Assistant assistant)
            {
                Task M(Note n) => {|#0:assistant.Ask(n.Body)|};
            }
            """ + Model, V.Diagnostic().WithLocation(0).WithArguments("Note.Body", "Assistant.Ask -> IChatClient.GetResponseAsync").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task ForwardingMethodAuditedByItsCallerIsNotAFinding()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class Assistant(IChatClient chat)
            {
                public Task<ChatResponse> Ask(string question) => chat.GetResponseAsync(question);
            }

            class Caller(Assistant assistant, IAuditLog audit)
            {
                async Task M(Note n)
                {
                    await audit.AppendAsync(new AuditRecord { Action = "model.request" });
                    await assistant.Ask(n.Body);
                }
            }
            """ + Model);

    [Fact]
    public Task ForwardingMethodThatAuditsItselfIsNotAFinding()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class Assistant(IChatClient chat, IAuditLog audit)
            {
                public async Task<ChatResponse> Ask(string question)
                {
                    await audit.AppendAsync(new AuditRecord { Action = "model.request" });
                    return await chat.GetResponseAsync(question);
                }
            }

            class Caller(Assistant assistant)
            {
                Task M(Note n) => assistant.Ask(n.Body);
            }
            """ + Model);

    // ------------------------------------------------------------------ model sinks of other SDKs and [PhiSink(Model)]

    [Fact]
    public Task OpenAIChatClientIsAModelCall()
        => Run("""
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class C(ChatClient chat)
            {
                Task M(Note n) => {|#0:chat.CompleteChatAsync(new UserChatMessage(n.Body))|};
                Task Clean(Note n) => chat.CompleteChatAsync(new UserChatMessage(n.Title));
            }
            """ + Model, At(0));

    [Fact]
    public Task SemanticKernelChatCompletionIsAModelCall()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel.ChatCompletion;
            using PhiGuard;

            class C(IChatCompletionService chat, IAuditLog audit)
            {
                Task M(Note n)
                {
                    var history = new ChatHistory("Summarize " + n.Body);
                    return {|#0:chat.GetChatMessageContentsAsync(history)|};
                }

                async Task Audited(Note n)
                {
                    var history = new ChatHistory("Summarize " + n.Body);
                    await audit.AppendAsync(new AuditRecord { Action = "model.request" });
                    await chat.GetChatMessageContentsAsync(history);
                }
            }
            """ + Model, At(0));

    [Fact]
    public Task EmbeddingGeneratorIsAModelCall()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class C(IEmbeddingGenerator<string, Embedding<float>> embedder)
            {
                Task M(Note n) => {|#0:embedder.GenerateAsync(new[] { n.Body })|};
                Task Clean(Note n) => embedder.GenerateAsync(new[] { n.Title });
            }
            """ + Model, At(0));

    [Fact]
    public Task PhiSinkModelParameterIsAModelCall()
        => Run("""
            using System.Threading.Tasks;
            using PhiGuard;

            interface IClinicalAssistant
            {
                Task<string> AskAsync([PhiSink(PhiSinkKind.Model)] string prompt, string tag);
            }

            class C(IClinicalAssistant assistant, IAuditLog audit)
            {
                Task<string> M(Note n) => {|#0:assistant.AskAsync(n.Body, "x")|};

                Task<string> OtherParameter(Note n) => assistant.AskAsync("fixed", n.Body);

                async Task<string> Audited(Note n)
                {
                    await audit.AppendAsync(new AuditRecord { Action = "model.request" });
                    return await assistant.AskAsync(n.Body, "x");
                }
            }
            """ + Model, At(0));

    [Fact]
    public Task LoggingIsNotAModelCall()
        => Run("""
            using Microsoft.Extensions.Logging;

            class C(ILogger<C> logger)
            {
                void M(Note n) => logger.LogInformation("{Body}", n.Body);
            }
            """ + Model);

    // ------------------------------------------------------------------ what counts as an audit

    [Fact]
    public Task AnAppendOnAnotherTypeIsNotAnAudit()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Journal
            {
                public ValueTask AppendAsync(string entry) => default;
            }

            class C(IChatClient chat, Journal journal)
            {
                async Task M(Note n)
                {
                    await journal.AppendAsync("model.request");
                    await {|#0:chat.GetResponseAsync(n.Body)|};
                }
            }
            """ + Model, At(0));

    [Fact]
    public Task AnAppendThroughAnIAuditLogImplementationAudits()
        => Run("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PhiGuard;

            class C(IChatClient chat, FileAuditLog log)
            {
                async Task M(Note n)
                {
                    await log.AppendAsync(new AuditRecord { Action = "model.request" });
                    await chat.GetResponseAsync(n.Body);
                }
            }
            """ + Model);
}
