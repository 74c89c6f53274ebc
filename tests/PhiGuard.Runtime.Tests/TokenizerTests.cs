using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit;

namespace PhiGuard.Runtime.Tests;

public class TokenizerTests
{
    private static readonly Regex TokenShape = new("^PHI_(?:[A-Z]+_)?[A-Z2-7]{26}$");

    // Arbitrary UTF-16 strings, lone surrogates included.
    private static readonly Gen<string> AnyString = Gen.Char.Array[0, 40].Select(a => new string(a));

    // Text full of token-like fragments.
    private static readonly Gen<string> TokenishText =
        Gen.OneOf(Gen.Const("PHI_"), Gen.Const("PHI_NAME_"), Gen.Const("_"), Gen.String["ABCXYZ234567"], Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"].Array[26, 26].Select(a => new string(a)), AnyString)
           .Array[0, 8].Select(parts => string.Concat(parts));

    [Fact]
    public void RoundTripsEveryStringAndKind()
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        Gen.Select(Gen.OneOf(AnyString, Gen.String, TokenishText), Gen.Enum<PhiKind>()).Sample((value, kind) =>
        {
            var token = tokenizer.Tokenize(value, kind);
            Assert.Matches(TokenShape, token);
            Assert.Equal(value, tokenizer.Detokenize(token));
            var plain = tokenizer.Tokenize(value);
            Assert.Equal(value, tokenizer.Detokenize(plain));
        }, iter: 3000);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("PHI_AAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("PHI_NAME_AAAAAAAAAAAAAAAAAAAAAAAAAA and PHI_BBBBBBBBBBBBBBBBBBBBBBBBBB")]
    [InlineData("\uD800")]
    [InlineData("\uDC00x\uD800")]
    public void RoundTripsEdgeCases(string value)
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        Assert.Equal(value, tokenizer.Detokenize(tokenizer.Tokenize(value)));
        Assert.Equal(value, tokenizer.Detokenize(tokenizer.Tokenize(value, PhiKind.Ssn)));
    }

    [Fact]
    public void ValuesThatAreTokensOfOtherValuesRoundTripWithoutRecursion()
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        var inner = tokenizer.Tokenize("Jane Doe", PhiKind.Name);
        var outer = tokenizer.Tokenize(inner, PhiKind.Name);
        Assert.NotEqual(inner, outer);
        Assert.Equal(inner, tokenizer.Detokenize(outer));
        Assert.Equal("Jane Doe", tokenizer.Detokenize(tokenizer.Detokenize(outer)));
    }

    [Fact]
    public void DetokenizeRestoresTokensInsideFreeText()
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        var name = tokenizer.Tokenize("Jane Doe", PhiKind.Name);
        var mrn = tokenizer.Tokenize("MRN-0042", PhiKind.MedicalRecordNumber);
        var text = $"Patient {name} ({mrn}): {name}'s labs are normal.\n{mrn}";
        Assert.Equal("Patient Jane Doe (MRN-0042): Jane Doe's labs are normal.\nMRN-0042", tokenizer.Detokenize(text));
    }

    [Fact]
    public void TokensGluedToOtherTextOrToEachOtherAreRestored()
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        Gen.Select(Gen.String, Gen.String, Gen.String, Gen.Enum<PhiKind>(), Gen.Enum<PhiKind>()).Sample((before, a, b, ka, kb) =>
        {
            var text = before + "PHI_" + tokenizer.Tokenize(a, ka) + tokenizer.Tokenize(b, kb) + "Z7" + before;
            Assert.Equal(before + "PHI_" + a + b + "Z7" + before, tokenizer.Detokenize(text));
        }, iter: 2000);
    }

    [Fact]
    public void DetokenizeNeverThrowsOnArbitraryText()
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        tokenizer.Tokenize("seed", PhiKind.Name);
        Gen.OneOf(AnyString, TokenishText).Sample(text =>
        {
            var result = tokenizer.Detokenize(text);
            Assert.NotNull(result);
        }, iter: 5000);
        Assert.Equal("", tokenizer.Detokenize(null!));
    }

    [Fact]
    public void TextWithoutKnownTokensIsUnchanged()
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        var other = new PhiTokenizer(Keys.Key(99));
        var foreign = other.Tokenize("secret", PhiKind.Name);
        Gen.OneOf(AnyString, TokenishText).Sample(text =>
        {
            var withForeign = text + " " + foreign + " " + text;
            Assert.Equal(withForeign, tokenizer.Detokenize(withForeign));
        }, iter: 2000);
        Assert.Equal("PHI_NAME_ZZZZZZZZZZZZZZZZZZZZZZZZZZ", tokenizer.Detokenize("PHI_NAME_ZZZZZZZZZZZZZZZZZZZZZZZZZZ"));
    }

    [Fact]
    public void TokensAreDeterministicPerKeyAndDifferAcrossKeys()
    {
        var a1 = new PhiTokenizer(Keys.Token);
        var a2 = new PhiTokenizer(Keys.Token);
        var b = new PhiTokenizer(Keys.Key(77));
        Gen.String.Sample(value =>
        {
            Assert.Equal(a1.Tokenize(value, PhiKind.Email), a2.Tokenize(value, PhiKind.Email));
            Assert.NotEqual(a1.Tokenize(value, PhiKind.Email), b.Tokenize(value, PhiKind.Email));
        }, iter: 1000);
    }

    [Fact]
    public void DistinctValuesGetDistinctTokensOfTheDocumentedShape()
    {
        var tokenizer = new PhiTokenizer(Keys.Token);
        var seen = new Dictionary<string, string>();
        for (int i = 0; i < 20000; i++)
        {
            var value = "patient-" + i;
            var token = tokenizer.Tokenize(value, PhiKind.Name);
            Assert.True(seen.TryAdd(token, value), $"collision for {value}");
        }
        Assert.StartsWith("PHI_NAME_", tokenizer.Tokenize("x", PhiKind.Name));
        Assert.StartsWith("PHI_MEDICALRECORDNUMBER_", tokenizer.Tokenize("x", PhiKind.MedicalRecordNumber));
        Assert.Matches("^PHI_[A-Z2-7]{26}$", tokenizer.Tokenize("x"));
    }

    [Fact]
    public void ShortKeysAndNullValuesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new PhiTokenizer(new byte[8]));
        Assert.Throws<ArgumentNullException>(() => new PhiTokenizer(null!));
        Assert.Throws<ArgumentNullException>(() => new PhiTokenizer(Keys.Token).Tokenize(null!));
    }

    [Fact]
    public void HashIsKeyedDeterministicHex()
    {
        var h1 = PhiRedaction.Hash("Jane Doe has diabetes", Keys.Hash);
        Assert.Matches("^[0-9a-f]{64}$", h1);
        Assert.Equal(h1, PhiRedaction.Hash("Jane Doe has diabetes", Keys.Hash));
        Assert.NotEqual(h1, PhiRedaction.Hash("Jane Doe has diabetes", Keys.Key(5)));
        Assert.NotEqual(h1, PhiRedaction.Hash("Jane Doe has diabetes.", Keys.Hash));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Keys.Hash, Encoding.UTF8.GetBytes("abc"))), PhiRedaction.Hash("abc", Keys.Hash));
    }
}

public class FileTokenVaultTests
{
    [Fact]
    public void ConcurrentThreadsThenReopenRestoresEverything()
    {
        using var dir = new TempDir();
        var path = dir.File("vault.bin");
        var expected = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        using (var vault = FileTokenVault.Open(path, Keys.Vault))
        {
            var tokenizer = new PhiTokenizer(Keys.Token, vault);
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
            {
                for (int i = 0; i < 300; i++)
                {
                    // Threads overlap on half of the values, so the same token is stored concurrently.
                    var value = i % 2 == 0 ? $"shared-{i}" : $"thread-{t}-value-{i}-\u00e9\uD83D\uDE00";
                    var token = tokenizer.Tokenize(value, PhiKind.Name);
                    expected[token] = value;
                    Assert.Equal(value, tokenizer.Detokenize(token));
                }
            });
            Assert.Equal(expected.Count, vault.Count);
        }

        using (var reopened = FileTokenVault.Open(path, Keys.Vault))
        {
            Assert.Equal(expected.Count, reopened.Count);
            var tokenizer = new PhiTokenizer(Keys.Token, reopened);
            foreach (var (token, value) in expected)
            {
                Assert.Equal(value, tokenizer.Detokenize(token));
            }
        }
    }

    [Fact]
    public void CiphertextOnDiskDoesNotContainThePlaintext()
    {
        using var dir = new TempDir();
        var path = dir.File("vault.bin");
        const string secret = "Johnathan Q. Patientname 123-45-6789";
        string token;
        using (var vault = FileTokenVault.Open(path, Keys.Vault))
        {
            token = new PhiTokenizer(Keys.Token, vault).Tokenize(secret, PhiKind.Name);
        }
        var bytes = File.ReadAllBytes(path);
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            foreach (var needle in new[] { secret, "123-45-6789", "Patientname", token })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(encoding.GetBytes(needle)));
            }
        }
    }

    [Fact]
    public void WrongKeyOrAlteredEntryFailsToOpen()
    {
        using var dir = new TempDir();
        var path = dir.File("vault.bin");
        using (var vault = FileTokenVault.Open(path, Keys.Vault))
        {
            new PhiTokenizer(Keys.Token, vault).Tokenize("value", PhiKind.Name);
        }
        Assert.ThrowsAny<CryptographicException>(() => FileTokenVault.Open(path, Keys.Key(42)));
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.ThrowsAny<CryptographicException>(() => FileTokenVault.Open(path, Keys.Vault));
    }

    [Fact]
    public void TornEntryIsSetAsideAndEarlierEntriesSurvive()
    {
        using var dir = new TempDir();
        var path = dir.File("vault.bin");
        string token;
        using (var vault = FileTokenVault.Open(path, Keys.Vault))
        {
            var t = new PhiTokenizer(Keys.Token, vault);
            token = t.Tokenize("kept", PhiKind.Name);
            t.Tokenize("torn one", PhiKind.Name);
        }
        var full = File.ReadAllBytes(path);
        File.WriteAllBytes(path, full[..^5]);
        using (var vault = FileTokenVault.Open(path, Keys.Vault))
        {
            Assert.Equal(1, vault.Count);
            Assert.Equal("kept", new PhiTokenizer(Keys.Token, vault).Detokenize(token));
        }
        var torn = Assert.Single(Directory.GetFiles(dir.Path, "vault.bin.torn-*"));
        Assert.True(new FileInfo(torn).Length > 0);
    }

    [Fact]
    public void SecondOpenOfTheSameFileIsRefused()
    {
        using var dir = new TempDir();
        var path = dir.File("vault.bin");
        using var vault = FileTokenVault.Open(path, Keys.Vault);
        Assert.ThrowsAny<IOException>(() => FileTokenVault.Open(path, Keys.Vault));
    }
}
