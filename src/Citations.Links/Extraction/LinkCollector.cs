using Citations.Diagnostics;

namespace Citations.Links.Extraction;

/// <summary>
/// Gathers the links found in one Markdown or HTML document, in document order: keeps the http(s) URLs, leaves out
/// in-page anchors and other schemes (<c>mailto:</c>, <c>tel:</c>, <c>javascript:</c>, <c>data:</c>…), and resolves
/// relative and protocol-relative URLs against the document's <c>&lt;base href&gt;</c> once the whole document is read
/// (the base applies to links before it too, as in a browser).
/// </summary>
internal sealed class LinkCollector(string? file, bool reportRelativeLinks)
{
    private readonly List<Found> _found = [];

    /// <summary>How many links have been found so far (those resolved later included).</summary>
    public int Count => _found.Count;

    /// <summary>The line of the link at an index.</summary>
    public int LineOf(int index) => _found[index].Line;

    /// <summary>
    /// Adds a URL read from an attribute or a link destination. Nothing is trimmed but the ASCII whitespace around it
    /// (and tabs and newlines inside it, which URL parsers drop).
    /// </summary>
    /// <returns>The index of the link, or -1 when the value is not a link to check.</returns>
    public int Add(string value, int line, string construct)
    {
        var url = Clean(value);
        if (url.Length == 0 || url[0] == '#')
        {
            return -1;
        }

        var scheme = SchemeLength(url);
        if (scheme > 0 && !IsHttp(url, scheme))
        {
            return -1;
        }

        _found.Add(new Found(url, line, construct, Relative: scheme == 0));
        return _found.Count - 1;
    }

    /// <summary>Adds the URLs written in a piece of text (see <see cref="BareUrls"/>) whose first line is <paramref name="line"/>.</summary>
    public void AddBareUrls(ReadOnlySpan<char> text, int line)
    {
        var from = 0;
        var counted = 0;
        while (BareUrls.TryFind(text, ref from, out var start, out var length))
        {
            line += text[counted..start].Count('\n');
            counted = start;
            _found.Add(new Found(text.Slice(start, length).ToString(), line, LinkConstructs.BareUrl, Relative: false));
        }
    }

    /// <summary>Sets the passages the page behind a link should contain.</summary>
    public void SetQuotes(int index, IReadOnlyList<string> quotes) => _found[index] = _found[index] with { Quotes = quotes };

    /// <summary>
    /// The links found, relative ones resolved as a browser would: against the document's <paramref name="baseHref"/>
    /// (itself resolved against <paramref name="baseUrl"/> when relative), else against <paramref name="baseUrl"/>.
    /// Without a usable base, a relative link cannot be checked: it is left out, with an info diagnostic when the
    /// collector reports them; a protocol-relative one is checked over https.
    /// </summary>
    public ParseResult<IReadOnlyList<LinkTarget>> Finish(string? baseHref, Uri? baseUrl)
    {
        var baseUri = baseUrl;
        if (baseHref is not null
            && (baseUrl is null ? Uri.TryCreate(Clean(baseHref), UriKind.Absolute, out var parsed) : Uri.TryCreate(baseUrl, Clean(baseHref), out parsed))
            && parsed.Scheme is "http" or "https")
        {
            baseUri = parsed;
        }

        var targets = new List<LinkTarget>(_found.Count);
        var diagnostics = new List<Diagnostic>();
        foreach (var found in _found)
        {
            var url = found.Url;
            if (found.Relative)
            {
                if (baseUri is not null && Uri.TryCreate(baseUri, url, out var resolved))
                {
                    url = resolved.AbsoluteUri;
                }
                else if (url.StartsWith("//", StringComparison.Ordinal))
                {
                    url = "https:" + url;
                }
                else
                {
                    if (reportRelativeLinks)
                    {
                        diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, LinkDiagnosticCodes.RelativeLink,
                            $"The relative link '{url}' cannot be checked without a base URL.", new SourceLocation(file, null, found.Line, 0)));
                    }

                    continue;
                }
            }

            targets.Add(new LinkTarget(url)
            {
                Origin = LinkTargetReader.Origin(file, found.Line),
                File = file,
                Line = found.Line,
                Construct = found.Construct,
                Quotes = found.Quotes ?? [],
            });
        }

        return new ParseResult<IReadOnlyList<LinkTarget>>(targets, diagnostics);
    }

    /// <summary>Strips leading and trailing C0 controls and spaces, and tabs and newlines anywhere (as the URL standard does).</summary>
    private static string Clean(string value)
    {
        var span = value.AsSpan().Trim("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\v\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F ");
        if (span.IndexOfAny('\t', '\n', '\r') < 0)
        {
            return span.Length == value.Length ? value : span.ToString();
        }

        return span.ToString().Replace("\t", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The length of the URL's scheme (letters, then letters, digits, <c>+</c>, <c>-</c>, <c>.</c>, then <c>:</c>); 0 when it has none.</summary>
    private static int SchemeLength(string url)
    {
        if (!char.IsAsciiLetter(url[0]))
        {
            return 0;
        }

        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return 0;
            }
        }

        return 0;
    }

    private static bool IsHttp(string url, int scheme)
        => (scheme == 4 && url.AsSpan(0, 4).Equals("http", StringComparison.OrdinalIgnoreCase))
            || (scheme == 5 && url.AsSpan(0, 5).Equals("https", StringComparison.OrdinalIgnoreCase));

    private sealed record Found(string Url, int Line, string Construct, bool Relative)
    {
        public IReadOnlyList<string>? Quotes { get; init; }
    }
}
