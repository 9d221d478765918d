namespace Citations.Links;

/// <summary>What the checker read on a page: its title, fingerprint, the quotes looked for, and change since the last check.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ContentCheck
{
    /// <summary>The page title, if any.</summary>
    public string? Title { get; init; }

    /// <summary>The fingerprint of the page's normalised text.</summary>
    public required PageFingerprint Fingerprint { get; init; }

    /// <summary>Each quote the citations carry, and whether the page still contains it.</summary>
    public IReadOnlyList<QuoteCheck> Quotes { get; init; } = [];

    /// <summary>Whether the text differs from the last check that read it; <see langword="null"/> when there is no earlier fingerprint.</summary>
    public bool? ChangedSinceLastCheck { get; init; }

    /// <summary>How alike the text is to the last check's (see <see cref="PageFingerprint.Similarity"/>), or <see langword="null"/>.</summary>
    public double? SimilarityToLastCheck { get; init; }

    /// <summary>When the earlier fingerprint was taken, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>Whether the body was cut at the size cap (the text, and so the quotes, may be incomplete).</summary>
    public bool Truncated { get; init; }

    /// <summary>The cited title compared with the page's title and main heading, or <see langword="null"/> when no citation gives a title or the page has neither.</summary>
    public TitleCheck? TitleMatch { get; init; }
}

/// <summary>Whether a page still resembles the title it was cited under.</summary>
/// <param name="CitedTitle">The title the citation gives (the first citation of the URL that has one).</param>
/// <param name="PageTitle">The page's title, or its main heading when that resembles the cited title better (escaped).</param>
/// <param name="Similarity">How alike the two are (0–1): the share of the shorter one's words found in the other, after
/// site names, case, punctuation and small words are set aside; the best of the title, its parts and the main heading.</param>
/// <param name="Changed">Whether the page no longer resembles the cited title (<paramref name="Similarity"/> below the threshold).</param>
public sealed record TitleCheck(string CitedTitle, string PageTitle, double Similarity, bool Changed);

/// <summary>Whether a page still contains a quoted passage.</summary>
/// <param name="Quote">The quote as cited.</param>
/// <param name="Found">Whether the normalised page text contains it (ignoring case; an ellipsis or a bracketed editorial insertion matches any text).</param>
/// <param name="Coverage">The share (0–1) of the quote's word triples found on the page: near 1 for a reworded page, near 0 for a page that no longer discusses it.</param>
public sealed record QuoteCheck(string Quote, bool Found, double Coverage);
