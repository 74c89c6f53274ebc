using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PhiAnalyzers.Diagnostics;
using PhiGuard.Inventory;

namespace PhiAnalyzers.Inventory;

/// <summary>
/// The inventory as one compilation sees it: which AdditionalFile is <c>baa-inventory.yaml</c>, its validated
/// model, the PHI006 diagnostics about it, "today" and the expiry warning window. Rules ask for it with
/// <see cref="Get"/>; parsing happens once per distinct file content.
/// </summary>
internal sealed class InventorySnapshot
{
    /// <summary>MSBuild property that names the inventory file explicitly.</summary>
    public const string PathProperty = "build_property.PhiInventoryPath";

    /// <summary>MSBuild property (yyyy-MM-dd) that overrides "today" for expiry checks.</summary>
    public const string DateProperty = "build_property.PhiInventoryDate";

    /// <summary>.editorconfig / global config key: days before expiry at which PHI008 starts.</summary>
    public const string ExpiryWarningDaysKey = "phiguard.baa_expiry_warning_days";

    public const int DefaultExpiryWarningDays = 30;

    /// <summary>Property on PHI006 diagnostics: "error" or "warning" (the level of the inventory problem).</summary>
    public const string ProblemLevelProperty = "PhiInventoryProblem";

    private const int MaxCachedParses = 64;

    private static readonly ConcurrentDictionary<string, InventoryParseResult> ParseCache = new(StringComparer.Ordinal);

    private static readonly ConditionalWeakTable<AnalyzerOptions, InventorySnapshot> SnapshotCache = new();

    private InventorySnapshot(
        BaaInventory? inventory,
        string? path,
        ImmutableArray<string> paths,
        ImmutableArray<Diagnostic> diagnostics,
        DateTime today,
        int expiryWarningDays,
        bool pathNotFound)
    {
        Inventory = inventory;
        Path = path;
        Paths = paths;
        Diagnostics = diagnostics;
        Today = today;
        ExpiryWarningDays = expiryWarningDays;
        PathNotFound = pathNotFound;
    }

    /// <summary>The validated model, or null when no inventory file was found.</summary>
    public BaaInventory? Inventory { get; }

    /// <summary>True when no inventory file was found (then no vendor may receive PHI).</summary>
    public bool IsMissing => Inventory is null;

    /// <summary>The path of the inventory in use, or null.</summary>
    public string? Path { get; }

    /// <summary>Every inventory file found, nearest first; the first is the one in use.</summary>
    public ImmutableArray<string> Paths { get; }

    /// <summary>
    /// Every PHI006 diagnostic about the inventory: problems located in the file, a second inventory file, and
    /// location-less problems with the build properties. Does not include the "missing inventory" diagnostic.
    /// </summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The date expiry is judged against: <c>PhiInventoryDate</c> when set, else the UTC date of the build.</summary>
    public DateTime Today { get; }

    /// <summary>Days before expiry at which PHI008 warns (global option <c>phiguard.baa_expiry_warning_days</c>, default 30).</summary>
    public int ExpiryWarningDays { get; }

    /// <summary>True when <c>PhiInventoryPath</c> is set but names no AdditionalFile (already in <see cref="Diagnostics"/>).</summary>
    public bool PathNotFound { get; }

    /// <summary>The snapshot for these options (one per options object; parsing is shared by content).</summary>
    public static InventorySnapshot Get(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            return Create(null, cancellationToken);
        }

        if (SnapshotCache.TryGetValue(options, out var cached))
        {
            return cached;
        }

        var snapshot = Create(options, cancellationToken);
        try
        {
            SnapshotCache.Add(options, snapshot);
        }
        catch (ArgumentException)
        {
            // Another analyzer built it at the same time; both are equal, keep theirs.
            if (SnapshotCache.TryGetValue(options, out var other))
            {
                return other;
            }
        }

        return snapshot;
    }

    /// <summary>PHI006 for a compilation that needs an inventory and has none.</summary>
    public Diagnostic CreateMissingDiagnostic(Location? location = null)
        => CreateMissingDiagnostic(PhiDescriptors.InventoryInvalid, location);

    internal static Diagnostic CreateMissingDiagnostic(DiagnosticDescriptor descriptor, Location? location)
        => Diagnostic.Create(
            descriptor,
            location ?? Location.None,
            properties: LevelProperties(InventoryProblemSeverity.Error),
            "No baa-inventory.yaml found: add one to the project folder or a parent folder, or set PhiInventoryPath; until then no vendor may receive PHI");

    /// <summary>The expiry window that applies to <paramref name="tree"/>: its .editorconfig key, else the global one.</summary>
    public int ExpiryWarningDaysFor(AnalyzerOptions options, SyntaxTree tree)
    {
        if (options?.AnalyzerConfigOptionsProvider is { } provider && tree is not null
            && provider.GetOptions(tree).TryGetValue(ExpiryWarningDaysKey, out var text)
            && TryParseDays(text, out var days))
        {
            return days;
        }

        return ExpiryWarningDays;
    }

    private static InventorySnapshot Create(AnalyzerOptions? options, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var global = options?.AnalyzerConfigOptionsProvider?.GlobalOptions;

        var today = DateTime.UtcNow.Date;
        if (global is not null && global.TryGetValue(DateProperty, out var dateText) && !string.IsNullOrWhiteSpace(dateText))
        {
            if (DateTime.TryParseExact(dateText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                today = parsed.Date;
            }
            else
            {
                diagnostics.Add(Create(
                    Location.None,
                    InventoryProblemSeverity.Error,
                    "PhiInventoryDate '" + dateText.Trim() + "' is not a date written yyyy-MM-dd; using today's date " + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        var expiryDays = DefaultExpiryWarningDays;
        if (global is not null && global.TryGetValue(ExpiryWarningDaysKey, out var daysText) && TryParseDays(daysText, out var d))
        {
            expiryDays = d;
        }

        string? configuredPath = null;
        if (global is not null && global.TryGetValue(PathProperty, out var p) && !string.IsNullOrWhiteSpace(p))
        {
            configuredPath = p.Trim();
        }

        var files = ImmutableArray.CreateBuilder<AdditionalText>();
        if (options is not null)
        {
            foreach (var file in options.AdditionalFiles)
            {
                if (file?.Path is null)
                {
                    continue;
                }

                if (configuredPath is not null ? SamePath(file.Path, configuredPath) : IsInventoryName(file.Path))
                {
                    files.Add(file);
                }
            }
        }

        // The nearest file wins: the deepest folder (the project's own before a parent's), then path order, so the
        // choice does not depend on the order of the AdditionalFiles.
        files.Sort(static (a, b) =>
        {
            var byDepth = Depth(b.Path).CompareTo(Depth(a.Path));
            return byDepth != 0 ? byDepth : string.CompareOrdinal(Normalize(a.Path), Normalize(b.Path));
        });

        var pathNotFound = false;
        if (configuredPath is not null && files.Count == 0)
        {
            pathNotFound = true;
            diagnostics.Add(Create(
                Location.None,
                InventoryProblemSeverity.Error,
                "PhiInventoryPath '" + configuredPath + "' does not exist among the analyzer's AdditionalFiles; until it does no vendor may receive PHI"));
        }

        var paths = ImmutableArray.CreateBuilder<string>(files.Count);
        foreach (var f in files)
        {
            paths.Add(f.Path);
        }

        BaaInventory? inventory = null;
        string? usedPath = null;
        if (files.Count > 0)
        {
            var file = files[0];
            usedPath = file.Path;
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                diagnostics.Add(Create(
                    Location.Create(file.Path, default, default),
                    InventoryProblemSeverity.Error,
                    "The inventory '" + file.Path + "' could not be read; no vendor may receive PHI"));
                inventory = BaaInventory.Empty;
            }
            else
            {
                var result = ParseCached(file.Path, text);
                inventory = result.Inventory;
                foreach (var problem in result.Problems)
                {
                    diagnostics.Add(Create(ToLocation(file.Path, text, problem), problem.Severity, problem.Message));
                }
            }

            for (var i = 1; i < files.Count; i++)
            {
                var other = files[i];
                var otherText = other.GetText(cancellationToken);
                var firstLine = otherText is { Lines.Count: > 0 } ? otherText.Lines[0].Span : default;
                var lineSpan = otherText is null ? default : otherText.Lines.GetLinePositionSpan(firstLine);
                diagnostics.Add(Create(
                    Location.Create(other.Path, firstLine, lineSpan),
                    InventoryProblemSeverity.Error,
                    "More than one BAA inventory: '" + usedPath + "' is used and '" + other.Path + "' is ignored; keep one, or set PhiInventoryPath to choose"));
            }
        }

        return new InventorySnapshot(inventory, usedPath, paths.ToImmutable(), diagnostics.ToImmutable(), today, expiryDays, pathNotFound);
    }

    private static InventoryParseResult ParseCached(string path, SourceText text)
    {
        var content = text.ToString();
        var key = path + "\0" + content;
        if (ParseCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = InventoryParser.Parse(content, path);
        if (ParseCache.Count >= MaxCachedParses)
        {
            ParseCache.Clear();
        }

        ParseCache.TryAdd(key, result);
        return result;
    }

    private static Location ToLocation(string path, SourceText text, InventoryProblem problem)
    {
        var lines = text.Lines;
        var start = Clamp(lines, problem.Line - 1, problem.Column - 1);
        var end = Clamp(lines, problem.EndLine - 1, problem.EndColumn - 1);
        if (end < start)
        {
            end = start;
        }

        var span = new LinePositionSpan(start, end);
        TextSpan textSpan;
        try
        {
            textSpan = lines.GetTextSpan(span);
        }
        catch (ArgumentOutOfRangeException)
        {
            textSpan = default;
        }

        return Location.Create(path, textSpan, span);
    }

    private static LinePosition Clamp(TextLineCollection lines, int line, int column)
    {
        if (lines.Count == 0)
        {
            return new LinePosition(0, 0);
        }

        if (line < 0)
        {
            line = 0;
        }

        if (line >= lines.Count)
        {
            var last = lines[lines.Count - 1];
            return new LinePosition(lines.Count - 1, last.End - last.Start);
        }

        var length = lines[line].End - lines[line].Start;
        if (column < 0)
        {
            column = 0;
        }

        return new LinePosition(line, Math.Min(column, length));
    }

    private static Diagnostic Create(Location location, InventoryProblemSeverity level, string message)
        => Diagnostic.Create(
            PhiDescriptors.InventoryInvalid,
            location,
            properties: LevelProperties(level),
            level == InventoryProblemSeverity.Warning ? "Inventory warning: " + message : message);

    private static ImmutableDictionary<string, string?> LevelProperties(InventoryProblemSeverity level)
        => ImmutableDictionary<string, string?>.Empty.Add(ProblemLevelProperty, level == InventoryProblemSeverity.Warning ? "warning" : "error");

    private static bool TryParseDays(string? text, out int days)
        => int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) && days >= 0 && days <= 3650;

    internal static bool IsInventoryName(string path)
    {
        var normalized = Normalize(path);
        var name = normalized.Substring(normalized.LastIndexOf('/') + 1);
        return string.Equals(name, "baa-inventory.yaml", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "baa-inventory.yml", StringComparison.OrdinalIgnoreCase);
    }

    private static bool SamePath(string filePath, string configured)
    {
        var a = Normalize(filePath);
        var b = Normalize(configured);
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A relative PhiInventoryPath names the file relative to some folder of the project.
        if (!IsRooted(b))
        {
            b = b.StartsWith("./", StringComparison.Ordinal) ? b.Substring(2) : b;
            return a.EndsWith("/" + b, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    private static int Depth(string path)
    {
        var depth = 0;
        foreach (var c in Normalize(path))
        {
            if (c == '/')
            {
                depth++;
            }
        }

        return depth;
    }

    private static string Normalize(string path) => path.Trim().Replace('\\', '/');

    private static bool IsRooted(string path)
        => path.StartsWith("/", StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':');
}
