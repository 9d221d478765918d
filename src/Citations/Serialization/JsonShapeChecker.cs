using System.Globalization;
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
/// <remarks>
/// The checker also writes a repaired copy of the document — each faulty value replaced by <c>null</c> in place, unknown
/// properties left out — which the serializer can always read. The mapper then reports what is missing from the rest, so
/// one run finds every problem; <see cref="Repaired"/> lists the paths already reported, so they are not reported twice.
/// Embedded CSL items are read once, here, and handed over in <see cref="Items"/>: the repaired copy holds <c>null</c>
/// in their place.
/// </remarks>
internal sealed class JsonShapeChecker
{
    private readonly JsonSerializerOptions _options;
    private readonly JsonPositionIndex _index;
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly JsonReaderOptions _readerOptions;
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<string, CslItem> _items = new(StringComparer.Ordinal);

    public JsonShapeChecker(JsonSerializerOptions options, JsonPositionIndex index, ReadOnlyMemory<byte> utf8, JsonReaderOptions readerOptions, List<Diagnostic> diagnostics)
    {
        _options = options;
        _index = index;
        _utf8 = utf8;
        _readerOptions = readerOptions;
        _diagnostics = diagnostics;
    }

    /// <summary>The paths whose values were replaced by <c>null</c> in the repaired copy, because they were reported.</summary>
    public HashSet<string> Repaired { get; } = new(StringComparer.Ordinal);

    /// <summary>The CSL items read without errors, by JSON path. The repaired copy has <c>null</c> in their place.</summary>
    public IReadOnlyDictionary<string, CslItem> Items => _items;

    /// <summary>Checks the document and writes the repaired copy to <paramref name="output"/>.</summary>
    public void Check(JsonElement root, JsonTypeInfo rootType, Utf8JsonWriter output) => Check(root, rootType, "$", output);

    private void Check(JsonElement value, JsonTypeInfo type, string path, Utf8JsonWriter output)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            // Every property of the file format is nullable: whether a value is required is the mapper's business.
            output.WriteNullValue();
            return;
        }

        var clrType = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (Expect(value, JsonValueKind.Object, "an object", path, output))
                {
                    CheckObject(value, type, path, output);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                if (Expect(value, JsonValueKind.Array, "an array", path, output))
                {
                    var elementType = _options.GetTypeInfo(type.ElementType!);
                    var i = 0;
                    output.WriteStartArray();
                    foreach (var element in value.EnumerateArray())
                    {
                        Check(element, elementType, JsonPath.Index(path, i++), output);
                    }

                    output.WriteEndArray();
                }

                break;
            default:
                CheckScalar(value, clrType, path, output);
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonTypeInfo type, string path, Utf8JsonWriter output)
    {
        output.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            if (!TryGetName(property, out var name))
            {
                // A name that is no text matches no property of the format: reported and left out.
                if (_index.NextUndecodableName(path) is { } undecodable)
                {
                    _diagnostics.Add(_index.Create(DiagnosticSeverity.Error, DiagnosticCodes.UnpairedSurrogate, undecodable.String.Message("the property was ignored"), undecodable.Path));
                }

                continue;
            }

            var propertyPath = JsonPath.Property(path, name);
            var info = type.Properties.FirstOrDefault(p => p.Name == name);
            if (info is null)
            {
                var near = type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                var hint = near is null
                    ? $" Known properties: {string.Join(", ", type.Properties.Select(p => p.Name))}."
                    : $" Did you mean '{near.Name}'? Names are case-sensitive.";
                _diagnostics.Add(_index.Create(DiagnosticSeverity.Warning, DiagnosticCodes.UnknownProperty,
                    $"Unknown property '{name}'; it is ignored.{hint}", propertyPath));
                continue;
            }

            output.WritePropertyName(name);
            Check(property.Value, _options.GetTypeInfo(info.PropertyType), propertyPath, output);
        }

        output.WriteEndObject();
    }

    private void CheckScalar(JsonElement value, Type type, string path, Utf8JsonWriter output)
    {
        if (type == typeof(string))
        {
            if (Expect(value, JsonValueKind.String, "a string", path, output))
            {
                if (_index.UndecodableAt(path) is { } undecodable)
                {
                    _diagnostics.Add(_index.Create(DiagnosticSeverity.Error, DiagnosticCodes.UnpairedSurrogate, undecodable.Message("the value was left out"), path));
                    Repaired.Add(path);
                    output.WriteNullValue();
                }
                else
                {
                    value.WriteTo(output);
                }
            }
        }
        else if (type == typeof(int))
        {
            if (!Expect(value, JsonValueKind.Number, "a whole number", path, output))
            {
                return;
            }

            if (value.TryGetInt32(out _))
            {
                value.WriteTo(output);
            }
            else
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"Expected a whole number no larger than {int.MaxValue}, not {value.GetRawText()}."), path, output);
            }
        }
        else if (type == typeof(bool))
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                value.WriteTo(output);
            }
            else
            {
                Fail($"Expected true or false, not {Describe(value.ValueKind)}.", path, output);
            }
        }
        else if (type == typeof(CslItem))
        {
            if (Expect(value, JsonValueKind.Object, "a CSL-JSON item (an object)", path, output))
            {
                // The item is read here, once, by the CSL-JSON reader; the serializer gets null in its place.
                if (ReadCslItem(path) is { } item)
                {
                    _items[path] = item;
                }
                else
                {
                    Repaired.Add(path);
                }

                output.WriteNullValue();
            }
        }
        else if (type == typeof(JsonElement))
        {
            value.WriteTo(output);
        }
        else
        {
            throw new InvalidOperationException($"The shape checker does not know the type {type.Name}; teach it.");
        }
    }

    /// <summary>
    /// Reads a CSL item where it stands in the file, with the reader <see cref="CslJson"/> uses, so its problems get
    /// their own path, line and column.
    /// </summary>
    /// <returns>The item, or <see langword="null"/> when it has errors.</returns>
    private CslItem? ReadCslItem(string path)
    {
        var start = _index.OffsetOf(path);
        var reader = new Utf8JsonReader(_utf8.Span[(int)start..], _readerOptions);
        reader.Read();
        var ok = true;
        var cslReader = new CslItemReader((severity, code, message, itemPath, offset) =>
        {
            ok &= severity < DiagnosticSeverity.Error;
            _diagnostics.Add(new Diagnostic(severity, code, message, _index.Locate(itemPath, start + offset)));
        });
        var item = cslReader.ReadItem(ref reader, path);
        return ok ? item : null;
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    private bool Expect(JsonElement value, JsonValueKind kind, string description, string path, Utf8JsonWriter output)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        Fail($"Expected {description}, not {Describe(value.ValueKind)}.", path, output);
        return false;
    }

    private void Fail(string message, string path, Utf8JsonWriter output)
    {
        _diagnostics.Add(_index.Create(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, message, path));
        Repaired.Add(path);
        output.WriteNullValue();
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
