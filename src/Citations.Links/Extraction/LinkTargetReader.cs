using System.Text;
using Citations.Diagnostics;
using Citations.Links.Checking;
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
}

/// <summary>
/// Reads the links cited in files: CSL-JSON, Markdown, HTML, or a plain list of URLs. User data is not exceptional:
/// problems become diagnostics with the file and line, and every link that could be read is returned.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class LinkTargetReader
{
    /// <summary>Diagnostic code: the file could not be read.</summary>
    public const string UnreadableFileCode = "LNK001";

    /// <summary>Diagnostic code: a CSL item cites no URL or DOI.</summary>
    public const string NoUrlCode = "LNK002";

    /// <summary>Diagnostic code: a link is relative and cannot be checked without a base URL.</summary>
    public const string RelativeLinkCode = "LNK003";

    /// <summary>Guesses a file's kind from its extension, then from its first characters.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="text">The file's text, to sniff when the extension says nothing.</param>
    public static LinkFileKind DetectKind(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".json":
                return LinkFileKind.CslJson;
            case ".md" or ".markdown" or ".mdown" or ".mkd":
                return LinkFileKind.Markdown;
            case ".html" or ".htm" or ".xhtml":
                return LinkFileKind.Html;
        }

        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("\uFEFF", StringComparison.Ordinal))
        {
            start = start[1..].TrimStart();
        }

        if (start.StartsWith("[", StringComparison.Ordinal) || start.StartsWith("{", StringComparison.Ordinal))
        {
            return LinkFileKind.CslJson;
        }

        return start.StartsWith("<", StringComparison.Ordinal) ? LinkFileKind.Html : LinkFileKind.UrlList;
    }

    /// <summary>Reads a file of any supported kind (see <see cref="DetectKind"/>).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="kind">The kind; guessed when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ParseResult<IReadOnlyList<LinkTarget>>> ReadFileAsync(string path, LinkFileKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ParseResult<IReadOnlyList<LinkTarget>>(null,
                [new Diagnostic(DiagnosticSeverity.Error, UnreadableFileCode, $"The file could not be read: {e.Message}", new SourceLocation(path, null, 0, 0))]);
        }

        return Read(text, kind ?? DetectKind(path, text), path);
    }

    /// <summary>Reads text of a given kind.</summary>
    /// <param name="text">The text.</param>
    /// <param name="kind">What the text is.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    public static ParseResult<IReadOnlyList<LinkTarget>> Read(string text, LinkFileKind kind, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind switch
        {
            LinkFileKind.CslJson => ReadCslJson(text, file),
            LinkFileKind.Markdown => MarkdownLinks.Read(text, file),
            LinkFileKind.Html => HtmlLinks.Read(text, file),
            LinkFileKind.UrlList => ReadUrlList(text, file),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>Reads the links of CSL-JSON items: each item's URL (or its DOI's resolver URL), id and accessed date.</summary>
    /// <param name="json">The CSL-JSON text.</param>
    /// <param name="file">The file name for diagnostics and target origins.</param>
    public static ParseResult<IReadOnlyList<LinkTarget>> ReadCslJson(string json, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = CslJson.Read(json, file);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        var targets = new List<LinkTarget>();
        foreach (var item in parsed.Value ?? [])
        {
            var origin = file is null ? $"item {item.Id.Text}" : $"{file} (item {item.Id.Text})";
            if (LinkTarget.FromCslItem(item, origin) is { } target)
            {
                targets.Add(target);
            }
            else
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, NoUrlCode,
                    $"Item '{item.Id.Text}' cites no URL or DOI; a link check cannot cover it.", new SourceLocation(file, null, 0, 0)));
            }
        }

        return new ParseResult<IReadOnlyList<LinkTarget>>(parsed.Value is null ? null : targets, diagnostics);
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
