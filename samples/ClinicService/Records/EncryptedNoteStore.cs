using System.Security.Cryptography;
using System.Text;
using PhiGuard;

namespace ClinicService.Records;

/// <summary>
/// Notes at rest, encrypted with AES-GCM under a key from the clinic's key vault. [EncryptedAtRest] tells PhiGuard
/// that writing PHI here is not PHI003.
/// </summary>
[EncryptedAtRest]
public sealed class EncryptedNoteStore
{
    private readonly string _folder;
    private readonly byte[] _key;

    public EncryptedNoteStore(string folder, byte[] key)
    {
        _folder = folder;
        _key = key;
    }

    public void Put(string name, string text)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(_key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        File.WriteAllBytes(Path.Combine(_folder, name + ".bin"), [.. nonce, .. tag, .. cipher]);
    }
}
