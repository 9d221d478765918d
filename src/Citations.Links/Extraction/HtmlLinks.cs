using System.Collections.Frozen;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;
using AngleSharp.Text;
using Citations.Diagnostics;
using Citations.Links.Drift;
using Citations.Validation;

namespace Citations.Links.Extraction;

/// <summary>Reads the links of an HTML document (see <see cref="HtmlLinkScanner"/> for what counts).</summary>
internal static class HtmlLinks
{
    public static ParseResult<IReadOnlyList<LinkTarget>> Read(string html, string? file, LinkExtractionOptions options)
    {
        var links = new LinkCollector(file, reportRelativeLinks: true);
        var scanner = new HtmlLinkScanner(links, options);
        scanner.Scan(html, firstLine: 1);
        return links.Finish(scanner.BaseHref, options.BaseUrl);
    }
}

/// <summary>
/// Reads links from HTML as a browser's tokenizer (AngleSharp's, after the HTML standard) sees it: entities decoded,
/// comments skipped, the text of <c>script</c>, <c>style</c>, <c>title</c> and the like taken as raw text.
/// </summary>
/// <remarks>
/// <para>What counts: <c>href</c>, <c>src</c> and <c>cite</c> on any element (custom elements included), every
/// candidate of <c>srcset</c>, and http(s) URLs written in running text outside link text. Left out: links in comments;
/// <c>&lt;link&gt;</c> resource hints (<c>preconnect</c>, <c>dns-prefetch</c>: they name a host, not a page) and
/// disabled stylesheets; <c>rel="nofollow"</c> links when <see cref="LinkExtractionOptions.SkipNofollow"/> says so;
/// everything in verbatim elements (see <see cref="LinkExtractionOptions.IncludeVerbatim"/>); the text of
/// <c>script</c> and <c>style</c> always. The first <c>&lt;base href&gt;</c> is kept to resolve relative links.</para>
/// <para>The text inside a <c>blockquote</c> or <c>q</c> that has a <c>cite</c> becomes a quote its page should contain.</para>
/// <para>State (open verbatim elements, link text) carries from one <see cref="Scan"/> to the next, so the inline
/// HTML of a Markdown paragraph can be read tag by tag.</para>
/// </remarks>
internal sealed class HtmlLinkScanner(LinkCollector links, LinkExtractionOptions options)
{
    private static readonly FrozenSet<string> VerbatimElements =
        FrozenSet.Create(StringComparer.Ordinal, "pre", "code", "kbd", "samp", "var", "listing", "xmp", "plaintext", "textarea");

    private static readonly FrozenDictionary<string, HtmlParseMode> TextModes = new Dictionary<string, HtmlParseMode>(StringComparer.Ordinal)
    {
        ["script"] = HtmlParseMode.Script,
        ["style"] = HtmlParseMode.Rawtext,
        ["xmp"] = HtmlParseMode.Rawtext,
        ["iframe"] = HtmlParseMode.Rawtext,
        ["noembed"] = HtmlParseMode.Rawtext,
        ["noframes"] = HtmlParseMode.Rawtext,
        ["title"] = HtmlParseMode.RCData,
        ["textarea"] = HtmlParseMode.RCData,
        ["plaintext"] = HtmlParseMode.Plaintext,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>How many open verbatim elements and quotes are tracked: enough for any real page, and hostile nesting stays linear.</summary>
    private const int MaxTracked = 64;

    private readonly List<string> _openVerbatim = [];
    private readonly List<OpenQuote> _openQuotes = [];

    /// <summary>Verbatim elements and quotes opened beyond <see cref="MaxTracked"/>: counted, so that their end tags close them and not an outer one.</summary>
    private int _verbatimOverflow;
    private int _quoteOverflow;

    /// <summary>A quote opened by the last tag, whose content starts with the next token.</summary>
    private OpenQuote? _pendingQuote;
    private bool _inLinkText;
    private string? _rawTextElement;
    private bool _baseSeen;

    /// <summary>The first <c>&lt;base href&gt;</c> of the document, if any.</summary>
    public string? BaseHref { get; private set; }

    /// <summary>Whether the text read next is link text or inside a verbatim element that is skipped.</summary>
    public bool SkipsText => (InVerbatim && !options.IncludeVerbatim) || _inLinkText;

    private bool InVerbatim => _openVerbatim.Count > 0;

    /// <summary>Forgets the open elements (not the base): the next piece of HTML starts afresh, as a new Markdown paragraph does.</summary>
    public void Reset()
    {
        _openVerbatim.Clear();
        _openQuotes.Clear();
        _verbatimOverflow = _quoteOverflow = 0;
        _pendingQuote = null;
        _inLinkText = false;
        _rawTextElement = null;
    }

    /// <summary>Reads a piece of HTML whose first line is line <paramref name="firstLine"/> of the file.</summary>
    public void Scan(string html, int firstLine)
    {
        if (BareTag(html) is var (bareName, isEnd))
        {
            // A tag without attributes (<code>, </a>: most inline HTML in Markdown) holds no link; only what it opens or closes matters.
            if (isEnd)
            {
                EndTag(bareName, html, 0);
            }
            else
            {
                OpenVerbatim(bareName);
                PushQuote(bareName, -1, html);
            }

            return;
        }

        var lines = new LineIndex(html);
        using var source = new TextSource(html);
        var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.Resolver) { SkipComments = true };
        while (true)
        {
            ref var token = ref tokenizer.GetStructToken();
            var offset = token.Position.Index;
            if (_pendingQuote is { } pending && ReferenceEquals(pending.Html, html))
            {
                pending.ContentStart = offset;
            }

            _pendingQuote = null;

            switch (token.Type)
            {
                case HtmlTokenType.EndOfFile:
                    return;
                case HtmlTokenType.StartTag:
                    StartTag(ref token, tokenizer, html, lines, firstLine);
                    break;
                case HtmlTokenType.EndTag:
                    EndTag(token.Name.ToString(), html, offset);
                    break;
                case HtmlTokenType.Character when _rawTextElement is null || (_rawTextElement is "textarea" or "plaintext" or "xmp"):
                    if (!SkipsText)
                    {
                        links.AddBareUrls(token.Data, firstLine + lines.LineOf(offset) - 1);
                    }

                    break;
            }
        }
    }

    private void StartTag(ref StructHtmlToken token, HtmlTokenizer tokenizer, string html, LineIndex lines, int firstLine)
    {
        var name = token.Name.ToString();
        if (TextModes.TryGetValue(name, out var mode))
        {
            tokenizer.State = mode;
            _rawTextElement = name;
        }

        OpenVerbatim(name);
        if (name == "a" && token.GetAttribute("href").Length > 0)
        {
            _inLinkText = true;
        }

        var quoteTarget = -1;
        if ((!InVerbatim || options.IncludeVerbatim) && Wanted(ref token, name))
        {
            for (var i = 0; i < token.Attributes.Count; i++)
            {
                var attribute = token.Attributes[i];
                var attributeName = LinkAttribute(attribute.Name);
                if (attributeName is null)
                {
                    continue;
                }

                var line = firstLine + lines.LineOf(attribute.Position.Index) - 1;
                var construct = LinkConstructs.HtmlAttribute(name, attributeName);
                if (attributeName == "srcset")
                {
                    foreach (var candidate in Srcset.Urls(attribute.Value.ToString()))
                    {
                        links.Add(candidate, line, construct);
                    }

                    continue;
                }

                var index = links.Add(attribute.Value.ToString(), line, construct);
                if (attributeName == "cite" && name is "blockquote" or "q")
                {
                    quoteTarget = index;
                }
            }
        }

        PushQuote(name, quoteTarget, html);
    }

    /// <summary>The name of a tag that has no attributes (<c>&lt;code&gt;</c>, <c>&lt;/a&gt;</c>) and whether it is an end tag; <see langword="null"/> for anything else.</summary>
    private static (string Name, bool End)? BareTag(string html)
    {
        if (html.Length < 3 || html[0] != '<' || html[^1] != '>')
        {
            return null;
        }

        var end = html[1] == '/';
        var i = end ? 2 : 1;
        var start = i;
        if (!char.IsAsciiLetter(html[i]))
        {
            return null;
        }

        while (i < html.Length - 1 && (char.IsAsciiLetterOrDigit(html[i]) || html[i] == '-'))
        {
            i++;
        }

        var nameEnd = i;
        while (i < html.Length - 1 && html[i] is ' ' or '\t' or '\n' or '\r' or '\f')
        {
            i++;
        }

        if (!end && i < html.Length - 1 && html[i] == '/')
        {
            i++;
        }

        return i == html.Length - 1 ? (html[start..nameEnd].ToLowerInvariant(), end) : null;
    }

    private void OpenVerbatim(string name)
    {
        if (!VerbatimElements.Contains(name))
        {
            return;
        }

        if (_openVerbatim.Count < MaxTracked)
        {
            _openVerbatim.Add(name);
        }
        else
        {
            _verbatimOverflow++;
        }
    }

    private void PushQuote(string name, int target, string html)
    {
        if (name is not ("blockquote" or "q"))
        {
            return;
        }

        if (_openQuotes.Count < MaxTracked)
        {
            _pendingQuote = new OpenQuote(name, target, html);
            _openQuotes.Add(_pendingQuote);
        }
        else
        {
            _quoteOverflow++;
        }
    }

    /// <summary>The name of an attribute that holds links (<c>href</c>, <c>src</c>, <c>cite</c>, <c>srcset</c>); <see langword="null"/> for others.</summary>
    private static string? LinkAttribute(AngleSharp.Common.StringOrMemory name)
        => name == "href" ? "href" : name == "src" ? "src" : name == "cite" ? "cite" : name == "srcset" ? "srcset" : null;

    /// <summary>Whether the element's links count: not a resource hint, a disabled stylesheet, a skipped nofollow link or the base.</summary>
    private bool Wanted(ref StructHtmlToken token, string name)
    {
        if (name == "base")
        {
            if (!_baseSeen && token.GetAttribute("href") is { IsNullOrEmpty: false } href)
            {
                _baseSeen = true;
                BaseHref = href.ToString();
            }

            return false;
        }

        var rel = token.GetAttribute("rel");
        if (rel.IsNullOrEmpty)
        {
            return true;
        }

        var relations = rel.ToString().ToLowerInvariant().Split([' ', '\t', '\n', '\f', '\r', ','], StringSplitOptions.RemoveEmptyEntries);
        if (name == "link" && (relations.Contains("preconnect") || relations.Contains("dns-prefetch")
            || (relations.Contains("stylesheet") && HasAttribute(ref token, "disabled"))))
        {
            return false;
        }

        return !(options.SkipNofollow && relations.Contains("nofollow"));
    }

    private static bool HasAttribute(ref StructHtmlToken token, string name)
    {
        for (var i = 0; i < token.Attributes.Count; i++)
        {
            if (token.Attributes[i].Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private void EndTag(string name, string html, int offset)
    {
        if (name == _rawTextElement)
        {
            _rawTextElement = null;
        }

        if (name == "a")
        {
            _inLinkText = false;
        }

        if (_verbatimOverflow > 0 && VerbatimElements.Contains(name))
        {
            _verbatimOverflow--;
        }
        else if (_openVerbatim.LastIndexOf(name) is var verbatim and >= 0)
        {
            // An end tag closes the elements opened inside it too.
            _openVerbatim.RemoveRange(verbatim, _openVerbatim.Count - verbatim);
        }

        if (name is not ("blockquote" or "q"))
        {
            return;
        }

        if (_quoteOverflow > 0)
        {
            _quoteOverflow--;
            return;
        }

        var open = _openQuotes.FindLastIndex(q => q.Element == name);
        if (open < 0)
        {
            return;
        }

        var quote = _openQuotes[open];
        _openQuotes.RemoveRange(open, _openQuotes.Count - open);
        if (quote.Target >= 0 && ReferenceEquals(quote.Html, html) && quote.ContentStart is { } start && start <= offset)
        {
            var text = QuoteText.Normalize(HtmlText.ToText(html[start..offset]));
            if (text.Length > 0)
            {
                links.SetQuotes(quote.Target, [text]);
            }
        }
    }

    /// <summary>
    /// An open <c>blockquote</c> or <c>q</c>: the link its <c>cite</c> gave (-1 for none), the HTML it was read from
    /// (its text is taken only when it closes in the same piece) and where its content starts.
    /// </summary>
    private sealed class OpenQuote(string element, int target, string html)
    {
        public string Element { get; } = element;

        public int Target { get; } = target;

        public string Html { get; } = html;

        public int? ContentStart { get; set; }
    }
}
