using Citations.Model;

namespace Citations.Serialization;

/// <summary>
/// The names the article file format (and the JSON coverage report) writes for the model's enumerations. Spelled out
/// here rather than derived from member names so that renaming a C# member cannot change a file format.
/// </summary>
internal static class ModelJsonNames
{
    public static readonly EnumNames<ClaimKind> ClaimKinds = new(
        (ClaimKind.Statistic, "statistic"),
        (ClaimKind.Factual, "factual"),
        (ClaimKind.Attribution, "attribution"),
        (ClaimKind.Opinion, "opinion"));

    public static readonly EnumNames<ClaimWording> Wordings = new(
        (ClaimWording.Paraphrase, "paraphrase"),
        (ClaimWording.Quote, "quote"));

    public static readonly EnumNames<CitationRelation> Relations = new(
        (CitationRelation.CitesAsDataSource, "citesAsDataSource"),
        (CitationRelation.CitesAsEvidence, "citesAsEvidence"),
        (CitationRelation.CitesAsAuthority, "citesAsAuthority"),
        (CitationRelation.IncludesQuotationFrom, "includesQuotationFrom"),
        (CitationRelation.CitesForInformation, "citesForInformation"),
        (CitationRelation.CitesAsBackground, "citesAsBackground"),
        (CitationRelation.Disputes, "disputes"));

    public static readonly EnumNames<EvidenceOrigin> Origins = new(
        (EvidenceOrigin.Article, "article"),
        (EvidenceOrigin.Reviewer, "reviewer"));

    public static readonly EnumNames<SourceClass> SourceClasses = new(
        (SourceClass.PrimaryData, "primaryData"),
        (SourceClass.OfficialStatement, "officialStatement"),
        (SourceClass.Academic, "academic"),
        (SourceClass.News, "news"),
        (SourceClass.AdvocacyOrThinkTank, "advocacyOrThinkTank"),
        (SourceClass.Anonymous, "anonymous"),
        (SourceClass.Unknown, "unknown"));
}
