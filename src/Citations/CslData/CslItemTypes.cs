using System.Collections.Frozen;

namespace Citations.CslData;

/// <summary>The item types of CSL 1.0.2 (the values of CSL-JSON's <c>type</c>).</summary>
public static class CslItemTypes
{
#pragma warning disable CS1591 // The constants are the type names themselves.
    public const string Article = "article";
    public const string ArticleJournal = "article-journal";
    public const string ArticleMagazine = "article-magazine";
    public const string ArticleNewspaper = "article-newspaper";
    public const string Book = "book";
    public const string Chapter = "chapter";
    public const string Dataset = "dataset";
    public const string Document = "document";
    public const string Interview = "interview";
    public const string PersonalCommunication = "personal_communication";
    public const string Report = "report";
    public const string Webpage = "webpage";
#pragma warning restore CS1591

    /// <summary>Every item type CSL 1.0.2 defines.</summary>
    public static IReadOnlySet<string> All { get; } = new[]
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
        "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
        "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
        "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech", "standard",
        "thesis", "treaty", "webpage",
    }.ToFrozenSet(StringComparer.Ordinal);
}
