using System.Text;
using System.Text.Json;
using Citations.Csl.Processing;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// Reads the citations file of <c>citations format</c>, as <c>render.js</c> accepts it: a JSON array of citations, each
/// an array of cite objects <c>{id, locator?, label?, prefix?, suffix?, suppress-author?, author-only?}</c> or a
/// citeproc-js citation object <c>{citationItems, properties}</c>. Citation <c>i</c> (counting from 1 in the file) gets
/// note number <c>i</c>. Keys the command does not use are ignored, as citeproc-js ignores keys it does not know.
/// </summary>
/// <remarks>
/// A JSON syntax error, or a top level that is not an array, stops the reader (fatal). A bad citation or cite is an
/// error: it is reported and skipped, and the others are read; a citation whose cites were all skipped is left out, and
/// the others keep their note numbers.
/// </remarks>
internal ref struct CitationsFile
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _file;
    private readonly IReadOnlySet<string> _knownIds;
    private readonly List<Diagnostic> _diagnostics = [];
    private Utf8JsonReader _reader;

    private CitationsFile(ReadOnlySpan<byte> bytes, string file, IReadOnlySet<string> knownIds)
    {
        _bytes = bytes;
        _file = file;
        _knownIds = knownIds;
        _reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
    }

    /// <summary>Reads the citations of a file's bytes.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="file">The file name as the user typed it.</param>
    /// <param name="knownIds">The ids of the items, to reject cites of unknown items.</param>
    public static ParseResult<List<CslCitation>> Read(ReadOnlySpan<byte> utf8, string file, IReadOnlySet<string> knownIds)
    {
        var reader = new CitationsFile(utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8, file, knownIds);
        var citations = reader.ReadAll();
        return new ParseResult<List<CslCitation>>(citations, reader._diagnostics);
    }

    private List<CslCitation>? ReadAll()
    {
        var citations = new List<CslCitation>();
        try
        {
            if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartArray)
            {
                Report(DiagnosticSeverity.Fatal, CliDiagnosticCodes.NotACitationsFile, "The citations file must hold a JSON array of citations.", _reader.TokenStartIndex);
                return null;
            }

            var number = 0;
            while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
            {
                number++;
                var start = _reader.TokenStartIndex;
                var cites = _reader.TokenType switch
                {
                    JsonTokenType.StartArray => ReadCites(number),
                    JsonTokenType.StartObject => ReadCitationObject(number),
                    _ => null,
                };
                if (cites is null)
                {
                    Report(DiagnosticSeverity.Error, CliDiagnosticCodes.InvalidCitation,
                        $"Citation {number} must be an array of cite objects or an object with \"citationItems\"; it was skipped.", start);
                }
                else if (cites.Count > 0)
                {
                    citations.Add(new CslCitation(cites) { NoteNumber = number });
                }
            }

            while (_reader.Read())
            {
                // Only whitespace and comments may follow; Read() throws on anything else.
            }
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidJson, "Invalid JSON: " + (cut > 0 ? message[..cut] : message),
                new SourceLocation(_file, null, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1)));
        }

        return citations;
    }

    private List<CslCite>? ReadCitationObject(int number)
    {
        List<CslCite>? cites = null;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndObject)
        {
            var key = _reader.GetString();
            _reader.Read();
            if (key == "citationItems" && _reader.TokenType == JsonTokenType.StartArray)
            {
                cites = ReadCites(number);
            }
            else
            {
                // "properties" (noteIndex is replaced by the citation's position, as render.js does) and anything else.
                _reader.Skip();
            }
        }

        return cites;
    }

    private List<CslCite> ReadCites(int number)
    {
        var cites = new List<CslCite>();
        var index = 0;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            index++;
            if (_reader.TokenType != JsonTokenType.StartObject)
            {
                Report(DiagnosticSeverity.Error, CliDiagnosticCodes.InvalidCite, $"Citation {number}, cite {index} must be an object; it was skipped.", _reader.TokenStartIndex);
                _reader.Skip();
            }
            else if (ReadCite(number, index) is { } cite)
            {
                cites.Add(cite);
            }
        }

        return cites;
    }

    private CslCite? ReadCite(int number, int index)
    {
        var start = _reader.TokenStartIndex;
        string? id = null, locator = null, label = null, prefix = null, suffix = null;
        bool suppressAuthor = false, authorOnly = false, ok = true;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndObject)
        {
            var key = _reader.GetString();
            _reader.Read();
            var what = $"Citation {number}, cite {index}: \"{key}\"";
            switch (key)
            {
                case "id":
                    ok &= Scalar(what, out id);
                    break;
                case "locator":
                    ok &= Scalar(what, out locator);
                    break;
                case "label":
                    ok &= Text(what, out label);
                    break;
                case "prefix":
                    ok &= Text(what, out prefix);
                    break;
                case "suffix":
                    ok &= Text(what, out suffix);
                    break;
                case "suppress-author":
                    ok &= Flag(what, out suppressAuthor);
                    break;
                case "author-only":
                    ok &= Flag(what, out authorOnly);
                    break;
                default:
                    _reader.Skip();
                    break;
            }
        }

        if (ok && id is null)
        {
            Report(DiagnosticSeverity.Error, CliDiagnosticCodes.InvalidCite, $"Citation {number}, cite {index} needs an \"id\"; it was skipped.", start);
            return null;
        }

        if (ok && !_knownIds.Contains(id!))
        {
            Report(DiagnosticSeverity.Error, CliDiagnosticCodes.UnknownItem, $"Citation {number} cites unknown item id \"{id}\"; the cite was skipped.", start);
            return null;
        }

        return ok ? new CslCite(id!) { Locator = locator, Label = label, Prefix = prefix, Suffix = suffix, SuppressAuthor = suppressAuthor, AuthorOnly = authorOnly } : null;
    }

    private bool Scalar(string what, out string? value)
    {
        value = _reader.TokenType switch
        {
            JsonTokenType.String => _reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(_reader.ValueSpan),
            _ => null,
        };
        return value is not null || _reader.TokenType == JsonTokenType.Null || WrongType(what + " must be a string or a number");
    }

    private bool Text(string what, out string? value)
    {
        value = _reader.TokenType == JsonTokenType.String ? _reader.GetString() : null;
        return value is not null || _reader.TokenType == JsonTokenType.Null || WrongType(what + " must be a string");
    }

    private bool Flag(string what, out bool value)
    {
        value = _reader.TokenType == JsonTokenType.True;
        return _reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null || WrongType(what + " must be true or false");
    }

    private bool WrongType(string problem)
    {
        Report(DiagnosticSeverity.Error, CliDiagnosticCodes.InvalidCite, problem + "; the cite was skipped.", _reader.TokenStartIndex);
        _reader.Skip();
        return false;
    }

    /// <summary>Adds a diagnostic at a byte offset, counting characters, not bytes, in the column.</summary>
    private void Report(DiagnosticSeverity severity, string code, string message, long offset)
    {
        var before = _bytes[..(int)Math.Min(offset, _bytes.Length)];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        _diagnostics.Add(new Diagnostic(severity, code, message, new SourceLocation(_file, null, line, column)));
    }
}
