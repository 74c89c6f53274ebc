using System;
using System.Collections.Generic;
using System.Globalization;

namespace PhiGuard.Inventory
{
    /// <summary>The <c>baa.status</c> of a vendor.</summary>
    internal enum BaaStatus
    {
        Signed,
        Pending,
        None,
        Terminated,
    }

    /// <summary>The <c>phi</c> policy of a vendor (yaml: <c>allowed | deidentified-only | forbidden</c>).</summary>
    internal enum PhiPolicy
    {
        Allowed,
        DeidentifiedOnly,
        Forbidden,
    }

    /// <summary>What a vendor may receive on a given day, all of its entry considered.</summary>
    internal enum PhiPermission
    {
        Allowed,
        DeidentifiedOnly,
        Forbidden,
    }

    /// <summary>One vendor of the inventory. An invalid entry covers nothing.</summary>
    internal sealed class VendorEntry
    {
        private readonly HostPattern[] _hostPatterns;

        public VendorEntry(
            string id,
            string? name,
            BaaStatus status,
            DateTime? signed,
            DateTime? expires,
            PhiPolicy phi,
            IReadOnlyList<string> hosts,
            IReadOnlyList<string> clients,
            bool isValid,
            int line,
            int column)
        {
            Id = id ?? string.Empty;
            Name = name;
            Status = status;
            Signed = signed;
            Expires = expires;
            Phi = phi;
            Hosts = hosts ?? Array.Empty<string>();
            Clients = clients ?? Array.Empty<string>();
            IsValid = isValid;
            Line = line;
            Column = column;
            var patterns = new List<HostPattern>();
            foreach (var h in Hosts)
            {
                if (HostPattern.TryCreate(h, out var p, out _))
                {
                    patterns.Add(p!);
                }
            }

            _hostPatterns = patterns.ToArray();
        }

        /// <summary>The id that <c>[BaaCovered("id")]</c> names (empty when the entry has none).</summary>
        public string Id { get; }

        public string? Name { get; }

        /// <summary>The BAA status; <see cref="BaaStatus.None"/> when missing or unknown (the entry is then invalid).</summary>
        public BaaStatus Status { get; }

        public DateTime? Signed { get; }

        /// <summary>The last day the BAA is in force; null means no expiry.</summary>
        public DateTime? Expires { get; }

        /// <summary>The phi policy; <see cref="PhiPolicy.Forbidden"/> when missing or unknown (the entry is then invalid).</summary>
        public PhiPolicy Phi { get; }

        public IReadOnlyList<string> Hosts { get; }

        public IReadOnlyList<string> Clients { get; }

        /// <summary>False when the entry had an error-level problem: it then covers nothing.</summary>
        public bool IsValid { get; }

        /// <summary>1-based line of the entry in the inventory file.</summary>
        public int Line { get; }

        /// <summary>1-based column of the entry in the inventory file.</summary>
        public int Column { get; }

        /// <summary>The display name: <see cref="Name"/> when given, else <see cref="Id"/>.</summary>
        public string DisplayName => string.IsNullOrEmpty(Name) ? Id : Name!;

        /// <summary>True when the BAA has an expiry date and <paramref name="today"/> is past it.</summary>
        public bool IsExpired(DateTime today) => Expires.HasValue && today.Date > Expires.Value.Date;

        /// <summary>Whole days from <paramref name="today"/> to the expiry date (0 on the last day); null when there is no expiry.</summary>
        public int? DaysUntilExpiry(DateTime today)
            => Expires.HasValue ? (int)(Expires.Value.Date - today.Date).TotalDays : (int?)null;

        /// <summary>What this vendor may receive on <paramref name="today"/>.</summary>
        public PhiPermission Evaluate(DateTime today)
        {
            if (!IsValid || Status != BaaStatus.Signed || IsExpired(today))
            {
                return PhiPermission.Forbidden;
            }

            switch (Phi)
            {
                case PhiPolicy.Allowed:
                    return PhiPermission.Allowed;
                case PhiPolicy.DeidentifiedOnly:
                    return PhiPermission.DeidentifiedOnly;
                default:
                    return PhiPermission.Forbidden;
            }
        }

        /// <summary>Why <see cref="Evaluate"/> gives what it gives, in words for a diagnostic message.</summary>
        public string Explain(DateTime today)
        {
            if (!IsValid)
            {
                return "its inventory entry is invalid (see PHI006), so it covers nothing";
            }

            if (Status != BaaStatus.Signed)
            {
                return "BAA status is '" + InventorySchema.StatusText(Status) + "'";
            }

            if (IsExpired(today))
            {
                return "BAA expired on " + Expires!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            switch (Phi)
            {
                case PhiPolicy.Allowed:
                    return "BAA is signed and allows PHI";
                case PhiPolicy.DeidentifiedOnly:
                    return "phi is 'deidentified-only': it accepts only de-identified data";
                default:
                    return "phi is 'forbidden'";
            }
        }

        /// <summary>True when one of <see cref="Hosts"/> matches <paramref name="host"/>.</summary>
        public bool MatchesHost(string host)
        {
            foreach (var p in _hostPatterns)
            {
                if (p.Matches(host))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when one of <see cref="Clients"/> is <paramref name="fullTypeName"/> (nested types may use '+' or '.').</summary>
        public bool MatchesClientType(string fullTypeName)
        {
            if (string.IsNullOrEmpty(fullTypeName))
            {
                return false;
            }

            var wanted = fullTypeName.Replace('+', '.');
            foreach (var c in Clients)
            {
                if (string.Equals(c.Replace('+', '.'), wanted, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public override string ToString() => Id;
    }
}
