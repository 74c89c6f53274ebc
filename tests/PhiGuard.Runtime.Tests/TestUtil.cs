using System.Diagnostics;

namespace PhiGuard.Runtime.Tests;

internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "phiguard-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class Keys
{
    public static byte[] Key(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + seed)).ToArray();

    public static readonly byte[] Signing = Key(1);
    public static readonly byte[] Token = Key(2);
    public static readonly byte[] Vault = Key(3);
    public static readonly byte[] Hash = Key(4);
}

/// <summary>Launches tests/PhiGuard.AuditWriter as a separate process.</summary>
internal static class AuditWriterProcess
{
    public static string DllPath
    {
        get
        {
            // .../tests/PhiGuard.Runtime.Tests/bin/<Configuration>/net10.0/ -> .../tests/PhiGuard.AuditWriter/bin/<Configuration>/net10.0/
            var baseDir = AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar);
            var tfm = System.IO.Path.GetFileName(baseDir);
            var config = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(baseDir)!);
            var testsDir = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, "..", "..", "..", ".."));
            var dll = System.IO.Path.Combine(testsDir, "PhiGuard.AuditWriter", "bin", config, tfm, "PhiGuard.AuditWriter.dll");
            if (!System.IO.File.Exists(dll)) throw new FileNotFoundException("Build tests/PhiGuard.AuditWriter first.", dll);
            return dll;
        }
    }

    public static Process Start(string logPath, byte[] key, int count, int window, string tag)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(DllPath);
        psi.ArgumentList.Add(logPath);
        psi.ArgumentList.Add(Convert.ToHexString(key));
        psi.ArgumentList.Add(count.ToString());
        psi.ArgumentList.Add(window.ToString());
        psi.ArgumentList.Add(tag);
        return Process.Start(psi)!;
    }
}
