using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;

namespace Citations.Links.Articles;

/// <summary>A link inside a paragraph: where its text is, and what it points to (absolute, or an in-page <c>#id</c>).</summary>
internal readonly record struct LinkSpan(int Start, int End, string Href, string Text);

/// <summary>One paragraph of an article's text and the links in it.</summary>
internal sealed record BodyParagraph(string Text, IReadOnlyList<LinkSpan> Links);

/// <summary>
/// The article's text as paragraphs, boilerplate left out. How it decides:
/// <list type="number">
/// <item>The text is taken from the page's <c>&lt;article&gt;</c> (the longest one), else <c>&lt;main&gt;</c> or
/// <c>role="main"</c>, else the body.</item>
/// <item>Inside it, elements that are never article text are dropped: <c>nav</c>, <c>header</c>, <c>footer</c>,
/// <c>aside</c>, <c>form</c>, <c>script</c>, <c>style</c>, <c>noscript</c>, <c>template</c>, <c>iframe</c>, <c>button</c>,
/// elements with the ARIA roles navigation, banner, contentinfo, complementary or search, and elements whose class or
/// id names boilerplate (navigation, menus, footers, comments, ads, sidebars, sharing, related links, newsletters,
/// cookie banners, breadcrumbs).</item>
/// <item>A paragraph is a <c>p</c>, a <c>blockquote</c> without paragraphs inside, a list item without paragraphs or
/// lists inside, a <c>dd</c> or a <c>figcaption</c>; headings, tables and code are not paragraphs.</item>
/// <item>The targets of in-page links (footnote lists: <c>href="#fn1"</c> → <c>id="fn1"</c>) are notes, not
/// paragraphs: a sentence with a footnote reference cites the links of its note.</item>
/// </list>
/// </summary>
internal static class ArticleBody
{
    private static readonly FrozenSet<string> DroppedElements = new[]
    {
        "NAV", "HEADER", "FOOTER", "ASIDE", "FORM", "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "BUTTON", "SVG", "SELECT",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> DroppedRoles = new[] { "navigation", "banner", "contentinfo", "complementary", "search" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Whole class or id tokens, or tokens with one of these words between '-' or '_' ("site-nav", "comment_list",
    // "share-buttons"); whole words only, so "advance" or "navy-blue" text classes are kept.
    private static readonly FrozenSet<string> BoilerplateWords = new[]
    {
        "nav", "navbar", "navigation", "menu", "footer", "comment", "comments", "ad", "ads", "advert", "advertisement",
        "sponsored", "sidebar", "share", "sharing", "social", "related", "newsletter", "subscribe", "cookie", "cookies",
        "banner", "breadcrumb", "breadcrumbs", "promo", "masthead", "byline-share", "paywall",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ParagraphElements = new[] { "P", "BLOCKQUOTE", "LI", "DD", "FIGCAPTION" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> NotText = new[] { "PRE", "CODE", "TABLE", "H1", "H2", "H3", "H4", "H5", "H6" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The paragraphs of the page, and the notes (by element id) that in-page links point to.</summary>
    public static (IReadOnlyList<BodyParagraph> Paragraphs, IReadOnlyDictionary<string, BodyParagraph> Notes) Read(IDocument document, Uri? baseUrl)
    {
        var root = Root(document);
        var noteIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in root.QuerySelectorAll("a[href^='#']"))
        {
            var id = anchor.GetAttribute("href")![1..];
            if (id.Length > 0)
            {
                noteIds.Add(Uri.UnescapeDataString(id));
            }
        }

        var notes = new Dictionary<string, BodyParagraph>(StringComparer.Ordinal);
        foreach (var id in noteIds)
        {
            if (document.GetElementById(id) is { } target && !IsDropped(target))
            {
                notes[id] = ReadParagraph(target, baseUrl);
            }
        }

        var paragraphs = new List<BodyParagraph>();
        Collect(root, baseUrl, noteIds, paragraphs);
        return (paragraphs, notes);
    }

    private static IElement Root(IDocument document)
    {
        var article = document.QuerySelectorAll("article").Where(a => !IsDropped(a)).MaxBy(a => a.TextContent.Length);
        return article
            ?? document.QuerySelector("main")
            ?? document.QuerySelector("[role=main]")
            ?? document.Body
            ?? document.DocumentElement;
    }

    private static void Collect(IElement element, Uri? baseUrl, HashSet<string> noteIds, List<BodyParagraph> paragraphs)
    {
        foreach (var child in element.Children)
        {
            if (IsDropped(child) || NotText.Contains(child.LocalName) || (child.Id is { } id && noteIds.Contains(id)))
            {
                continue;
            }

            if (ParagraphElements.Contains(child.LocalName) && !child.QuerySelectorAll("p, li, blockquote, ul, ol").Any())
            {
                var paragraph = ReadParagraph(child, baseUrl);
                if (paragraph.Text.Length > 0)
                {
                    paragraphs.Add(paragraph);
                }

                continue;
            }

            Collect(child, baseUrl, noteIds, paragraphs);
        }
    }

    private static bool IsDropped(IElement element)
    {
        if (DroppedElements.Contains(element.LocalName)
            || (element.GetAttribute("role") is { } role && DroppedRoles.Contains(role.Trim()))
            || element.HasAttribute("hidden"))
        {
            return true;
        }

        foreach (var token in element.ClassList.Append(element.Id ?? string.Empty))
        {
            if (token.Length > 0 && (BoilerplateWords.Contains(token) || token.Split('-', '_').Any(BoilerplateWords.Contains)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The element's text, whitespace collapsed, with where each link's text sits in it.</summary>
    private static BodyParagraph ReadParagraph(IElement element, Uri? baseUrl)
    {
        var text = new StringBuilder();
        var links = new List<LinkSpan>();
        Append(element, text, links, baseUrl);
        var trimmedEnd = text.Length;
        while (trimmedEnd > 0 && text[trimmedEnd - 1] == ' ')
        {
            trimmedEnd--;
        }

        var result = text.ToString(0, trimmedEnd);
        return new BodyParagraph(result, links.Select(l => l with { End = Math.Min(l.End, result.Length) }).ToList());
    }

    private static void Append(INode node, StringBuilder text, List<LinkSpan> links, Uri? baseUrl)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                AppendCollapsed(text, t.Data);
            }
            else if (child is IElement e)
            {
                if (IsDropped(e))
                {
                    continue;
                }

                if (e.LocalName == "br")
                {
                    AppendCollapsed(text, " ");
                    continue;
                }

                var start = text.Length;
                Append(e, text, links, baseUrl);
                if (e.LocalName == "a" && Href(e, baseUrl) is { } href)
                {
                    // A leading space belongs to the text before the link.
                    while (start < text.Length && text[start] == ' ')
                    {
                        start++;
                    }

                    links.Add(new LinkSpan(start, text.Length, href, text.ToString(start, text.Length - start).Trim()));
                }
            }
        }
    }

    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                if (text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }

    /// <summary>An http(s) link made absolute, or an in-page <c>#id</c>; <see langword="null"/> for anything else.</summary>
    private static string? Href(IElement anchor, Uri? baseUrl)
    {
        var raw = anchor.GetAttribute("href")?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (raw.StartsWith('#'))
        {
            return raw.Length > 1 ? "#" + Uri.UnescapeDataString(raw[1..]) : null;
        }

        Uri? url = null;
        if (Uri.TryCreate(raw, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            url = absolute;
        }
        else if (baseUrl is not null && !raw.Contains(':', StringComparison.Ordinal) && Uri.TryCreate(baseUrl, raw, out var resolved))
        {
            url = resolved;
        }

        return url is { Scheme: "http" or "https" } ? url.AbsoluteUri : null;
    }
}
