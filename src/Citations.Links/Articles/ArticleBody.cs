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
/// <item>A paragraph is a <c>p</c>, a <c>blockquote</c> without paragraphs inside, a list item (its own words, when it
/// also holds a nested list), a <c>dd</c>, a <c>figcaption</c>, or a table row (its cells joined by <c> | </c>; a row of
/// header cells only is not one); headings and code are not paragraphs.</item>
/// <item>A paragraph that only points elsewhere ("Read more:", "See also:", "Related:") is left out.</item>
/// <item>Links that are not citations are read as text: <c>rel="author"</c> and <c>rel="tag"</c> links, and credits
/// (a link right after "Photo:", "Image:", "Credit:", "Illustration:" or "Photo by").</item>
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
        "banner", "breadcrumb", "breadcrumbs", "promo", "masthead", "byline-share", "paywall", "byline", "tags", "credit", "credits",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ParagraphElements = new[] { "P", "BLOCKQUOTE", "LI", "DD", "FIGCAPTION" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> NotText = new[] { "PRE", "CODE", "H1", "H2", "H3", "H4", "H5", "H6" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Elements that start a block of their own: a list item's own words stop at them.
    private static readonly FrozenSet<string> BlockElements = new[]
    {
        "P", "UL", "OL", "DL", "BLOCKQUOTE", "TABLE", "DIV", "SECTION", "FIGURE", "PRE", "H1", "H2", "H3", "H4", "H5", "H6",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // How a paragraph that only points elsewhere starts; compared with the paragraph's start, case ignored.
    private static readonly string[] PointerLeads = ["read more:", "see also:", "related:", "also read:", "more on this:", "read next:", "recommended:"];

    // What a credit's link follows: the link names who made a picture, not a source of the text.
    private static readonly string[] CreditLeads = ["photo:", "photograph:", "image:", "picture:", "credit:", "illustration:", "photo by", "image by", "photos:"];

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

            if (ParagraphElements.Contains(child.LocalName))
            {
                var nested = child.QuerySelectorAll("p, li, blockquote, ul, ol, table").Any();
                if (!nested || child.LocalName == "li")
                {
                    // A list item that holds a nested list: its own words are a paragraph, then the nested items.
                    Add(paragraphs, ReadParagraph(child, baseUrl, ownWordsOnly: nested));
                    if (!nested)
                    {
                        continue;
                    }
                }
            }
            else if (child.LocalName == "tr")
            {
                if (child.Children.Any(c => c.LocalName == "td") && !child.QuerySelectorAll("p, li, table, div").Any())
                {
                    Add(paragraphs, ReadRow(child, baseUrl));
                    continue;
                }
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

    private static void Add(List<BodyParagraph> paragraphs, BodyParagraph paragraph)
    {
        if (paragraph.Text.Length > 0 && !PointerLeads.Any(lead => paragraph.Text.StartsWith(lead, StringComparison.OrdinalIgnoreCase)))
        {
            paragraphs.Add(paragraph);
        }
    }

    /// <summary>A table row: its cells' text joined by <c> | </c>, with the links in them.</summary>
    private static BodyParagraph ReadRow(IElement row, Uri? baseUrl)
    {
        var text = new StringBuilder();
        var links = new List<LinkSpan>();
        foreach (var cell in row.Children.Where(c => c.LocalName is "td" or "th" && !IsDropped(c)))
        {
            var before = text.Length;
            if (before > 0)
            {
                text.Append(" | ");
            }

            var start = text.Length;
            Append(cell, text, links, baseUrl, ownWordsOnly: false);
            while (text.Length > start && text[^1] == ' ')
            {
                text.Length--;
            }

            if (text.Length == start)
            {
                text.Length = before; // an empty cell adds nothing
            }
        }

        return Trimmed(text, links);
    }

    /// <summary>The element's text, whitespace collapsed, with where each link's text sits in it.</summary>
    /// <param name="element">The element.</param>
    /// <param name="baseUrl">What relative links are resolved against.</param>
    /// <param name="ownWordsOnly">Leave out the blocks inside it (a list item's nested list).</param>
    private static BodyParagraph ReadParagraph(IElement element, Uri? baseUrl, bool ownWordsOnly = false)
    {
        var text = new StringBuilder();
        var links = new List<LinkSpan>();
        Append(element, text, links, baseUrl, ownWordsOnly);
        return Trimmed(text, links);
    }

    private static BodyParagraph Trimmed(StringBuilder text, List<LinkSpan> links)
    {
        var trimmedEnd = text.Length;
        while (trimmedEnd > 0 && text[trimmedEnd - 1] == ' ')
        {
            trimmedEnd--;
        }

        var result = text.ToString(0, trimmedEnd);
        return new BodyParagraph(result, links.Select(l => l with { End = Math.Min(l.End, result.Length) }).ToList());
    }

    private static void Append(INode node, StringBuilder text, List<LinkSpan> links, Uri? baseUrl, bool ownWordsOnly)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                AppendCollapsed(text, t.Data);
            }
            else if (child is IElement e)
            {
                if (IsDropped(e) || (ownWordsOnly && BlockElements.Contains(e.LocalName)))
                {
                    continue;
                }

                if (e.LocalName == "br")
                {
                    AppendCollapsed(text, " ");
                    continue;
                }

                var start = text.Length;
                Append(e, text, links, baseUrl, ownWordsOnly: false);
                if (e.LocalName == "a" && !IsCredit(text, start) && Href(e, baseUrl) is { } href)
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

    /// <summary>Whether a link whose text starts at <paramref name="start"/> follows a credit's lead ("Photo:").</summary>
    private static bool IsCredit(StringBuilder text, int start)
    {
        var from = Math.Max(0, start - 24);
        var before = text.ToString(from, start - from).TrimEnd();
        return CreditLeads.Any(lead => before.EndsWith(lead, StringComparison.OrdinalIgnoreCase));
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
        if (string.IsNullOrEmpty(raw) || (anchor.GetAttribute("rel") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("author", StringComparison.OrdinalIgnoreCase) || r.Equals("tag", StringComparison.OrdinalIgnoreCase)))
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
