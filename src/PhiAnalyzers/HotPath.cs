using System.Runtime.CompilerServices;

namespace PhiAnalyzers;

/// <summary>
/// The JIT option for loops of PhiGuard's own code that run over the text or the nodes of the whole compilation. csc
/// and the SDK's analyzers are precompiled (ReadyToRun); an analyzer assembly is IL, so its methods start as
/// unoptimized tier-0 code and are recompiled only after they have been counted, which a build (where the JIT is busy
/// all the time) puts off well into the analysis. Measured in csc on the 50k-method benchmark: the hot set's lexer
/// (<see cref="Engine.BodyLexer"/>) spent 0.6-1.0 s on CPU as tier-0 code and 0.2-0.5 s marked. A method marked
/// <c>[MethodImpl(HotPath.Optimized)]</c> is compiled optimized on its first call. Mark only code whose own loops
/// take the time: code that mostly calls Roslyn gained nothing measurable (Roslyn itself is precompiled), and a
/// marked method that runs once costs more JIT time than it saves.
/// </summary>
internal static class HotPath
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name (.NET Framework ignores it).</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
