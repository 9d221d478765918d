using System.Globalization;
using System.Text.Json;

namespace Citations.Tests.TestSupport;

/// <summary>
/// A small JSON Schema (2020-12) checker covering exactly the keywords our schemas use, so tests can validate files
/// offline. Any other keyword is an error: a schema must not rely on something this checker silently ignores.
/// </summary>
internal sealed class MiniJsonSchema
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "$defs"];
    private readonly JsonElement _root;

    public MiniJsonSchema(JsonElement root) => _root = root;

    public static MiniJsonSchema Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            var rule = keyword.Value;
            switch (keyword.Name)
            {
                case var a when Annotations.Contains(a):
                    break;
                case "$ref":
                    Check(Resolve(rule.GetString()!), value, path, errors);
                    break;
                case "oneOf":
                    var matches = rule.EnumerateArray().Count(option =>
                    {
                        var optionErrors = new List<string>();
                        Check(option, value, path, optionErrors);
                        return optionErrors.Count == 0;
                    });
                    if (matches != 1)
                    {
                        errors.Add($"{path}: matches {matches} of the oneOf schemas, not exactly one");
                    }

                    break;
                case "type":
                    var types = rule.ValueKind == JsonValueKind.Array ? rule.EnumerateArray().Select(t => t.GetString()!).ToArray() : [rule.GetString()!];
                    if (!types.Any(t => HasType(value, t)))
                    {
                        errors.Add($"{path}: expected {string.Join("|", types)}, got {value.ValueKind}");
                    }

                    break;
                case "enum":
                    if (!rule.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value)))
                    {
                        errors.Add($"{path}: {value.GetRawText()} is not in the enum");
                    }

                    break;
                case "const":
                    if (!JsonElement.DeepEquals(rule, value))
                    {
                        errors.Add($"{path}: expected {rule.GetRawText()}");
                    }

                    break;
                case "minimum":
                    if (value.ValueKind == JsonValueKind.Number && value.GetDouble() < rule.GetDouble())
                    {
                        errors.Add($"{path}: below {rule.GetRawText()}");
                    }

                    break;
                case "minLength":
                    if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length < rule.GetInt32())
                    {
                        errors.Add($"{path}: shorter than {rule.GetRawText()}");
                    }

                    break;
                case "required":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var name in rule.EnumerateArray().Select(r => r.GetString()!))
                        {
                            if (!value.TryGetProperty(name, out _))
                            {
                                errors.Add($"{path}: missing required '{name}'");
                            }
                        }
                    }

                    break;
                case "properties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in value.EnumerateObject())
                        {
                            if (rule.TryGetProperty(property.Name, out var propertySchema))
                            {
                                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (value.ValueKind == JsonValueKind.Object && rule.ValueKind == JsonValueKind.False)
                    {
                        var declared = schema.TryGetProperty("properties", out var p) ? p : default;
                        foreach (var property in value.EnumerateObject())
                        {
                            if (declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty(property.Name, out _))
                            {
                                errors.Add($"{path}: property '{property.Name}' is not allowed");
                            }
                        }
                    }

                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        var i = 0;
                        foreach (var element in value.EnumerateArray())
                        {
                            Check(rule, element, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), errors);
                        }
                    }

                    break;
                default:
                    throw new NotSupportedException($"MiniJsonSchema does not implement the keyword '{keyword.Name}' (at {path}).");
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/$defs/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local $defs references are supported, not '{reference}'.");
        }

        return _root.GetProperty("$defs").GetProperty(reference[prefix.Length..]);
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };
}
