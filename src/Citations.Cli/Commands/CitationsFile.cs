using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.Csl.Processing;

namespace Citations.Cli.Commands;

/// <summary>
/// Reads the citations file of <c>citations format</c>, as <c>render.js</c> accepts it: a JSON array of citations, each
/// an array of cite objects <c>{id, locator?, label?, prefix?, suffix?, suppress-author?, author-only?}</c> or a
/// citeproc-js citation object <c>{citationItems, properties}</c>. Citation <c>i</c> gets note number <c>i + 1</c>.
/// Keys the command does not use are ignored, as citeproc-js ignores keys it does not know.
/// </summary>
internal static class CitationsFile
{
    /// <summary>Reads the file's bytes; problems are reported as <see cref="InputException"/> naming the file, line and column.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="file">The file name as the user typed it.</param>
    /// <param name="knownIds">The ids of the items, to reject cites of unknown items.</param>
    public static List<CslCitation> Read(byte[] utf8, string file, IReadOnlySet<string> knownIds)
    {
        var bytes = utf8.AsSpan().StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        var citations = new List<CslCitation>();
        try
        {
            Next(ref reader, bytes, file);
            Expect(ref reader, JsonTokenType.StartArray, bytes, file, "The citations file must hold a JSON array of citations");
            while (Next(ref reader, bytes, file) != JsonTokenType.EndArray)
            {
                var number = citations.Count + 1;
                var cites = reader.TokenType switch
                {
                    JsonTokenType.StartArray => ReadCites(ref reader, bytes, file, number, knownIds),
                    JsonTokenType.StartObject => ReadCitationObject(ref reader, bytes, file, number, knownIds),
                    _ => throw Problem(ref reader, bytes, file, $"Citation {number} must be an array of cite objects"),
                };
                citations.Add(new CslCitation(cites) { NoteNumber = number });
            }

            while (reader.Read())
            {
                // Only whitespace and comments may follow; Read() throws on anything else.
            }
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"{file}({(e.LineNumber ?? 0) + 1},{(e.BytePositionInLine ?? 0) + 1}): invalid JSON: {(cut > 0 ? message[..cut] : message)}"));
        }

        return citations;
    }

    private static List<CslCite> ReadCitationObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, int number, IReadOnlySet<string> knownIds)
    {
        List<CslCite>? cites = null;
        var start = reader.TokenStartIndex;
        while (Next(ref reader, bytes, file) != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            Next(ref reader, bytes, file);
            if (key == "citationItems")
            {
                Expect(ref reader, JsonTokenType.StartArray, bytes, file, $"Citation {number}: \"citationItems\" must be an array of cite objects");
                cites = ReadCites(ref reader, bytes, file, number, knownIds);
            }
            else
            {
                // "properties" (noteIndex is replaced by the citation's position, as render.js does) and anything else.
                reader.Skip();
            }
        }

        return cites ?? throw new InputException($"{At(bytes, start, file)}: citation {number} must be an array of cite objects or an object with \"citationItems\".");
    }

    private static List<CslCite> ReadCites(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, int number, IReadOnlySet<string> knownIds)
    {
        var cites = new List<CslCite>();
        while (Next(ref reader, bytes, file) != JsonTokenType.EndArray)
        {
            var index = cites.Count + 1;
            Expect(ref reader, JsonTokenType.StartObject, bytes, file, $"Citation {number}, cite {index} must be an object");
            cites.Add(ReadCite(ref reader, bytes, file, number, index, knownIds));
        }

        return cites;
    }

    private static CslCite ReadCite(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, int number, int index, IReadOnlySet<string> knownIds)
    {
        var start = reader.TokenStartIndex;
        string? id = null, locator = null, label = null, prefix = null, suffix = null;
        bool suppressAuthor = false, authorOnly = false;
        while (Next(ref reader, bytes, file) != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            Next(ref reader, bytes, file);
            var what = $"Citation {number}, cite {index}: \"{key}\"";
            switch (key)
            {
                case "id":
                    id = Scalar(ref reader, bytes, file, what);
                    break;
                case "locator":
                    locator = Scalar(ref reader, bytes, file, what);
                    break;
                case "label":
                    label = Text(ref reader, bytes, file, what);
                    break;
                case "prefix":
                    prefix = Text(ref reader, bytes, file, what);
                    break;
                case "suffix":
                    suffix = Text(ref reader, bytes, file, what);
                    break;
                case "suppress-author":
                    suppressAuthor = Flag(ref reader, bytes, file, what);
                    break;
                case "author-only":
                    authorOnly = Flag(ref reader, bytes, file, what);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (id is null)
        {
            throw new InputException($"{At(bytes, start, file)}: citation {number}, cite {index} needs an \"id\".");
        }

        if (!knownIds.Contains(id))
        {
            throw new InputException($"{At(bytes, start, file)}: citation {number} cites unknown item id \"{id}\".");
        }

        return new CslCite(id) { Locator = locator, Label = label, Prefix = prefix, Suffix = suffix, SuppressAuthor = suppressAuthor, AuthorOnly = authorOnly };
    }

    private static string? Scalar(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, string what) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw Problem(ref reader, bytes, file, what + " must be a string or a number"),
    };

    private static string? Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, string what) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Problem(ref reader, bytes, file, what + " must be a string"),
    };

    private static bool Flag(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, string what) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        _ => throw Problem(ref reader, bytes, file, what + " must be true or false"),
    };

    private static JsonTokenType Next(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file)
    {
        if (!reader.Read())
        {
            throw new InputException($"{At(bytes, bytes.Length, file)}: the JSON ends too early.");
        }

        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, ReadOnlySpan<byte> bytes, string file, string problem)
    {
        if (reader.TokenType != type)
        {
            throw Problem(ref reader, bytes, file, problem);
        }
    }

    private static InputException Problem(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, string problem)
        => new($"{At(bytes, reader.TokenStartIndex, file)}: {problem}.");

    /// <summary><c>file(line,column)</c> of a byte offset, counting characters, not bytes, in the column.</summary>
    private static string At(ReadOnlySpan<byte> bytes, long offset, string file)
    {
        var before = bytes[..(int)Math.Min(offset, bytes.Length)];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{file}({line},{column})");
    }
}
