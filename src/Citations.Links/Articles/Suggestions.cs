using System.Text.RegularExpressions;
using Citations.Model;

namespace Citations.Links.Articles;

/// <summary>
/// The guesses extraction makes for a person to review: a claim's kind from its wording, a source's class from what
/// its page says about itself and where it lives. Each guess comes with its reason. They look at form only (figures,
/// quotation marks, declared types, host names), never at what the article argues.
/// </summary>
internal static partial class Suggestions
{
    // A figure: a number with a thousands separator or decimals, a percentage, or a number with a scale word; or any
    // number that is not a bare year.
    [GeneratedRegex(@"\d[\d,.]*\s?(%|percent|per cent|million|billion|trillion|thousand)|\d{1,3}(,\d{3})+|\d+\.\d+|(?<![\d.])(?!(19|20)\d\d(?!\d))\d+(?![\d])", RegexOptions.IgnoreCase)]
    private static partial Regex Figure();

    [GeneratedRegex(@"[""“][^""”]{12,}[""”]|\b(said|says|told|according to|stated|wrote)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    /// <summary>The suggested kind of a claim, and why.</summary>
    public static (ClaimKind Kind, string Reason) Kind(string sentence)
    {
        if (Figure().Match(sentence) is { Success: true } figure)
        {
            return (ClaimKind.Statistic, $"the sentence has a figure (\"{figure.Value.Trim()}\")");
        }

        if (Attribution().Match(sentence) is { Success: true } said)
        {
            return (ClaimKind.Attribution, $"the sentence attributes words to someone (\"{Shorten(said.Value)}\")");
        }

        return (ClaimKind.Factual, "the sentence has no figure and attributes no words");
    }

    /// <summary>The suggested class of a source, and why.</summary>
    public static (SourceClass Class, string Reason) Class(Uri url, PageFacts? facts)
    {
        var host = url.IdnHost.ToLowerInvariant();
        var path = url.AbsolutePath.ToLowerInvariant();
        var official = host.EndsWith(".gov", StringComparison.Ordinal) || host.Contains(".gov.", StringComparison.Ordinal)
            || host.EndsWith(".mil", StringComparison.Ordinal) || host.EndsWith(".europa.eu", StringComparison.Ordinal)
            || host.EndsWith(".int", StringComparison.Ordinal) || host.Contains("statistic", StringComparison.Ordinal);
        var section = facts?.Section?.ToLowerInvariant() ?? string.Empty;
        if (facts?.SchemaType is "OpinionNewsArticle" || section.Contains("opinion", StringComparison.Ordinal)
            || path.Contains("/opinion/", StringComparison.Ordinal) || path.Contains("/op-ed", StringComparison.Ordinal))
        {
            return (SourceClass.Unknown, "the page is in an opinion section: an opinion piece (no class for opinion sources; choose one)");
        }

        if (facts?.Type == CslData.CslItemTypes.Dataset)
        {
            return official
                ? (SourceClass.PrimaryData, $"the page declares a dataset and is on an official or statistics site ({host})")
                : (SourceClass.PrimaryData, "the page declares a dataset");
        }

        if (facts?.Type == CslData.CslItemTypes.ArticleJournal || host.StartsWith("doi.org", StringComparison.Ordinal) || host.EndsWith(".doi.org", StringComparison.Ordinal))
        {
            return (SourceClass.Academic, "the page declares a scholarly article (journal metadata or a DOI link)");
        }

        if (official)
        {
            return (SourceClass.OfficialStatement, $"the page is on a government or intergovernmental site ({host})");
        }

        if (facts?.Type == CslData.CslItemTypes.ArticleNewspaper)
        {
            return (SourceClass.News, "the page declares a news article");
        }

        if (host.EndsWith(".edu", StringComparison.Ordinal) || host.Contains(".ac.", StringComparison.Ordinal))
        {
            return (SourceClass.Academic, $"the page is on a university site ({host})");
        }

        return (SourceClass.Unknown, "nothing on the page or in its address suggests a class");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
