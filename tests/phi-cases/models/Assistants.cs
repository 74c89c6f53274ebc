using System.ClientModel;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using PhiGuard;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Cases.Models;

public sealed class NoteSummarizer([BaaCovered("local-llm")] IChatClient chat, IAuditLog audit, IPhiModelRouter router)
{
    public async Task<string> QuickAsync(ClinicalNote note)
    {
        var response = await chat.GetResponseAsync("Summarize:\n" + note.Body); // expect: PHI004
        return response.Text;
    }

    public async Task<string> AuditedAsync(ClinicalNote note, string clinician, CancellationToken ct)
    {
        await audit.AppendAsync(new AuditRecord { Actor = clinician, Purpose = AccessPurpose.Treatment, Action = "model.request", ModelVendor = "local-llm" }, ct);
        var response = await chat.GetResponseAsync("Summarize:\n" + note.Body, cancellationToken: ct);
        return response.Text;
    }

    public async Task<string> SometimesAsync(ClinicalNote note, bool record)
    {
        if (record)
        {
            await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Treatment });
        }

        var messages = new List<AiChatMessage>
        {
            new(AiChatRole.System, "You are a clinical summarizer."),
            new(AiChatRole.User, note.Body),
        };
        var response = await chat.GetResponseAsync(messages); // expect: PHI004
        return response.Text;
    }

    public async Task<string> AuditAfterAsync(ClinicalNote note)
    {
        var response = await chat.GetResponseAsync(new AiChatMessage(AiChatRole.User, note.Body)); // expect: PHI004
        await audit.AppendAsync(new AuditRecord { Action = "model.response", Purpose = AccessPurpose.Treatment });
        return response.Text;
    }

    public async Task<string> NoPhiAsync(ClinicalNote note)
    {
        var response = await chat.GetResponseAsync($"Suggest a template for a {note.Specialty} note of about {note.WordCount} words");
        return response.Text;
    }

    public async Task<string> RoutedAsync(ClinicalNote note, string clinician)
    {
        var reply = await router.CompleteAsync(new ModelRequest
        {
            Prompt = "Summarize:\n" + note.Body + "\nMeds: " + string.Join(", ", note.Medications),
            Purpose = AccessPurpose.Treatment,
            Actor = clinician,
            Subject = note.PatientMrn,
        });
        return reply.Text;
    }

    public async IAsyncEnumerable<string> StreamAsync(ClinicalNote note)
    {
        await foreach (var update in chat.GetStreamingResponseAsync("Explain: " + note.Body)) // expect: PHI004
        {
            yield return update.Text;
        }
    }
}

public sealed class PublicOpenAi(IAuditLog audit)
{
    private readonly ChatClient _chat = new("gpt-4o-mini", new ApiKeyCredential("sk-test"));

    public async Task<string> ExplainAsync(ClinicalNote note)
    {
        await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Operations });
        ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Explain: " + note.Body)); // expect: PHI002
        return completion.Content[0].Text;
    }

    public async Task<string> UnauditedAsync(Question q)
    {
        ChatCompletion completion = await _chat.CompleteChatAsync( // expect: PHI002, PHI004
            new SystemChatMessage("Answer briefly."),
            new UserChatMessage(q.Text));
        return completion.Content[0].Text;
    }

    public async Task<string> GenericAsync(ClinicalNote note)
    {
        ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage($"What is a typical length of a {note.Specialty} note?"));
        return completion.Content[0].Text;
    }

    public async Task EmbedAsync(OpenAIClient client, ClinicalNote note)
    {
        EmbeddingClient embeddings = client.GetEmbeddingClient("text-embedding-3-small");
        await embeddings.GenerateEmbeddingAsync(note.Body); // expect: PHI002, PHI004
        await embeddings.GenerateEmbeddingAsync(note.Specialty);
    }
}

public sealed class EnterpriseOpenAi(IAuditLog audit)
{
    private readonly AzureOpenAIClient _azure = new(new Uri("https://contoso-health.openai.azure.com/"), new ApiKeyCredential("key"));

    public async Task<string> DraftAsync(ClinicalNote note)
    {
        var chat = _azure.GetChatClient("gpt-4o");
        await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Treatment, ModelVendor = "azure-openai" });
        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage("Draft discharge instructions:\n" + note.Body));
        return completion.Content[0].Text;
    }

    public async Task<string> DraftUnauditedAsync(ClinicalNote note)
    {
        var chat = _azure.GetChatClient("gpt-4o");
        var messages = new List<OpenAI.Chat.ChatMessage> { new UserChatMessage(note.Body) };
        ChatCompletion completion = await chat.CompleteChatAsync(messages); // expect: PHI004
        return completion.Content[0].Text;
    }
}

public sealed class Triage(IChatClient unknownChat, IClinicalAssistant assistant, IAuditLog audit)
{
    public async Task<string> AskAsync(Question q)
    {
        var response = await unknownChat.GetResponseAsync(q.Text); // expect: PHI002, PHI004
        return response.Text;
    }

    public async Task<string> AskLocaleAsync(Question q)
    {
        var response = await unknownChat.GetResponseAsync("Which language is " + q.Locale + "?");
        return response.Text;
    }

    public async Task<string> AssistantAsync(ClinicalNote note)
    {
        var answer = await assistant.AskAsync("Interactions for: " + string.Join(",", note.Medications)); // expect: PHI004
        await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Treatment });
        var audited = await assistant.AskAsync("Interactions for: " + string.Join(",", note.Medications));
        return answer + audited;
    }
}

public sealed class Deidentified([BaaCovered("summarizer-beta")] IChatClient beta, IPhiTokenizer tokenizer, IAuditLog audit) // expect: PHI005
{
    public async Task<string> SummarizeAsync(ClinicalNote note)
    {
        await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Research });
        var response = await beta.GetResponseAsync("Summarize note " + tokenizer.Tokenize(note.PatientMrn));
        var raw = await beta.GetResponseAsync("Summarize: " + note.Body); // expect: PHI002
        return response.Text + raw.Text;
    }
}

public sealed class AnswerRelay([BaaCovered("local-llm")] IChatClient chat, IAuditLog audit, HttpClient http)
{
    public async Task RelayAsync(ClinicalNote note)
    {
        await audit.AppendAsync(new AuditRecord { Action = "model.request", Purpose = AccessPurpose.Treatment });
        var response = await chat.GetResponseAsync("Summarize: " + note.Body);
        await http.PostAsync("https://api.openai.com/v1/share", new StringContent(response.Text)); // expect: PHI002
    }
}

public sealed class LocalAdapter([BaaCovered("local-llm")] IChatClient chat) : IModelClient
{
    public string Vendor => "local-llm";
    public string Model => "llama";
    public string? ModelVersion => null;
    public string? Region => null;

    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(prompt, cancellationToken: cancellationToken);
        return response.Text;
    }
}
