using System.Net;
using System.Text;
using Citations.Validation;

namespace Citations.Links.Drift;

/// <summary>The readable text of an HTML page: tags, comments, scripts and styles removed, entities decoded, block elements separated.</summary>
/// <remarks>Thread-safe. A tolerant single pass over the input (no DOM), linear in its length, so hostile pages cannot make it slow.</remarks>
internal static class HtmlText
{
    private static readonly string[] SkippedElements = ["script", "style", "template", "svg", "math", "head"];

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "title", "option", "caption",
    };

    /// <summary>Extracts the text of a page.</summary>
    /// <param name="html">The HTML.</param>
    /// <returns>The text, with blocks separated by newlines and entities decoded (whitespace not yet normalised).</returns>
    public static string ToText(string html) => Extract(html).Text;

    /// <summary>Extracts the text and the title of a page.</summary>
    /// <param name="html">The HTML.</param>
    public static (string Text, string? Title) Extract(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(Math.Min(html.Length, 1 << 20));
        string? title = null;
        var i = 0;
        var runStart = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                break;
            }

            if (lt + 1 >= html.Length)
            {
                break;
            }

            var next = html[lt + 1];
            if (next == '!')
            {
                AppendRun(text, html, runStart, lt);
                if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
                {
                    var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                    i = runStart = end < 0 ? html.Length : end + 3;
                }
                else
                {
                    // <!DOCTYPE …> and <![CDATA[ … ]]>: skip to the closing bracket.
                    var end = html.IndexOf('>', lt + 2);
                    i = runStart = end < 0 ? html.Length : end + 1;
                }

                continue;
            }

            if (!(char.IsAsciiLetter(next) || next == '/' || next == '?'))
            {
                // A bare '<' in text.
                i = lt + 1;
                continue;
            }

            AppendRun(text, html, runStart, lt);
            var close = FindTagEnd(html, lt + 1);
            var closing = next == '/';
            var nameStart = closing ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < close && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd];
            i = runStart = close < html.Length ? close + 1 : html.Length;
            if (closing)
            {
                if (BlockElements.Contains(name))
                {
                    text.Append('\n');
                }

                continue;
            }

            if (name.Equals("title", StringComparison.OrdinalIgnoreCase) && title is null)
            {
                var end = IndexOfClosingTag(html, i, "title");
                title = Normalize(WebUtility.HtmlDecode(html[i..(end < 0 ? html.Length : end)]));
                i = runStart = end < 0 ? html.Length : FindTagEnd(html, end + 1) + 1;
                continue;
            }

            if (Array.Exists(SkippedElements, s => s.Equals(name, StringComparison.OrdinalIgnoreCase)) && html[close - 1] != '/')
            {
                // The head holds the title (taken above when it comes first) and metadata; skip to its end only when
                // it is explicitly closed, since many pages omit </head>.
                var end = IndexOfClosingTag(html, i, name);
                if (end >= 0)
                {
                    if (name.Equals("head", StringComparison.OrdinalIgnoreCase) && title is null)
                    {
                        var headTitle = Extract(html[i..end]).Title;
                        title = headTitle;
                    }

                    i = runStart = Math.Min(html.Length, FindTagEnd(html, end + 1) + 1);
                }

                continue;
            }

            if (BlockElements.Contains(name))
            {
                text.Append('\n');
            }
            else if (name.Equals("img", StringComparison.OrdinalIgnoreCase) || name.Equals("input", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(' ');
            }
        }

        AppendRun(text, html, runStart, html.Length);
        return (text.ToString(), string.IsNullOrEmpty(title) ? null : title);
    }

    private static string Normalize(string text) => QuoteText.Normalize(text);

    private static void AppendRun(StringBuilder text, string html, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        var run = html.AsSpan(start, end - start);
        if (run.Contains('&'))
        {
            text.Append(WebUtility.HtmlDecode(run.ToString()));
        }
        else
        {
            text.Append(run);
        }
    }

    /// <summary>The index of the <c>&gt;</c> closing a tag, skipping quoted attribute values.</summary>
    internal static int FindTagEnd(string html, int from)
    {
        char quote = '\0';
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return html.Length;
    }

    /// <summary>The index of the <c>&lt;/</c> of the next closing tag named <paramref name="name"/> (any case), or -1.</summary>
    internal static int IndexOfClosingTag(string html, int from, string name)
    {
        var i = from;
        while (true)
        {
            var at = html.IndexOf("</", i, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            if (at + 2 + name.Length <= html.Length
                && string.Compare(html, at + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (at + 2 + name.Length == html.Length || !char.IsAsciiLetterOrDigit(html[at + 2 + name.Length])))
            {
                return at;
            }

            i = at + 2;
        }
    }
}
