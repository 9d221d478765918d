namespace Citations.Validation;

/// <summary>The codes of the diagnostics <see cref="ArticleValidator"/> produces (<c>CIT02xx</c>).</summary>
public static class ValidationCodes
{
    /// <summary>Error: two claims share an id.</summary>
    public const string DuplicateClaimId = "CIT0201";

    /// <summary>Error: two sources share an id.</summary>
    public const string DuplicateSourceId = "CIT0202";

    /// <summary>Error: an evidence link names a source the article does not have.</summary>
    public const string UnknownEvidenceSource = "CIT0203";

    /// <summary>Error: a source relies on a source the article does not have.</summary>
    public const string UnknownDependency = "CIT0204";

    /// <summary>Warning: sources rely on each other in a circle (circular sourcing); none can lend the others support.</summary>
    public const string DependencyCycle = "CIT0205";

    /// <summary>Warning: a statistic has no primary-data source and no source cited as its data source.</summary>
    public const string StatisticWithoutData = "CIT0206";

    /// <summary>Error: an anchor names a paragraph the article's text does not have.</summary>
    public const string NoSuchParagraph = "CIT0207";

    /// <summary>Error: an anchor's exact words do not occur in its paragraph.</summary>
    public const string AnchorNotFound = "CIT0208";

    /// <summary>Error: an anchor's exact words occur, but not with its prefix or suffix around them.</summary>
    public const string AnchorContextMismatch = "CIT0209";

    /// <summary>Warning: an anchor's words occur more than once in the paragraph; a prefix or suffix would tell them apart.</summary>
    public const string AmbiguousAnchor = "CIT0210";

    /// <summary>Warning: a claim marked as a quote does not quote its paragraph.</summary>
    public const string QuoteNotInText = "CIT0211";

    /// <summary>Warning: a locator label is not one of the CSL locator labels, so styles cannot print it.</summary>
    public const string UnknownLocatorLabel = "CIT0212";

    /// <summary>Info: no claim cites a source and no cited source relies on it.</summary>
    public const string UnusedSource = "CIT0213";

    /// <summary>Warning: re-anchoring found a claim's passage in the new version of the article, but with other words; the anchor now quotes the new words.</summary>
    public const string AnchorReworded = "CIT0220";

    /// <summary>Error: re-anchoring could not place a claim in the new version of the article; its old anchor is kept.</summary>
    public const string AnchorNotRelocated = "CIT0221";

    /// <summary>Info: re-anchoring found a claim's words unchanged in another paragraph of the new version.</summary>
    public const string AnchorMoved = "CIT0222";
}
