using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Citations.Diagnostics;

namespace Citations.Serialization;

/// <summary>
/// What <see cref="Utf8JsonReader"/> leaves to its caller: whether the text of a JSON file is text at all. The reader
/// checks the syntax but not that the bytes inside strings are UTF-8, nor that the escapes of a string decode to
/// Unicode (<c>"\ud800"</c>, half of a surrogate pair, is valid JSON syntax but no text); <c>GetString</c> then throws.
/// The JSON readers of this package check both first and report them as diagnostics with a path, line and column.
/// </summary>
/// <remarks>
/// Bytes that are not UTF-8 make the whole file undecodable (<see cref="DiagnosticSeverity.Fatal"/>,
/// <see cref="DiagnosticCodes.NotUtf8"/>); an unpaired surrogate escape spoils only the entry that holds it
/// (<see cref="DiagnosticSeverity.Error"/>, <see cref="DiagnosticCodes.UnpairedSurrogate"/>), the file being valid
/// JSON and every other entry readable.
/// </remarks>
internal static class JsonText
{
    /// <summary>
    /// The fatal diagnostic of a JSON file that is not UTF-8 (with the path of the value holding the first invalid
    /// byte), or <see langword="null"/> when it is UTF-8.
    /// </summary>
    /// <param name="utf8">The file's bytes, without a byte-order mark.</param>
    /// <param name="file">The file name for the diagnostic.</param>
    /// <param name="options">The options the file is read with (comments, depth).</param>
    public static Diagnostic? CheckUtf8(ReadOnlyMemory<byte> utf8, string? file, JsonReaderOptions options)
    {
        var offset = FirstInvalidUtf8(utf8.Span);
        if (offset < 0)
        {
            return null;
        }

        var (line, column) = new TextPositions(utf8).Locate(offset);
        return new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.NotUtf8,
            string.Create(CultureInfo.InvariantCulture, $"The file is not UTF-8 text: byte {offset + 1} is not valid UTF-8 (0x{utf8.Span[offset]:X2}). Save it as UTF-8."),
            new SourceLocation(file, PathAt(new Utf8JsonReader(utf8.Span, options), "$", offset), line, column));
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or -1 when every byte is.</summary>
    /// <param name="utf8">The bytes.</param>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }

        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var offset = 0;
            while (true)
            {
                var status = Utf8.ToUtf16(utf8[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
                offset += read;
                if (status != OperationStatus.DestinationTooSmall)
                {
                    return offset;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether UTF-8 JSON may hold an escape of a surrogate (<c>\ud800</c>–<c>\udfff</c>, any case): when it does not,
    /// every string decodes and <see cref="FindUndecodableString"/> need not look.
    /// </summary>
    /// <param name="utf8">The JSON bytes.</param>
    public static bool MayHoldSurrogateEscapes(ReadOnlySpan<byte> utf8)
        => utf8.IndexOf("\\ud"u8) >= 0 || utf8.IndexOf("\\uD"u8) >= 0;

    /// <summary>
    /// The first string or property name in the value the reader is on whose escapes do not decode to Unicode text, or
    /// <see langword="null"/> when every one does (or a syntax error comes first: the caller's own reading reports it).
    /// The reader is a copy: the caller's does not move.
    /// </summary>
    /// <param name="reader">A copy of a reader on the first token of a value.</param>
    public static UndecodableString? FindUndecodableString(Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var container = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
        try
        {
            while (true)
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !Decodes(ref reader))
                {
                    return new UndecodableString(reader.TokenStartIndex, reader.TokenType == JsonTokenType.PropertyName, FirstUnpairedEscape(Encoding.UTF8.GetString(reader.ValueSpan)));
                }

                if (!container || !reader.Read() || (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray))
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
            // A syntax error: reported by the caller's reader, which meets it too.
            return null;
        }
    }

    /// <summary>Whether the string or property name the reader is on decodes to Unicode text.</summary>
    public static bool Decodes(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The string or property name the reader is on, or <see langword="null"/> when its escapes do not decode.</summary>
    public static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The JSON path of the token that holds a byte offset, counting from the value the reader is on, whose path is
    /// <paramref name="basePath"/>: a property name gives the path of its property. After a syntax error, the path of
    /// the last token read.
    /// </summary>
    /// <param name="reader">A copy of a reader on the first token of a value (or before the first token).</param>
    /// <param name="basePath">The path of that value.</param>
    /// <param name="offset">A byte offset in the reader's buffer.</param>
    public static string PathAt(Utf8JsonReader reader, string basePath, long offset)
    {
        var frames = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? pending = null;
        var last = basePath;
        var rootDone = false;
        try
        {
            if (reader.TokenType == JsonTokenType.None && !reader.Read())
            {
                return basePath;
            }

            do
            {
                if (reader.TokenType == JsonTokenType.Comment)
                {
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.Pop();
                    if (frames.Count == 0 || reader.BytesConsumed > offset)
                    {
                        return last;
                    }

                    continue;
                }

                string path;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    pending = JsonPath.Property(frames.Peek().Path, TryGetString(ref reader) ?? Encoding.UTF8.GetString(reader.ValueSpan));
                    path = pending;
                }
                else if (frames.Count == 0)
                {
                    if (rootDone)
                    {
                        return last;
                    }

                    rootDone = true;
                    path = basePath;
                }
                else if (pending is not null)
                {
                    path = pending;
                    pending = null;
                }
                else
                {
                    var (arrayPath, next, isArray) = frames.Pop();
                    frames.Push((arrayPath, next + 1, isArray));
                    path = JsonPath.Index(arrayPath, next);
                }

                last = path;
                if (reader.BytesConsumed > offset)
                {
                    return path;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Push((path, 0, reader.TokenType == JsonTokenType.StartArray));
                }
                else if (frames.Count == 0)
                {
                    return path;
                }
            }
            while (reader.Read());
        }
        catch (JsonException)
        {
            // Past a syntax error: the last path read is the best there is.
        }

        return last;
    }

    /// <summary>The first escape of half a surrogate pair in a string as written (<c>\ud800</c>), if it can be told.</summary>
    private static string? FirstUnpairedEscape(string raw)
    {
        for (var i = raw.IndexOf("\\u", StringComparison.Ordinal); i >= 0 && i + 6 <= raw.Length; i = raw.IndexOf("\\u", i + 2, StringComparison.Ordinal))
        {
            if (!ushort.TryParse(raw.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit) || !char.IsSurrogate((char)unit))
            {
                continue;
            }

            if (char.IsHighSurrogate((char)unit) && i + 12 <= raw.Length && raw[i + 6] == '\\' && raw[i + 7] == 'u'
                && ushort.TryParse(raw.AsSpan(i + 8, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low) && char.IsLowSurrogate((char)low))
            {
                i += 6;
                continue;
            }

            return raw.Substring(i, 6);
        }

        return null;
    }
}

/// <summary>A string or property name whose escapes do not decode to Unicode text.</summary>
/// <param name="Offset">Where its token starts, in the reader's buffer.</param>
/// <param name="IsPropertyName">Whether it is a property name rather than a value.</param>
/// <param name="Escape">The escape at fault as written (<c>\ud800</c>), when it can be told.</param>
internal readonly record struct UndecodableString(long Offset, bool IsPropertyName, string? Escape)
{
    /// <summary>A sentence saying what is wrong, and <paramref name="consequence"/>.</summary>
    /// <param name="consequence">What was done about it, such as <c>the item was skipped</c>.</param>
    public string Message(string consequence)
        => $"{(IsPropertyName ? "A property name" : "The value")} holds {(Escape is null ? "an escape of half a surrogate pair" : $"the escape {Escape}, half of a surrogate pair")}, which is not text; {consequence}.";
}
