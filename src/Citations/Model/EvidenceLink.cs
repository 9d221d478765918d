using System.Collections.Frozen;

namespace Citations.Model;

/// <summary>
/// How a claim uses a source, in the vocabulary of CiTO, the Citation Typing Ontology
/// (<c>http://purl.org/spar/cito/</c>). The file format writes each value under its CiTO property name.
/// </summary>
public enum CitationRelation
{
    /// <summary><c>cito:citesAsDataSource</c>: the claim takes its data (figures, counts) from the source.</summary>
    CitesAsDataSource,

    /// <summary><c>cito:citesAsEvidence</c>: the source is offered as evidence for the claim.</summary>
    CitesAsEvidence,

    /// <summary><c>cito:citesAsAuthority</c>: the claim leans on the standing of the source rather than on its evidence.</summary>
    CitesAsAuthority,

    /// <summary><c>cito:includesQuotationFrom</c>: the claim quotes the source.</summary>
    IncludesQuotationFrom,

    /// <summary><c>cito:citesForInformation</c>: the source is cited for a piece of information.</summary>
    CitesForInformation,

    /// <summary><c>cito:citesAsBackground</c>: the source gives context; it does not back the claim itself.</summary>
    CitesAsBackground,

    /// <summary><c>cito:disputes</c>: the claim disputes what the source says; the source does not back the claim.</summary>
    Disputes,
}

/// <summary>Who linked a claim to a source.</summary>
public enum EvidenceOrigin
{
    /// <summary>The article itself names or links the source.</summary>
    Article,

    /// <summary>
    /// A reviewer (editor, fact-checker, researcher) identified the source; the article does not cite it. Reports say so,
    /// because a reader of the article cannot see it.
    /// </summary>
    Reviewer,
}

/// <summary>Extension methods for <see cref="CitationRelation"/>.</summary>
public static class CitationRelationExtensions
{
    /// <summary>
    /// Whether the relation means the source backs the claim. Background sources and disputed sources do not;
    /// every other relation does.
    /// </summary>
    public static bool IsSupporting(this CitationRelation relation)
        => relation is not (CitationRelation.CitesAsBackground or CitationRelation.Disputes);
}

/// <summary>
/// A link from a claim to a source that backs (or is disputed by) it: which source, how it is used, where in the source
/// (<see cref="Locator"/>) and, optionally, the words quoted from it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvidenceLink
{
    /// <summary>Creates a link.</summary>
    /// <param name="sourceId">The id of the source (the id of its CSL item).</param>
    /// <param name="relation">How the claim uses the source.</param>
    public EvidenceLink(string sourceId, CitationRelation relation)
    {
        SourceId = sourceId;
        Relation = relation;
    }

    /// <summary>The id of the source, as in <see cref="Source.Id"/>.</summary>
    public string SourceId { get; init => field = Require.NotBlank(value, nameof(SourceId)); }

    /// <summary>How the claim uses the source.</summary>
    public CitationRelation Relation { get; init => field = Require.Defined(value, nameof(Relation)); }

    /// <summary>Who linked the claim to the source.</summary>
    /// <value>Defaults to <see cref="EvidenceOrigin.Article"/>.</value>
    public EvidenceOrigin Origin { get; init => field = Require.Defined(value, nameof(Origin)); }

    /// <summary>Where in the source the evidence is (a page, a table, a section), or <see langword="null"/>.</summary>
    public Locator? Locator { get; init; }

    /// <summary>The words of the source that back the claim, or <see langword="null"/>; a link checker can look for them.</summary>
    public string? Quote { get; init; }
}

/// <summary>
/// A place in a source: a CSL locator label (<c>page</c>, <c>table</c>, <c>section</c>, …) and its value
/// (<c>"12–14"</c>, <c>"3"</c>).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Locator
{
    /// <summary>Creates a locator.</summary>
    /// <param name="label">A CSL locator label; see <see cref="Labels"/>.</param>
    /// <param name="value">The value, such as a page range or a table number.</param>
    public Locator(string label, string value)
    {
        Label = label;
        Value = value;
    }

    /// <summary>The locator labels that CSL 1.0.2 defines (the terms a style can print for a locator).</summary>
    public static IReadOnlySet<string> Labels { get; } = new[]
    {
        "act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation", "equation", "figure",
        "folio", "issue", "line", "note", "opus", "page", "paragraph", "part", "rule", "scene", "section", "sub-verbo",
        "supplement", "table", "timestamp", "title-locator", "verse", "version", "volume",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The label, such as <c>page</c> or <c>table</c>.</summary>
    public string Label { get; init => field = Require.NotBlank(value, nameof(Label)); }

    /// <summary>The value, such as <c>12–14</c>.</summary>
    public string Value { get; init => field = Require.NotBlank(value, nameof(Value)); }

    /// <summary>Whether <see cref="Label"/> is one of the CSL locator labels.</summary>
    public bool HasStandardLabel => Labels.Contains(Label);

    /// <summary>A page locator.</summary>
    public static Locator Page(string pages) => new("page", pages);

    /// <summary>A table locator.</summary>
    public static Locator Table(string table) => new("table", table);

    /// <summary>A section locator.</summary>
    public static Locator Section(string section) => new("section", section);

    /// <summary>Returns <c>label value</c>.</summary>
    public override string ToString() => $"{Label} {Value}";
}
