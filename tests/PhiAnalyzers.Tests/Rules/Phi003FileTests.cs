using Microsoft.CodeAnalysis.Testing;
using PhiAnalyzers.Tests.Verifiers;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiStoreAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI003 on files, streams and writers: which writes are stores, and which streams are files.</summary>
public class Phi003FileTests
{
    internal const string Model = """

        public sealed class Patient
        {
            [PhiGuard.NotPhi] public int Id { get; set; }
            [PhiGuard.Phi(PhiGuard.PhiKind.Name)] public string Name { get; set; } = "";
            [PhiGuard.Phi(PhiGuard.PhiKind.Ssn)] public string Ssn { get; set; } = "";
            public string Ward { get; set; } = "";
        }
        """;

    private static Task Run(string code, params DiagnosticResult[] expected) => V.AnalyzerAsync(code + Model, expected);

    private static DiagnosticResult At(int marker) => V.Finding("PHI003").WithLocation(marker);

    /// <summary>The statement with its marker removed and <c>$V</c> (a string expression) replaced.</summary>
    internal static string Fill(string statement, string value, bool keepMarker)
    {
        var s = statement.Replace("$V", value);
        return keepMarker ? s : s.Replace("{|#0:", "").Replace("|}", "");
    }

    private static string InMethod(string statements) => $$"""
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using PhiGuard;
        class C(IPhiTokenizer tokenizer)
        {
            async Task M(Patient p, string path)
            {
                {{statements}}
                await Task.CompletedTask;
            }
        }
        """;

    /// <summary>Every file write form, with <c>$V</c> where the written text goes.</summary>
    public static TheoryData<string> FileWrites => new()
    {
        "{|#0:File.WriteAllText(path, $V)|};",
        "{|#0:File.WriteAllText(path, $V, Encoding.UTF8)|};",
        "await {|#0:File.WriteAllTextAsync(path, $V)|};",
        "{|#0:File.WriteAllLines(path, new[] { \"header\", $V })|};",
        "await {|#0:File.WriteAllLinesAsync(path, new List<string> { $V })|};",
        "{|#0:File.WriteAllBytes(path, Encoding.UTF8.GetBytes($V))|};",
        "await {|#0:File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes($V))|};",
        "{|#0:File.AppendAllText(path, $V)|};",
        "await {|#0:File.AppendAllTextAsync(path, \"row: \" + $V)|};",
        "{|#0:File.AppendAllLines(path, new[] { $V })|};",
        "await {|#0:File.AppendAllLinesAsync(path, new[] { $V })|};",
        // Streams over a file, whatever the static type says.
        "using var fs = new FileStream(path, FileMode.Create); {|#0:fs.Write(Encoding.UTF8.GetBytes($V))|};",
        "using var fs = new FileStream(path, FileMode.Append); var b = Encoding.UTF8.GetBytes($V); {|#0:fs.Write(b, 0, b.Length)|};",
        "await using var fs = File.Create(path); await {|#0:fs.WriteAsync(Encoding.UTF8.GetBytes($V))|};",
        "using Stream s = File.OpenWrite(path); {|#0:s.Write(Encoding.UTF8.GetBytes($V))|};",
        "using Stream s = File.Create(path); var b = Encoding.UTF8.GetBytes($V); await {|#0:s.WriteAsync(b, 0, b.Length)|};",
        "Stream s; s = new FileInfo(path).OpenWrite(); {|#0:s.Write(Encoding.UTF8.GetBytes($V))|}; s.Dispose();",
        "{|#0:File.OpenWrite(path).Write(Encoding.UTF8.GetBytes($V))|};",
        "using Stream s = new BufferedStream(File.OpenWrite(path)); {|#0:s.Write(Encoding.UTF8.GetBytes($V))|};",
        // Writers over a file.
        "using var w = new StreamWriter(path); {|#0:w.WriteLine($V)|};",
        "using var w = new StreamWriter(path, append: true); await {|#0:w.WriteAsync($V)|};",
        "using var w = new StreamWriter(File.OpenWrite(path)); {|#0:w.Write($V)|};",
        "using TextWriter w = File.CreateText(path); {|#0:w.WriteLine($V)|};",
        "using var w = File.AppendText(path); await {|#0:w.WriteLineAsync($V)|};",
        "using TextWriter w = new StreamWriter(new FileStream(path, FileMode.Create)); {|#0:w.Write(\"{0};\", $V)|};",
        "using var bw = new BinaryWriter(File.Create(path)); {|#0:bw.Write($V)|};",
        "using var bw = new BinaryWriter(new FileStream(path, FileMode.Create)); {|#0:bw.Write(Encoding.UTF8.GetBytes($V))|};",
        // Serialized forms.
        "{|#0:File.WriteAllText(path, JsonSerializer.Serialize(new { Name = $V }))|};",
        "{|#0:File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(new[] { $V }))|};",
    };

    [Theory]
    [MemberData(nameof(FileWrites))]
    public Task FileWriteOfPhiIsReported(string statement)
        => Run(InMethod(Fill(statement, "p.Name", keepMarker: true)), At(0));

    [Theory]
    [MemberData(nameof(FileWrites))]
    public Task FileWriteOfNonPhiMemberIsNot(string statement)
        => Run(InMethod(Fill(statement, "p.Ward + p.Id", keepMarker: false)));

    [Theory]
    [MemberData(nameof(FileWrites))]
    public Task FileWriteOfTokenIsNot(string statement)
        => Run(InMethod(Fill(statement, "tokenizer.Tokenize(p.Name)", keepMarker: false)));

    [Theory]
    [MemberData(nameof(FileWrites))]
    public Task FileWriteOfRedactedIsNot(string statement)
        => Run(InMethod(Fill(statement, "PhiRedaction.Redact(p.Ssn)!", keepMarker: false)));

    [Fact]
    public Task SerializedEntityWrittenToAFile()
        => Run("""
            using System.IO;
            using System.Text.Json;
            record Ward(int Id, string Name);
            class C
            {
                void M(Patient p, Ward ward, string path)
                {
                    {|#0:File.WriteAllText(path, JsonSerializer.Serialize(p))|};
                    File.WriteAllText(path, JsonSerializer.Serialize(ward));
                }
            }
            """, At(0));

    [Fact]
    public Task StreamsThatAreNotFilesAreNotStores()
        => Run(InMethod("""
            var bytes = Encoding.UTF8.GetBytes(p.Name);
            using var ms = new MemoryStream();
            ms.Write(bytes);
            using Stream s = new MemoryStream();
            await s.WriteAsync(bytes, 0, bytes.Length);
            using var sw = new StringWriter();
            sw.WriteLine(p.Name);
            using var overMemory = new StreamWriter(new MemoryStream());
            overMemory.WriteLine(p.Ssn);
            using var bw = new BinaryWriter(ms);
            bw.Write(p.Name);
            """));

    [Fact]
    public Task MemoryStreamThatEndsInAFileIsReportedAtTheFileWrite()
        => Run(InMethod("""
            using var ms = new MemoryStream();
            ms.Write(Encoding.UTF8.GetBytes(p.Name));
            {|#0:File.WriteAllBytes(path, ms.ToArray())|};
            """), At(0));

    [Fact]
    public Task StreamOfUnknownOriginIsNotAssumedToBeAFile()
        => Run("""
            using System.IO;
            using System.Text;
            class C
            {
                void M(Patient p, Stream output, TextWriter writer, StreamWriter streamWriter)
                {
                    output.Write(Encoding.UTF8.GetBytes(p.Name));
                    writer.WriteLine(p.Ssn);
                    streamWriter.WriteLine(p.Ssn);
                }
            }
            """);

    [Fact]
    public Task FileStreamParameterIsAFileByItsType()
        => Run("""
            using System.IO;
            using System.Text;
            class C
            {
                void M(Patient p, FileStream output)
                {
                    {|#0:output.Write(Encoding.UTF8.GetBytes(p.Name))|};
                    output.Write(Encoding.UTF8.GetBytes(p.Ward));
                }
            }
            """, At(0));

    [Fact]
    public Task StreamFieldOpenedOnAFile()
        => Run("""
            using System.IO;
            using System.Text;
            class C
            {
                private readonly Stream _journal = File.Open("/var/journal.bin", FileMode.Append);
                private readonly TextWriter _export;
                private readonly Stream _buffer = new MemoryStream();
                C(string path) { _export = new StreamWriter(path); }
                void M(Patient p)
                {
                    {|#0:_journal.Write(Encoding.UTF8.GetBytes(p.Name))|};
                    {|#1:_export.WriteLine(p.Ssn)|};
                    _buffer.Write(Encoding.UTF8.GetBytes(p.Name));
                    _journal.Write(Encoding.UTF8.GetBytes(p.Ward));
                }
            }
            """, At(0), At(1));

    [Fact]
    public Task StreamFromAProjectFactory()
        => Run("""
            using System.IO;
            class C
            {
                private static Stream OpenOutput(string path) => File.Create(path);
                private static TextWriter OpenScratch() { return new StringWriter(); }
                void M(Patient p, string path)
                {
                    using var w = new StreamWriter(OpenOutput(path));
                    {|#0:w.WriteLine(p.Name)|};
                    using var scratch = OpenScratch();
                    scratch.WriteLine(p.Name);
                }
            }
            """, At(0));

    [Fact]
    public Task FileStreamPassedToAHelperThatWritesIsReportedAtTheCall()
        => Run("""
            using System.IO;
            using System.Text;
            static class Records
            {
                public static void Append(Stream target, string line) => target.Write(Encoding.UTF8.GetBytes(line + "\n"));
            }
            class C
            {
                void M(Patient p, string path)
                {
                    using var file = File.OpenWrite(path);
                    {|#0:Records.Append(file, p.Name)|};
                    Records.Append(file, p.Ward);
                    using var memory = new MemoryStream();
                    Records.Append(memory, p.Name);
                }
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "Records.Append -> Stream.Write").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task CryptoStreamOverAFileIsEncrypted()
        => Run("""
            using System.IO;
            using System.Security.Cryptography;
            class C
            {
                void M(Patient p, string path, Aes aes)
                {
                    using var file = File.Create(path);
                    using var crypto = new CryptoStream(file, aes.CreateEncryptor(), CryptoStreamMode.Write);
                    using var writer = new StreamWriter(crypto);
                    writer.WriteLine(p.Name);
                    using var plain = new StreamWriter(file);
                    {|#0:plain.WriteLine(p.Name)|};
                }
            }
            """, At(0));

    [Fact]
    public Task EncryptedBytesAreNotPhi()
        => Run("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.AspNetCore.DataProtection;
            class C(IDataProtector protector)
            {
                void M(Patient p, string path, Aes aes, byte[] iv)
                {
                    var plain = Encoding.UTF8.GetBytes(p.Name);
                    File.WriteAllBytes(path, aes.EncryptCbc(plain, iv));
                    File.WriteAllBytes(path, aes.CreateEncryptor().TransformFinalBlock(plain, 0, plain.Length));
                    File.WriteAllBytes(path, protector.Protect(plain));
                    File.WriteAllText(path, protector.Protect(p.Ssn));
                    {|#0:File.WriteAllBytes(path, plain)|};
                }
            }
            """, At(0));

    [Fact]
    public Task ProtectedDataOutputIsNotPhi()
    {
        var test = new PhiTest<PhiAnalyzers.Rules.PhiStoreAnalyzer>("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                void M(Patient p, string path)
                {
                    var plain = Encoding.UTF8.GetBytes(p.Ssn);
                    File.WriteAllBytes(path, ProtectedData.Protect(plain, null, DataProtectionScope.CurrentUser));
                    {|#0:File.WriteAllBytes(path, plain)|};
                }
            }
            """ + Model, At(0));
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(System.Security.Cryptography.ProtectedData).Assembly.Location));
        return test.RunAsync();
    }

    [Fact]
    public Task PathIsNotData()
        => Run(InMethod("""
            File.WriteAllText("/exports/" + p.Name + ".txt", p.Ward);
            await File.AppendAllTextAsync(p.Ssn, "header");
            """));

    [Fact]
    public Task MessageNamesOriginAndSinkWithSourceAsAdditionalLocation()
        => Run("""
            using System.IO;
            class C
            {
                void M(Patient p, string path)
                {
                    var ssn = {|#1:p.Ssn|};
                    {|#0:File.WriteAllText(path, "ssn=" + ssn)|};
                }
            }
            """, V.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Patient.Ssn", "File.WriteAllText"));

    [Fact]
    public Task StreamSinkIsNamedByTheReceiverType()
        => Run("""
            using System.IO;
            using System.Text;
            class C
            {
                void M(Patient p, string path)
                {
                    using var fs = File.Create(path);
                    {|#0:fs.Write(Encoding.UTF8.GetBytes(p.Name))|};
                    using Stream s = fs;
                    {|#1:s.WriteByte((byte)p.Name[0])|};
                }
            }
            """,
            V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "FileStream.Write").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            V.Diagnostic().WithLocation(1).WithArguments("Patient.Name", "Stream.WriteByte").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
}
