using System.Reflection;
using System.Runtime.CompilerServices;
using PhiAnalyzers.Engine;
using Xunit;

namespace PhiAnalyzers.Tests.Engine;

/// <summary>
/// The lexer's loops run over every character of the compilation; in csc they ran as unoptimized tier-0 code until the
/// JIT got round to them (<see cref="HotPath"/>). These tests hold the marks in place: the constant is the runtime's
/// flag, and the lexer's scanning methods carry it in their metadata.
/// </summary>
public class HotPathTests
{
    [Fact]
    public void Optimized_is_the_runtimes_aggressive_optimization_flag()
    {
        Assert.Equal(MethodImplOptions.AggressiveOptimization, HotPath.Optimized);
    }

    [Theory]
    [InlineData(typeof(BodyLexer), "Lex")]
    [InlineData(typeof(BodyLexer), "Code")]
    [InlineData(typeof(BodyLexer), "Identifier")]
    [InlineData(typeof(BodyLexer), "String")]
    [InlineData(typeof(BodyLexer), "Raw")]
    [InlineData(typeof(BodyLexer), "Hole")]
    [InlineData(typeof(BodyLexer), "SkipTrivia")]
    [InlineData(typeof(BodyLexer), "Directive")]
    [InlineData(typeof(BodyLexer), "CharLiteralEnd")]
    [InlineData(typeof(NameTable), "Find")]
    [InlineData(typeof(NameTable), "Hash")]
    public void The_lexers_scanning_methods_are_compiled_optimized_on_their_first_call(System.Type type, string name)
    {
        var method = type.GetMethod(name, BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotNull(method);
        Assert.True(
            method!.GetMethodImplementationFlags().HasFlag(MethodImplAttributes.AggressiveOptimization),
            type.Name + "." + name + " is not marked [MethodImpl(HotPath.Optimized)]");
    }
}
