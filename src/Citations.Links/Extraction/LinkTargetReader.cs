using System.Buffers;
using System.Text;
using System.Text.Json;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Links.Extraction;

/// <summary>The kinds of file links can be read from.</summary>
public enum LinkFileKind
{
    /// <summary>CSL-JSON: each item's <c>URL</c> (or DOI) with its id and <c>accessed</c> date.</summary>
    CslJson,

    /// <summary>Markdown: inline and reference links, autolinks and bare URLs, outside code; a blockquote that cites one link quotes it.</summary>
    Markdown,

    /// <summary>HTML: <c>a href</c>, and <c>cite</c> on <c>blockquote</c> and <c>q</c> (whose text becomes a quote to look for).</summary>
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

    /// <summary>Diagnostic code: the file could not be read.</summary>
    public const string UnreadableFileCode = "LNK001";

    /// <summary>Diagnostic code: a CSL item cites no URL or DOI.</summary>
    public const string NoUrlCode = "LNK002";

    /// <summary>Diagnostic code: a link is relative and cannot be checked without a base URL.</summary>
    public const string RelativeLinkCode = "LNK003";

    /// <summary>
    /// Guesses a file's kind. JSON (by extension or by its first character) is an article file when its top-level
    /// object has an article's properties (<c>formatVersion</c>, <c>claims</c>, <c>sources</c>, <c>metadata</c>), and
    /// CSL-JSON otherwise; <c>.md</c> and <c>.html</c> files are Markdown and HTML, <c>.txt</c> files URL lists. Other
    /// text starting with <c>&lt;</c> is HTML; text whose lines mostly start with a URL is a URL list; the rest Markdown.
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

        if (start.StartsWith("[", StringComparison.Ordinal) || start.StartsWith("{", StringComparison.Ordinal))
        {
            return SniffJson(text);
        }

        if (start.StartsWith("<", StringComparison.Ordinal))
        {
            return LinkFileKind.Html;
        }

        return LooksLikeUrlList(text) ? LinkFileKind.UrlList : LinkFileKind.Markdown;
    }

    /// <summary>Article or CSL-JSON, from the top-level property names (read up to the first syntax error, if any).</summary>
    private static LinkFileKind SniffJson(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes,
            new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LinkFileKind.CslJson;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("formatVersion") || reader.ValueTextEquals("claims")
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

        return LinkFileKind.CslJson;
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
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ParseResult<IReadOnlyList<LinkTarget>>> ReadFileAsync(string path, LinkFileKind? kind = null, CancellationToken cancellationToken = default)
    {
        var set = await ReadSetFileAsync(path, kind, null, cancellationToken).ConfigureAwait(false);
        return new ParseResult<IReadOnlyList<LinkTarget>>(set.Value?.Targets, set.Diagnostics);
    }

    /// <summary>
    /// Reads a file of any supported kind (see <see cref="DetectKind"/>): its links, and the cited sources that have none
    /// (CSL items and article sources without a URL or DOI).
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="kind">The kind; guessed when <see langword="null"/>.</param>
    /// <param name="displayName">The name diagnostics and origins give the file (such as the path as the user typed it); <paramref name="path"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ParseResult<LinkTargetSet>> ReadSetFileAsync(string path, LinkFileKind? kind = null, string? displayName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        displayName ??= path;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ParseResult<LinkTargetSet>(null,
                [new Diagnostic(DiagnosticSeverity.Error, UnreadableFileCode, $"The file could not be read: {e.Message}", new SourceLocation(displayName, null, 0, 0))]);
        }

        return ReadSet(text, kind ?? DetectKind(path, text), displayName);
    }

    /// <summary>Reads the links of text of a given kind.</summary>
    /// <param name="text">The text.</param>
    /// <param name="kind">What the text is.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    public static ParseResult<IReadOnlyList<LinkTarget>> Read(string text, LinkFileKind kind, string? file = null)
    {
        var set = ReadSet(text, kind, file);
        return new ParseResult<IReadOnlyList<LinkTarget>>(set.Value?.Targets, set.Diagnostics);
    }

    /// <summary>Reads text of a given kind: its links, and the cited sources that have none.</summary>
    /// <param name="text">The text.</param>
    /// <param name="kind">What the text is.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    public static ParseResult<LinkTargetSet> ReadSet(string text, LinkFileKind kind, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind switch
        {
            LinkFileKind.CslJson => ReadCslJsonSet(text, file),
            LinkFileKind.Markdown => Targets(MarkdownLinks.Read(text, file)),
            LinkFileKind.Html => Targets(HtmlLinks.Read(text, file)),
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
        var parsed = ArticleJson.Read(json, file);
        if (parsed.Value is null)
        {
            return new ParseResult<LinkTargetSet>(null, parsed.Diagnostics);
        }

        var set = ArticleLinkTargets.From(parsed.Value, file);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        foreach (var source in set.NotCheckable)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, NoUrlCode,
                $"Source '{source.SourceId}' cites no URL or DOI; a link check cannot cover it.", new SourceLocation(file, null, 0, 0)));
        }

        return new ParseResult<LinkTargetSet>(set, diagnostics);
    }

    private static ParseResult<LinkTargetSet> Targets(ParseResult<IReadOnlyList<LinkTarget>> read)
        => new(read.Value is null ? null : new LinkTargetSet { Targets = read.Value }, read.Diagnostics);

    /// <summary>Reads the links of CSL-JSON items: each item's URL (or its DOI's resolver URL), id and accessed date.</summary>
    /// <param name="json">The CSL-JSON text.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    public static ParseResult<IReadOnlyList<LinkTarget>> ReadCslJson(string json, string? file = null)
    {
        var set = ReadCslJsonSet(json, file);
        return new ParseResult<IReadOnlyList<LinkTarget>>(set.Value?.Targets, set.Diagnostics);
    }

    private static ParseResult<LinkTargetSet> ReadCslJsonSet(string json, string? file)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = CslJson.Read(json, file);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        var targets = new List<LinkTarget>();
        var notCheckable = new List<NotCheckableSource>();
        foreach (var item in parsed.Value ?? [])
        {
            var origin = file is null ? $"item {item.Id.Text}" : $"{file} (item {item.Id.Text})";
            if (LinkTarget.FromCslItem(item, origin) is { } target)
            {
                targets.Add(target);
            }
            else
            {
                notCheckable.Add(new NotCheckableSource(item.Id.Text, NotCheckableSource.NoLinkReason) { Title = item.Title, Origin = origin });
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, NoUrlCode,
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
            targets.Add(new LinkTarget(url) { Origin = Origin(file, line) });
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
