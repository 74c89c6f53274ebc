using ClinicService.Model;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using PhiGuard;

namespace ClinicService.Ai;

/// <summary>Summarizes clinical notes with a language model.</summary>
public sealed class NoteSummarizer
{
    private readonly IPhiModelRouter _router;
    private readonly IAuditLog _audit;

    [BaaCovered("azure-openai")]
    private readonly IChatClient _azureChat;

    private readonly ChatClient _openAi;

    public NoteSummarizer(IPhiModelRouter router, IAuditLog audit, IChatClient azureChat, ChatClient openAi)
    {
        _router = router;
        _audit = audit;
        _azureChat = azureChat;
        _openAi = openAi;
    }

    /// <summary>The way to do it: the router audits, picks a vendor the inventory allows and tokenizes where needed.</summary>
    public async Task<string> SummarizeAsync(ClinicalNote note, string clinician, CancellationToken cancellationToken)
    {
        var reply = await _router.CompleteAsync(
            new ModelRequest
            {
                Prompt = "Summarize this note for the shift handover:\n" + note.Body, // compliant: PHI given to IPhiModelRouter
                Purpose = AccessPurpose.Treatment,
                Actor = clinician,
                Subject = note.PatientMrn,
            },
            cancellationToken);
        return reply.Text;
    }

    /// <summary>Direct call to the BAA-covered vendor, audited first: also fine.</summary>
    public async Task<string> DraftDischargeAsync(ClinicalNote note, string clinician, CancellationToken cancellationToken)
    {
        await _audit.AppendAsync(new AuditRecord { Actor = clinician, Purpose = AccessPurpose.Treatment, Action = "model.request", ModelVendor = "azure-openai" }, cancellationToken);
        var response = await _azureChat.GetResponseAsync("Draft discharge instructions from:\n" + note.Body, cancellationToken: cancellationToken); // compliant: audited on every path, vendor has a BAA
        return response.Text;
    }

    /// <summary>Same vendor, but nobody wrote down that PHI went to a model.</summary>
    public async Task<string> QuickSummaryAsync(ClinicalNote note, CancellationToken cancellationToken)
    {
        var response = await _azureChat.GetResponseAsync("Summarize:\n" + note.Body, cancellationToken: cancellationToken); // PHI004: no audit record before the model call
        return response.Text;
    }

    /// <summary>The public OpenAI API has no BAA: the note must not go there, audited or not.</summary>
    public async Task<string> ExplainToPatientAsync(ClinicalNote note)
    {
        ChatCompletion completion = await _openAi.CompleteChatAsync(new UserChatMessage("Explain in plain words:\n" + note.Body)); // PHI002 + PHI004: vendor openai-public (no BAA), and not audited
        return completion.Content[0].Text;
    }
}
