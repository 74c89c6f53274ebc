namespace PhiAnalyzers.Diagnostics;

internal static class RuleCategories
{
    public const string Privacy = "Privacy";
    public const string Compliance = "Compliance";
}
