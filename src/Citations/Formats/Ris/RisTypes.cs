using System.Collections.Frozen;
using Citations.CslData;

namespace Citations.Formats.Ris;

/// <summary>RIS reference types (the <c>TY</c> tag) and the CSL item types they become.</summary>
internal static class RisTypes
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["ABST"] = CslItemTypes.ArticleJournal, ["ADVS"] = "motion_picture", ["AGGR"] = CslItemTypes.Dataset,
        ["ANCIENT"] = "classic", ["ART"] = "graphic", ["BILL"] = "bill", ["BLOG"] = "post-weblog", ["BOOK"] = CslItemTypes.Book,
        ["CASE"] = "legal_case", ["CHAP"] = CslItemTypes.Chapter, ["CHART"] = "figure", ["CLSWK"] = "classic",
        ["COMP"] = "software", ["CONF"] = "paper-conference", ["CPAPER"] = "paper-conference", ["CTLG"] = CslItemTypes.Book,
        ["DATA"] = CslItemTypes.Dataset, ["DBASE"] = CslItemTypes.Dataset, ["DICT"] = "entry-dictionary",
        ["EBOOK"] = CslItemTypes.Book, ["ECHAP"] = CslItemTypes.Chapter, ["EDBOOK"] = CslItemTypes.Book,
        ["EJOUR"] = CslItemTypes.ArticleJournal, ["ELEC"] = CslItemTypes.Webpage, ["ENCYC"] = "entry-encyclopedia",
        ["EQUA"] = CslItemTypes.Document, ["FIGURE"] = "figure", ["GEN"] = CslItemTypes.Document, ["GOVDOC"] = CslItemTypes.Report,
        ["GRANT"] = CslItemTypes.Document, ["HEAR"] = "hearing", ["ICOMM"] = CslItemTypes.PersonalCommunication,
        ["INPR"] = CslItemTypes.ArticleJournal, ["JFULL"] = CslItemTypes.ArticleJournal, ["JOUR"] = CslItemTypes.ArticleJournal,
        ["LEGAL"] = "legislation", ["MANSCPT"] = "manuscript", ["MAP"] = "map", ["MGZN"] = CslItemTypes.ArticleMagazine,
        ["MPCT"] = "motion_picture", ["MULTI"] = CslItemTypes.Document, ["MUSIC"] = "musical_score",
        ["NEWS"] = CslItemTypes.ArticleNewspaper, ["PAMP"] = "pamphlet", ["PAT"] = "patent",
        ["PCOMM"] = CslItemTypes.PersonalCommunication, ["RPRT"] = CslItemTypes.Report, ["SER"] = CslItemTypes.Book,
        ["SLIDE"] = "speech", ["SOUND"] = "song", ["STAND"] = "standard", ["STAT"] = "legislation", ["THES"] = "thesis",
        ["UNBILL"] = "bill", ["UNPB"] = "manuscript", ["VIDEO"] = "motion_picture", ["WEB"] = CslItemTypes.Webpage,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The CSL type of a RIS type, or <see langword="null"/> when RIS does not define it.</summary>
    public static string? ToCsl(string risType) => Types.GetValueOrDefault(risType.Trim().ToUpperInvariant());

    /// <summary>Whether the RIS type is a book or a part of one (an <c>SN</c> is then an ISBN).</summary>
    public static bool IsBookLike(string cslType) => cslType is CslItemTypes.Book or CslItemTypes.Chapter or "entry-encyclopedia" or "entry-dictionary" or "classic";
}
