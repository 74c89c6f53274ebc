using PhiGuard;

namespace Cases.Inventory2;

[BaaCovered("clearinghouse")]
public sealed class ClaimsClient
{
    public void Submit(string claim) { }
}

[BaaCovered("bedrock")]
public sealed class SummaryClient
{
}

[BaaCovered("transcribe")] // expect: PHI005
public interface ITranscriber
{
    Task<string> TranscribeAsync(byte[] audio);
}

[BaaCovered("marketing")] // expect: PHI005
public sealed class Newsletter
{
}

public sealed class Gateways
{
    [BaaCovered("oldfax")] // expect: PHI005
    public HttpClient? Fax { get; set; }

    [BaaCovered("lapsed")] // expect: PHI005
    private readonly HttpClient? _lapsed = null;

    [BaaCovered("analytics")] // expect: PHI005
    public void Track(string evt) { }

    [BaaCovered("clearinghouse")]
    public void Eligibility(string memberId) { }

    [BaaCovered("clearinghose")] // expect: PHI005
    public void Typo(string memberId) { }

    public void Send([BaaCovered("forbidden-signed")] HttpClient http, string body) { } // expect: PHI005

    public void SendOk([BaaCovered("clearinghouse")] HttpClient http, string body) { }
}

[BaaCovered("Clearinghouse")]
public sealed class CaseInsensitiveClient
{
}
