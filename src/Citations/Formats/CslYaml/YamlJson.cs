using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Citations.CslData;

namespace Citations.Formats.CslYaml;

/// <summary>
/// Turns a YAML tree into UTF-8 JSON, remembering for each JSON token where its YAML node was, so that the CSL-JSON
/// item reader can check CSL-YAML items and every diagnostic still names the YAML line and column. Plain scalars become
/// JSON numbers, booleans or null when they are written as such (<c>3</c>, <c>true</c>, <c>~</c>); quoted scalars
/// stay strings. Dates in pandoc-citeproc's older form (<c>issued: [{year: 2019, month: 3}]</c>) become date-parts.
/// </summary>
/// <remarks>Aliases are expanded, at most <see cref="MaxNodes"/> nodes in all (an alias bomb is refused).</remarks>
internal sealed class YamlJson
{
    /// <summary>The most nodes the JSON may have once aliases are expanded.</summary>
    public const int MaxNodes = 2_000_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly List<(long Offset, int Line, int Column)> _positions = [];
    private readonly List<(string Message, int Line, int Column)> _duplicates = [];
    private Utf8JsonWriter _writer = null!;
    private int _nodes;

    /// <summary>The JSON bytes.</summary>
    public ReadOnlyMemory<byte> Json => _buffer.WrittenMemory;

    /// <summary>Keys written twice in one mapping (the first is used).</summary>
    public IReadOnlyList<(string Message, int Line, int Column)> Duplicates => _duplicates;

    /// <summary>Converts a node; returns <see langword="null"/> or a problem when the expansion is too large or too deep.</summary>
    public static YamlJson Convert(YamlNode node, out (string Message, int Line, int Column)? problem)
    {
        var converter = new YamlJson();
        using (converter._writer = new Utf8JsonWriter(converter._buffer, WriterOptions))
        {
            problem = converter.Write(node, 0, dateValue: false);
        }

        return converter;
    }

    /// <summary>The YAML line and column of the node a JSON byte offset belongs to.</summary>
    public (int Line, int Column) Locate(long offset)
    {
        var low = 0;
        var high = _positions.Count - 1;
        var found = 0;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (_positions[mid].Offset <= offset)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return _positions.Count == 0 ? (0, 0) : (_positions[found].Line, _positions[found].Column);
    }

    private (string Message, int Line, int Column)? Write(YamlNode node, int depth, bool dateValue)
    {
        if (++_nodes > MaxNodes)
        {
            return ($"The YAML expands (through aliases) to more than {MaxNodes:N0} nodes.", node.Line, node.Column);
        }

        if (depth > YamlTree.MaxDepth)
        {
            return ($"The YAML is nested deeper than {YamlTree.MaxDepth} levels (or an alias refers to itself).", node.Line, node.Column);
        }

        _writer.Flush();
        _positions.Add((_writer.BytesCommitted, node.Line, node.Column));
        switch (node)
        {
            case YamlScalar { IsNull: false } scalar when dateValue:
                // A date written as a bare year or date (issued: 2015, issued: 2019-03) is an EDTF string.
                _writer.WriteStringValue(scalar.Value);
                return null;
            case YamlScalar scalar:
                WriteScalar(scalar);
                return null;
            case YamlSequence sequence when dateValue && IsOldStyleDate(sequence):
                return WriteOldStyleDate(sequence.Items.Cast<YamlMapping>().ToList(), depth);
            case YamlMapping mapping when dateValue && mapping.Get("year") is not null && mapping.Get("date-parts") is null:
                return WriteOldStyleDate([mapping], depth);
            case YamlSequence sequence:
                _writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    if (Write(item, depth + 1, dateValue: false) is { } problem)
                    {
                        return problem;
                    }
                }

                _writer.WriteEndArray();
                return null;
            case YamlMapping mapping:
                _writer.WriteStartObject();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Pairs)
                {
                    if (!seen.Add(key.Value))
                    {
                        _duplicates.Add(($"The key '{key.Value}' appears twice in one mapping; the first one was used.", key.Line, key.Column));
                        continue;
                    }

                    _writer.WritePropertyName(key.Value);
                    if (Write(value, depth + 1, CslVariables.DateNames.Contains(key.Value)) is { } problem)
                    {
                        return problem;
                    }
                }

                _writer.WriteEndObject();
                return null;
            default:
                return null;
        }
    }

    private void WriteScalar(YamlScalar scalar)
    {
        if (!scalar.Plain)
        {
            _writer.WriteStringValue(scalar.Value);
        }
        else if (scalar.IsNull)
        {
            _writer.WriteNullValue();
        }
        else if (scalar.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            _writer.WriteBooleanValue(scalar.Value[0] is 't' or 'T');
        }
        else if (IsJsonNumber(scalar.Value))
        {
            _writer.WriteRawValue(scalar.Value, skipInputValidation: true);
        }
        else
        {
            _writer.WriteStringValue(scalar.Value);
        }
    }

    private static bool IsOldStyleDate(YamlSequence sequence)
        => sequence.Items.Count > 0 && sequence.Items.All(i => i is YamlMapping m && m.Get("year") is not null);

    /// <summary>Writes <c>[{year, month, day}, …]</c> (pandoc-citeproc's YAML dates) as <c>{"date-parts": [[y, m, d], …]}</c>.</summary>
    private (string Message, int Line, int Column)? WriteOldStyleDate(List<YamlMapping> parts, int depth)
    {
        _writer.WriteStartObject();
        _writer.WritePropertyName("date-parts");
        _writer.WriteStartArray();
        foreach (var part in parts)
        {
            _writer.WriteStartArray();
            foreach (var name in new[] { "year", "month", "day" })
            {
                if (part.Get(name) is not YamlScalar value)
                {
                    break;
                }

                if (Write(value, depth + 2, dateValue: false) is { } problem)
                {
                    return problem;
                }
            }

            _writer.WriteEndArray();
        }

        _writer.WriteEndArray();
        foreach (var name in new[] { "season", "circa", "literal" })
        {
            if (parts[0].Get(name) is YamlScalar extra)
            {
                _writer.WritePropertyName(name);
                WriteScalar(extra);
            }
        }

        _writer.WriteEndObject();
        return null;
    }

    /// <summary>Whether text is a JSON number as written (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>).</summary>
    internal static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }

        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }

        if (s[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
