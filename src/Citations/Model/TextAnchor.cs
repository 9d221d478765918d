namespace Citations.Model;

/// <summary>
/// Where a claim sits in its article: the paragraph, and the words that mark it there, as a W3C Web Annotation
/// <c>TextQuoteSelector</c> (the exact words, optionally with the words just before and after them).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TextAnchor
{
    /// <summary>Creates an anchor.</summary>
    /// <param name="paragraph">The 1-based paragraph number.</param>
    /// <param name="selector">The words that mark the claim in that paragraph.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="paragraph"/> is less than 1.</exception>
    public TextAnchor(int paragraph, TextQuoteSelector selector)
    {
        Paragraph = paragraph;
        Selector = selector;
    }

    /// <summary>Creates an anchor from the exact words and, optionally, the words around them.</summary>
    /// <param name="paragraph">The 1-based paragraph number.</param>
    /// <param name="exact">The exact words of the claim in the paragraph.</param>
    /// <param name="prefix">The words immediately before <paramref name="exact"/>, to tell repeated words apart.</param>
    /// <param name="suffix">The words immediately after <paramref name="exact"/>.</param>
    public TextAnchor(int paragraph, string exact, string? prefix = null, string? suffix = null)
        : this(paragraph, new TextQuoteSelector(exact, prefix, suffix))
    {
    }

    /// <summary>The 1-based paragraph number: paragraphs are counted from the start of the article's text.</summary>
    public int Paragraph
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Paragraph), value, "Paragraphs are numbered from 1.");
    }

    /// <summary>The words that mark the claim in the paragraph.</summary>
    public TextQuoteSelector Selector { get; init => field = Require.NotNull(value, nameof(Selector)); }

    /// <summary>Returns <c>¶3 "exact"</c>, for debugging.</summary>
    public override string ToString() => $"¶{Paragraph.ToString(System.Globalization.CultureInfo.InvariantCulture)} \"{Selector.Exact}\"";
}

/// <summary>
/// A W3C Web Annotation <c>TextQuoteSelector</c>: a passage identified by its exact words and, to tell repeated words
/// apart, the words immediately before (<see cref="Prefix"/>) and after (<see cref="Suffix"/>) it.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Matching against a text ignores differences in whitespace and between curly and straight
/// quotation marks (see <see cref="Validation.ArticleValidator"/>).
/// </remarks>
public sealed record TextQuoteSelector
{
    /// <summary>Creates a selector.</summary>
    /// <param name="exact">The exact words; must not be blank.</param>
    /// <param name="prefix">The words immediately before, if needed to make the match unique.</param>
    /// <param name="suffix">The words immediately after, if needed to make the match unique.</param>
    public TextQuoteSelector(string exact, string? prefix = null, string? suffix = null)
    {
        Exact = exact;
        Prefix = prefix;
        Suffix = suffix;
    }

    /// <summary>The exact words of the passage.</summary>
    public string Exact { get; init => field = Require.NotBlank(value, nameof(Exact)); }

    /// <summary>The words immediately before the passage, or <see langword="null"/>.</summary>
    public string? Prefix { get; init; }

    /// <summary>The words immediately after the passage, or <see langword="null"/>.</summary>
    public string? Suffix { get; init; }
}
