using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Serialization;

/// <summary>
/// Checks a JSON document against the contract of a source-generated serializer before deserializing it: every value
/// of the wrong JSON type and every unknown property is reported, with its path, instead of the serializer stopping at
/// the first. Embedded CSL items are read leniently with <see cref="CslItemReader"/> so their problems get exact paths
/// too. The contract is the source-generated metadata, so the check needs no reflection and cannot drift from the
/// serializer.
/// </summary>
internal sealed class JsonShapeChecker
{
    private readonly JsonSerializerOptions _options;
    private readonly JsonPositionIndex _index;
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly JsonReaderOptions _readerOptions;
    private readonly List<Diagnostic> _diagnostics;

    public JsonShapeChecker(JsonSerializerOptions options, JsonPositionIndex index, ReadOnlyMemory<byte> utf8, JsonReaderOptions readerOptions, List<Diagnostic> diagnostics)
    {
        _options = options;
        _index = index;
        _utf8 = utf8;
        _readerOptions = readerOptions;
        _diagnostics = diagnostics;
    }

    /// <summary>Checks the document; returns whether it has no errors of shape (warnings do not count).</summary>
    public bool Check(JsonElement root, JsonTypeInfo rootType)
    {
        var before = _diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        Check(root, rootType, "$");
        return _diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) == before;
    }

    private void Check(JsonElement value, JsonTypeInfo type, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            // Every property of the file format is nullable: whether a value is required is the mapper's business.
            return;
        }

        var clrType = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (Expect(value, JsonValueKind.Object, "an object", path))
                {
                    CheckObject(value, type, path);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                if (Expect(value, JsonValueKind.Array, "an array", path))
                {
                    var elementType = _options.GetTypeInfo(type.ElementType!);
                    var i = 0;
                    foreach (var element in value.EnumerateArray())
                    {
                        Check(element, elementType, JsonPath.Index(path, i++));
                    }
                }

                break;
            default:
                CheckScalar(value, clrType, path);
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonTypeInfo type, string path)
    {
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = JsonPath.Property(path, property.Name);
            var info = type.Properties.FirstOrDefault(p => p.Name == property.Name);
            if (info is null)
            {
                var near = type.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                var hint = near is null
                    ? $" Known properties: {string.Join(", ", type.Properties.Select(p => p.Name))}."
                    : $" Did you mean '{near.Name}'? Names are case-sensitive.";
                _diagnostics.Add(_index.Create(DiagnosticSeverity.Warning, DiagnosticCodes.UnknownProperty,
                    $"Unknown property '{property.Name}'; it is ignored.{hint}", propertyPath));
                continue;
            }

            Check(property.Value, _options.GetTypeInfo(info.PropertyType), propertyPath);
        }
    }

    private void CheckScalar(JsonElement value, Type type, string path)
    {
        if (type == typeof(string))
        {
            Expect(value, JsonValueKind.String, "a string", path);
        }
        else if (type == typeof(int))
        {
            if (Expect(value, JsonValueKind.Number, "a whole number", path) && !value.TryGetInt32(out _))
            {
                _diagnostics.Add(_index.Create(DiagnosticSeverity.Error, DiagnosticCodes.WrongType,
                    $"Expected a whole number, not {value.GetRawText()}.", path));
            }
        }
        else if (type == typeof(CslItem))
        {
            if (Expect(value, JsonValueKind.Object, "a CSL-JSON item (an object)", path))
            {
                ReadCslItem(path);
            }
        }
        else if (type != typeof(JsonElement))
        {
            throw new InvalidOperationException($"The shape checker does not know the type {type.Name}; teach it.");
        }
    }

    private void ReadCslItem(string path)
    {
        // Read the item where it stands in the file, so CSL problems get their own path, line and column.
        var start = _index.OffsetOf(path);
        var reader = new Utf8JsonReader(_utf8.Span[(int)start..], _readerOptions);
        reader.Read();
        var cslReader = new CslItemReader((severity, code, message, itemPath, offset) =>
            _diagnostics.Add(new Diagnostic(severity, code, message, _index.Locate(itemPath, start + offset))));
        cslReader.ReadItem(ref reader, path);
    }

    private bool Expect(JsonElement value, JsonValueKind kind, string description, string path)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        _diagnostics.Add(_index.Create(DiagnosticSeverity.Error, DiagnosticCodes.WrongType,
            $"Expected {description}, not {Describe(value.ValueKind)}.", path));
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
