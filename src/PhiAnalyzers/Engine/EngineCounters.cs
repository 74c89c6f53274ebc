using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace PhiAnalyzers.Engine;

/// <summary>
/// Profiling counters of the engine, compiled in only with <c>-p:DefineConstants=PHIGUARD_COUNTERS</c> (the calls are
/// <see cref="ConditionalAttribute"/>, so a normal build has neither the calls nor their cost). The analyzer
/// benchmark harness prints them through <see cref="Dump"/> when they exist.
/// </summary>
internal static class EngineCounters
{
    private static readonly ConcurrentDictionary<string, long[]> Counts = new();

    [Conditional("PHIGUARD_COUNTERS")]
    public static void Count(string name, long by = 1) => Interlocked.Add(ref Counts.GetOrAdd(name, _ => new long[1])[0], by);

    /// <summary>The counters since the last dump, one per line, then cleared.</summary>
    public static string Dump()
    {
        var text = string.Join("\n", Counts.OrderBy(c => c.Key).Select(c => $"  {c.Key,-40} {Interlocked.Exchange(ref c.Value[0], 0),12:N0}"));
        return text.Length == 0 ? "  (no engine counters: build with -p:PhiGuardCounters=true)" : text;
    }
}
