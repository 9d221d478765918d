using System.Globalization;
using System.Text.Json;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Serialization;

/// <summary>
/// Reads CSL-JSON items from a <see cref="Utf8JsonReader"/>, reporting every problem with its JSON path and byte
/// offset and skipping only the value at fault. Used leniently by <see cref="CslJson"/> (diagnostics) and strictly by
/// <see cref="CslItemJsonConverter"/> (the first problem becomes a <see cref="JsonException"/>).
/// </summary>
internal sealed class CslItemReader
{
    /// <summary>The largest year (and the smallest, negated) a date part may have: far beyond any date a citation needs.</summary>
    internal const int MaxYear = 9_999_999;

    private readonly Action<DiagnosticSeverity, string, string, string, long> _report;
    private readonly bool _checkEscapes;

    /// <param name="report">Receives (severity, code, message, JSON path, byte offset) for each problem.</param>
    /// <param name="checkEscapes">
    /// Whether the JSON may hold escapes of surrogates (<see cref="JsonText.MayHoldSurrogateEscapes"/>): each item is
    /// then checked for strings that do not decode before it is read. <see langword="false"/> only when the caller knows
    /// there are none.
    /// </param>
    public CslItemReader(Action<DiagnosticSeverity, string, string, string, long> report, bool checkEscapes = true)
    {
        _report = report;
        _checkEscapes = checkEscapes;
    }

    /// <summary>Reads one item; the reader is on its <c>StartObject</c>. Returns <see langword="null"/> when the item is unusable.</summary>
    public CslItem? ReadItem(ref Utf8JsonReader reader, string path)
    {
        var start = reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Report(DiagnosticSeverity.Error, DiagnosticCodes.NotAnObject, $"An item must be a JSON object, not {Describe(reader.TokenType)}.", path, start);
            reader.Skip();
            return null;
        }

        if (_checkEscapes && JsonText.FindUndecodableString(reader) is { } undecodable)
        {
            // Checked first, on a copy of the reader: every string of a checked item can then be decoded safely.
            Report(DiagnosticSeverity.Error, DiagnosticCodes.UnpairedSurrogate, undecodable.Message("the item was skipped"),
                JsonText.PathAt(reader, path, undecodable.Offset), undecodable.Offset);
            reader.Skip();
            return null;
        }

        // Problems inside the item are held until its id is known, so that each names the item.
        var outer = _pending;
        _pending = [];
        CslScalar? id = null;
        string? type = null;
        var variables = new Dictionary<string, CslScalar>(StringComparer.Ordinal);
        var names = new Dictionary<string, IReadOnlyList<CslName>>(StringComparer.Ordinal);
        var dates = new Dictionary<string, CslDate>(StringComparer.Ordinal);
        Dictionary<string, JsonElement>? extensions = null;
        List<string>? categories = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            var keyPath = JsonPath.Property(path, key);
            reader.Read();
            var at = reader.TokenStartIndex;
            switch (key)
            {
                case "id":
                    id = ReadScalar(ref reader, keyPath, allowBoolean: false);
                    break;
                case "type":
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        type = reader.GetString()!;
                        if (!CslItemTypes.All.Contains(type))
                        {
                            Report(DiagnosticSeverity.Warning, DiagnosticCodes.UnknownItemType, $"'{type}' is not a CSL item type; styles will treat it as an unknown type.", keyPath, at);
                        }
                    }
                    else
                    {
                        Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"'type' must be a string, not {Describe(reader.TokenType)}.", keyPath, at);
                        reader.Skip();
                    }

                    break;
                case "categories" when reader.TokenType == JsonTokenType.StartArray:
                    categories = ReadStringArray(ref reader, keyPath);
                    break;
                default:
                    ReadVariable(ref reader, key, keyPath, variables, names, dates, ref extensions);
                    break;
            }
        }

        var pending = _pending;
        _pending = outer;
        foreach (var (severity, code, message, at, offset) in pending)
        {
            Report(severity, code, id is { } known ? $"Item '{known.Text}': {message}" : message, at, offset);
        }

        if (id is null)
        {
            Report(DiagnosticSeverity.Error, DiagnosticCodes.MissingId, "The item has no 'id'; it was skipped.", path, start);
            return null;
        }

        if (type is null)
        {
            Report(DiagnosticSeverity.Warning, DiagnosticCodes.MissingType, $"Item '{id.Value.Text}' has no 'type'; it is read as 'document'.", path, start);
        }

        return new CslItem(id.Value, type ?? CslItemTypes.Document)
        {
            Variables = variables,
            Names = names,
            Dates = dates,
            Categories = categories,
            Extensions = extensions ?? CslExtensions.Empty,
        };
    }

    private void ReadVariable(
        ref Utf8JsonReader reader,
        string key,
        string path,
        Dictionary<string, CslScalar> variables,
        Dictionary<string, IReadOnlyList<CslName>> names,
        Dictionary<string, CslDate> dates,
        ref Dictionary<string, JsonElement>? extensions)
    {
        var at = reader.TokenStartIndex;
        var kind = CslVariables.KindOf(key);
        switch (kind)
        {
            case CslVariableKind.Name when reader.TokenType == JsonTokenType.StartArray:
                names[key] = ReadNames(ref reader, path);
                return;
            case CslVariableKind.Name when reader.TokenType != JsonTokenType.Null:
                Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"Name variable '{key}' must be an array of names, not {Describe(reader.TokenType)}.", path, at);
                reader.Skip();
                return;
            case CslVariableKind.Date when reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String:
                if (ReadDate(ref reader, key, path) is { } date)
                {
                    dates[key] = date;
                }

                return;
            case CslVariableKind.Date when reader.TokenType != JsonTokenType.Null:
                Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"Date variable '{key}' must be an object with 'date-parts' or an EDTF string, not {Describe(reader.TokenType)}.", path, at);
                reader.Skip();
                return;
            case CslVariableKind.Standard or CslVariableKind.Number when reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray:
                Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"Variable '{key}' must be a string or a number, not {Describe(reader.TokenType)}.", path, at);
                reader.Skip();
                return;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.Number:
                variables[key] = ReadScalar(ref reader, path, allowBoolean: false)!.Value;
                return;
            case JsonTokenType.StartObject when kind == CslVariableKind.Unknown && key != "custom" && LooksLikeDate(reader):
                if (ReadDate(ref reader, key, path) is { } date)
                {
                    dates[key] = date;
                }

                return;
            default:
                // Booleans, nulls, 'custom' and unknown structures: kept verbatim, not used as variables.
                extensions ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                extensions[key] = JsonElement.ParseValue(ref reader);
                return;
        }
    }

    private static bool LooksLikeDate(Utf8JsonReader copy)
    {
        // The reader is a struct: this looks through the object without moving the caller's reader. Only an object
        // made entirely of well-formed date properties is read as a date, so that any other object (such as 'custom')
        // is kept verbatim and written back unchanged.
        var depth = copy.CurrentDepth;
        var hasContent = false;
        while (copy.Read() && !(copy.TokenType == JsonTokenType.EndObject && copy.CurrentDepth == depth))
        {
            var name = copy.GetString();
            copy.Read();
            var ok = name switch
            {
                "date-parts" => IsDateParts(ref copy),
                "season" => copy.TokenType is JsonTokenType.String or JsonTokenType.Number,
                "circa" => copy.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False,
                "literal" or "raw" => copy.TokenType == JsonTokenType.String,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }

            hasContent |= name is "date-parts" or "literal" or "raw";
        }

        return hasContent;

        static bool IsDateParts(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    private List<CslName> ReadNames(ref Utf8JsonReader reader, string path)
    {
        var list = new List<CslName>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = JsonPath.Index(path, index++);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"A name must be an object with 'family'/'given' or 'literal', not {Describe(reader.TokenType)}.", itemPath, reader.TokenStartIndex);
                reader.Skip();
                continue;
            }

            var start = reader.TokenStartIndex;
            var name = new CslName();
            Dictionary<string, JsonElement>? extensions = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                var keyPath = JsonPath.Property(itemPath, key);
                reader.Read();
                switch (key)
                {
                    case "family": name = name with { Family = ReadString(ref reader, keyPath) }; break;
                    case "given": name = name with { Given = ReadString(ref reader, keyPath) }; break;
                    case "dropping-particle": name = name with { DroppingParticle = ReadString(ref reader, keyPath) }; break;
                    case "non-dropping-particle": name = name with { NonDroppingParticle = ReadString(ref reader, keyPath) }; break;
                    case "suffix": name = name with { Suffix = ReadString(ref reader, keyPath) }; break;
                    case "literal": name = name with { Literal = ReadString(ref reader, keyPath) }; break;
                    case "comma-suffix": name = name with { CommaSuffix = ReadScalar(ref reader, keyPath, allowBoolean: true) }; break;
                    case "static-ordering": name = name with { StaticOrdering = ReadScalar(ref reader, keyPath, allowBoolean: true) }; break;
                    case "parse-names": name = name with { ParseNames = ReadScalar(ref reader, keyPath, allowBoolean: true) }; break;
                    default:
                        extensions ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                        extensions[key] = JsonElement.ParseValue(ref reader);
                        break;
                }
            }

            if (extensions is not null)
            {
                name = name with { Extensions = extensions };
            }

            if (string.IsNullOrWhiteSpace(name.Family) && string.IsNullOrWhiteSpace(name.Given) && string.IsNullOrWhiteSpace(name.Literal))
            {
                Report(DiagnosticSeverity.Warning, DiagnosticCodes.EmptyName,
                    "The name has no text in 'family', 'given' or 'literal'; it was left out, so that it does not print as a blank.", itemPath, start);
                continue;
            }

            list.Add(name);
        }

        return list;
    }

    private CslDate? ReadDate(ref Utf8JsonReader reader, string key, string path)
    {
        var start = reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            var edtf = new CslDate { Edtf = text };
            if (edtf.Start is null && text.Length > 0)
            {
                Report(DiagnosticSeverity.Warning, DiagnosticCodes.UnparsedDate, $"Date '{key}' ('{text}') is not an EDTF date this library understands; it will print as written.", path, start);
            }

            return edtf;
        }

        var date = new CslDate();
        var partsLeftOut = false;
        Dictionary<string, JsonElement>? extensions = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var prop = reader.GetString()!;
            var propPath = JsonPath.Property(path, prop);
            reader.Read();
            switch (prop)
            {
                case "date-parts":
                    var parts = ReadDateParts(ref reader, propPath);
                    partsLeftOut = parts is null;
                    date = date with { DateParts = parts };
                    break;
                case "season": date = date with { Season = ReadScalar(ref reader, propPath, allowBoolean: false) }; break;
                case "circa": date = date with { Circa = ReadScalar(ref reader, propPath, allowBoolean: true) }; break;
                case "literal": date = date with { Literal = ReadString(ref reader, propPath) }; break;
                case "raw": date = date with { Raw = ReadString(ref reader, propPath) }; break;
                default:
                    extensions ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    extensions[prop] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }

        if (extensions is not null)
        {
            date = date with { Extensions = extensions };
        }

        if (partsLeftOut && date.Literal is null && date.Raw is null && date.Season is null)
        {
            // Its date-parts were reported and left out, and nothing else says the date.
            return null;
        }

        if (date.DateParts is null && date.Literal is null && date.Raw is null && extensions is null && date.Season is null)
        {
            Report(DiagnosticSeverity.Warning, DiagnosticCodes.EmptyDate, $"Date '{key}' has neither 'date-parts', 'literal' nor 'raw'.", path, start);
        }

        return date;
    }

    private List<IReadOnlyList<CslScalar>>? ReadDateParts(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"'date-parts' must be an array of arrays, not {Describe(reader.TokenType)}.", path, reader.TokenStartIndex);
            reader.Skip();
            return null;
        }

        var result = new List<IReadOnlyList<CslScalar>>();
        var startLeftOut = false;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var partPath = JsonPath.Index(path, index++);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"Each element of 'date-parts' must be an array like [2021, 3, 5], not {Describe(reader.TokenType)}.", partPath, reader.TokenStartIndex);
                reader.Skip();
                continue;
            }

            var parts = new List<CslScalar>(3);
            var partStarts = new List<long>(3);
            var partIndexes = new List<int>(3);
            var partIndex = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var partStart = reader.TokenStartIndex;
                if (ReadScalar(ref reader, JsonPath.Index(partPath, partIndex), allowBoolean: false) is { } scalar)
                {
                    parts.Add(scalar);
                    partStarts.Add(partStart);
                    partIndexes.Add(partIndex);
                }

                partIndex++;
            }

            if (parts.Count > 3)
            {
                Report(DiagnosticSeverity.Warning, DiagnosticCodes.WrongType, "A date has at most three parts (year, month, day); the rest are ignored.", partPath, reader.TokenStartIndex);
            }

            var valid = ValidDateParts(parts, isRangeEnd: index == 2);
            if (valid < parts.Count && valid < 3)
            {
                // A wrong year leaves nothing of the date (an error); a wrong month or day leaves the year (a warning,
                // as citeproc-js ignores such parts too). Either way the wrong part never prints.
                var bad = parts[valid];
                var why = valid switch
                {
                    0 => string.Create(CultureInfo.InvariantCulture, $"'{bad.Text}' is not a year (a whole number other than 0, at most {MaxYear:N0} either side of 0)"),
                    1 => $"'{bad.Text}' is not a month (1 to 12, 13 to 24 for the seasons, or 0 for none)",
                    _ => $"'{bad.Text}' is not a day (1 to 31, or 0 for none)",
                };
                var left = valid switch
                {
                    0 => index == 1 ? "the date parts were left out" : "the end of the range was left out",
                    1 => parts.Count > 2 ? "the month and day were left out" : "the month was left out",
                    _ => "the day was left out",
                };
                Report(valid == 0 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, DiagnosticCodes.InvalidDatePart, $"{why}; {left}.",
                    JsonPath.Index(partPath, partIndexes[valid]), partStarts[valid]);
                parts.RemoveRange(valid, parts.Count - valid);
                if (valid == 0)
                {
                    // Without its year the start says nothing: the date-parts are left out (read on to their end).
                    startLeftOut |= index == 1;
                    continue;
                }
            }

            result.Add(parts);
        }

        return startLeftOut ? null : result;
    }

    /// <summary>How many leading parts of one date-parts array are a year, a month and a day in range.</summary>
    /// <param name="parts">The parts read.</param>
    /// <param name="isRangeEnd">Whether the array is the end of a range, where a year 0 (with or without a month 0) means an open end.</param>
    private static int ValidDateParts(List<CslScalar> parts, bool isRangeEnd)
    {
        if (parts.Count == 0)
        {
            return 0;
        }

        if (!parts[0].TryGetInt32(out var year) || Math.Abs((long)year) > MaxYear || (year == 0 && !isRangeEnd))
        {
            return 0;
        }

        if (year == 0)
        {
            // An open end: [0] or [0, 0] (what citeproc-js and the BibTeX reader write); anything after is not read.
            return parts.Count;
        }

        if (parts.Count < 2)
        {
            return 1;
        }

        // 0 is "no month" or "no day", as citeproc-js reads it; 13 to 24 are seasons (13–16, and EDTF's 21–24).
        if (!parts[1].TryGetInt32(out var month) || month is < 0 or > 24)
        {
            return 1;
        }

        if (parts.Count < 3)
        {
            return 2;
        }

        return parts[2].TryGetInt32(out var day) && day is >= 0 and <= 31 ? parts.Count : 2;
    }

    private List<string> ReadStringArray(ref Utf8JsonReader reader, string path)
    {
        var list = new List<string>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadString(ref reader, JsonPath.Index(path, index++)) is { } s)
            {
                list.Add(s);
            }
        }

        return list;
    }

    private string? ReadString(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"Expected a string, not {Describe(reader.TokenType)}.", path, reader.TokenStartIndex);
        }

        reader.Skip();
        return null;
    }

    private CslScalar? ReadScalar(ref Utf8JsonReader reader, string path, bool allowBoolean)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return CslScalar.FromString(reader.GetString()!);
            case JsonTokenType.Number:
                return new CslScalar(System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan), CslScalarKind.Number);
            case JsonTokenType.True or JsonTokenType.False when allowBoolean:
                return CslScalar.FromBoolean(reader.TokenType == JsonTokenType.True);
            case JsonTokenType.Null:
                return null;
            default:
                Report(DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"Expected a string or a number, not {Describe(reader.TokenType)}.", path, reader.TokenStartIndex);
                reader.Skip();
                return null;
        }
    }

    private List<(DiagnosticSeverity Severity, string Code, string Message, string Path, long Offset)>? _pending;

    private void Report(DiagnosticSeverity severity, string code, string message, string path, long offset)
    {
        if (_pending is not null)
        {
            _pending.Add((severity, code, message, path, offset));
            return;
        }

        _report(severity, code, message, path, offset);
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
