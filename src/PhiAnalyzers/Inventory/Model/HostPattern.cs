using System;

namespace PhiGuard.Inventory
{
    /// <summary>
    /// A host name from <c>hosts:</c>, where <c>*</c> alone is exactly one DNS label
    /// (<c>bedrock-runtime.*.amazonaws.com</c>) and <c>*</c> inside a label is one or more characters of that
    /// label (<c>*-aiplatform.googleapis.com</c>). Matching ignores case and a trailing dot.
    /// </summary>
    internal sealed class HostPattern
    {
        private const int MaxHostLength = 253;
        private const int MaxLabelLength = 63;
        private readonly string[] _labels;

        private HostPattern(string text, string[] labels)
        {
            Text = text;
            _labels = labels;
        }

        public string Text { get; }

        /// <summary>Parses a pattern; on failure <paramref name="error"/> says why it is not a host pattern.</summary>
        public static bool TryCreate(string? text, out HostPattern? pattern, out string? error)
        {
            pattern = null;
            error = null;
            if (text == null || text.Trim().Length == 0)
            {
                error = "a host pattern may not be empty";
                return false;
            }

            var t = text.Trim();
            if (t.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                error = "give the host only, without a scheme such as 'https://'";
                return false;
            }

            if (t.IndexOf('/') >= 0 || t.IndexOf('?') >= 0 || t.IndexOf('#') >= 0)
            {
                error = "give the host only, without a path or query";
                return false;
            }

            if (t.IndexOf(':') >= 0)
            {
                error = "give the host only, without a port";
                return false;
            }

            if (t.EndsWith(".", StringComparison.Ordinal))
            {
                t = t.Substring(0, t.Length - 1);
            }

            if (t.Length == 0 || t.Length > MaxHostLength)
            {
                error = "a host name has 1 to 253 characters";
                return false;
            }

            var labels = t.Split('.');
            foreach (var label in labels)
            {
                if (label.Length == 0)
                {
                    error = "a host name may not have an empty label ('..' or a leading '.')";
                    return false;
                }

                if (label.Length > MaxLabelLength)
                {
                    error = "a DNS label has at most 63 characters";
                    return false;
                }

                foreach (var c in label)
                {
                    if (!(IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '*'))
                    {
                        error = "'" + c + "' may not appear in a host name (letters, digits, '-', '_' and '*' only)";
                        return false;
                    }
                }

                if (label.IndexOf("**", StringComparison.Ordinal) >= 0)
                {
                    error = "'**' is not supported: '*' stands for exactly one label or part of one";
                    return false;
                }
            }

            if (labels.Length == 1 && labels[0] == "*")
            {
                error = "'*' alone would match every host";
                return false;
            }

            pattern = new HostPattern(t, labels);
            return true;
        }

        /// <summary>True when <paramref name="host"/> (a host name, not a URL) matches this pattern.</summary>
        public bool Matches(string? host)
        {
            if (string.IsNullOrEmpty(host))
            {
                return false;
            }

            var h = host!.Trim();
            if (h.EndsWith(".", StringComparison.Ordinal))
            {
                h = h.Substring(0, h.Length - 1);
            }

            var labels = h.Split('.');
            if (labels.Length != _labels.Length)
            {
                return false;
            }

            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i].Length == 0 || !LabelMatches(_labels[i], labels[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() => Text;

        // '*' matches one or more characters within the label; everything else compares ignoring ASCII case.
        // match[i, j]: pattern[i..] matches label[j..]; filled from the end, so the cost is |pattern| * |label|.
        private static bool LabelMatches(string pattern, string label)
        {
            var match = new bool[pattern.Length + 1, label.Length + 1];
            match[pattern.Length, label.Length] = true;
            for (var i = pattern.Length - 1; i >= 0; i--)
            {
                for (var j = label.Length; j >= 0; j--)
                {
                    if (pattern[i] == '*')
                    {
                        // one character, then either the star ends or it goes on.
                        match[i, j] = j < label.Length && (match[i + 1, j + 1] || match[i, j + 1]);
                    }
                    else
                    {
                        match[i, j] = j < label.Length
                            && ToLowerAscii(pattern[i]) == ToLowerAscii(label[j])
                            && match[i + 1, j + 1];
                    }
                }
            }

            return match[0, 0];
        }

        private static bool IsAsciiLetterOrDigit(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        private static char ToLowerAscii(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
}
