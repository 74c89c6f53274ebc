using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
#if NET6_0_OR_GREATER
using System.Runtime.CompilerServices;
#endif

namespace PhiGuard;

/// <summary>
/// A prompt whose PHI parts are marked. Literal text is instruction and goes to every vendor as it is; each PHI part is
/// sent as it is to vendors allowed to receive PHI and as a token (<c>PHI_NAME_...</c>) to de-identified-only vendors.
/// <para>
/// On .NET 6+: <c>PhiPrompt.From($"Summarize the history of {patient.Name:Name}, age {PhiPrompt.NotPhi(age)}")</c>. Every
/// interpolated value is PHI, unless it is wrapped in <see cref="NotPhi"/> or has the format <c>notphi</c>; a format
/// that names a <see cref="PhiKind"/> (e.g. <c>:Name</c>, <c>:Ssn</c>) sets the kind, any other format formats the value
/// (invariant culture). On every target: <c>PhiPrompt.Create().Text("Summarize ").Phi(name, PhiKind.Name).Build()</c>.
/// </para>
/// <see cref="ToString"/> shows PHI parts as <c>[REDACTED]</c>, so a prompt that reaches a log by mistake leaks nothing.
/// </summary>
public sealed class PhiPrompt
{
    private readonly PhiPromptValue[] _segments;

    internal PhiPrompt(PhiPromptValue[] segments)
    {
        _segments = segments;
        var kinds = new List<PhiKind>();
        foreach (var s in segments)
        {
            if (s.IsPhi)
            {
                ContainsPhi = true;
                if (!kinds.Contains(s.Kind)) kinds.Add(s.Kind);
            }
        }
        PhiKinds = kinds;
    }

    /// <summary>True when at least one part is PHI.</summary>
    public bool ContainsPhi { get; }

    /// <summary>The distinct kinds of the PHI parts.</summary>
    public IReadOnlyList<PhiKind> PhiKinds { get; }

    /// <summary>Starts a prompt built part by part.</summary>
    public static PhiPromptBuilder Create() => new();

#if NET6_0_OR_GREATER
    /// <summary>A prompt from an interpolated string: literal text is instruction, interpolated values are PHI.</summary>
    public static PhiPrompt From(PhiPromptHandler prompt) => prompt.Build();
#endif

    /// <summary>Marks an interpolated value as not PHI (e.g. a unit, a count, a code list).</summary>
    public static PhiPromptValue NotPhi(object? value) => new(Format(value, null), isPhi: false, PhiKind.Unspecified);

    /// <summary>Marks an interpolated value as PHI of the given kind.</summary>
    public static PhiPromptValue Phi(object? value, PhiKind kind = PhiKind.Unspecified) => new(Format(value, null), isPhi: true, kind);

    /// <summary>The full text with PHI as it is (only for vendors allowed to receive PHI).</summary>
    [return: Phi]
    public string ToTextWithPhi()
    {
        var sb = new StringBuilder();
        foreach (var s in _segments) sb.Append(s.Text);
        return sb.ToString();
    }

    /// <summary>The text with every PHI part replaced by its token.</summary>
    public string ToDeidentifiedText(IPhiTokenizer tokenizer)
    {
        if (tokenizer is null) throw new ArgumentNullException(nameof(tokenizer));
        var sb = new StringBuilder();
        foreach (var s in _segments)
        {
            if (!s.IsPhi) sb.Append(s.Text);
            else if (tokenizer is PhiTokenizer phiTokenizer) sb.Append(phiTokenizer.Tokenize(s.Text ?? "", s.Kind));
            else sb.Append(tokenizer.Tokenize(s.Text ?? ""));
        }
        return sb.ToString();
    }

    /// <summary>The text with PHI parts shown as <c>[REDACTED]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var s in _segments) sb.Append(s.IsPhi ? PhiRedaction.Redacted : s.Text);
        return sb.ToString();
    }

    internal static string Format<T>(T value, string? format)
    {
        if (value is null) return "";
        if (value is IFormattable formattable) return formattable.ToString(format, CultureInfo.InvariantCulture);
        return value.ToString() ?? "";
    }
}

/// <summary>One part of a <see cref="PhiPrompt"/>: text, and whether it is PHI.</summary>
public readonly struct PhiPromptValue
{
    internal PhiPromptValue(string? text, bool isPhi, PhiKind kind)
    {
        Text = text ?? "";
        IsPhi = isPhi;
        Kind = kind;
    }

    internal string Text { get; }

    internal bool IsPhi { get; }

    internal PhiKind Kind { get; }

    /// <summary>Redacted when PHI.</summary>
    public override string ToString() => IsPhi ? PhiRedaction.Redacted : Text;
}

/// <summary>Builds a <see cref="PhiPrompt"/> part by part (works on every target framework).</summary>
public sealed class PhiPromptBuilder
{
    private readonly List<PhiPromptValue> _segments = new();

    /// <summary>Instruction text (not PHI).</summary>
    public PhiPromptBuilder Text(string? text)
    {
        if (!string.IsNullOrEmpty(text)) _segments.Add(new PhiPromptValue(text, isPhi: false, PhiKind.Unspecified));
        return this;
    }

    /// <summary>A PHI value. A null value adds nothing.</summary>
    public PhiPromptBuilder Phi(string? value, PhiKind kind = PhiKind.Unspecified)
    {
        if (value is not null) _segments.Add(new PhiPromptValue(value, isPhi: true, kind));
        return this;
    }

    /// <summary>A value that is data but not PHI.</summary>
    public PhiPromptBuilder NotPhi(string? value)
    {
        if (!string.IsNullOrEmpty(value)) _segments.Add(new PhiPromptValue(value, isPhi: false, PhiKind.Unspecified));
        return this;
    }

    /// <summary>A part made with <see cref="PhiPrompt.Phi"/> or <see cref="PhiPrompt.NotPhi"/>.</summary>
    public PhiPromptBuilder Add(PhiPromptValue value)
    {
        _segments.Add(value);
        return this;
    }

    public PhiPrompt Build() => new(_segments.ToArray());
}

#if NET6_0_OR_GREATER
/// <summary>Interpolated string handler behind <see cref="PhiPrompt.From"/>.</summary>
[InterpolatedStringHandler]
public ref struct PhiPromptHandler
{
    private readonly PhiPromptBuilder _builder;

    public PhiPromptHandler(int literalLength, int formattedCount)
    {
        _builder = new PhiPromptBuilder();
    }

    public void AppendLiteral(string value) => _builder.Text(value);

    public void AppendFormatted(PhiPromptValue value) => _builder.Add(value);

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        if (value is PhiPromptValue part)
        {
            _builder.Add(part);
            return;
        }
        if (format is not null && string.Equals(format, "notphi", StringComparison.OrdinalIgnoreCase))
        {
            _builder.NotPhi(PhiPrompt.Format(value, null));
            return;
        }
        if (TryParseKind(format, out var kind))
        {
            _builder.Phi(PhiPrompt.Format(value, null), kind);
            return;
        }
        _builder.Phi(PhiPrompt.Format(value, format), PhiKind.Unspecified);
    }

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        // Alignment pads the formatted value; padding is applied to the value itself (it is still one part).
        if (value is PhiPromptValue || (format is not null && (string.Equals(format, "notphi", StringComparison.OrdinalIgnoreCase) || TryParseKind(format, out _))))
        {
            AppendFormatted(value, format);
            return;
        }
        var text = PhiPrompt.Format(value, format);
        text = alignment >= 0 ? text.PadLeft(alignment) : text.PadRight(-alignment);
        _builder.Phi(text, PhiKind.Unspecified);
    }

    internal PhiPrompt Build() => _builder.Build();

    private static bool TryParseKind(string? format, out PhiKind kind)
    {
        kind = PhiKind.Unspecified;
        if (string.IsNullOrEmpty(format) || !char.IsLetter(format[0])) return false;
        return Enum.TryParse(format, ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }
}
#endif
