using System.Text;
using Citations.Diagnostics;
using Citations.Links.Drift;
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

    private readonly LinkCollector _links;
    private readonly LinkExtractionOptions _options;

    /// <summary>Text runs (literals, entities) are joined before URLs are sought: Markdig splits text at <c>_</c>, <c>*</c> and escapes.</summary>
    private readonly StringBuilder _run = new();
    private int _runLine;

    /// <summary>The inline HTML of the paragraph being read: its open <c>code</c> or <c>a</c> elements hide the text that follows.</summary>
    private HtmlLinkScanner _inlineHtml;

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
        var links = new LinkCollector(file, reportRelativeLinks: false);
        new MarkdownLinks(links, options).Blocks(Markdown.Parse(markdown, Pipeline));
        return links.Finish();
    }

    private void Blocks(ContainerBlock container)
    {
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
                            _links.AddBareUrls(line.Slice.ToString(), line.Line + 1);
                        }
                    }

                    break;
                case HtmlBlock html when html.Lines.Count > 0:
                    new HtmlLinkScanner(_links, _options).Scan(html.Lines.ToString(), html.Lines.Lines[0].Line + 1);
                    break;
                case LeafBlock { Inline: { } inline }:
                    _inlineHtml = new HtmlLinkScanner(_links, _options);
                    Inlines(inline, inLinkText: false);
                    break;
            }
        }
    }

    private void Inlines(ContainerInline container, bool inLinkText)
    {
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
    }

    private void Append(ReadOnlySpan<char> text, int line)
    {
        if (_run.Length == 0)
        {
            _runLine = line;
        }

        _run.Append(text);
        AddQuoteText(text, line);
    }

    private void FlushRun(bool inLinkText)
    {
        if (_run.Length > 0 && !inLinkText && !_inlineHtml.SkipsText)
        {
            _links.AddBareUrls(_run.ToString(), _runLine + 1);
        }

        _run.Clear();
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
        var text = TextNormalizer.Normalize(string.Join(' ', lines.Where(l => l.Key != linkLine).Select(l => l.Value.ToString()))).Trim('"', ' ');
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
