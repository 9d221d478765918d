using System.Text;
using System.Text.Json;
using Citations.Diagnostics;

namespace Citations.Serialization;

/// <summary>
/// Where every value of a JSON document starts, by JSON path (<c>$.claims[2].anchor.paragraph</c>), so that problems
/// found after deserialization — in the model, long after the reader has moved on — can still be given a line and
/// column. Built in one pass of <see cref="Utf8JsonReader"/>; that pass is also what reports syntax errors.
/// </summary>
internal sealed class JsonPositionIndex
{
    private readonly Dictionary<string, long> _offsets;
    private readonly TextPositions _positions;
    private readonly string? _file;
    private readonly Dictionary<string, UndecodableString> _undecodable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(string Path, UndecodableString String)>> _undecodableNames = new(StringComparer.Ordinal);

    private JsonPositionIndex(Dictionary<string, long> offsets, TextPositions positions, string? file)
    {
        _offsets = offsets;
        _positions = positions;
        _file = file;
    }

    /// <summary>
    /// Indexes a document. Returns <see langword="null"/> and adds a diagnostic when the text is not valid JSON;
    /// a property given twice in one object is reported but does not stop the index.
    /// </summary>
    public static JsonPositionIndex? Build(ReadOnlyMemory<byte> utf8, string? file, JsonReaderOptions options, List<Diagnostic> diagnostics)
    {
        var positions = new TextPositions(utf8);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var index = new JsonPositionIndex(offsets, positions, file);
        var reader = new Utf8JsonReader(utf8.Span, options);

        // One frame per open container: its path, the next array index, and the property names seen in an object.
        var frames = new Stack<(string Path, int NextIndex, HashSet<string>? Names)>();
        string? pendingProperty = null;
        var checkEscapes = JsonText.MayHoldSurrogateEscapes(utf8.Span);
        try
        {
            // Empty input (or only comments): the reader throws for the first, returns false for the second.
            if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty || !reader.Read())
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidJson, "The file is empty.", new SourceLocation(file, "$", 1, 1)));
                return null;
            }

            do
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var decoded = JsonText.TryGetString(ref reader);
                        var name = decoded ?? Encoding.UTF8.GetString(reader.ValueSpan);
                        var (parentPath, _, names) = frames.Peek();
                        pendingProperty = JsonPath.Property(parentPath, name);
                        if (decoded is null)
                        {
                            index.AddUndecodable(parentPath, pendingProperty, ref reader);
                        }

                        if (!names!.Add(name))
                        {
                            diagnostics.Add(index.Create(DiagnosticSeverity.Error, DiagnosticCodes.DuplicateProperty,
                                $"Property '{name}' appears twice in the same object; only the last one would be used.", pendingProperty, reader.TokenStartIndex));
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        continue;
                    case JsonTokenType.Comment:
                        continue;
                }

                // A value: name it after the property before it, or its index in the enclosing array.
                string path;
                if (frames.Count == 0)
                {
                    path = "$";
                }
                else if (pendingProperty is not null)
                {
                    path = pendingProperty;
                    pendingProperty = null;
                }
                else
                {
                    var (arrayPath, next, names) = frames.Pop();
                    frames.Push((arrayPath, next + 1, names));
                    path = JsonPath.Index(arrayPath, next);
                }

                offsets[path] = reader.TokenStartIndex;
                if (checkEscapes && reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && !JsonText.Decodes(ref reader))
                {
                    index.AddUndecodable(null, path, ref reader);
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    frames.Push((path, 0, new HashSet<string>(StringComparer.Ordinal)));
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    frames.Push((path, 0, null));
                }
            }
            while (reader.Read());
        }
        catch (JsonException e)
        {
            diagnostics.Add(index.SyntaxError(e));
            return null;
        }

        return index;
    }

    /// <summary>
    /// The byte offset where the value at a path starts. A path with no value (a property that is missing) falls back
    /// to its nearest ancestor that exists, which is where the missing value belongs.
    /// </summary>
    public long OffsetOf(string path)
    {
        var current = path;
        while (true)
        {
            if (_offsets.TryGetValue(current, out var offset))
            {
                return offset;
            }

            var cut = LastSegmentStart(current);
            if (cut <= 0)
            {
                return 0;
            }

            current = current[..cut];
        }
    }

    /// <summary>
    /// The string value at a path whose escapes do not decode to text (half a surrogate pair), or
    /// <see langword="null"/>: such a value cannot be read, and is reported and left out by whoever meets it.
    /// </summary>
    public UndecodableString? UndecodableAt(string path) => _undecodable.TryGetValue(path, out var found) ? found : null;

    /// <summary>
    /// The next property name of the object at <paramref name="objectPath"/> whose escapes do not decode, in file order:
    /// its path (with the name as written) and what is wrong. Each is given once.
    /// </summary>
    public (string Path, UndecodableString String)? NextUndecodableName(string objectPath)
        => _undecodableNames.TryGetValue(objectPath, out var queue) && queue.TryDequeue(out var next) ? next : null;

    /// <summary>Whether the document has a value at exactly this path.</summary>
    public bool Contains(string path) => _offsets.ContainsKey(path);

    /// <summary>The location of the value at a path.</summary>
    public SourceLocation Locate(string path)
    {
        var (line, column) = _positions.Locate(OffsetOf(path));
        return new SourceLocation(_file, path, line, column);
    }

    /// <summary>The location of a byte offset, labelled with a path.</summary>
    public SourceLocation Locate(string path, long offset)
    {
        var (line, column) = _positions.Locate(offset);
        return new SourceLocation(_file, path, line, column);
    }

    /// <summary>Creates a diagnostic at the value of a path.</summary>
    public Diagnostic Create(DiagnosticSeverity severity, string code, string message, string path)
        => new(severity, code, message, Locate(path));

    /// <summary>Gives a diagnostic that has a path but no line (from the validator) the line and column of that path.</summary>
    public Diagnostic Place(Diagnostic diagnostic)
        => diagnostic.Location.Path is { } path
            ? diagnostic with { Location = Locate(path) }
            : diagnostic with { Location = diagnostic.Location with { File = _file } };

    /// <summary>Turns a syntax error from the reader into a diagnostic.</summary>
    public Diagnostic SyntaxError(JsonException e)
    {
        // The exception gives a 0-based line and a byte position in it; columns in diagnostics count characters.
        var line = (int)(e.LineNumber ?? 0);
        var (l, column) = _positions.LocateLineByte(line, e.BytePositionInLine ?? 0);
        var path = e.Path is { Length: > 0 } p && p != "$" ? p : null;
        return new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidJson, "Invalid JSON: " + TrimPositionSuffix(e.Message), new SourceLocation(_file, path, l, column));
    }

    private void AddUndecodable(string? objectPath, string path, ref Utf8JsonReader reader)
    {
        var found = JsonText.FindUndecodableString(reader) ?? new UndecodableString(reader.TokenStartIndex, objectPath is not null, null);
        if (objectPath is null)
        {
            _undecodable[path] = found;
        }
        else
        {
            if (!_undecodableNames.TryGetValue(objectPath, out var queue))
            {
                _undecodableNames[objectPath] = queue = new Queue<(string, UndecodableString)>();
            }

            queue.Enqueue((path, found));
        }
    }

    private Diagnostic Create(DiagnosticSeverity severity, string code, string message, string path, long offset)
        => new(severity, code, message, Locate(path, offset));

    internal static string TrimPositionSuffix(string message)
    {
        // System.Text.Json appends " Path: … | LineNumber: … | BytePositionInLine: …", which the location already says.
        foreach (var marker in new[] { " Path: ", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }

    private static int LastSegmentStart(string path)
    {
        // "$.a.b" -> 3 ("$.a"), "$.a[2]" -> 3, "$['x.y']" -> 1. Quoted names may contain '.' or '[', so scan from the end.
        if (path.EndsWith(']'))
        {
            var quoted = path.EndsWith("']", StringComparison.Ordinal);
            var open = quoted ? path.LastIndexOf("['", StringComparison.Ordinal) : path.LastIndexOf('[');
            return open;
        }

        return path.LastIndexOf('.');
    }
}
