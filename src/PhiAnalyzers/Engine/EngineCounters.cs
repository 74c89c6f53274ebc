using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace PhiAnalyzers.Engine;

/// <summary>
/// Profiling counters and timers (time and bytes allocated on the thread) of the engine, compiled in only with <c>-p:PhiGuardCounters=true</c> (the calls
/// are <see cref="ConditionalAttribute"/>, so a normal build has neither the calls nor their cost; <see cref="Start"/>
/// returns an empty stamp). The analyzer benchmark harness prints them through <see cref="Dump"/>; in a counters build run
/// by csc, they are appended at exit to the file named by the environment variable <c>PHIGUARD_COUNTERS_FILE</c>.
/// </summary>
internal static class EngineCounters
{
    private static readonly ConcurrentDictionary<string, long[]> Counts = new();

#if PHIGUARD_COUNTERS
    static EngineCounters()
    {
        // A profiling build only (never shipped): analyzers may not read the environment or write files.
#pragma warning disable RS1035
        if (System.Environment.GetEnvironmentVariable("PHIGUARD_COUNTERS_FILE") is { Length: > 0 } path)
        {
            System.AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.AppendAllText(path, Dump() + "\n\n");
        }

        // Elapsed time only: reading the thread's CPU clock is a system call per timed call, and in csc, where a 50k
        // build makes 300k+ timed calls on threads that compete for two cores, that alone multiplied the per-body
        // callbacks' elapsed time several times over. With it off, the timers split csc's ReportAnalyzer time as it is.
        s_noThreadClock = System.Environment.GetEnvironmentVariable("PHIGUARD_COUNTERS_ELAPSED_ONLY") == "1";
#pragma warning restore RS1035
    }
#endif

    [Conditional("PHIGUARD_COUNTERS")]
    public static void Count(string name, long by = 1) => Interlocked.Add(ref Counts.GetOrAdd(name, _ => new long[2])[0], by);

    /// <summary>A timestamp (and the bytes this thread has allocated so far) for <see cref="Time"/>; nothing in a normal build.</summary>
#if PHIGUARD_COUNTERS
    public static Stamp Start() => new(Stopwatch.GetTimestamp(), AllocatedBytes(), ThreadCpuNanoseconds(), GcPauseTicks());
#else
    public static Stamp Start() => default;
#endif

#if PHIGUARD_COUNTERS
    /// <summary><c>GC.GetAllocatedBytesForCurrentThread</c>, which the runtime has and netstandard2.0 does not declare.</summary>
    private static readonly System.Func<long> AllocatedBytesOfThread = GcMethod<System.Func<long>>("GetAllocatedBytesForCurrentThread") ?? (() => 0);

    /// <summary>A parameterless static method of <see cref="System.GC"/> that the runtime has and netstandard2.0 may not declare, as a delegate; null where it lacks it.</summary>
    private static T? GcMethod<T>(string name)
        where T : System.Delegate
        => (T?)typeof(System.GC).GetMethod(name, System.Type.EmptyTypes)?.CreateDelegate(typeof(T));

    private static long AllocatedBytes() => AllocatedBytesOfThread();

    /// <summary><c>GC.GetTotalPauseDuration</c> (.NET 7+), which netstandard2.0 does not declare; zero where the runtime lacks it.</summary>
    private static readonly System.Func<System.TimeSpan> TotalPauseDuration = GcMethod<System.Func<System.TimeSpan>>("GetTotalPauseDuration") ?? (() => System.TimeSpan.Zero);

    /// <summary>
    /// The process's total time with managed threads paused for the GC, in <see cref="System.TimeSpan"/> ticks. A pause stops
    /// every managed thread, so its growth over a timed call is the part of that call's elapsed time spent waiting for the GC.
    /// </summary>
    private static long GcPauseTicks() => TotalPauseDuration().Ticks;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    private static bool s_noThreadClock;

    /// <summary>
    /// The CPU time this thread has run (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; 0 elsewhere). Next to the elapsed time it
    /// shows how much of a phase the thread waited for a core: in csc the compiler's own threads compete for them.
    /// </summary>
    private static long ThreadCpuNanoseconds()
    {
        if (s_noThreadClock)
        {
            return 0;
        }

        try
        {
            return ClockGetTime(3, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;
        }
        catch (System.Exception)
        {
            s_noThreadClock = true;
            return 0;
        }
    }
#else
    private static long AllocatedBytes() => 0;

    private static long GcPauseTicks() => 0;
#endif

    /// <summary>Adds the time and the bytes allocated on this thread since <paramref name="start"/> (and one call) to the timer <paramref name="name"/>.</summary>
    [Conditional("PHIGUARD_COUNTERS")]
    public static void Time(string name, Stamp start)
    {
        var elapsed = Stopwatch.GetTimestamp() - start.Ticks;
        var bytes = AllocatedBytes() - start.Bytes;
#if PHIGUARD_COUNTERS
        var cpu = ThreadCpuNanoseconds() - start.CpuNanoseconds;
#else
        var cpu = 0L;
#endif
        var paused = GcPauseTicks() - start.GcPauseTicks;
        Add("time " + name, elapsed, bytes, cpu, paused);
        // The calls that took 10 ms or more apart: a per-body callback that long waited on something.
        if (elapsed * 100 >= Stopwatch.Frequency)
        {
            Add("time " + name + " (10 ms+)", elapsed, bytes, cpu, paused);
        }
    }

    private static void Add(string key, long elapsed, long bytes, long cpu, long paused)
    {
        var counter = Counts.GetOrAdd(key, _ => new long[5]);
        Interlocked.Increment(ref counter[0]);
        Interlocked.Add(ref counter[1], elapsed);
        Interlocked.Add(ref counter[2], bytes);
        Interlocked.Add(ref counter[3], cpu);
        Interlocked.Add(ref counter[4], paused);
    }

    internal readonly struct Stamp
    {
        public Stamp(long ticks, long bytes, long cpuNanoseconds, long gcPauseTicks)
        {
            Ticks = ticks;
            Bytes = bytes;
            CpuNanoseconds = cpuNanoseconds;
            GcPauseTicks = gcPauseTicks;
        }

        public long Ticks { get; }

        public long Bytes { get; }

        /// <summary>The thread's CPU time at the start (0 where the platform does not tell).</summary>
        public long CpuNanoseconds { get; }

        /// <summary>The process's GC pause total at the start, in <see cref="System.TimeSpan"/> ticks (0 where the runtime does not tell).</summary>
        public long GcPauseTicks { get; }
    }

    /// <summary>The counters since the last dump, one per line (timers: calls, elapsed, on-CPU and GC-paused milliseconds, bytes allocated), then cleared.</summary>
    public static string Dump()
    {
        var text = string.Join("\n", Counts.OrderBy(c => c.Key).Select(c =>
        {
            var count = Interlocked.Exchange(ref c.Value[0], 0);
            var ticks = Interlocked.Exchange(ref c.Value[1], 0);
            var bytes = c.Value.Length > 2 ? Interlocked.Exchange(ref c.Value[2], 0) : 0;
            var cpu = c.Value.Length > 3 ? Interlocked.Exchange(ref c.Value[3], 0) : 0;
            var paused = c.Value.Length > 4 ? Interlocked.Exchange(ref c.Value[4], 0) : 0;
            return c.Key.StartsWith("time ", System.StringComparison.Ordinal)
                ? $"  {c.Key,-40} {count,12:N0} {ticks * 1000.0 / Stopwatch.Frequency,10:N0} ms {cpu / 1e6,10:N0} ms on CPU {paused / 1e4,10:N0} ms in GC pauses {bytes / 1048576.0,10:N1} MB allocated"
                : $"  {c.Key,-40} {count,12:N0}";
        }));
        if (text.Length == 0)
        {
            return "  (no engine counters: build with -p:PhiGuardCounters=true)";
        }

#if PHIGUARD_COUNTERS
        if (s_noThreadClock)
        {
            text = "  (the thread's CPU time is not read: PHIGUARD_COUNTERS_ELAPSED_ONLY=1, or the platform has no thread clock)\n" + text;
        }
#endif
        return text;
    }
}
