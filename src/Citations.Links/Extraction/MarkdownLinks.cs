using System.Text;
using Citations.Diagnostics;
using Citations.Validation;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Citations.Links.Extraction;

/// <summary>
/// Reads the links of a Markdown document parsed as CommonMark (by Markdig): inline links and images, reference links
/// and images where they are used (a definition nothing uses is not part of the page), autolinks, http(s) URLs in
/// running text (outside link text), and the HTML blocks and inline HTML as <see cref="HtmlLinkScanner"/> reads HTML.
/// Code (fenced, indented, inline, and inside HTML <c>pre</c>/<c>code</c>) is skipped unless
/// <see cref="LinkExtractionOptions.IncludeVerbatim"/>.
/// </summary>
/// <remarks>
/// A blockquote that cites exactly one link (for example an attribution line under the quote) makes the text of its
/// other lines a quote the cited page should contain. One instance reads one document.
/// </remarks>
internal sealed class MarkdownLinks
{
    // Inlines know their line only when precise source locations are kept.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    /// <summary>How deep blocks and inlines are followed (quotes in quotes, lists in lists, emphasis in emphasis): far beyond real documents, and the walk cannot exhaust the stack.</summary>
    private const int MaxDepth = 128;

    private readonly LinkCollector _links;
    private readonly LinkExtractionOptions _options;
    private int _depth;

    /// <summary>The first line below <see cref="MaxDepth"/>, reported once; 0 when nothing was that deep.</summary>
    private int _tooDeepLine;

    /// <summary>Text runs (literals, entities) are joined before URLs are sought: Markdig splits text at <c>_</c>, <c>*</c> and escapes.</summary>
    private char[] _run = new char[256];
    private int _runLength;
    private int _runLine;

    /// <summary>The inline HTML of the paragraph being read: its open <c>code</c> or <c>a</c> elements hide the text that follows.</summary>
    private readonly HtmlLinkScanner _inlineHtml;

    /// <summary>The first <c>&lt;base href&gt;</c> of the HTML blocks (one in inline HTML is kept by <see cref="_inlineHtml"/>).</summary>
    private string? _baseHref;

    /// <summary>The text of the blockquote being read, by line; <see langword="null"/> outside blockquotes.</summary>
    private SortedDictionary<int, StringBuilder>? _quoteLines;

    private MarkdownLinks(LinkCollector links, LinkExtractionOptions options)
    {
        _links = links;
        _options = options;
        _inlineHtml = new HtmlLinkScanner(links, options);
    }

    public static ParseResult<IReadOnlyList<LinkTarget>> Read(string markdown, string? file, LinkExtractionOptions options)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException e)
        {
            // Markdig's own limit on nesting (thousands of nested quotes): its one way of refusing an input.
            return new ParseResult<IReadOnlyList<LinkTarget>>(null,
            [
                new Diagnostic(DiagnosticSeverity.Fatal, LinkDiagnosticCodes.NestedTooDeeply,
                    $"The Markdown could not be read: {e.Message}", new SourceLocation(file, null, 0, 0)),
            ]);
        }

        var links = new LinkCollector(file, reportRelativeLinks: false);
        var reader = new MarkdownLinks(links, options);
        reader.Blocks(document);
        var result = links.Finish(reader._baseHref ?? reader._inlineHtml.BaseHref, options.BaseUrl);
        if (reader._tooDeepLine > 0)
        {
            result = new ParseResult<IReadOnlyList<LinkTarget>>(result.Value,
            [
                .. result.Diagnostics,
                new Diagnostic(DiagnosticSeverity.Warning, LinkDiagnosticCodes.NestedTooDeeply,
                    $"The Markdown is nested more than {MaxDepth} levels deep here; links deeper than that were not read.",
                    new SourceLocation(file, null, reader._tooDeepLine, 0)),
            ]);
        }

        return result;
    }

    /// <summary>Whether the walk may go one level deeper than <paramref name="at"/>; notes the first place it may not.</summary>
    private bool Deeper(MarkdownObject at)
    {
        if (_depth < MaxDepth)
        {
            return true;
        }

        if (_tooDeepLine == 0)
        {
            _tooDeepLine = at.Line + 1;
        }

        return false;
    }

    private void Blocks(ContainerBlock container)
    {
        if (!Deeper(container))
        {
            return;
        }

        _depth++;
        foreach (var block in container)
        {
            switch (block)
            {
                case QuoteBlock quote when _quoteLines is null:
                    Quote(quote);
                    break;
                case LinkReferenceDefinitionGroup:
                    // Definitions count where links use them.
                    break;
                case ContainerBlock children:
                    Blocks(children);
                    break;
                case CodeBlock code:
                    // Fenced and indented code.
                    if (_options.IncludeVerbatim)
                    {
                        for (var i = 0; i < code.Lines.Count; i++)
                        {
                            var line = code.Lines.Lines[i];
                            _links.AddBareUrls(line.Slice.AsSpan(), line.Line + 1);
                        }
                    }

                    break;
                case HtmlBlock html when html.Lines.Count > 0:
                    var blockHtml = new HtmlLinkScanner(_links, _options);
                    blockHtml.Scan(html.Lines.ToString(), html.Lines.Lines[0].Line + 1);
                    _baseHref ??= blockHtml.BaseHref;
                    break;
                case LeafBlock { Inline: { } inline }:
                    _inlineHtml.Reset();
                    Inlines(inline, inLinkText: false);
                    break;
            }
        }

        _depth--;
    }

    private void Inlines(ContainerInline container, bool inLinkText)
    {
        if (!Deeper(container))
        {
            return;
        }

        _depth++;
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    Append(literal.Content.AsSpan(), literal.Line);
                    continue;
                case HtmlEntityInline entity:
                    Append(entity.Transcoded.AsSpan(), entity.Line);
                    continue;
            }

            FlushRun(inLinkText);
            switch (inline)
            {
                case LinkInline link:
                    if (!string.IsNullOrEmpty(link.Url))
                    {
                        var reference = link.Reference is not null || link.IsShortcut;
                        _links.Add(link.Url, link.Line + 1, (link.IsImage, reference) switch
                        {
                            (false, false) => LinkConstructs.MarkdownInlineLink,
                            (false, true) => LinkConstructs.MarkdownReferenceLink,
                            (true, false) => LinkConstructs.MarkdownInlineImage,
                            (true, true) => LinkConstructs.MarkdownReferenceImage,
                        });
                    }

                    // The text of a link is its label (an image inside it is still read).
                    Inlines(link, inLinkText: true);
                    break;
                case AutolinkInline { IsEmail: false } autolink:
                    _links.Add(autolink.Url, autolink.Line + 1, LinkConstructs.MarkdownAutolink);
                    break;
                case CodeInline code:
                    AddQuoteText(code.Content, code.Line);
                    if (_options.IncludeVerbatim)
                    {
                        _links.AddBareUrls(code.Content, code.Line + 1);
                    }

                    break;
                case HtmlInline html:
                    _inlineHtml.Scan(html.Tag, html.Line + 1);
                    break;
                case ContainerInline children:
                    Inlines(children, inLinkText);
                    break;
            }
        }

        FlushRun(inLinkText);
        _depth--;
    }

    private void Append(ReadOnlySpan<char> text, int line)
    {
        if (_runLength == 0)
        {
            _runLine = line;
        }

        if (_runLength + text.Length > _run.Length)
        {
            Array.Resize(ref _run, Math.Max(_run.Length * 2, _runLength + text.Length));
        }

        text.CopyTo(_run.AsSpan(_runLength));
        _runLength += text.Length;
        AddQuoteText(text, line);
    }

    private void FlushRun(bool inLinkText)
    {
        if (_runLength > 0 && !inLinkText && !_inlineHtml.SkipsText)
        {
            _links.AddBareUrls(_run.AsSpan(0, _runLength), _runLine + 1);
        }

        _runLength = 0;
    }

    /// <summary>Reads a blockquote; when it cites exactly one link, the text of its other lines is a quote for that link.</summary>
    private void Quote(QuoteBlock quote)
    {
        var first = _links.Count;
        _quoteLines = [];
        Blocks(quote);
        var lines = _quoteLines;
        _quoteLines = null;
        if (_links.Count - first != 1)
        {
            return;
        }

        var linkLine = _links.LineOf(first) - 1;
        var text = QuoteText.Normalize(string.Join(' ', lines.Where(l => l.Key != linkLine).Select(l => l.Value.ToString()))).Trim('"', ' ');
        if (text.Length > 0)
        {
            _links.SetQuotes(first, [text]);
        }
    }

    private void AddQuoteText(ReadOnlySpan<char> text, int line)
    {
        if (_quoteLines is null)
        {
            return;
        }

        if (!_quoteLines.TryGetValue(line, out var builder))
        {
            _quoteLines[line] = builder = new StringBuilder();
        }

        builder.Append(text);
    }
}
