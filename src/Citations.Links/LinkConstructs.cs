namespace Citations.Links;

/// <summary>
/// The names <see cref="LinkTarget.Construct"/> gives the places a URL is cited from, as reports show them: an HTML
/// attribute is named <c>element[attribute]</c> (<c>a[href]</c>, <c>img[srcset]</c>, <c>x-card[href]</c>), everything
/// else by one of the constants below.
/// </summary>
/// <remarks>The names are stable: reports and scripts may match them.</remarks>
public static class LinkConstructs
{
    /// <summary>A Markdown inline link: <c>[text](https://…)</c>.</summary>
    public const string MarkdownInlineLink = "markdown inline link";

    /// <summary>A Markdown inline image: <c>![alt](https://…)</c>.</summary>
    public const string MarkdownInlineImage = "markdown inline image";

    /// <summary>A Markdown reference link (full <c>[text][label]</c>, collapsed <c>[label][]</c> or shortcut <c>[label]</c>), at the place it is used.</summary>
    public const string MarkdownReferenceLink = "markdown reference link";

    /// <summary>A Markdown reference image (<c>![alt][label]</c> and its collapsed and shortcut forms), at the place it is used.</summary>
    public const string MarkdownReferenceImage = "markdown reference image";

    /// <summary>A Markdown autolink: <c>&lt;https://…&gt;</c>.</summary>
    public const string MarkdownAutolink = "markdown autolink";

    /// <summary>A URL written as plain text (in running text, or in code when verbatim text is included).</summary>
    public const string BareUrl = "bare url";

    /// <summary>A line of a list of URLs.</summary>
    public const string UrlListLine = "url list";

    /// <summary>The <c>URL</c> (or DOI) of an item in a bibliography file.</summary>
    public const string BibliographyItem = "bibliography item";

    /// <summary>The URL (or DOI) of a source in an article file.</summary>
    public const string ArticleSource = "article source";

    /// <summary>The name of an HTML attribute as a construct: <c>element[attribute]</c>, both in lower case.</summary>
    /// <param name="element">The element's name.</param>
    /// <param name="attribute">The attribute's name.</param>
    public static string HtmlAttribute(string element, string attribute)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(attribute);
        return string.Concat(element.ToLowerInvariant(), "[", attribute.ToLowerInvariant(), "]");
    }
}
