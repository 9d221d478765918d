using System.Buffers;
using System.Text;
using System.Text.Json;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Serialization;

namespace Citations.Links.Extraction;

/// <summary>The kinds of file links can be read from.</summary>
public enum LinkFileKind
{
    /// <summary>
    /// A bibliography file in any item format <see cref="ItemFormats.Default"/> reads (CSL-JSON first): each item's
    /// <c>URL</c> (or DOI) with its id and <c>accessed</c> date.
    /// </summary>
    Bibliography,

    /// <summary>
    /// Markdown, parsed as CommonMark: inline and reference links and images, autolinks, URLs in running text, and the
    /// HTML in it read as <see cref="Html"/> is; code skipped unless <see cref="LinkExtractionOptions.IncludeVerbatim"/>;
    /// a blockquote that cites one link quotes it.
    /// </summary>
    Markdown,

    /// <summary>
    /// HTML: <c>href</c>, <c>src</c>, <c>cite</c> and <c>srcset</c> on any element, and URLs in running text, outside
    /// comments and (unless <see cref="LinkExtractionOptions.IncludeVerbatim"/>) verbatim elements such as <c>pre</c>
    /// and <c>code</c>; relative links resolved against <c>&lt;base href&gt;</c>; the text of a <c>blockquote</c> or
    /// <c>q</c> with a <c>cite</c> becomes a quote to look for.
    /// </summary>
    Html,

    /// <summary>A text file of URLs, one per line; blank lines and lines starting with <c>#</c> are ignored.</summary>
    UrlList,

    /// <summary>
    /// An article file (<c>Citations.Serialization.ArticleJson</c>): one target per source with a URL or DOI, with the
    /// passages its claims quote (see <see cref="ArticleLinkTargets"/>); sources without a link are not checkable.
    /// </summary>
    Article,
}

/// <summary>
/// Reads the links cited in files: article files, CSL-JSON, Markdown, HTML, or a plain list of URLs. User data is not exceptional:
/// problems become diagnostics with the file and line, and every link that could be read is returned.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class LinkTargetReader
{
    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>
    /// Guesses a file's kind. JSON (by extension or by its first character) is an article file when its top-level
    /// object has an article's properties (<c>formatVersion</c>, <c>bibliography</c>, <c>claims</c>, <c>sources</c>,
    /// <c>metadata</c>), and a bibliography (CSL-JSON) otherwise; <c>.md</c> and <c>.html</c> files are Markdown and HTML,
    /// <c>.txt</c> files URL lists, and an extension an item reader of <see cref="ItemFormats.Default"/> claims is a
    /// bibliography. Other text starting with <c>&lt;</c> is HTML; text an item reader recognises is a bibliography; text
    /// whose lines mostly start with a URL is a URL list; the rest Markdown.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="text">The file's text, to sniff when the extension says nothing.</param>
    public static LinkFileKind DetectKind(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("\uFEFF", StringComparison.Ordinal))
        {
            start = start[1..].TrimStart();
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".json" or ".jsonc" or ".csl" or ".csljson":
                return SniffJson(text);
            case ".md" or ".markdown" or ".mdown" or ".mkd":
                return LinkFileKind.Markdown;
            case ".html" or ".htm" or ".xhtml":
                return LinkFileKind.Html;
            case ".txt" or ".urls" or ".list":
                return LinkFileKind.UrlList;
        }

        var sniffed = Encoding.UTF8.GetBytes(text[..Math.Min(text.Length, ItemFormats.SniffLength)]);
        if (extension.Length > 0 && ItemFormats.Default.FindReader(path, []) is not null)
        {
            return LinkFileKind.Bibliography;
        }

        if (start.StartsWith("[", StringComparison.Ordinal) || start.StartsWith("{", StringComparison.Ordinal))
        {
            return SniffJson(text);
        }

        if (start.StartsWith("<", StringComparison.Ordinal))
        {
            return LinkFileKind.Html;
        }

        if (ItemFormats.Default.FindReader(null, sniffed) is not null)
        {
            return LinkFileKind.Bibliography;
        }

        return LooksLikeUrlList(text) ? LinkFileKind.UrlList : LinkFileKind.Markdown;
    }

    /// <summary>Article or bibliography (CSL-JSON), from the top-level property names (read up to the first syntax error, if any).</summary>
    private static LinkFileKind SniffJson(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes,
            new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LinkFileKind.Bibliography;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("formatVersion") || reader.ValueTextEquals("bibliography") || reader.ValueTextEquals("claims")
                    || reader.ValueTextEquals("sources") || reader.ValueTextEquals("metadata"))
                {
                    return LinkFileKind.Article;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the reader of the kind guessed so far reports where.
        }

        return LinkFileKind.Bibliography;
    }

    /// <summary>Whether at least half of the lines that are not blank or <c>#</c> comments start with an absolute URL.</summary>
    private static bool LooksLikeUrlList(string text)
    {
        var lines = 0;
        var urls = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            lines++;
            var scheme = line.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0 && char.IsAsciiLetter(line[0]) && !line[..scheme].ContainsAnyExcept(SchemeCharacters))
            {
                urls++;
            }
        }

        return lines > 0 && urls * 2 >= lines;
    }

    /// <summary>Reads the links of a file of any supported kind (see <see cref="DetectKind"/>).</summary>
    /// <param name="path">The file's path; diagnostics and origins name it as given.</param>
    /// <param name="kind">The kind; guessed when <see langword="null"/>.</param>
    /// <param name="options">What counts as a link in Markdown and HTML; <see cref="LinkExtractionOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ParseResult<IReadOnlyList<LinkTarget>>> ReadFileAsync(
        string path, LinkFileKind? kind = null, LinkExtractionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var set = await ReadSetFileAsync(path, kind, options: options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ParseResult<IReadOnlyList<LinkTarget>>(set.Value?.Targets, set.Diagnostics);
    }

    /// <summary>
    /// Reads a file of any supported kind (see <see cref="DetectKind"/>): its links, and the cited sources that have none
    /// (bibliography items and article sources without a URL or DOI). The file is read whole under a size cap
    /// (<see cref="InputFile"/>); a file that is missing, unreadable, too large or not UTF-8 text gives one
    /// <see cref="DiagnosticSeverity.Fatal"/> diagnostic and no value. An article's <c>bibliography</c> file is found
    /// relative to the article file.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="kind">The kind; guessed when <see langword="null"/>.</param>
    /// <param name="displayName">The name diagnostics and origins give the file (such as the path as the user typed it); <paramref name="path"/> when <see langword="null"/>.</param>
    /// <param name="maxBytes">The size cap of the file (and of an article's bibliography file), in bytes.</param>
    /// <param name="options">What counts as a link in Markdown and HTML; <see cref="LinkExtractionOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ParseResult<LinkTargetSet>> ReadSetFileAsync(
        string path, LinkFileKind? kind = null, string? displayName = null, long maxBytes = InputFile.DefaultMaxBytes,
        LinkExtractionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        displayName ??= path;
        var bytes = await InputFile.ReadAllBytesAsync(path, maxBytes, displayName, cancellationToken).ConfigureAwait(false);
        if (bytes.Value is null)
        {
            return new ParseResult<LinkTargetSet>(null, bytes.Diagnostics);
        }

        var text = InputFile.DecodeUtf8(bytes.Value, displayName);
        if (text.Value is null)
        {
            return new ParseResult<LinkTargetSet>(null, text.Diagnostics);
        }

        return (kind ?? DetectKind(path, text.Value)) switch
        {
            // Item readers choose the format by the real path's extension and read the bytes themselves.
            LinkFileKind.Bibliography => BibliographySet(ItemFormats.Default.Read(bytes.Value, path), displayName, path),
            LinkFileKind.Article => ArticleSet(bytes.Value, displayName, new ArticleReadOptions
            {
                MaxFileBytes = maxBytes,
                BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
            }),
            var other => ReadSet(text.Value, other, displayName, options),
        };
    }

    /// <summary>Reads the links of text of a given kind.</summary>
    /// <param name="text">The text.</param>
    /// <param name="kind">What the text is.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    /// <param name="options">What counts as a link in Markdown and HTML; <see cref="LinkExtractionOptions.Default"/> when <see langword="null"/>.</param>
    public static ParseResult<IReadOnlyList<LinkTarget>> Read(string text, LinkFileKind kind, string? file = null, LinkExtractionOptions? options = null)
    {
        var set = ReadSet(text, kind, file, options);
        return new ParseResult<IReadOnlyList<LinkTarget>>(set.Value?.Targets, set.Diagnostics);
    }

    /// <summary>Reads text of a given kind: its links, and the cited sources that have none.</summary>
    /// <param name="text">The text.</param>
    /// <param name="kind">What the text is.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    /// <param name="options">What counts as a link in Markdown and HTML; <see cref="LinkExtractionOptions.Default"/> when <see langword="null"/>.</param>
    public static ParseResult<LinkTargetSet> ReadSet(string text, LinkFileKind kind, string? file = null, LinkExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= LinkExtractionOptions.Default;
        return kind switch
        {
            LinkFileKind.Bibliography => ReadBibliography(text, file),
            LinkFileKind.Markdown => Targets(MarkdownLinks.Read(text, file, options)),
            LinkFileKind.Html => Targets(HtmlLinks.Read(text, file, options)),
            LinkFileKind.UrlList => Targets(ReadUrlList(text, file)),
            LinkFileKind.Article => ReadArticle(text, file),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>
    /// Reads the links of an article file: one target per source with a URL or DOI (see <see cref="ArticleLinkTargets"/>),
    /// and the sources without one as not checkable. The article is validated: its errors (a claim citing a missing
    /// source, two sources with one id) come back as diagnostics with the file, line and column.
    /// </summary>
    /// <param name="json">The article file's text.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    public static ParseResult<LinkTargetSet> ReadArticle(string json, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ArticleSet(Encoding.UTF8.GetBytes(json), file, ArticleReadOptions.Default);
    }

    /// <summary>
    /// Reads the links of a bibliography in any item format <see cref="ItemFormats.Default"/> reads (chosen by the file
    /// name's extension, else by the content): each item's URL (or its DOI's resolver URL), id and accessed date; items
    /// with neither are not checkable. Items with errors are reported and left out; the others are read.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="file">The file name, to choose the format and for diagnostics and target origins.</param>
    public static ParseResult<LinkTargetSet> ReadBibliography(string text, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return BibliographySet(ItemFormats.Default.Read(Encoding.UTF8.GetBytes(text), file), file, file);
    }

    private static ParseResult<LinkTargetSet> ArticleSet(ReadOnlyMemory<byte> json, string? file, ArticleReadOptions options)
    {
        var parsed = ArticleJson.Read(json, file, options);
        if (parsed.Value is null)
        {
            return new ParseResult<LinkTargetSet>(null, parsed.Diagnostics);
        }

        var set = ArticleLinkTargets.From(parsed.Value, file);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        foreach (var source in set.NotCheckable)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, LinkDiagnosticCodes.NoUrl,
                $"Source '{source.SourceId}' cites no URL or DOI; a link check cannot cover it.", new SourceLocation(file, null, 0, 0)));
        }

        return new ParseResult<LinkTargetSet>(set, diagnostics);
    }

    private static ParseResult<LinkTargetSet> Targets(ParseResult<IReadOnlyList<LinkTarget>> read)
        => new(read.Value is null ? null : new LinkTargetSet { Targets = read.Value }, read.Diagnostics);

    /// <param name="parsed">The items read.</param>
    /// <param name="file">The file's name for diagnostics and origins.</param>
    /// <param name="path">The file's path or name, as the item reader was given it.</param>
    private static ParseResult<LinkTargetSet> BibliographySet(ParseResult<IReadOnlyList<CslItem>> parsed, string? file, string? path)
    {
        // The reader names the file as it was given it; name it as the caller wants.
        var diagnostics = parsed.Diagnostics
            .Select(d => file is not null && d.Location.File == path ? d with { Location = d.Location with { File = file } } : d)
            .ToList();
        var targets = new List<LinkTarget>();
        var notCheckable = new List<NotCheckableSource>();
        foreach (var item in parsed.Value ?? [])
        {
            var origin = file is null ? $"item {item.Id.Text}" : $"{file} (item {item.Id.Text})";
            if (LinkTarget.FromCslItem(item, origin) is { } target)
            {
                targets.Add(target with { File = file, Construct = LinkConstructs.BibliographyItem });
            }
            else
            {
                notCheckable.Add(new NotCheckableSource(item.Id.Text, NotCheckableSource.NoLinkReason) { Title = item.Title, Origin = origin });
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, LinkDiagnosticCodes.NoUrl,
                    $"Item '{item.Id.Text}' cites no URL or DOI; a link check cannot cover it.", new SourceLocation(file, null, 0, 0)));
            }
        }

        return new ParseResult<LinkTargetSet>(parsed.Value is null ? null : new LinkTargetSet { Targets = targets, NotCheckable = notCheckable }, diagnostics);
    }

    /// <summary>Reads a list of URLs, one per line (the first word of the line); blank lines and <c>#</c> comments are skipped. Lines that are not URLs become targets too, and get the verdict "invalid URL".</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file name for target origins.</param>
    public static ParseResult<IReadOnlyList<LinkTarget>> ReadUrlList(string text, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var targets = new List<LinkTarget>();
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var trimmed = raw.Trim().TrimStart('\uFEFF');
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var end = trimmed.IndexOfAny([' ', '\t']);
            var url = end < 0 ? trimmed : trimmed[..end];
            targets.Add(new LinkTarget(url) { Origin = Origin(file, line), File = file, Line = line, Construct = LinkConstructs.UrlListLine });
        }

        return new ParseResult<IReadOnlyList<LinkTarget>>(targets, []);
    }

    internal static string Origin(string? file, int line)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file ?? "<input>"}:{line}");
}

/// <summary>Finds the line of an offset in a text by binary search over line starts.</summary>
internal sealed class LineIndex
{
    private readonly List<int> _starts = [0];

    public LineIndex(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _starts.Add(i + 1);
            }
        }
    }

    /// <summary>The 1-based line of an offset.</summary>
    public int LineOf(int offset)
    {
        var at = _starts.BinarySearch(offset);
        return (at >= 0 ? at : ~at - 1) + 1;
    }
}
