using System;
using System.Collections.Generic;

namespace PhiGuard.Inventory
{
    /// <summary>"Did you mean" hints: the closest candidate by edit distance, if it is close enough.</summary>
    internal static class Spelling
    {
        public static string? Closest(string? word, IEnumerable<string> candidates)
        {
            if (string.IsNullOrEmpty(word))
            {
                return null;
            }

            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var c in candidates)
            {
                if (string.Equals(c, word, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var d = Distance(word!.ToLowerInvariant(), c.ToLowerInvariant());
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = c;
                }
            }

            // Allow roughly one edit per three characters, at least one, at most three.
            var limit = Math.Max(1, Math.Min(3, word!.Length / 3));
            return bestDistance <= limit ? best : null;
        }

        /// <summary>Levenshtein distance (insert, delete, substitute), two rows.</summary>
        public static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
