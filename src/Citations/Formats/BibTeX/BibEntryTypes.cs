using System.Collections.Frozen;
using Citations.CslData;

namespace Citations.Formats.BibTeX;

/// <summary>Entry types of BibTeX and BibLaTeX and the CSL item types they become (pandoc's mapping, with the exceptions noted).</summary>
internal static class BibEntryTypes
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["article"] = CslItemTypes.ArticleJournal, ["book"] = CslItemTypes.Book, ["booklet"] = "pamphlet",
        ["bookinbook"] = CslItemTypes.Chapter, ["collection"] = CslItemTypes.Book, ["dataset"] = CslItemTypes.Dataset,
        ["electronic"] = CslItemTypes.Webpage, ["inbook"] = CslItemTypes.Chapter, ["incollection"] = CslItemTypes.Chapter,
        ["inreference"] = "entry-encyclopedia", ["inproceedings"] = "paper-conference", ["manual"] = CslItemTypes.Book,
        ["mastersthesis"] = "thesis", ["misc"] = CslItemTypes.Document, ["mvbook"] = CslItemTypes.Book,
        ["mvcollection"] = CslItemTypes.Book, ["mvproceedings"] = CslItemTypes.Book, ["mvreference"] = CslItemTypes.Book,
        ["online"] = CslItemTypes.Webpage, ["patent"] = "patent", ["periodical"] = CslItemTypes.ArticleJournal,
        ["phdthesis"] = "thesis", ["proceedings"] = CslItemTypes.Book, ["reference"] = CslItemTypes.Book,
        ["report"] = CslItemTypes.Report, ["suppbook"] = CslItemTypes.Chapter, ["suppcollection"] = CslItemTypes.Chapter,
        ["suppperiodical"] = CslItemTypes.ArticleJournal, ["techreport"] = CslItemTypes.Report, ["thesis"] = "thesis",
        ["unpublished"] = "manuscript", ["www"] = CslItemTypes.Webpage, ["artwork"] = "graphic", ["audio"] = "song",
        ["commentary"] = CslItemTypes.Book, ["image"] = "graphic", ["jurisdiction"] = "legal_case",
        ["legislation"] = "legislation", ["legal"] = "treaty", ["letter"] = CslItemTypes.PersonalCommunication,
        ["movie"] = "motion_picture", ["music"] = "song", ["performance"] = "speech", ["review"] = "review",
        ["video"] = "motion_picture", ["data"] = CslItemTypes.Dataset, ["letters"] = CslItemTypes.PersonalCommunication,
        ["newsarticle"] = CslItemTypes.ArticleNewspaper,

        // Where this reader differs from pandoc (see the tests named after each): BibTeX's @conference is an alias of
        // @inproceedings; @software and @standard have CSL types of their own since CSL 1.0.2.
        ["conference"] = "paper-conference", ["software"] = "software", ["standard"] = "standard",

        // Types BibLaTeX defines that have no CSL counterpart: a generic document.
        ["set"] = CslItemTypes.Document, ["xdata"] = CslItemTypes.Document, ["bibnote"] = CslItemTypes.Document,
        ["customa"] = CslItemTypes.Document, ["customb"] = CslItemTypes.Document, ["customc"] = CslItemTypes.Document,
        ["customd"] = CslItemTypes.Document, ["custome"] = CslItemTypes.Document, ["customf"] = CslItemTypes.Document,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The CSL type of an entry type, or <see langword="null"/> when the entry type is unknown.</summary>
    /// <param name="entryType">The entry type, lower case.</param>
    /// <param name="subtype">The <c>entrysubtype</c> field (for articles: <c>magazine</c>, <c>newspaper</c>).</param>
    /// <param name="isEvent">Whether the entry has an event (<c>eventdate</c>, <c>eventtitle</c>, <c>venue</c>): an unpublished one is a talk.</param>
    public static string? ToCsl(string entryType, string subtype, bool isEvent)
    {
        switch (entryType)
        {
            case "article" or "periodical" or "suppperiodical":
                return subtype switch
                {
                    "magazine" => CslItemTypes.ArticleMagazine,
                    "newspaper" => CslItemTypes.ArticleNewspaper,
                    _ => CslItemTypes.ArticleJournal,
                };
            case "unpublished":
                return isEvent ? "speech" : "manuscript";
            default:
                return Types.GetValueOrDefault(entryType);
        }
    }
}
