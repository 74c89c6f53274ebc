using Microsoft.CodeAnalysis;

namespace PhiAnalyzers.Diagnostics;

/// <summary>The one factory that makes every PhiGuard descriptor, so help links and tags are uniform.</summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/phiguard/phiguard/blob/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags)
        => new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id),
            customTags: customTags);
}
