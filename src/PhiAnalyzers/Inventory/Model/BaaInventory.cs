using System;
using System.Collections.Generic;

namespace PhiGuard.Inventory
{
    /// <summary>The validated, immutable model of <c>baa-inventory.yaml</c>.</summary>
    internal sealed class BaaInventory
    {
        public static readonly BaaInventory Empty = new BaaInventory(0, Array.Empty<VendorEntry>());

        public BaaInventory(int version, IReadOnlyList<VendorEntry> vendors)
        {
            Version = version;
            Vendors = vendors ?? Array.Empty<VendorEntry>();
        }

        /// <summary>The <c>version</c> key (0 when missing or not a number).</summary>
        public int Version { get; }

        /// <summary>Every vendor entry in file order, valid or not.</summary>
        public IReadOnlyList<VendorEntry> Vendors { get; }

        /// <summary>The first entry (valid or not) whose id equals <paramref name="id"/>, ignoring case.</summary>
        public VendorEntry? Find(string id)
        {
            if (string.IsNullOrEmpty(id))
            {
                return null;
            }

            foreach (var v in Vendors)
            {
                if (string.Equals(v.Id, id, StringComparison.OrdinalIgnoreCase))
                {
                    return v;
                }
            }

            return null;
        }

        /// <summary>
        /// The vendor whose <c>hosts</c> match <paramref name="host"/>. A valid entry wins over an invalid one;
        /// otherwise the first in file order.
        /// </summary>
        public VendorEntry? FindByHost(string host)
        {
            if (string.IsNullOrEmpty(host))
            {
                return null;
            }

            VendorEntry? invalid = null;
            foreach (var v in Vendors)
            {
                if (v.MatchesHost(host))
                {
                    if (v.IsValid)
                    {
                        return v;
                    }

                    invalid ??= v;
                }
            }

            return invalid;
        }

        /// <summary>
        /// The vendor whose <c>clients</c> list <paramref name="fullTypeName"/> (e.g. <c>OpenAI.Chat.ChatClient</c>).
        /// A valid entry wins over an invalid one; otherwise the first in file order.
        /// </summary>
        public VendorEntry? FindByClientType(string fullTypeName)
        {
            VendorEntry? invalid = null;
            foreach (var v in Vendors)
            {
                if (v.MatchesClientType(fullTypeName))
                {
                    if (v.IsValid)
                    {
                        return v;
                    }

                    invalid ??= v;
                }
            }

            return invalid;
        }

        /// <summary>The id closest in spelling to <paramref name="id"/>, for "did you mean" hints; null when none is close.</summary>
        public string? SuggestId(string id)
        {
            var ids = new List<string>();
            foreach (var v in Vendors)
            {
                if (v.Id.Length > 0)
                {
                    ids.Add(v.Id);
                }
            }

            return Spelling.Closest(id, ids);
        }
    }
}
