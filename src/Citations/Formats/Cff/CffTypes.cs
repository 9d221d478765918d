using System.Collections.Frozen;
using Citations.CslData;

namespace Citations.Formats.Cff;

/// <summary>The reference types of the Citation File Format and the CSL item types they become.</summary>
internal static class CffTypes
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["art"] = "graphic", ["article"] = CslItemTypes.ArticleJournal, ["audiovisual"] = "motion_picture", ["bill"] = "bill",
        ["blog"] = "post-weblog", ["book"] = CslItemTypes.Book, ["catalogue"] = CslItemTypes.Book,
        ["conference"] = "paper-conference", ["conference-paper"] = "paper-conference", ["data"] = CslItemTypes.Dataset,
        ["database"] = CslItemTypes.Dataset, ["dictionary"] = CslItemTypes.Book, ["edited-work"] = CslItemTypes.Book,
        ["encyclopedia"] = CslItemTypes.Book, ["film-broadcast"] = "broadcast", ["generic"] = CslItemTypes.Document,
        ["government-document"] = CslItemTypes.Report, ["grant"] = CslItemTypes.Document, ["hearing"] = "hearing",
        ["historical-work"] = "manuscript", ["legal-case"] = "legal_case", ["legal-rule"] = "regulation",
        ["magazine-article"] = CslItemTypes.ArticleMagazine, ["manual"] = CslItemTypes.Book, ["map"] = "map",
        ["multimedia"] = CslItemTypes.Document, ["music"] = "song", ["newspaper-article"] = CslItemTypes.ArticleNewspaper,
        ["pamphlet"] = "pamphlet", ["patent"] = "patent", ["personal-communication"] = CslItemTypes.PersonalCommunication,
        ["proceedings"] = CslItemTypes.Book, ["report"] = CslItemTypes.Report, ["serial"] = "periodical", ["slides"] = "speech",
        ["software"] = "software", ["software-code"] = "software", ["software-container"] = "software",
        ["software-executable"] = "software", ["software-virtual-machine"] = "software", ["sound-recording"] = "song",
        ["standard"] = "standard", ["statute"] = "legislation", ["thesis"] = "thesis", ["unpublished"] = "manuscript",
        ["video"] = "motion_picture", ["website"] = CslItemTypes.Webpage,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The CSL type of a CFF reference type (a generic document for one CFF does not define).</summary>
    public static string ToCsl(string cffType) => Types.GetValueOrDefault(cffType.Trim().ToLowerInvariant(), CslItemTypes.Document);
}
