using Xunit;
using static PhiAnalyzers.Tests.Rules.Phi002Fixture;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>
/// PHI002: AI model SDKs are egress. Each family sends PHI to an unknown destination (a finding); its twins send
/// no PHI, or send PHI to a client marked for a signed vendor that allows PHI (silent).
/// </summary>
public class Phi002ModelSdkTests
{
    /// <summary>Shapes of Anthropic.SDK (tghamm), which does not restore here: same namespaces, types and members.</summary>
    internal const string AnthropicSdkMirror = """

        namespace Anthropic.SDK
        {
            public class AnthropicClient
            {
                public AnthropicClient(string? apiKeys = null) { }
                public Anthropic.SDK.Messaging.MessagesEndpoint Messages { get; } = null!;
            }
        }

        namespace Anthropic.SDK.Messaging
        {
            public enum RoleType { User, Assistant }

            public class Message
            {
                public Message() { }
                public Message(RoleType role, string text) { Role = role; Text = text; }
                public RoleType Role { get; set; }
                public string Text { get; set; } = "";
            }

            public class MessageParameters
            {
                public System.Collections.Generic.List<Message> Messages { get; set; } = new();
                public string Model { get; set; } = "";
                public int MaxTokens { get; set; }
                public bool Stream { get; set; }
            }

            public class MessageResponse
            {
                public string FirstMessageText { get; set; } = "";
            }

            public partial class MessagesEndpoint
            {
                public System.Threading.Tasks.Task<MessageResponse> GetClaudeMessageAsync(MessageParameters parameters, System.Threading.CancellationToken ctx = default) => throw null!;
                public System.Collections.Generic.IAsyncEnumerable<MessageResponse> StreamClaudeMessageAsync(MessageParameters parameters, System.Threading.CancellationToken ctx = default) => throw null!;
            }
        }
        """;

    /// <summary>Shapes of the official Anthropic package (client.Messages.Create), mirrored the same way.</summary>
    internal const string AnthropicOfficialMirror = """

        namespace Anthropic
        {
            public class AnthropicClient
            {
                public Anthropic.Services.IMessageService Messages { get; } = null!;
            }
        }

        namespace Anthropic.Services
        {
            public interface IMessageService
            {
                System.Threading.Tasks.Task<Anthropic.Models.Messages.Message> Create(Anthropic.Models.Messages.MessageCreateParams parameters, System.Threading.CancellationToken cancellationToken = default);
                System.Collections.Generic.IAsyncEnumerable<object> CreateStreaming(Anthropic.Models.Messages.MessageCreateParams parameters, System.Threading.CancellationToken cancellationToken = default);
            }
        }

        namespace Anthropic.Models.Messages
        {
            public enum Role { User, Assistant }
            public sealed class MessageParam { public string Content { get; init; } = ""; public Role Role { get; init; } }
            public sealed class MessageCreateParams
            {
                public System.Collections.Generic.IReadOnlyList<MessageParam> Messages { get; init; } = [];
                public long MaxTokens { get; init; }
                public string Model { get; init; } = "";
            }
            public sealed class Message { }
        }
        """;

    /// <summary>Shapes of AWSSDK.BedrockRuntime, which does not restore here.</summary>
    internal const string BedrockMirror = """

        namespace Amazon
        {
            public sealed class RegionEndpoint { public static readonly RegionEndpoint USEast1 = new(); }
        }

        namespace Amazon.BedrockRuntime
        {
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.BedrockRuntime.Model;

            public class ConversationRole
            {
                public static readonly ConversationRole User = new();
                public static readonly ConversationRole Assistant = new();
            }

            public interface IAmazonBedrockRuntime
            {
                Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default);
                Task<ConverseStreamResponse> ConverseStreamAsync(ConverseStreamRequest request, CancellationToken cancellationToken = default);
                Task<InvokeModelResponse> InvokeModelAsync(InvokeModelRequest request, CancellationToken cancellationToken = default);
            }

            public class AmazonBedrockRuntimeClient : IAmazonBedrockRuntime
            {
                public AmazonBedrockRuntimeClient() { }
                public AmazonBedrockRuntimeClient(Amazon.RegionEndpoint region) { }
                public virtual Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default) => throw null!;
                public virtual Task<ConverseStreamResponse> ConverseStreamAsync(ConverseStreamRequest request, CancellationToken cancellationToken = default) => throw null!;
                public virtual Task<InvokeModelResponse> InvokeModelAsync(InvokeModelRequest request, CancellationToken cancellationToken = default) => throw null!;
            }
        }

        namespace Amazon.BedrockRuntime.Model
        {
            using System.Collections.Generic;

            public class ContentBlock { public string Text { get; set; } = ""; }
            public class Message
            {
                public Amazon.BedrockRuntime.ConversationRole Role { get; set; } = null!;
                public List<ContentBlock> Content { get; set; } = new();
            }
            public class ConverseRequest
            {
                public string ModelId { get; set; } = "";
                public List<Message> Messages { get; set; } = new();
            }
            public class ConverseStreamRequest
            {
                public string ModelId { get; set; } = "";
                public List<Message> Messages { get; set; } = new();
            }
            public class InvokeModelRequest
            {
                public string ModelId { get; set; } = "";
                public string ContentType { get; set; } = "";
                public System.IO.MemoryStream Body { get; set; } = null!;
            }
            public class ConverseResponse { }
            public class ConverseStreamResponse { }
            public class InvokeModelResponse { }
        }
        """;

    // ------------------------------------------------------------------ OpenAI

    private static string OpenAi(string parameter, string statements) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Embeddings;
        using PhiGuard;
        class C(IPhiTokenizer tokenizer)
        {
            async Task M({{parameter}}, Patient p)
            {
                {{statements}}
            }
        }
        """;

    [Theory]
    [InlineData("await {|#0:chat.CompleteChatAsync(new UserChatMessage(p.Name))|};")]
    [InlineData("{|#0:chat.CompleteChat(new UserChatMessage(\"Summarize the chart of \" + p.Ssn))|};")]
    [InlineData("{|#0:chat.CompleteChat(\"Summarize the chart of \" + p.Name)|};")]
    [InlineData("{|#0:chat.CompleteChat(new List<ChatMessage> { new SystemChatMessage(\"You are a scribe\"), ChatMessage.CreateUserMessage(p.Name) })|};")]
    [InlineData("await foreach (var u in {|#0:chat.CompleteChatStreamingAsync(new UserChatMessage(p.Name))|}) { }")]
    public Task OpenAiChatClient(string statement)
        => Run(OpenAi("ChatClient chat", statement), At(0));

    [Theory]
    [InlineData("await chat.CompleteChatAsync(new UserChatMessage(p.Ward));")]
    [InlineData("chat.CompleteChat(new UserChatMessage(\"Summarize the chart of \" + tokenizer.Tokenize(p.Ssn)));")]
    [InlineData("chat.CompleteChat(\"How many letters: \" + p.Name.Length);")]
    public Task OpenAiChatClientWithoutPhi(string statement)
        => Run(OpenAi("ChatClient chat", statement));

    [Fact]
    public Task OpenAiChatClientMarkedForASignedVendor()
        => Run(OpenAi("[BaaCovered(\"good\")] ChatClient chat", "await chat.CompleteChatAsync(new UserChatMessage(p.Name));"));

    [Fact]
    public Task MessageNamesTheModelSink()
        => Run(
            OpenAi("ChatClient chat", "await {|#0:chat.CompleteChatAsync(new UserChatMessage(p.Name))|};"),
            Unknown(0, "Patient.Name", "ChatClient.CompleteChatAsync"));

    [Theory]
    [InlineData("{|#0:embeddings.GenerateEmbedding(p.Name)|};")]
    [InlineData("await {|#0:embeddings.GenerateEmbeddingAsync(\"note: \" + p.Ssn)|};")]
    [InlineData("{|#0:embeddings.GenerateEmbeddings(new[] { p.Name, p.Ward })|};")]
    [InlineData("await {|#0:embeddings.GenerateEmbeddingsAsync(new List<string> { p.Email })|};")]
    public Task OpenAiEmbeddingClient(string statement)
        => Run(OpenAi("EmbeddingClient embeddings", statement), At(0));

    [Theory]
    [InlineData("embeddings.GenerateEmbedding(p.Ward);")]
    [InlineData("await embeddings.GenerateEmbeddingAsync(\"note: \" + tokenizer.Tokenize(p.Ssn));")]
    [InlineData("embeddings.GenerateEmbeddings(new[] { p.Ward, p.Id.ToString() });")]
    public Task OpenAiEmbeddingClientWithoutPhi(string statement)
        => Run(OpenAi("EmbeddingClient embeddings", statement));

    [Fact]
    public Task OpenAiClientFactories()
        => Run(OpenAi("OpenAIClient openAi", """
            {|#0:openAi.GetChatClient("gpt-4o").CompleteChat(p.Name)|};
            var embeddings = openAi.GetEmbeddingClient("text-embedding-3-small");
            {|#1:embeddings.GenerateEmbedding(p.Ssn)|};
            openAi.GetChatClient("gpt-4o").CompleteChat(p.Ward);
            embeddings.GenerateEmbedding(tokenizer.Tokenize(p.Ssn));
            """), At(0), At(1));

    [Fact]
    public Task OpenAiClientMarkedForASignedVendorCoversTheClientsItHandsOut()
        => Run(OpenAi("[BaaCovered(\"good\")] OpenAIClient openAi", """
            openAi.GetChatClient("gpt-4o").CompleteChat(p.Name);
            var embeddings = openAi.GetEmbeddingClient("text-embedding-3-small");
            embeddings.GenerateEmbedding(p.Ssn);
            """));

    // ------------------------------------------------------------------ Azure OpenAI

    [Fact]
    public Task AzureOpenAiChatClientIsAzuresByProvenance()
        => Run("""
            using System;
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;
            class C
            {
                private readonly ChatClient _chat = new AzureOpenAIClient(new Uri("https://clinic.openai.azure.com"), new ApiKeyCredential("k")).GetChatClient("gpt-4o");

                void M(Patient p)
                {
                    var azure = new AzureOpenAIClient(new Uri("https://clinic.openai.azure.com"), new ApiKeyCredential("k"));
                    var chat = azure.GetChatClient("gpt-4o");
                    chat.CompleteChat(new UserChatMessage(p.Name));
                    _chat.CompleteChat(new UserChatMessage(p.Ssn));
                    azure.GetEmbeddingClient("ada").GenerateEmbedding(p.Name);
                }
            }
            """);

    [Fact]
    public Task SameCodeWithAPlainOpenAiClientIsAFinding()
        => Run("""
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                private readonly ChatClient _chat = new OpenAIClient(new ApiKeyCredential("k")).GetChatClient("gpt-4o");

                void M(Patient p)
                {
                    var openAi = new OpenAIClient(new ApiKeyCredential("k"));
                    var chat = openAi.GetChatClient("gpt-4o");
                    {|#0:chat.CompleteChat(new UserChatMessage(p.Name))|};
                    {|#1:_chat.CompleteChat(new UserChatMessage(p.Ssn))|};
                    {|#2:openAi.GetEmbeddingClient("ada").GenerateEmbedding(p.Name)|};
                }
            }
            """, At(0), At(1), At(2));

    // ------------------------------------------------------------------ Anthropic

    [Fact]
    public Task AnthropicSdkMessages()
        => Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Messaging;
            class C(AnthropicClient client, PhiGuard.IPhiTokenizer tokenizer)
            {
                async Task M(Patient p)
                {
                    var parameters = new MessageParameters
                    {
                        Model = "claude-sonnet-4",
                        MaxTokens = 1024,
                        Messages = new List<Message> { new Message(RoleType.User, "Summarize: " + p.Name) },
                    };
                    await {|#0:client.Messages.GetClaudeMessageAsync(parameters)|};

                    var later = new MessageParameters { Model = "claude-sonnet-4" };
                    later.Messages.Add(new Message(RoleType.User, p.Ssn));
                    await foreach (var part in {|#1:client.Messages.StreamClaudeMessageAsync(later)|}) { }

                    var clean = new MessageParameters
                    {
                        Model = "claude-sonnet-4",
                        Messages = new List<Message> { new Message(RoleType.User, "Summarize: " + tokenizer.Tokenize(p.Name)), new(RoleType.User, p.Ward) },
                    };
                    await client.Messages.GetClaudeMessageAsync(clean);
                }
            }
            """ + AnthropicSdkMirror, At(0), At(1));

    [Fact]
    public Task AnthropicSdkClientMarkedForASignedVendor()
        => Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Messaging;
            class C([PhiGuard.BaaCovered("good")] AnthropicClient client)
            {
                Task M(Patient p)
                    => client.Messages.GetClaudeMessageAsync(new MessageParameters { Messages = new List<Message> { new(RoleType.User, p.Name) } });
            }
            """ + AnthropicSdkMirror);

    [Fact]
    public Task AnthropicOfficialMessages()
        => Run("""
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;
            class C(AnthropicClient client, [PhiGuard.BaaCovered("good")] AnthropicClient covered)
            {
                async Task M(Patient p)
                {
                    await {|#0:client.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4", MaxTokens = 1024, Messages = [new() { Role = Role.User, Content = p.Name }] })|};
                    await client.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4", MaxTokens = 1024, Messages = [new() { Role = Role.User, Content = p.Ward }] });
                    await covered.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4", MaxTokens = 1024, Messages = [new() { Role = Role.User, Content = p.Name }] });
                }
            }
            """ + AnthropicOfficialMirror, At(0));

    // ------------------------------------------------------------------ Amazon Bedrock Runtime

    private static string Bedrock(string field, string statements) => $$"""
        using System.IO;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Amazon.BedrockRuntime;
        using Amazon.BedrockRuntime.Model;
        using PhiGuard;
        class C(IPhiTokenizer tokenizer)
        {
            {{field}}

            async Task M(Patient p)
            {
                {{statements}}
            }
        }
        """ + BedrockMirror;

    [Theory]
    [InlineData("await {|#0:bedrock.ConverseAsync(new ConverseRequest { ModelId = \"m\", Messages = [new Message { Role = ConversationRole.User, Content = [new ContentBlock { Text = p.Name }] }] })|};")]
    [InlineData("var request = new ConverseRequest { ModelId = \"m\" }; request.Messages.Add(new Message { Role = ConversationRole.User, Content = [new ContentBlock { Text = \"Note: \" + p.Ssn }] }); await {|#0:bedrock.ConverseAsync(request)|};")]
    [InlineData("var block = new ContentBlock(); block.Text = p.Name; var message = new Message { Role = ConversationRole.User }; message.Content.Add(block); await {|#0:bedrock.ConverseAsync(new ConverseRequest { Messages = [message] })|};")]
    [InlineData("var message = new Message { Role = ConversationRole.User }; message.Content.Add(new ContentBlock { Text = p.Name }); var request = new ConverseRequest(); request.Messages.Add(message); await {|#0:bedrock.ConverseAsync(request)|};")]
    [InlineData("await {|#0:bedrock.ConverseStreamAsync(new ConverseStreamRequest { Messages = [new Message { Content = [new ContentBlock { Text = p.Email }] }] })|};")]
    [InlineData("await {|#0:bedrock.InvokeModelAsync(new InvokeModelRequest { ModelId = \"m\", ContentType = \"application/json\", Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { prompt = p.Name }))) })|};")]
    public Task BedrockRuntimeCalls(string statements)
        => Run(Bedrock("private readonly AmazonBedrockRuntimeClient bedrock = new(Amazon.RegionEndpoint.USEast1);", statements), At(0));

    [Theory]
    [InlineData("await bedrock.ConverseAsync(new ConverseRequest { ModelId = \"m\", Messages = [new Message { Role = ConversationRole.User, Content = [new ContentBlock { Text = p.Ward }] }] });")]
    [InlineData("var request = new ConverseRequest { ModelId = \"m\" }; request.Messages.Add(new Message { Role = ConversationRole.User, Content = [new ContentBlock { Text = \"Note: \" + tokenizer.Tokenize(p.Ssn) }] }); await bedrock.ConverseAsync(request);")]
    [InlineData("var message = new Message { Role = ConversationRole.User }; message.Content.Add(new ContentBlock { Text = p.Ward }); var request = new ConverseRequest(); request.Messages.Add(message); await bedrock.ConverseAsync(request);")]
    [InlineData("await bedrock.ConverseStreamAsync(new ConverseStreamRequest { Messages = [new Message { Content = [new ContentBlock { Text = p.Id.ToString() }] }] });")]
    [InlineData("await bedrock.InvokeModelAsync(new InvokeModelRequest { ModelId = \"m\", Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { prompt = p.Ward }))) });")]
    public Task BedrockRuntimeCallsWithoutPhi(string statements)
        => Run(Bedrock("private readonly AmazonBedrockRuntimeClient bedrock = new(Amazon.RegionEndpoint.USEast1);", statements));

    [Theory]
    [InlineData("await bedrock.ConverseAsync(new ConverseRequest { ModelId = \"m\", Messages = [new Message { Role = ConversationRole.User, Content = [new ContentBlock { Text = p.Name }] }] });")]
    [InlineData("await bedrock.InvokeModelAsync(new InvokeModelRequest { ModelId = \"m\", Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { prompt = p.Name }))) });")]
    public Task BedrockRuntimeClientMarkedForASignedVendor(string statements)
        => Run(Bedrock("[BaaCovered(\"bedrock\")] private readonly IAmazonBedrockRuntime bedrock = new AmazonBedrockRuntimeClient();", statements));

    // ------------------------------------------------------------------ Microsoft.Extensions.AI

    private static string ExtensionsAi(string parameter, string statements) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using PhiGuard;
        class C(IPhiTokenizer tokenizer)
        {
            async Task M({{parameter}}, Patient p)
            {
                {{statements}}
            }
        }
        """;

    [Theory]
    [InlineData("await {|#0:client.GetResponseAsync(\"Summarize: \" + p.Name)|};")]
    [InlineData("await {|#0:client.GetResponseAsync(new ChatMessage(ChatRole.User, p.Ssn))|};")]
    [InlineData("await {|#0:client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.System, \"scribe\"), new(ChatRole.User, p.Name) })|};")]
    [InlineData("var history = new List<ChatMessage>(); history.Add(new ChatMessage(ChatRole.User, p.Email)); await {|#0:client.GetResponseAsync(history, new ChatOptions { Temperature = 0 })|};")]
    [InlineData("await foreach (var u in {|#0:client.GetStreamingResponseAsync(\"Summarize: \" + p.Name)|}) { }")]
    public Task ExtensionsAiChatClient(string statement)
        => Run(ExtensionsAi("IChatClient client", statement), At(0));

    [Theory]
    [InlineData("await client.GetResponseAsync(\"Summarize: \" + p.Ward);")]
    [InlineData("await client.GetResponseAsync(new ChatMessage(ChatRole.User, tokenizer.Tokenize(p.Ssn)));")]
    [InlineData("await client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.System, \"scribe\"), new(ChatRole.User, PhiRedaction.Redact(p.Name)) });")]
    public Task ExtensionsAiChatClientWithoutPhi(string statement)
        => Run(ExtensionsAi("IChatClient client", statement));

    [Fact]
    public Task ExtensionsAiChatClientMarkedForASignedVendor()
        => Run(ExtensionsAi("[BaaCovered(\"good\")] IChatClient client", """
            await client.GetResponseAsync("Summarize: " + p.Name);
            await client.GetResponseAsync(new ChatMessage(ChatRole.User, p.Ssn));
            """));

    [Theory]
    [InlineData("await {|#0:generator.GenerateAsync(new[] { p.Name })|};")]
    [InlineData("await {|#0:generator.GenerateAsync(p.Ssn)|};")]
    [InlineData("await {|#0:generator.GenerateVectorAsync(\"note \" + p.Name)|};")]
    public Task ExtensionsAiEmbeddingGenerator(string statement)
        => Run(ExtensionsAi("IEmbeddingGenerator<string, Embedding<float>> generator", statement), At(0));

    [Theory]
    [InlineData("await generator.GenerateAsync(new[] { p.Ward });")]
    [InlineData("await generator.GenerateAsync(tokenizer.Tokenize(p.Ssn));")]
    [InlineData("await generator.GenerateVectorAsync(\"note \" + p.Id);")]
    public Task ExtensionsAiEmbeddingGeneratorWithoutPhi(string statement)
        => Run(ExtensionsAi("IEmbeddingGenerator<string, Embedding<float>> generator", statement));

    // ------------------------------------------------------------------ Semantic Kernel

    private static string SemanticKernel(string parameters, string statements) => $$"""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using PhiGuard;
        class C(IPhiTokenizer tokenizer)
        {
            async Task M({{parameters}}, Patient p)
            {
                {{statements}}
            }
        }
        """;

    [Theory]
    [InlineData("await {|#0:kernel.InvokePromptAsync(\"Summarize the chart of \" + p.Name)|};")]
    [InlineData("await {|#0:kernel.InvokePromptAsync(\"Summarize {{$note}}\", new KernelArguments { [\"note\"] = p.Ssn })|};")]
    [InlineData("var history = new ChatHistory(); history.AddUserMessage(p.Name); await {|#0:chat.GetChatMessageContentsAsync(history)|};")]
    [InlineData("var history = new ChatHistory(\"You are a scribe\"); history.AddMessage(AuthorRole.User, \"Note: \" + p.Ssn); await {|#0:chat.GetChatMessageContentAsync(history)|};")]
    [InlineData("var history = new ChatHistory(); history.Add(new ChatMessageContent(AuthorRole.User, p.Email)); await {|#0:chat.GetChatMessageContentsAsync(history)|};")]
    [InlineData("await {|#0:chat.GetChatMessageContentAsync(\"Summarize \" + p.Name)|};")]
    public Task SemanticKernelCalls(string statements)
        => Run(SemanticKernel("Kernel kernel, IChatCompletionService chat", statements), At(0));

    [Theory]
    [InlineData("await kernel.InvokePromptAsync(\"Summarize the chart of \" + tokenizer.Tokenize(p.Name));")]
    [InlineData("await kernel.InvokePromptAsync(\"Summarize {{$note}}\", new KernelArguments { [\"note\"] = p.Ward });")]
    [InlineData("var history = new ChatHistory(); history.AddUserMessage(p.Ward); await chat.GetChatMessageContentsAsync(history);")]
    [InlineData("var history = new ChatHistory(\"You are a scribe\"); history.AddMessage(AuthorRole.User, \"Note: \" + p.Id); await chat.GetChatMessageContentAsync(history);")]
    public Task SemanticKernelCallsWithoutPhi(string statements)
        => Run(SemanticKernel("Kernel kernel, IChatCompletionService chat", statements));

    [Fact]
    public Task SemanticKernelServicesMarkedForASignedVendor()
        => Run(SemanticKernel("[BaaCovered(\"good\")] Kernel kernel, [BaaCovered(\"good\")] IChatCompletionService chat", """
            await kernel.InvokePromptAsync("Summarize the chart of " + p.Name);
            var history = new ChatHistory();
            history.AddUserMessage(p.Name);
            await chat.GetChatMessageContentsAsync(history);
            """));
}
