using System.Net;
using System.Text;
using Citations.Links.Drift;
using Citations.Validation;

namespace Citations.Links.Pages;

/// <summary>
/// What the markup of a page shows about the kind of page it is, read in one tolerant pass (no DOM): its title and
/// first heading, the text a reader sees without scripts, the text of its <c>noscript</c> elements, its scripts, empty
/// mount elements of script frameworks, password fields, and the addresses it loads or links to.
/// </summary>
/// <remarks>Immutable and thread-safe. Linear in the input and bounded: at most <see cref="MaxAddresses"/> addresses and
/// <see cref="MaxScripts"/> scripts are kept, so a hostile page cannot make it slow or large.</remarks>
internal sealed record PageMarkup
{
    /// <summary>The most addresses (<c>src</c>, <c>href</c>, <c>action</c>) kept.</summary>
    public const int MaxAddresses = 500;

    /// <summary>The most script addresses kept.</summary>
    public const int MaxScripts = 100;

    /// <summary>Ids (and custom element names) that script frameworks mount an application on.</summary>
    private static readonly HashSet<string> MountIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "root", "app", "__next", "__nuxt", "___gatsby", "svelte", "main-app", "application", "react-root", "app-root", "ember-app", "q-app", "mount",
    };

    private static readonly HashSet<string> MountElementNames = new(StringComparer.OrdinalIgnoreCase) { "app-root", "my-app", "flutter-view" };

    /// <summary>Elements whose content a reader does not see as text.</summary>
    private static readonly string[] HiddenElements = ["script", "style", "template", "svg", "math", "noscript", "select", "textarea"];

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    };

    /// <summary>The page's title, normalised, if any.</summary>
    public string? Title { get; init; }

    /// <summary>The text of the first <c>h1</c>, normalised, if any.</summary>
    public string? Heading { get; init; }

    /// <summary>The text a reader sees with scripts off, normalised (no <c>noscript</c>, scripts, styles or templates).</summary>
    public string VisibleText { get; init; } = string.Empty;

    /// <summary>The text of the <c>noscript</c> elements, normalised.</summary>
    public string NoscriptText { get; init; } = string.Empty;

    /// <summary>The <c>src</c> of every external script (up to <see cref="MaxScripts"/>).</summary>
    public IReadOnlyList<string> ScriptSources { get; init; } = [];

    /// <summary>How many characters of inline script the page has.</summary>
    public int InlineScriptLength { get; init; }

    /// <summary>Empty mount elements, such as <c>div#root</c> or <c>app-root</c>.</summary>
    public IReadOnlyList<string> EmptyMountElements { get; init; } = [];

    /// <summary>How many password fields the page has.</summary>
    public int PasswordFields { get; init; }

    /// <summary>How many forms the page has.</summary>
    public int Forms { get; init; }

    /// <summary>The addresses the page loads: <c>src</c> and <c>data-src</c> attributes (scripts, frames, images) and a meta refresh, as written (up to <see cref="MaxAddresses"/>).</summary>
    public IReadOnlyList<string> LoadedAddresses { get; init; } = [];

    /// <summary>The addresses the page links to: <c>href</c> and <c>action</c> attributes, as written (up to <see cref="MaxAddresses"/>).</summary>
    public IReadOnlyList<string> LinkedAddresses { get; init; } = [];

    /// <summary>The target of a <c>&lt;meta http-equiv="refresh"&gt;</c>, if any.</summary>
    public string? RefreshTarget { get; init; }

    /// <summary>Reads a page's markup.</summary>
    /// <param name="html">The HTML.</param>
    public static PageMarkup Read(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var visible = new StringBuilder(Math.Min(html.Length, 1 << 16));
        var noscript = new StringBuilder();
        var scripts = new List<string>();
        var loaded = new List<string>();
        var linked = new List<string>();
        var mounts = new List<string>();
        string? title = null;
        string? heading = null;
        string? refresh = null;
        var inlineScript = 0;
        var passwords = 0;
        var forms = 0;
        var i = 0;
        var runStart = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            var next = html[lt + 1];
            if (next == '!')
            {
                Append(visible, html, runStart, lt);
                var end = string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0 ? html.IndexOf("-->", lt + 4, StringComparison.Ordinal) : html.IndexOf('>', lt + 2);
                i = runStart = end < 0 ? html.Length : end + (html[end] == '>' ? 1 : 3);
                continue;
            }

            if (!(char.IsAsciiLetter(next) || next == '/'))
            {
                i = lt + 1;
                continue;
            }

            Append(visible, html, runStart, lt);
            var close = HtmlText.FindTagEnd(html, lt + 1);
            var closing = next == '/';
            var nameStart = closing ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < close && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            i = runStart = close < html.Length ? close + 1 : html.Length;
            if (closing || name.Length == 0)
            {
                if (BlockElements.Contains(name))
                {
                    visible.Append('\n');
                }

                continue;
            }

            var tag = html.AsSpan(nameEnd, Math.Max(0, close - nameEnd));
            var selfClosing = close > 0 && close < html.Length && html[close - 1] == '/';
            switch (name)
            {
                case "title" or "h1" when !selfClosing:
                {
                    var end = HtmlText.IndexOfClosingTag(html, i, name);
                    var inner = Normalize(HtmlText.ToText(html[i..(end < 0 ? html.Length : end)]));
                    if (name == "title")
                    {
                        title ??= inner.Length > 0 ? inner : null;
                        i = runStart = end < 0 ? html.Length : HtmlText.FindTagEnd(html, end + 1) + 1;
                        continue;
                    }

                    heading ??= inner.Length > 0 ? inner : null;
                    visible.Append('\n');
                    continue;
                }

                case "script":
                {
                    var src = Attribute(tag, "src");
                    var end = selfClosing ? i : HtmlText.IndexOfClosingTag(html, i, "script");
                    if (src is not null)
                    {
                        Add(scripts, src, MaxScripts);
                        Add(loaded, src, MaxAddresses);
                    }
                    else if (!IsDataScript(Attribute(tag, "type")))
                    {
                        inlineScript += (end < 0 ? html.Length : end) - i;
                    }

                    i = runStart = end < 0 ? html.Length : Math.Min(html.Length, HtmlText.FindTagEnd(html, end + 1) + 1);
                    continue;
                }

                case "noscript" when !selfClosing:
                {
                    var end = HtmlText.IndexOfClosingTag(html, i, "noscript");
                    noscript.Append(HtmlText.ToText(html[i..(end < 0 ? html.Length : end)])).Append('\n');
                    i = runStart = end < 0 ? html.Length : Math.Min(html.Length, HtmlText.FindTagEnd(html, end + 1) + 1);
                    continue;
                }

                case "input" when string.Equals(Attribute(tag, "type"), "password", StringComparison.OrdinalIgnoreCase):
                    passwords++;
                    break;
                case "form":
                    forms++;
                    break;
                case "meta" when string.Equals(Attribute(tag, "http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase):
                    refresh = RefreshUrl(Attribute(tag, "content"));
                    if (refresh is not null)
                    {
                        Add(loaded, refresh, MaxAddresses);
                    }

                    break;
            }

            foreach (var attribute in (ReadOnlySpan<string>)["src", "data-src", "href", "action"])
            {
                if (Attribute(tag, attribute) is { } address)
                {
                    Add(attribute is "href" or "action" ? linked : loaded, address, MaxAddresses);
                }
            }

            if (!selfClosing && (MountElementNames.Contains(name) || (Attribute(tag, "id") is { } id && MountIds.Contains(id))) && IsEmptyElement(html, i, name))
            {
                Add(mounts, MountElementNames.Contains(name) ? name : name + "#" + Attribute(tag, "id"), 10);
            }

            if (Array.IndexOf(HiddenElements, name) >= 0 && !selfClosing)
            {
                var end = HtmlText.IndexOfClosingTag(html, i, name);
                if (end >= 0)
                {
                    i = runStart = Math.Min(html.Length, HtmlText.FindTagEnd(html, end + 1) + 1);
                }
            }
            else if (BlockElements.Contains(name))
            {
                visible.Append('\n');
            }
        }

        Append(visible, html, runStart, html.Length);
        return new PageMarkup
        {
            Title = title,
            Heading = heading,
            VisibleText = Normalize(visible.ToString()),
            NoscriptText = Normalize(noscript.ToString()),
            ScriptSources = scripts,
            InlineScriptLength = inlineScript,
            EmptyMountElements = mounts,
            PasswordFields = passwords,
            Forms = forms,
            LoadedAddresses = loaded,
            LinkedAddresses = linked,
            RefreshTarget = refresh,
        };
    }

    /// <summary>The value of an attribute in the text of a tag after its name, entities decoded, or <see langword="null"/>.</summary>
    internal static string? Attribute(ReadOnlySpan<char> tag, string name)
    {
        var i = 0;
        while (i < tag.Length)
        {
            while (i < tag.Length && (char.IsWhiteSpace(tag[i]) || tag[i] == '/'))
            {
                i++;
            }

            var start = i;
            while (i < tag.Length && !char.IsWhiteSpace(tag[i]) && tag[i] is not '=' and not '>' and not '/')
            {
                i++;
            }

            var attribute = tag[start..i];
            while (i < tag.Length && char.IsWhiteSpace(tag[i]))
            {
                i++;
            }

            ReadOnlySpan<char> value = [];
            var hasValue = i < tag.Length && tag[i] == '=';
            if (hasValue)
            {
                i++;
                while (i < tag.Length && char.IsWhiteSpace(tag[i]))
                {
                    i++;
                }

                if (i < tag.Length && tag[i] is '"' or '\'')
                {
                    var quote = tag[i];
                    var end = tag[(i + 1)..].IndexOf(quote);
                    value = end < 0 ? tag[(i + 1)..] : tag.Slice(i + 1, end);
                    i = end < 0 ? tag.Length : i + end + 2;
                }
                else
                {
                    var valueStart = i;
                    while (i < tag.Length && !char.IsWhiteSpace(tag[i]) && tag[i] != '>')
                    {
                        i++;
                    }

                    value = tag[valueStart..i];
                }
            }

            if (attribute.Length == 0 && !hasValue)
            {
                i++;
                continue;
            }

            if (attribute.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return WebUtility.HtmlDecode(value.Trim().ToString());
            }
        }

        return null;
    }

    private static bool IsDataScript(string? type)
        => type is not null && (type.Contains("json", StringComparison.OrdinalIgnoreCase) || type.Contains("template", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether an element's content, up to its closing tag, is only whitespace and comments.</summary>
    private static bool IsEmptyElement(string html, int from, string name)
    {
        var i = from;
        while (i < html.Length)
        {
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            return string.CompareOrdinal(html, i, "</", 0, 2) == 0
                   && i + 2 + name.Length <= html.Length
                   && string.Compare(html, i + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }

        return false;
    }

    /// <summary>The URL of a refresh's <c>content</c> (<c>0; url=/lander</c>), or <see langword="null"/>.</summary>
    private static string? RefreshUrl(string? content)
    {
        var at = content?.IndexOf("url=", StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 ? null : content![(at + 4)..].Trim().Trim('\'', '"');
    }

    private static void Add(List<string> list, string value, int max)
    {
        if (list.Count < max && value.Length > 0)
        {
            list.Add(value.Length > 2048 ? value[..2048] : value);
        }
    }

    private static void Append(StringBuilder text, string html, int start, int end)
    {
        if (end > start)
        {
            text.Append(WebUtility.HtmlDecode(html[start..end]));
        }
    }

    private static string Normalize(string text) => QuoteText.Normalize(text);
}
