namespace Citations.Links.Articles;

/// <summary>How an article file is read: by its extension, else by its first character.</summary>
internal static class ArticleMarkups
{
    /// <summary>HTML for <c>.html</c>, <c>.htm</c>, <c>.xhtml</c>; Markdown for <c>.md</c>, <c>.markdown</c>; otherwise HTML when the text starts with <c>&lt;</c>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The file's text.</param>
    public static ArticleMarkup OfFile(string path, string content)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".md" or ".markdown" ? ArticleMarkup.Markdown
            : extension is ".html" or ".htm" or ".xhtml" ? ArticleMarkup.Html
            : content.TrimStart().StartsWith('<') ? ArticleMarkup.Html : ArticleMarkup.Markdown;
    }
}
