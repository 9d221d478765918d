using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats;

namespace Citations.Serialization;

/// <summary>
/// Reads and writes CSL-JSON files: an array of items (or a single item object). Reading never throws for bad data:
/// every problem becomes a <see cref="Diagnostic"/> with the file, JSON path, line and column, and the items that could
/// be read are returned.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class CslJson
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    private static readonly JsonWriterOptions IndentedWriter = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions CompactWriter = new() { Indented = false, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads CSL-JSON text.</summary>
    /// <param name="json">The JSON text: an array of items or one item.</param>
    /// <param name="file">The file name to put in diagnostics, if any.</param>
    public static ParseResult<IReadOnlyList<CslItem>> Read(string json, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), file);
    }

    /// <summary>Reads CSL-JSON from UTF-8 bytes (a byte-order mark is allowed).</summary>
    /// <param name="utf8">The JSON bytes.</param>
    /// <param name="file">The file name to put in diagnostics, if any.</param>
    public static ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> utf8, string? file = null)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (JsonText.CheckUtf8(utf8, file, ReaderOptions) is { } notUtf8)
        {
            return new ParseResult<IReadOnlyList<CslItem>>(null, [notUtf8]);
        }

        var positions = new TextPositions(utf8);
        var diagnostics = new List<Diagnostic>();
        var items = new List<CslItem>();
        var reader = new CslItemReader(
            (severity, code, message, path, offset) =>
            {
                var (line, column) = positions.Locate(offset);
                diagnostics.Add(new Diagnostic(severity, code, message, new SourceLocation(file, path, line, column)));
            },
            checkEscapes: JsonText.MayHoldSurrogateEscapes(utf8.Span));

        var json = new Utf8JsonReader(utf8.Span, ReaderOptions);
        try
        {
            if (!json.Read())
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidJson, "The file is empty.", new SourceLocation(file, "$", 1, 1)));
                return new ParseResult<IReadOnlyList<CslItem>>(null, diagnostics);
            }

            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            if (json.TokenType == JsonTokenType.StartObject)
            {
                Add(reader.ReadItem(ref json, "$"), "$", json.TokenStartIndex);
            }
            else if (json.TokenType == JsonTokenType.StartArray)
            {
                var index = 0;
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                {
                    var path = JsonPath.Index("$", index++);
                    var start = json.TokenStartIndex;
                    Add(reader.ReadItem(ref json, path), path, start);
                }
            }
            else
            {
                var (line, column) = positions.Locate(json.TokenStartIndex);
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.NotAnObject,
                    $"CSL-JSON must be an array of items or one item, not {CslItemReader.Describe(json.TokenType)}.", new SourceLocation(file, "$", line, column)));
                return new ParseResult<IReadOnlyList<CslItem>>(null, diagnostics);
            }

            while (json.Read())
            {
                // Only whitespace and comments may follow; Read() throws on anything else.
            }

            void Add(CslItem? item, string path, long offset)
            {
                if (item is null)
                {
                    return;
                }

                if (seen.TryGetValue(item.Id.Text, out var firstPath))
                {
                    var (line, column) = positions.Locate(offset);
                    diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.DuplicateId,
                        $"Item id '{item.Id.Text}' is used twice (first at {firstPath}); the second item was skipped.", new SourceLocation(file, path, line, column)));
                    return;
                }

                seen[item.Id.Text] = path;
                items.Add(item);
            }
        }
        catch (JsonException e)
        {
            // Syntax errors: keep the items read before the error.
            // The exception counts bytes within the line; diagnostics count characters.
            var (line, column) = positions.LocateLineByte((int)(e.LineNumber ?? 0), e.BytePositionInLine ?? 0);
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidJson, SyntaxMessage(e), new SourceLocation(file, null, line, column)));
        }

        return new ParseResult<IReadOnlyList<CslItem>>(items, diagnostics);
    }

    /// <summary>
    /// Reads a CSL-JSON file, under the size cap of <see cref="InputFile"/>. A file that cannot be read gives a
    /// diagnostic, not an exception. To read a file of any item format, use <see cref="ItemFormats.ReadFile"/>.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ParseResult<IReadOnlyList<CslItem>>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await InputFile.ReadAllBytesAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        return bytes.Value is null ? new ParseResult<IReadOnlyList<CslItem>>(null, bytes.Diagnostics) : Read(bytes.Value, path);
    }

    /// <summary>
    /// Reads a CSL-JSON file synchronously, under the size cap of <see cref="InputFile"/>. A file that cannot be read
    /// gives a diagnostic, not an exception. To read a file of any item format, use <see cref="ItemFormats.ReadFile"/>.
    /// </summary>
    /// <param name="path">The file's path.</param>
    public static ParseResult<IReadOnlyList<CslItem>> ReadFile(string path)
    {
        var bytes = InputFile.ReadAllBytes(path);
        return bytes.Value is null ? new ParseResult<IReadOnlyList<CslItem>>(null, bytes.Diagnostics) : Read(bytes.Value, path);
    }

    /// <summary>Writes items as a CSL-JSON array.</summary>
    /// <param name="items">The items.</param>
    /// <param name="indented">Whether to indent the output.</param>
    public static string Write(IEnumerable<CslItem> items, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedWriter : CompactWriter))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                CslItemWriter.WriteItem(writer, item);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes one item as a CSL-JSON object.</summary>
    /// <param name="item">The item.</param>
    /// <param name="indented">Whether to indent the output.</param>
    public static string Write(CslItem item, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedWriter : CompactWriter))
        {
            CslItemWriter.WriteItem(writer, item);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string SyntaxMessage(JsonException e)
    {
        // System.Text.Json appends " LineNumber: … | BytePositionInLine: …" which the location already says.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return "Invalid JSON: " + (cut > 0 ? message[..cut].TrimEnd() : message);
    }
}
