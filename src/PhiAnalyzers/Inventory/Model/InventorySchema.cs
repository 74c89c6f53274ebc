using System.Collections.Generic;

namespace PhiGuard.Inventory
{
    /// <summary>
    /// The words of <c>baa-inventory.yaml</c>: keys, enum values and formats. The validator uses them and a test
    /// checks that <c>schema/baa-inventory.schema.json</c> says the same.
    /// </summary>
    internal static class InventorySchema
    {
        public const int SupportedVersion = 1;

        public const string DateFormat = "yyyy-MM-dd";

        public static readonly IReadOnlyList<string> TopLevelKeys = new[] { "version", "vendors" };

        public static readonly IReadOnlyList<string> RequiredTopLevelKeys = new[] { "version", "vendors" };

        public static readonly IReadOnlyList<string> VendorKeys = new[] { "id", "name", "baa", "phi", "hosts", "clients", "notes" };

        public static readonly IReadOnlyList<string> RequiredVendorKeys = new[] { "id", "baa", "phi" };

        public static readonly IReadOnlyList<string> BaaKeys = new[] { "status", "signed", "expires" };

        public static readonly IReadOnlyList<string> RequiredBaaKeys = new[] { "status" };

        /// <summary>The <c>baa.status</c> values, in the order of <see cref="BaaStatus"/>.</summary>
        public static readonly IReadOnlyList<string> StatusValues = new[] { "signed", "pending", "none", "terminated" };

        /// <summary>The <c>phi</c> values, in the order of <see cref="PhiPolicy"/>.</summary>
        public static readonly IReadOnlyList<string> PhiValues = new[] { "allowed", "deidentified-only", "forbidden" };

        /// <summary>A vendor id: a letter or digit, then letters, digits, '.', '_' or '-'.</summary>
        public const string VendorIdPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

        /// <summary>A fully qualified type name: identifiers joined by '.' (or '+' for nested types), optional generic arity.</summary>
        public const string ClientTypePattern = "^[A-Za-z_][A-Za-z0-9_]*([.+][A-Za-z_][A-Za-z0-9_]*)*(`[0-9]+)?$";

        public static string StatusText(BaaStatus status) => StatusValues[(int)status];

        public static string PhiText(PhiPolicy phi) => PhiValues[(int)phi];

        /// <summary>The position of <paramref name="text"/> among <paramref name="choices"/> (exact match), or -1.</summary>
        public static int IndexOfChoice(IReadOnlyList<string> choices, string? text)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (text == choices[i])
                {
                    return i;
                }
            }

            return -1;
        }

        public static bool TryParseStatus(string? text, out BaaStatus status)
        {
            var index = IndexOfChoice(StatusValues, text);
            status = index >= 0 ? (BaaStatus)index : BaaStatus.None;
            return index >= 0;
        }

        public static bool TryParsePhi(string? text, out PhiPolicy phi)
        {
            var index = IndexOfChoice(PhiValues, text);
            phi = index >= 0 ? (PhiPolicy)index : PhiPolicy.Forbidden;
            return index >= 0;
        }

        public static bool IsVendorId(string? text)
        {
            if (string.IsNullOrEmpty(text) || !IsIdStart(text![0]))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (!(IsIdStart(c) || c == '.' || c == '_' || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsClientTypeName(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            var s = text!;
            var tick = s.IndexOf('`');
            if (tick >= 0)
            {
                var arity = s.Substring(tick + 1);
                if (arity.Length == 0)
                {
                    return false;
                }

                foreach (var c in arity)
                {
                    if (c < '0' || c > '9')
                    {
                        return false;
                    }
                }

                s = s.Substring(0, tick);
            }

            foreach (var part in s.Split('.', '+'))
            {
                if (part.Length == 0 || char.IsDigit(part[0]))
                {
                    return false;
                }

                foreach (var c in part)
                {
                    if (!(IsIdStart(c) || c == '_'))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsIdStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
