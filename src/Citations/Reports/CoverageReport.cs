using Citations.Model;

namespace Citations.Reports;

/// <summary>How strongly a claim is backed, from nothing to primary data. Larger values are stronger.</summary>
public enum SupportLevel
{
    /// <summary>No source backs the claim.</summary>
    None,

    /// <summary>Only a source the article does not name ("one expert said") backs the claim.</summary>
    Anonymous,

    /// <summary>
    /// A named source backs the claim (news, an official statement, a study, an advocacy group or think tank, or an
    /// unclassified source), but none of the sources it leads to is primary data.
    /// </summary>
    Secondary,

    /// <summary>Primary data backs the claim, cited directly or reached through the sources a cited source relies on.</summary>
    PrimaryData,
}

/// <summary>
/// A claim-coverage report: for each claim of an article, the strongest support it has, with totals per level and per
/// kind of claim, and the sources with how they are used. Render it with a <see cref="ICoverageReportFormat"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; equality compares every member.</remarks>
public sealed record CoverageReport
{
    /// <summary>The article's id (the id of its CSL item).</summary>
    public required string ArticleId { get; init; }

    /// <summary>The article's title, or <see langword="null"/> when its metadata has none.</summary>
    public string? ArticleTitle { get; init; }

    /// <summary>One entry per claim, in the article's order.</summary>
    public IReadOnlyList<ClaimCoverage> Claims { get; init => field = EquatableList<ClaimCoverage>.From(value, nameof(Claims)); } = EquatableList<ClaimCoverage>.Empty;

    /// <summary>How many claims have each level of support.</summary>
    public required SupportCounts Totals { get; init; }

    /// <summary>The same counts for each kind of claim, one entry per <see cref="ClaimKind"/> in declaration order.</summary>
    public IReadOnlyList<KindCoverage> ByKind { get; init => field = EquatableList<KindCoverage>.From(value, nameof(ByKind)); } = EquatableList<KindCoverage>.Empty;

    /// <summary>One entry per source, in the article's order.</summary>
    public IReadOnlyList<SourceCoverage> Sources { get; init => field = EquatableList<SourceCoverage>.From(value, nameof(Sources)); } = EquatableList<SourceCoverage>.Empty;

    /// <summary>Builds the report for an article.</summary>
    /// <param name="article">The article. Links to missing sources count as no support; run <see cref="Validation.ArticleValidator"/> to find them.</param>
    public static CoverageReport Create(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return CoverageCalculator.Calculate(article);
    }

    /// <summary>Renders the report in a format.</summary>
    /// <param name="format">The format, such as <see cref="CoverageReportFormats.Markdown"/>.</param>
    public string Render(ICoverageReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        format.Write(this, writer);
        return writer.ToString();
    }
}

/// <summary>How many claims have each level of support.</summary>
/// <param name="Claims">The number of claims counted.</param>
/// <param name="PrimaryData">Claims backed by primary data.</param>
/// <param name="Secondary">Claims whose strongest support is a secondary source.</param>
/// <param name="Anonymous">Claims backed only by anonymous sources.</param>
/// <param name="None">Claims with no supporting source.</param>
public sealed record SupportCounts(int Claims, int PrimaryData, int Secondary, int Anonymous, int None)
{
    /// <summary>The count for one level.</summary>
    public int this[SupportLevel level] => level switch
    {
        SupportLevel.PrimaryData => PrimaryData,
        SupportLevel.Secondary => Secondary,
        SupportLevel.Anonymous => Anonymous,
        _ => None,
    };

    internal static SupportCounts Of(IEnumerable<ClaimCoverage> claims)
    {
        var list = claims.ToList();
        return new SupportCounts(
            list.Count,
            list.Count(c => c.Support == SupportLevel.PrimaryData),
            list.Count(c => c.Support == SupportLevel.Secondary),
            list.Count(c => c.Support == SupportLevel.Anonymous),
            list.Count(c => c.Support == SupportLevel.None));
    }
}

/// <summary>The support counts for one kind of claim.</summary>
/// <param name="Kind">The kind of claim.</param>
/// <param name="Counts">The counts for claims of that kind.</param>
public sealed record KindCoverage(ClaimKind Kind, SupportCounts Counts);

/// <summary>The coverage of one claim.</summary>
/// <remarks>Immutable and thread-safe; equality compares every member.</remarks>
public sealed record ClaimCoverage
{
    /// <summary>The claim's id.</summary>
    public required string ClaimId { get; init; }

    /// <summary>What kind of statement the claim is.</summary>
    public required ClaimKind Kind { get; init; }

    /// <summary>Whether the claim's text quotes the article or paraphrases it.</summary>
    public required ClaimWording Wording { get; init; }

    /// <summary>The claim's text.</summary>
    public required string Text { get; init; }

    /// <summary>The paragraph the claim is in.</summary>
    public required int Paragraph { get; init; }

    /// <summary>The strongest support any of the claim's sources gives it.</summary>
    public required SupportLevel Support { get; init; }

    /// <summary>
    /// Whether the article itself cites a source that gives the claim its strongest support; <see langword="false"/>
    /// when only a reviewer linked such a source, or when the claim has no support.
    /// </summary>
    public required bool CitedInArticle { get; init; }

    /// <summary>
    /// When the claim is backed by primary data: the shortest chain of source ids from a cited source to the primary
    /// data (one id when the primary data is cited directly). Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> PrimaryChain { get; init => field = EquatableList<string>.From(value, nameof(PrimaryChain)); } = EquatableList<string>.Empty;

    /// <summary>Every evidence link of the claim, in order, with the support each gives.</summary>
    public IReadOnlyList<EvidenceCoverage> Evidence { get; init => field = EquatableList<EvidenceCoverage>.From(value, nameof(Evidence)); } = EquatableList<EvidenceCoverage>.Empty;

    /// <summary>Whether a claim of this kind is expected to have a source (every kind but opinion).</summary>
    public bool NeedsSupport => Kind != ClaimKind.Opinion;

    /// <summary>Whether a person has reviewed the claim (<see cref="Claim.Reviewed"/>); <see langword="false"/> for a suggestion of <c>citations extract</c>.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Reviewed { get; init; } = true;
}

/// <summary>One evidence link of a claim, with the support it gives.</summary>
/// <param name="SourceId">The source's id.</param>
/// <param name="Relation">How the claim uses the source.</param>
/// <param name="Origin">Who linked the claim to the source.</param>
/// <param name="SourceClass">The source's class, or <see langword="null"/> when the article has no source with that id.</param>
/// <param name="Support">
/// The support the link gives: <see cref="SupportLevel.None"/> for background and disputed sources and for missing
/// sources; otherwise the strongest level among the source and the sources it relies on.
/// </param>
public sealed record EvidenceCoverage(string SourceId, CitationRelation Relation, EvidenceOrigin Origin, SourceClass? SourceClass, SupportLevel Support);

/// <summary>One source of the article and how the claims use it.</summary>
/// <remarks>Immutable and thread-safe; equality compares every member.</remarks>
public sealed record SourceCoverage
{
    /// <summary>The source's id.</summary>
    public required string SourceId { get; init; }

    /// <summary>The source's title, or <see langword="null"/>.</summary>
    public string? Title { get; init; }

    /// <summary>The source's class.</summary>
    public required SourceClass Class { get; init; }

    /// <summary>The source's URL, or <see langword="null"/>.</summary>
    public string? Url { get; init; }

    /// <summary>The source's DOI, or <see langword="null"/>.</summary>
    public string? Doi { get; init; }

    /// <summary>Whether a link check can cover the source: it has a URL or a DOI.</summary>
    public bool LinkCheckable => Url is not null || Doi is not null;

    /// <summary>Whether a person has reviewed the source (<see cref="Source.Reviewed"/>); <see langword="false"/> for a suggestion of <c>citations extract</c>.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Reviewed { get; init; } = true;

    /// <summary>The ids of the claims that link to the source, in order.</summary>
    public IReadOnlyList<string> CitedBy { get; init => field = EquatableList<string>.From(value, nameof(CitedBy)); } = EquatableList<string>.Empty;

    /// <summary>The ids of the sources it relies on.</summary>
    public IReadOnlyList<string> ReliesOn { get; init => field = EquatableList<string>.From(value, nameof(ReliesOn)); } = EquatableList<string>.Empty;
}
