using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhiGuard.Inventory
{
    /// <summary>
    /// Reads and validates <c>baa-inventory.yaml</c> text. The only YAML reader of PhiGuard; it does no file IO and
    /// never throws: every problem becomes an <see cref="InventoryProblem"/> with its position.
    /// </summary>
    internal static class InventoryParser
    {
        public static InventoryParseResult Parse(string? text, string? path)
        {
            var state = new State();
            BaaInventory inventory;
            try
            {
                inventory = ParseCore(text ?? string.Empty, state);
            }
            catch (YamlException ex)
            {
                state.Error(SyntaxMessage(ex), ex.Start, ex.End);
                inventory = BaaInventory.Empty;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // YamlDotNet may surface malformed input as other exception types; the file is still unreadable, not a crash.
                state.Problems.Add(new InventoryProblem(InventoryProblemSeverity.Error, "The inventory could not be read: " + ex.Message, 1, 1, 1, 1));
                inventory = BaaInventory.Empty;
            }

            return new InventoryParseResult(inventory, state.Problems.ToArray());
        }

        private static BaaInventory ParseCore(string text, State state)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
            {
                state.Problems.Add(new InventoryProblem(
                    InventoryProblemSeverity.Error,
                    "The inventory is empty: it needs 'version: 1' and a 'vendors:' list",
                    1, 1, 1, 1));
                return BaaInventory.Empty;
            }

            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode;
                state.Warning("Only the first YAML document of the inventory is read; remove the others ('---')", second.Start, second.End);
            }

            var root = stream.Documents[0].RootNode;
            if (!(root is YamlMappingNode map))
            {
                state.Error("The inventory must be a mapping with 'version' and 'vendors', not " + Describe(root), root.Start, root.End);
                return BaaInventory.Empty;
            }

            var version = 0;
            var versionSeen = false;
            var vendorsSeen = false;
            var drafts = new List<VendorDraft>();
            foreach (var pair in map.Children)
            {
                var key = KeyName(pair.Key, state);
                if (key == null)
                {
                    continue;
                }

                switch (key)
                {
                    case "version":
                        versionSeen = true;
                        version = ParseVersion(pair.Value, state);
                        break;
                    case "vendors":
                        vendorsSeen = true;
                        ParseVendors(pair.Value, state, drafts);
                        break;
                    default:
                        state.UnknownKey(key, pair.Key, InventorySchema.TopLevelKeys, "top-level key");
                        break;
                }
            }

            if (!versionSeen)
            {
                state.Error("Missing required key 'version' (write 'version: " + InventorySchema.SupportedVersion + "')", map.Start, FirstKeyEnd(map));
            }

            if (!vendorsSeen)
            {
                state.Error("Missing required key 'vendors' (the list of vendors and their BAAs)", map.Start, FirstKeyEnd(map));
            }

            MarkDuplicates(drafts, state);
            var vendors = new List<VendorEntry>(drafts.Count);
            foreach (var d in drafts)
            {
                vendors.Add(d.ToEntry());
            }

            return new BaaInventory(version, vendors);
        }

        private static int ParseVersion(YamlNode node, State state)
        {
            var text = Scalar(node);
            if (text == null || IsNull(node))
            {
                state.Error("'version' must be the number " + InventorySchema.SupportedVersion + ", not " + Describe(node), node.Start, node.End);
                return 0;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                state.Error("'version' must be the number " + InventorySchema.SupportedVersion + ", not '" + text + "'", node.Start, node.End);
                return 0;
            }

            if (version != InventorySchema.SupportedVersion)
            {
                state.Error(
                    "Unsupported inventory version " + version + ": this PhiGuard reads version " + InventorySchema.SupportedVersion,
                    node.Start,
                    node.End);
            }

            return version;
        }

        private static void ParseVendors(YamlNode node, State state, List<VendorDraft> drafts)
        {
            if (IsNull(node))
            {
                return;
            }

            if (!(node is YamlSequenceNode list))
            {
                state.Error("'vendors' must be a list of vendor entries ('- id: ...'), not " + Describe(node), node.Start, node.End);
                return;
            }

            foreach (var item in list.Children)
            {
                var draft = ParseVendor(item, state);
                if (draft != null)
                {
                    drafts.Add(draft);
                }
            }
        }

        private static VendorDraft? ParseVendor(YamlNode node, State state)
        {
            if (!(node is YamlMappingNode map))
            {
                state.Error("A vendor entry must be a mapping with 'id', 'baa' and 'phi', not " + Describe(node), node.Start, node.End);
                return null;
            }

            var errorsBefore = state.ErrorCount;
            var draft = new VendorDraft { Line = ToInt(node.Start.Line), Column = ToInt(node.Start.Column) };
            YamlNode? baaNode = null;
            YamlNode? phiNode = null;
            YamlNode? idNode = null;
            foreach (var pair in map.Children)
            {
                var key = KeyName(pair.Key, state);
                if (key == null)
                {
                    continue;
                }

                var value = pair.Value;
                switch (key)
                {
                    case "id":
                        idNode = value;
                        var id = RequireScalar(value, "id", state);
                        if (id != null)
                        {
                            if (InventorySchema.IsVendorId(id))
                            {
                                draft.Id = id;
                                draft.IdNode = value;
                            }
                            else
                            {
                                draft.Id = id;
                                state.Error(
                                    "Vendor id '" + id + "' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or digit",
                                    value.Start,
                                    value.End);
                            }
                        }

                        break;
                    case "name":
                        draft.Name = RequireScalar(value, "name", state);
                        break;
                    case "baa":
                        baaNode = pair.Key;
                        ParseBaa(value, pair.Key, state, draft);
                        break;
                    case "phi":
                        phiNode = pair.Key;
                        var phi = ParseChoice(value, "phi", "phi value", InventorySchema.PhiValues, state);
                        if (phi >= 0)
                        {
                            draft.Phi = (PhiPolicy)phi;
                        }

                        break;
                    case "hosts":
                        draft.Hosts = ParseList(value, "hosts", state, ValidateHost);
                        break;
                    case "clients":
                        draft.Clients = ParseList(value, "clients", state, ValidateClient);
                        break;
                    case "notes":
                        break;
                    default:
                        state.UnknownKey(key, pair.Key, InventorySchema.VendorKeys, "vendor key");
                        break;
                }
            }

            var entryEnd = FirstKeyEnd(map);
            if (idNode == null)
            {
                state.Error("Vendor entry has no 'id' (the name that [BaaCovered(\"...\")] uses)", map.Start, entryEnd);
            }

            var label = draft.Id.Length > 0 ? "Vendor '" + draft.Id + "'" : "Vendor entry";
            if (baaNode == null)
            {
                state.Error(label + " is missing required key 'baa.status' (" + string.Join(" | ", InventorySchema.StatusValues) + ")", map.Start, entryEnd);
            }

            if (phiNode == null)
            {
                state.Error(label + " is missing required key 'phi' (" + string.Join(" | ", InventorySchema.PhiValues) + ")", map.Start, entryEnd);
            }

            draft.IsValid = state.ErrorCount == errorsBefore;
            return draft;
        }

        private static void ParseBaa(YamlNode node, YamlNode keyNode, State state, VendorDraft draft)
        {
            if (!(node is YamlMappingNode map))
            {
                state.Error("'baa' must be a mapping with 'status' (and 'signed', 'expires'), not " + Describe(node), IsNull(node) ? keyNode.Start : node.Start, IsNull(node) ? keyNode.End : node.End);
                return;
            }

            var statusSeen = false;
            YamlNode? signedNode = null;
            YamlNode? expiresNode = null;
            foreach (var pair in map.Children)
            {
                var key = KeyName(pair.Key, state);
                if (key == null)
                {
                    continue;
                }

                var value = pair.Value;
                switch (key)
                {
                    case "status":
                        statusSeen = true;
                        var status = ParseChoice(value, "baa.status", "baa.status", InventorySchema.StatusValues, state);
                        if (status >= 0)
                        {
                            draft.Status = (BaaStatus)status;
                        }

                        break;
                    case "signed":
                        signedNode = value;
                        draft.Signed = ParseDate(value, "baa.signed", state);
                        break;
                    case "expires":
                        expiresNode = value;
                        draft.Expires = ParseDate(value, "baa.expires", state);
                        break;
                    default:
                        state.UnknownKey(key, pair.Key, InventorySchema.BaaKeys, "baa key");
                        break;
                }
            }

            if (!statusSeen)
            {
                state.Error(
                    "'baa' is missing required key 'status' (" + string.Join(" | ", InventorySchema.StatusValues) + ")",
                    keyNode.Start,
                    keyNode.End);
            }

            if (draft.Signed.HasValue && draft.Expires.HasValue && draft.Expires.Value < draft.Signed.Value && expiresNode != null)
            {
                state.Error(
                    "baa.expires " + Day(draft.Expires.Value) + " is before baa.signed " + Day(draft.Signed.Value),
                    expiresNode.Start,
                    expiresNode.End);
            }
        }

        private static DateTime? ParseDate(YamlNode node, string what, State state)
        {
            var text = RequireScalar(node, what, state);
            if (text == null)
            {
                return null;
            }

            if (text.Length == InventorySchema.DateFormat.Length
                && DateTime.TryParseExact(text, InventorySchema.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            state.Error("'" + what + "' must be a date written yyyy-MM-dd, not '" + text + "'", node.Start, node.End);
            return null;
        }

        private static IReadOnlyList<string> ParseList(YamlNode node, string what, State state, Func<string, string?> validate)
        {
            if (IsNull(node))
            {
                return Array.Empty<string>();
            }

            if (!(node is YamlSequenceNode list))
            {
                state.Error("'" + what + "' must be a list (e.g. " + what + ": [\"...\"]), not " + Describe(node), node.Start, node.End);
                return Array.Empty<string>();
            }

            var result = new List<string>();
            foreach (var item in list.Children)
            {
                var text = item is YamlScalarNode ? Scalar(item) : null;
                if (text == null || IsNull(item))
                {
                    state.Error("Each '" + what + "' entry must be a single value, not " + Describe(item), item.Start, item.End);
                    continue;
                }

                var error = validate(text);
                if (error != null)
                {
                    state.Error(error, item.Start, item.End);
                    continue;
                }

                result.Add(text.Trim());
            }

            return result;
        }

        private static string? ValidateHost(string text)
            => HostPattern.TryCreate(text, out _, out var why) ? null : "'" + text + "' is not a host pattern: " + why;

        private static string? ValidateClient(string text)
            => InventorySchema.IsClientTypeName(text.Trim())
                ? null
                : "'" + text + "' is not a fully qualified type name (e.g. OpenAI.Chat.ChatClient)";

        private static void MarkDuplicates(List<VendorDraft> drafts, State state)
        {
            var first = new Dictionary<string, VendorDraft>(StringComparer.OrdinalIgnoreCase);
            foreach (var d in drafts)
            {
                if (d.Id.Length == 0 || d.IdNode == null)
                {
                    continue;
                }

                if (first.TryGetValue(d.Id, out var original))
                {
                    // Which entry is meant is unclear, so neither covers anything.
                    original.IsValid = false;
                    d.IsValid = false;
                    state.Error(
                        "Duplicate vendor id '" + d.Id + "' (first defined at line " + original.IdNode!.Start.Line + "): neither entry covers anything until one is removed",
                        d.IdNode.Start,
                        d.IdNode.End);
                }
                else
                {
                    first.Add(d.Id, d);
                }
            }
        }

        private static string? KeyName(YamlNode key, State state)
        {
            if (key is YamlScalarNode scalar && scalar.Value != null)
            {
                return scalar.Value;
            }

            state.Error("Keys must be plain names, not " + Describe(key), key.Start, key.End);
            return null;
        }

        /// <summary>A scalar that must be one of <paramref name="choices"/>: its index, or -1 when absent or unknown (reported).</summary>
        private static int ParseChoice(YamlNode value, string key, string label, IReadOnlyList<string> choices, State state)
        {
            var text = RequireScalar(value, key, state);
            if (text == null)
            {
                return -1;
            }

            var index = InventorySchema.IndexOfChoice(choices, text);
            if (index < 0)
            {
                state.Error("Unknown " + label + " '" + text + "': expected one of " + string.Join(", ", choices) + Hint(text, choices), value.Start, value.End);
            }

            return index;
        }

        private static string? RequireScalar(YamlNode node, string what, State state)
        {
            if (node is YamlScalarNode && !IsNull(node))
            {
                return Scalar(node);
            }

            state.Error("'" + what + "' must be a single value, not " + Describe(node), node.Start, node.End);
            return null;
        }

        private static string? Scalar(YamlNode node) => node is YamlScalarNode s ? s.Value : null;

        /// <summary>An empty or <c>~</c>/<c>null</c> plain scalar: YAML's null.</summary>
        private static bool IsNull(YamlNode node)
        {
            if (!(node is YamlScalarNode s))
            {
                return false;
            }

            if (s.Style != ScalarStyle.Plain && s.Style != ScalarStyle.Any)
            {
                return false;
            }

            var v = s.Value;
            return string.IsNullOrEmpty(v) || v == "~" || v == "null" || v == "Null" || v == "NULL";
        }

        private static string Describe(YamlNode node)
        {
            if (node is YamlMappingNode)
            {
                return "a mapping";
            }

            if (node is YamlSequenceNode)
            {
                return "a list";
            }

            if (IsNull(node))
            {
                return "an empty value";
            }

            return "'" + Scalar(node) + "'";
        }

        private static Mark FirstKeyEnd(YamlMappingNode map)
        {
            foreach (var pair in map.Children)
            {
                return pair.Key.End;
            }

            return map.End;
        }

        private static string Hint(string value, IReadOnlyList<string> choices)
        {
            var close = Spelling.Closest(value, choices);
            return close == null ? string.Empty : " (did you mean '" + close + "'?)";
        }

        private static int ToInt(long value) => value < 1 ? 1 : value > int.MaxValue ? int.MaxValue : (int)value;

        private static string Day(DateTime d) => d.ToString(InventorySchema.DateFormat, CultureInfo.InvariantCulture);

        private static string SyntaxMessage(YamlException ex)
        {
            // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is in the location.
            var message = ex.Message ?? "syntax error";
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0)
            {
                message = message.Substring(cut + 3);
            }

            var inner = ex.InnerException;
            if (inner != null && !string.IsNullOrEmpty(inner.Message) && message.IndexOf(inner.Message, StringComparison.Ordinal) < 0)
            {
                message += ": " + inner.Message;
            }

            return "YAML syntax error: " + message.Trim();
        }

        private sealed class State
        {
            public List<InventoryProblem> Problems { get; } = new List<InventoryProblem>();

            public int ErrorCount { get; private set; }

            public void Error(string message, Mark start, Mark end)
            {
                ErrorCount++;
                Problems.Add(new InventoryProblem(InventoryProblemSeverity.Error, message, ToInt(start.Line), ToInt(start.Column), ToInt(end.Line), ToInt(end.Column)));
            }

            public void Warning(string message, Mark start, Mark end)
                => Problems.Add(new InventoryProblem(InventoryProblemSeverity.Warning, message, ToInt(start.Line), ToInt(start.Column), ToInt(end.Line), ToInt(end.Column)));

            public void UnknownKey(string key, YamlNode keyNode, IReadOnlyList<string> known, string kind)
            {
                var close = Spelling.Closest(key, known);
                var hint = close == null
                    ? " (known: " + string.Join(", ", known) + ")"
                    : " (did you mean '" + close + "'?)";
                Warning("Unknown " + kind + " '" + key + "'" + hint + "; it is ignored", keyNode.Start, keyNode.End);
            }
        }

        private sealed class VendorDraft
        {
            public string Id = string.Empty;
            public YamlNode? IdNode;
            public string? Name;
            public BaaStatus Status = BaaStatus.None;
            public DateTime? Signed;
            public DateTime? Expires;
            public PhiPolicy Phi = PhiPolicy.Forbidden;
            public IReadOnlyList<string> Hosts = Array.Empty<string>();
            public IReadOnlyList<string> Clients = Array.Empty<string>();
            public bool IsValid;
            public int Line;
            public int Column;

            public VendorEntry ToEntry()
                => new VendorEntry(Id, Name, Status, Signed, Expires, Phi, Hosts, Clients, IsValid, Line, Column);
        }
    }
}
