using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using PhiAnalyzers.Tests.Robustness;
using Xunit;

namespace PhiAnalyzers.Tests.Docs;

/// <summary>
/// Every descriptor of every analyzer (found by reflection) is documented: <c>docs/rules/&lt;ID&gt;.md</c> exists with the
/// sections Non-compliant, Compliant, Configure/Configuration and Suppress, its help link points at that page, and
/// the id is tracked in AnalyzerReleases.Shipped.md or Unshipped.md.
/// </summary>
public class RuleDocsTests
{
    private static readonly Lazy<string> LazyRoot = new(FindRepositoryRoot);

    public static string RepositoryRoot => LazyRoot.Value;

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Descriptors().Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors()
        => AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PhiAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No folder above " + AppContext.BaseDirectory + " contains PhiAnalyzers.sln");
    }

    [Fact]
    public void TheAnalyzersHaveDescriptors()
    {
        var ids = Descriptors().Select(d => d.Id).ToList();
        Assert.Contains("PHI001", ids);
        Assert.All(ids, id => Assert.Matches("^PHI[0-9]{3}$", id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RulePageExistsWithTheRequiredSections(string id)
    {
        var path = Path.Combine(RepositoryRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"{id}: docs/rules/{id}.md is missing");

        var headings = File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith('#'))
            .Select(l => l.TrimStart('#').Trim())
            .ToList();

        var missing = new List<string>();
        Require("Non-compliant", h => Regex.IsMatch(h, @"\bnon[- ]?compliant\b", RegexOptions.IgnoreCase));
        Require("Compliant", h => Regex.IsMatch(h, @"(?<![-\w])compliant\b", RegexOptions.IgnoreCase) && !Regex.IsMatch(h, @"\bnon[- ]?compliant\b", RegexOptions.IgnoreCase));
        Require("Configure or Configuration", h => Regex.IsMatch(h, @"\bconfigur(e|ation|ing)\b", RegexOptions.IgnoreCase));
        Require("Suppress", h => Regex.IsMatch(h, @"\bsuppress", RegexOptions.IgnoreCase));
        Assert.True(missing.Count == 0, $"{id}: docs/rules/{id}.md lacks section(s): {string.Join(", ", missing)}. Headings found: {string.Join(" | ", headings)}");

        void Require(string name, Func<string, bool> match)
        {
            if (!headings.Any(match))
            {
                missing.Add(name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void HelpLinkPointsAtTheRulePage(string id)
    {
        foreach (var descriptor in Descriptors().Where(d => d.Id == id))
        {
            Assert.False(string.IsNullOrEmpty(descriptor.HelpLinkUri), $"{id} has no HelpLinkUri");
            Assert.True(
                descriptor.HelpLinkUri.EndsWith("docs/rules/" + id + ".md", StringComparison.Ordinal),
                $"{id}: HelpLinkUri '{descriptor.HelpLinkUri}' does not end with docs/rules/{id}.md");
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out _), $"{id}: HelpLinkUri '{descriptor.HelpLinkUri}' is not an absolute URI");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RuleIsTrackedInTheReleaseFiles(string id)
    {
        var folder = Path.Combine(RepositoryRoot, "src", "PhiAnalyzers");
        var tracked = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Select(f => Path.Combine(folder, f))
            .Where(File.Exists)
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Split('|')[0].Trim())
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(tracked.Contains(id), $"{id} is in neither src/PhiAnalyzers/AnalyzerReleases.Shipped.md nor Unshipped.md");
    }
}
