namespace PhiGuard;

/// <summary>Replaces PHI with opaque tokens and restores it.</summary>
public interface IPhiTokenizer
{
    /// <summary>Returns a token for <paramref name="value"/>; the result carries no PHI.</summary>
    string Tokenize(string value);

    /// <summary>Restores every known token found in <paramref name="text"/>; the result is PHI.</summary>
    string Detokenize(string text);
}
