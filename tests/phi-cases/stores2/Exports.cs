using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using PhiGuard;

namespace Cases.Stores2;

public sealed class ExportService(IDistributedCache cache, IDocumentStore docs, IBlobArchive archive, VaultStore vault, KmsVolume volume, IPhiTokenizer tokenizer)
{
    public async Task ExportAsync(IReadOnlyList<Patient> patients, string folder)
    {
        var csv = new StringBuilder();
        csv.AppendLine("id,name,dob");
        foreach (var p in patients)
        {
            csv.AppendLine($"{p.Id},{p.Name},{p.DateOfBirth:yyyy-MM-dd}");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "patients.csv"), csv.ToString()); // expect: PHI003
        await File.WriteAllTextAsync(Path.Combine(folder, "count.txt"), patients.Count.ToString());
        File.WriteAllLines(Path.Combine(folder, "ids.txt"), patients.Select(p => p.Id.ToString()));
        File.AppendAllText(Path.Combine(folder, "audit.log"), $"exported {patients.Count} patients by clinic {patients[0].Clinic}\n");
        File.AppendAllText(Path.Combine(folder, "ssn.log"), patients[0].Ssn + "\n"); // expect: PHI003
        await File.WriteAllBytesAsync(Path.Combine(folder, "rx.json"), JsonSerializer.SerializeToUtf8Bytes(patients)); // expect: PHI003
    }

    public void Json(Patient p, Prescription rx, string path)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(p)); // expect: PHI003
        File.WriteAllText(path, JsonSerializer.Serialize(rx)); // expect: PHI003
        File.WriteAllText(path, JsonSerializer.Serialize(new { p.Id, p.Clinic }));
    }

    public void Streams(Patient p, string path)
    {
        using (var fs = new FileStream(path, FileMode.Create))
        {
            var bytes = Encoding.UTF8.GetBytes(p.Ssn);
            fs.Write(bytes, 0, bytes.Length); // expect: PHI003
        }

        using var writer = File.CreateText(path + ".txt");
        writer.WriteLine($"Patient {p.Id} at {p.Clinic}");
        writer.WriteLine($"Name: {p.Name}"); // expect: PHI003

        using var gz = new GZipStream(File.Create(path + ".gz"), CompressionLevel.Optimal);
        using var gzWriter = new StreamWriter(gz);
        gzWriter.Write(p.Name); // expect: PHI003

        using var bin = new BinaryWriter(File.OpenWrite(path + ".bin"));
        bin.Write(p.Id);
        bin.Write(p.DateOfBirth.Ticks); // expect: PHI003
    }

    public string InMemory(Patient p)
    {
        using var ms = new MemoryStream();
        using var w = new StreamWriter(ms);
        w.Write(p.Name);
        w.Flush();
        var sw = new StringWriter();
        sw.Write(p.Ssn);
        return sw.ToString().Length.ToString();
    }

    public void Encrypted(Patient p, Aes aes, string path)
    {
        using var crypto = new CryptoStream(File.OpenWrite(path), aes.CreateEncryptor(), CryptoStreamMode.Write);
        using var writer = new StreamWriter(crypto);
        writer.Write(p.Ssn);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(p.Name), aes.IV);
        File.WriteAllBytes(path + ".enc", cipher);
        File.WriteAllBytes(path + ".hash", SHA256.HashData(Encoding.UTF8.GetBytes(p.Ssn)));
    }

    public async Task CacheAsync(Patient p, VisitSummary visit)
    {
        await cache.SetStringAsync($"patient:{p.Id}:name", p.Name); // expect: PHI003
        await cache.SetStringAsync($"patient:{p.Id}:clinic", p.Clinic);
        await cache.SetStringAsync($"patient:{p.Name}:seen", "1");
        await cache.SetAsync($"visit:{visit.VisitId}", JsonSerializer.SerializeToUtf8Bytes(visit), new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) }); // expect: PHI003
        cache.SetString($"visit:{visit.VisitId}:token", tokenizer.Tokenize(visit.Notes));
        await cache.SetStringAsync($"visit:{visit.VisitId}:dx", visit.DiagnosisCode); // expect: PHI003
    }

    public async Task DocumentsAsync(Patient p, VisitSummary visit)
    {
        await docs.SaveAsync($"visit-{visit.VisitId}", visit.Notes); // expect: PHI003
        await docs.SaveAsync($"visit-{visit.VisitId}", $"visit {visit.VisitId} closed");
        await archive.PutAsync($"visit-{visit.VisitId}", Encoding.UTF8.GetBytes(visit.Notes));
        await archive.PutPlainAsync($"visit-{visit.VisitId}", Encoding.UTF8.GetBytes(visit.Notes));
        vault.Write($"patient-{p.Id}", p.Ssn);
        volume.Write($"patient-{p.Id}", p.Ssn);
    }
}

public sealed class NoteRepository(string root)
{
    public void Save(VisitSummary visit) => File.WriteAllText(Path.Combine(root, visit.VisitId + ".txt"), visit.Notes); // expect: PHI003

    public void SaveIndex(int visitId) => File.WriteAllText(Path.Combine(root, "index.txt"), visitId.ToString());

    public static void Append(FileStream stream, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        stream.Write(bytes);
    }

    public static void AppendAny(Stream stream, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        stream.Write(bytes);
    }
}

public sealed class Journal(NoteRepository repo)
{
    public void Record(Patient p, VisitSummary visit, string path)
    {
        repo.SaveIndex(visit.VisitId);
        using var file = File.Open(path, FileMode.Append);
        NoteRepository.Append(file, p.Name); // expect: PHI003
        NoteRepository.Append(file, p.Id.ToString());
        NoteRepository.AppendAny(Stream.Null, p.Name);
    }
}
