using PhiGuard.Inventory;
using Xunit;

namespace PhiAnalyzers.Tests.Inventory;

public class HostPatternTests
{
    private static HostPattern Pattern(string text)
    {
        Assert.True(HostPattern.TryCreate(text, out var pattern, out var error), error);
        return pattern!;
    }

    [Theory]
    [InlineData("bedrock-runtime.*.amazonaws.com", "bedrock-runtime.us-east-1.amazonaws.com", true)]
    [InlineData("bedrock-runtime.*.amazonaws.com", "bedrock-runtime.a.b.amazonaws.com", false)]
    [InlineData("bedrock-runtime.*.amazonaws.com", "bedrock-runtime.amazonaws.com", false)]
    [InlineData("bedrock-runtime.*.amazonaws.com", "BEDROCK-RUNTIME.US-EAST-1.AMAZONAWS.COM", true)]
    [InlineData("bedrock-runtime.*.amazonaws.com", "bedrock-runtime.us-east-1.amazonaws.com.", true)]
    [InlineData("*-aiplatform.googleapis.com", "us-central1-aiplatform.googleapis.com", true)]
    [InlineData("*-aiplatform.googleapis.com", "-aiplatform.googleapis.com", false)]
    [InlineData("*-aiplatform.googleapis.com", "aiplatform.googleapis.com", false)]
    [InlineData("*-aiplatform.googleapis.com", "x.us-aiplatform.googleapis.com", false)]
    [InlineData("*.example.com", "api.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("api.example.com", "api.example.com", true)]
    [InlineData("api.example.com", "api.example.co", false)]
    [InlineData("api.example.com", "xapi.example.com", false)]
    [InlineData("api.*.*.example.com", "api.a.b.example.com", true)]
    [InlineData("a*b*c.example", "aXbYc.example", true)]
    [InlineData("a*b*c.example", "abc.example", false)]
    [InlineData("a*b*c.example", "aXXbYYc.example", true)]
    public void Matches(string pattern, string host, bool expected)
        => Assert.Equal(expected, Pattern(pattern).Matches(host));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void EmptyHostNeverMatches(string? host) => Assert.False(Pattern("*.example.com").Matches(host));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("http://a.example")]
    [InlineData("a.example/x")]
    [InlineData("a.example:8080")]
    [InlineData(".a.example")]
    [InlineData("a..example")]
    [InlineData("a b.example")]
    [InlineData("**.example")]
    public void Rejects(string? text)
    {
        Assert.False(HostPattern.TryCreate(text, out var pattern, out var error));
        Assert.Null(pattern);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void RejectsTooLongLabelAndHost()
    {
        Assert.False(HostPattern.TryCreate(new string('a', 64) + ".example", out _, out _));
        Assert.True(HostPattern.TryCreate(new string('a', 63) + ".example", out _, out _));
        Assert.False(HostPattern.TryCreate(string.Join(".", Enumerable.Repeat("abcdefghi", 26)), out _, out _));
    }

    [Fact]
    public void ManyStarsStayFast()
    {
        var pattern = Pattern("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b.example");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(pattern.Matches(new string('a', 63) + ".example"));
        Assert.True(sw.ElapsedMilliseconds < 1000);
    }
}
