using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiStoreAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI003 on blob stores (Azure, S3), [PhiSink(Store)], [EncryptedAtRest], encryption and forwarding.</summary>
public class Phi003BlobAndAttributeTests
{
    /// <summary>AWSSDK.S3 does not restore here: the same namespaces, types and members as the real SDK.</summary>
    private const string S3Mirror = """

        namespace Amazon.S3
        {
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.S3.Model;
            public interface IAmazonS3
            {
                Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default);
            }
            public class AmazonS3Client : IAmazonS3
            {
                public virtual Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new PutObjectResponse());
            }
        }
        namespace Amazon.S3.Model
        {
            public class PutObjectRequest
            {
                public string? BucketName { get; set; }
                public string? Key { get; set; }
                public string? ContentBody { get; set; }
                public System.IO.Stream? InputStream { get; set; }
                public string? ContentType { get; set; }
            }
            public class PutObjectResponse { }
        }
        """;

    private static Task Run(string code, params DiagnosticResult[] expected)
    {
        var test = new PhiAnalyzers.Tests.Verifiers.PhiTest<PhiAnalyzers.Rules.PhiStoreAnalyzer>(code + Phi003FileTests.Model + S3Mirror, expected);
        // BinaryData and the storage options types live in assemblies the Blobs client pulls in.
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(System.BinaryData).Assembly.Location));
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(Azure.Storage.StorageTransferOptions).Assembly.Location));
        return test.RunAsync();
    }

    private static DiagnosticResult At(int marker) => V.Finding("PHI003").WithLocation(marker);

    private static string InMethod(string statements) => $$"""
        using System;
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Azure.Storage.Blobs;
        using PhiGuard;
        class C(BlobClient blob, BlobContainerClient container, IAmazonS3 s3, AmazonS3Client s3Client, IPhiTokenizer tokenizer)
        {
            async Task M(Patient p)
            {
                {{statements}}
            }
        }
        """;

    public static TheoryData<string> BlobWrites => new()
    {
        "{|#0:blob.Upload(BinaryData.FromString($V))|};",
        "await {|#0:blob.UploadAsync(BinaryData.FromString($V), overwrite: true)|};",
        "{|#0:blob.Upload(new MemoryStream(Encoding.UTF8.GetBytes($V)), overwrite: true)|};",
        "await {|#0:blob.UploadAsync(new BinaryData(Encoding.UTF8.GetBytes($V)))|};",
        "{|#0:container.UploadBlob(\"notes/1.txt\", BinaryData.FromString($V))|};",
        "await {|#0:container.UploadBlobAsync(\"notes/1.txt\", new MemoryStream(Encoding.UTF8.GetBytes($V)))|};",
        "await {|#0:s3.PutObjectAsync(new PutObjectRequest { BucketName = \"notes\", Key = \"1.txt\", ContentBody = $V })|};",
        "var request = new PutObjectRequest { BucketName = \"notes\", Key = \"1.txt\" }; request.ContentBody = $V; await {|#0:s3Client.PutObjectAsync(request)|};",
        "await {|#0:s3.PutObjectAsync(new PutObjectRequest { BucketName = \"notes\", InputStream = new MemoryStream(Encoding.UTF8.GetBytes($V)) })|};",
    };

    [Theory]
    [MemberData(nameof(BlobWrites))]
    public Task BlobUploadOfPhiIsReported(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "p.Name", keepMarker: true)), At(0));

    [Theory]
    [MemberData(nameof(BlobWrites))]
    public Task BlobUploadOfNonPhiMemberIsNot(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "p.Ward", keepMarker: false)));

    [Theory]
    [MemberData(nameof(BlobWrites))]
    public Task BlobUploadOfTokenIsNot(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "tokenizer.Tokenize(p.Name)", keepMarker: false)));

    [Fact]
    public Task BlobNameIsNotData()
        => Run(InMethod("""
            await container.UploadBlobAsync("notes/" + p.Name, BinaryData.FromString(p.Ward));
            """));

    [Fact]
    public Task PhiSinkStoreOnParameterAndMethod()
        => Run("""
            using System.Threading.Tasks;
            using PhiGuard;
            public interface IDocumentStore
            {
                Task SaveAsync(string id, [PhiSink(PhiSinkKind.Store)] string document);
                [PhiSink(PhiSinkKind.Store)] void Put(string a, string b);
            }
            class C(IDocumentStore store, IPhiTokenizer tokenizer)
            {
                async Task M(Patient p)
                {
                    await {|#0:store.SaveAsync("1", p.Name)|};
                    await store.SaveAsync(p.Name, p.Ward);
                    await store.SaveAsync("1", tokenizer.Tokenize(p.Name));
                    {|#1:store.Put("x", p.Ssn)|};
                    store.Put("x", p.Ward);
                }
            }
            """,
            V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "IDocumentStore.SaveAsync").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            At(1));

    [Fact]
    public Task EncryptedAtRestOnTheTypeSilencesWritesThroughItAndInsideIt()
        => Run("""
            using System.IO;
            using PhiGuard;
            [EncryptedAtRest]
            public sealed class SealedVolume(string root)
            {
                public void Put(string name, string text) => File.WriteAllText(Path.Combine(root, name), text);
            }
            public sealed class PlainVolume(string root)
            {
                public void Put(string name, string text) => File.WriteAllText(Path.Combine(root, name), text);
            }
            class C(SealedVolume sealedVolume, PlainVolume plain)
            {
                void M(Patient p)
                {
                    sealedVolume.Put("n", p.Name);
                    {|#0:plain.Put("n", p.Name)|};
                }
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "PlainVolume.Put -> File.WriteAllText").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task EncryptedAtRestOnABaseTypeHoldsForDerivedTypes()
        => Run("""
            using System.IO;
            using PhiGuard;
            [EncryptedAtRest]
            public abstract class SealedStoreBase { public abstract void Put(string name, string text); }
            public sealed class KmsStore : SealedStoreBase
            {
                public override void Put(string name, string text) => File.WriteAllText(name, text);
            }
            public sealed class TmpStore
            {
                public void Put(string name, string text) => File.WriteAllText(name, text);
            }
            class C(KmsStore store, TmpStore tmp)
            {
                void M(Patient p)
                {
                    store.Put("n", p.Name);
                    {|#0:tmp.Put("n", p.Name)|};
                }
            }
            """, At(0));

    [Fact]
    public Task EncryptedAtRestOnTheMethod()
        => Run("""
            using System.IO;
            using PhiGuard;
            public sealed class Archive
            {
                [EncryptedAtRest] public void Sealed(string text) => File.WriteAllText("/kms/a", text);
                public void Plain(string text) => File.WriteAllText("/tmp/a", text);
            }
            class C(Archive archive)
            {
                void M(Patient p)
                {
                    archive.Sealed(p.Name);
                    {|#0:archive.Plain(p.Name)|};
                }
            }
            """, At(0));

    [Fact]
    public Task EncryptedAtRestOnTheParameterThatReceivesThePhi()
        => Run("""
            using System.IO;
            using PhiGuard;
            public sealed class KmsVolume
            {
                public void Write(string header, [EncryptedAtRest] string content) => File.WriteAllText("/kms/n", header + "\n" + content);
            }
            class C(KmsVolume volume)
            {
                void M(Patient p)
                {
                    volume.Write("ward " + p.Ward, p.Name);
                    {|#0:volume.Write("patient " + p.Name, p.Ward)|};
                }
            }
            """, At(0));

    [Fact]
    public Task EncryptedAtRestOnTheReceiverTypeOfALibraryStyleSink()
        => Run("""
            using System.Threading.Tasks;
            using PhiGuard;
            public interface IDocumentStore { [PhiSink(PhiSinkKind.Store)] Task SaveAsync(string id, string document); }
            [EncryptedAtRest]
            public sealed class CosmosStore : IDocumentStore { public Task SaveAsync(string id, string document) => Task.CompletedTask; }
            class C(CosmosStore sealedStore, IDocumentStore anyStore)
            {
                async Task M(Patient p)
                {
                    await sealedStore.SaveAsync("1", p.Name);
                    await {|#0:anyStore.SaveAsync("1", p.Name)|};
                }
            }
            """, At(0));

    [Fact]
    public Task TheRuntimeVaultStoresEncryptedAndItsTokensAreNotPhi()
        => Run("""
            using System.IO;
            using PhiGuard;
            class C
            {
                void M(Patient p, string path, byte[] key)
                {
                    using var vault = FileTokenVault.Open(path + ".vault", key);
                    var tokenizer = new PhiTokenizer(key, vault);
                    var token = tokenizer.Tokenize(p.Ssn);
                    vault.Store(token, p.Ssn);
                    File.WriteAllText(path, token);
                    {|#0:File.WriteAllText(path, tokenizer.Detokenize(token))|};
                }
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("IPhiTokenizer.Detokenize()", "File.WriteAllText").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task ForwardingThroughTwoMethodsIsReportedAtTheOutermostCall()
        => Run("""
            using System.IO;
            class Exporter
            {
                private void Save(string path, string body) => File.AppendAllText(path, body);
                public void Export(string folder, string line) => Save(Path.Combine(folder, "out.csv"), line + "\n");
            }
            class C(Exporter exporter)
            {
                void M(Patient p)
                {
                    {|#0:exporter.Export("/exports", p.Ssn)|};
                    exporter.Export("/exports", p.Ward);
                }
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Ssn", "Exporter.Export -> Exporter.Save -> File.AppendAllText").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
}
