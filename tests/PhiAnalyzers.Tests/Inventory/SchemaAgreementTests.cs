using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PhiGuard.Inventory;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhiAnalyzers.Tests.Inventory;

/// <summary>
/// schema/baa-inventory.schema.json and the validator agree. No JSON Schema package restores on the build machines
/// (JsonSchema.Net's dependencies are not served), so the files are checked two ways: a small interpreter of the
/// draft-07 keywords the schema uses (type, const, enum, required, properties, additionalProperties, items, pattern,
/// local $ref; it fails on any other keyword so it cannot silently ignore one), and a direct comparison of the
/// schema's keys and enums with the validator's constants. Each sample's first line says what both should say.
/// </summary>
public class SchemaAgreementTests
{
    private static readonly Lazy<JsonObject> Schema = new(() => (JsonObject)JsonNode.Parse(File.ReadAllText(SchemaPath()))!);

    public static IEnumerable<object[]> Samples()
        => Directory.GetFiles(SamplePath.Directory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void ThereAreEnoughSamples() => Assert.True(Samples().Count() >= 12);

    [Theory]
    [MemberData(nameof(Samples))]
    public void SchemaAndValidatorAgree(string name)
    {
        var text = File.ReadAllText(SamplePath.Of(name));
        var label = Regex.Match(text, @"^# expect: validator=(valid|warning|invalid) schema=(valid|invalid)");
        Assert.True(label.Success, name + " has no '# expect:' first line");

        var result = InventoryParser.Parse(text, name);
        var validator = result.HasErrors ? "invalid" : result.Problems.Count > 0 ? "warning" : "valid";
        Assert.True(label.Groups[1].Value == validator, name + ": validator says " + validator + ": " + string.Join("; ", result.Problems));

        var errors = new List<string>();
        Validate(Schema.Value, ToJson(text), "$", errors);
        var schema = errors.Count == 0 ? "valid" : "invalid";
        Assert.True(label.Groups[2].Value == schema, name + ": schema says " + schema + ": " + string.Join("; ", errors));

        // The schema is never stricter than the validator, and only rules it cannot express make it laxer.
        if (schema == "invalid")
        {
            Assert.NotEqual("valid", validator);
        }

        if (validator == "invalid" && schema == "valid")
        {
            Assert.StartsWith("semantic-", name);
        }
    }

    [Fact]
    public void SchemaKeysAndEnumsEqualTheValidatorConstants()
    {
        var root = Schema.Value;
        var vendor = Def(root, "vendor");
        var baa = (JsonObject)vendor["properties"]!["baa"]!;
        Assert.Equal(InventorySchema.TopLevelKeys, Keys(root));
        Assert.Equal(InventorySchema.RequiredTopLevelKeys, Strings(root["required"]));
        Assert.Equal(InventorySchema.VendorKeys.OrderBy(k => k), Keys(vendor).OrderBy(k => k));
        Assert.Equal(InventorySchema.RequiredVendorKeys, Strings(vendor["required"]));
        Assert.Equal(InventorySchema.BaaKeys, Keys(baa));
        Assert.Equal(InventorySchema.RequiredBaaKeys, Strings(baa["required"]));
        Assert.Equal(InventorySchema.StatusValues, Strings(baa["properties"]!["status"]!["enum"]));
        Assert.Equal(InventorySchema.PhiValues, Strings(vendor["properties"]!["phi"]!["enum"]));
        Assert.Equal(InventorySchema.SupportedVersion, (int)root["properties"]!["version"]!["const"]!);
        Assert.Equal(InventorySchema.VendorIdPattern, (string)vendor["properties"]!["id"]!["pattern"]!);
        Assert.Equal(InventorySchema.ClientTypePattern, (string)vendor["properties"]!["clients"]!["items"]!["pattern"]!);
        Assert.False((bool)root["additionalProperties"]!);
        Assert.False((bool)vendor["additionalProperties"]!);
        Assert.False((bool)baa["additionalProperties"]!);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("vertex-ai", true)]
    [InlineData("a.b_c-1", true)]
    [InlineData("-a", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void VendorIdPatternMatchesValidator(string id, bool valid)
    {
        Assert.Equal(valid, InventorySchema.IsVendorId(id));
        Assert.Equal(valid, Regex.IsMatch(id, InventorySchema.VendorIdPattern));
    }

    [Theory]
    [InlineData("OpenAI.Chat.ChatClient", true)]
    [InlineData("Outer+Inner", true)]
    [InlineData("A.B`2", true)]
    [InlineData("A..B", false)]
    [InlineData("A.1B", false)]
    [InlineData("A<T>", false)]
    [InlineData("A`", false)]
    public void ClientPatternMatchesValidator(string name, bool valid)
    {
        Assert.Equal(valid, InventorySchema.IsClientTypeName(name));
        Assert.Equal(valid, Regex.IsMatch(name, InventorySchema.ClientTypePattern));
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("*.example.com")]
    [InlineData("*-aiplatform.googleapis.com")]
    [InlineData("*")]
    [InlineData("**.example.com")]
    [InlineData("https://a.example")]
    [InlineData("a..example")]
    [InlineData("a.example:443")]
    [InlineData("a b.example")]
    public void HostPatternSchemaMatchesValidator(string host)
    {
        var pattern = (string)Def(Schema.Value, "vendor")["properties"]!["hosts"]!["items"]!["pattern"]!;
        Assert.Equal(HostPattern.TryCreate(host, out _, out _), Regex.IsMatch(host, pattern));
    }

    private static JsonObject Def(JsonObject root, string name) => (JsonObject)root["definitions"]![name]!;

    private static List<string> Keys(JsonObject schema) => ((JsonObject)schema["properties"]!).Select(p => p.Key).ToList();

    private static List<string> Strings(JsonNode? array) => ((JsonArray)array!).Select(n => (string)n!).ToList();

    // ---- a draft-07 subset interpreter ----
    private static readonly HashSet<string> Annotations = new() { "$schema", "$id", "title", "description", "definitions" };

    private static void Validate(JsonObject schema, JsonNode? value, string at, List<string> errors)
    {
        foreach (var (keyword, argument) in schema)
        {
            switch (keyword)
            {
                case "$ref":
                    var target = (string)argument!;
                    Assert.StartsWith("#/definitions/", target);
                    Validate(Def(Schema.Value, target.Substring("#/definitions/".Length)), value, at, errors);
                    break;
                case "type":
                    var types = argument is JsonArray a ? Strings(a) : new List<string> { (string)argument! };
                    if (!types.Any(t => HasType(value, t)))
                    {
                        errors.Add(at + ": not of type " + string.Join("|", types));
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(argument, value))
                    {
                        errors.Add(at + ": not " + argument!.ToJsonString());
                    }

                    break;
                case "enum":
                    var choices = (JsonArray)argument!;
                    if (!choices.Any(e => JsonNode.DeepEquals(e, value)))
                    {
                        errors.Add(at + ": not one of " + choices.ToJsonString());
                    }

                    break;
                case "pattern":
                    if (value is JsonValue sv && sv.TryGetValue<string>(out var s) && !Regex.IsMatch(s, (string)argument!))
                    {
                        errors.Add(at + ": '" + s + "' does not match " + argument);
                    }

                    break;
                case "required":
                    if (value is JsonObject ro)
                    {
                        foreach (var key in Strings(argument))
                        {
                            if (!ro.ContainsKey(key))
                            {
                                errors.Add(at + ": missing " + key);
                            }
                        }
                    }

                    break;
                case "properties":
                    if (value is JsonObject po)
                    {
                        foreach (var (key, sub) in (JsonObject)argument!)
                        {
                            if (po.TryGetPropertyValue(key, out var child))
                            {
                                Validate((JsonObject)sub!, child, at + "." + key, errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    Assert.False((bool)argument!);
                    if (value is JsonObject ao)
                    {
                        var known = schema["properties"] is JsonObject props ? props.Select(p => p.Key).ToHashSet() : new HashSet<string>();
                        foreach (var (key, _) in ao)
                        {
                            if (!known.Contains(key))
                            {
                                errors.Add(at + ": unknown " + key);
                            }
                        }
                    }

                    break;
                case "items":
                    if (value is JsonArray items)
                    {
                        for (var i = 0; i < items.Count; i++)
                        {
                            Validate((JsonObject)argument!, items[i], at + "[" + i + "]", errors);
                        }
                    }

                    break;
                default:
                    Assert.True(Annotations.Contains(keyword), "the test interpreter does not know keyword '" + keyword + "'");
                    break;
            }
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.TryGetValue<string>(out _),
        "boolean" => value is JsonValue v && v.TryGetValue<bool>(out _),
        "integer" => value is JsonValue v && v.TryGetValue<long>(out _),
        "number" => value is JsonValue v && (v.TryGetValue<long>(out _) || v.TryGetValue<double>(out _)),
        _ => throw new InvalidOperationException("unknown type " + type),
    };

    // ---- YAML to JSON with the YAML 1.2 core schema: plain ints, bools and nulls are typed, all else is a string ----
    private static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var o = new JsonObject();
                foreach (var pair in map.Children)
                {
                    o[((YamlScalarNode)pair.Key).Value!] = ToJson(pair.Value);
                }

                return o;
            case YamlSequenceNode seq:
                var a = new JsonArray();
                foreach (var item in seq.Children)
                {
                    a.Add(ToJson(item));
                }

                return a;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any)
                {
                    if (text is "" or "~" or "null" or "Null" or "NULL")
                    {
                        return null;
                    }

                    if (text is "true" or "false")
                    {
                        return JsonValue.Create(text == "true");
                    }

                    if (Regex.IsMatch(text, "^[-+]?[0-9]+$") && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    {
                        return JsonValue.Create(n);
                    }
                }

                return JsonValue.Create(text);
            default:
                throw new InvalidOperationException("unexpected node " + node.NodeType);
        }
    }

    private static string SchemaPath()
    {
        for (var dir = new DirectoryInfo(SamplePath.Directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schema", "baa-inventory.schema.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("schema/baa-inventory.schema.json");
    }
}
