using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PhiGuard;

/// <summary>A vendor adapter: sends a finished prompt to one model of one vendor.</summary>
public interface IModelClient
{
    /// <summary>The vendor's id in the BAA inventory.</summary>
    string Vendor { get; }

    /// <summary>Model name, e.g. <c>gpt-4o</c>.</summary>
    string Model { get; }

    /// <summary>Model version or deployment, if known.</summary>
    string? ModelVersion { get; }

    /// <summary>Region the vendor processes the request in, if known.</summary>
    string? Region { get; }

    /// <summary>Sends <paramref name="prompt"/> and returns the reply text.</summary>
    Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IModelClient"/> over a Microsoft.Extensions.AI <see cref="IChatClient"/> (OpenAI, Azure OpenAI, Ollama and
/// any other provider with an <see cref="IChatClient"/>).
/// </summary>
public sealed class ChatClientModelClient : IModelClient
{
    private readonly IChatClient _client;
    private readonly ChatOptions? _options;

    /// <param name="client">The provider's chat client.</param>
    /// <param name="vendor">The vendor's id in the BAA inventory.</param>
    /// <param name="model">Model id sent as <see cref="ChatOptions.ModelId"/>.</param>
    /// <param name="modelVersion">Version or deployment, for the audit log.</param>
    /// <param name="region">Region, for the audit log.</param>
    /// <param name="options">Options for every call (cloned; the model id is set from <paramref name="model"/>).</param>
    public ChatClientModelClient(IChatClient client, string vendor, string model, string? modelVersion = null, string? region = null, ChatOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Vendor = vendor ?? throw new ArgumentNullException(nameof(vendor));
        Model = model ?? throw new ArgumentNullException(nameof(model));
        ModelVersion = modelVersion;
        Region = region;
        _options = options;
    }

    public string Vendor { get; }

    public string Model { get; }

    public string? ModelVersion { get; }

    public string? Region { get; }

    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
    {
        var options = _options?.Clone() ?? new ChatOptions();
        options.ModelId = Model;
        var response = await _client.GetResponseAsync(prompt, options, cancellationToken).ConfigureAwait(false);
        return response.Text ?? string.Empty;
    }
}
