using System.Globalization;
using System.Text;

namespace Citations.Links.Pages;

/// <summary>
/// Whether a page still resembles the title it was cited under, tolerant of the ways titles vary: a site name added or
/// dropped ("… | Agency", "Agency - …"), a subtitle after a colon or dash, case, punctuation and typography, accents,
/// small words, plurals.
/// </summary>
/// <remarks>
/// <para>Titles are split into parts at the separators sites put between a title and their name (<c>|</c>, <c> - </c>,
/// <c> – </c>, <c> — </c>, <c>:</c>, <c>·</c>, <c>•</c>, <c>»</c>, <c>::</c>, <c> / </c>); the part with the most words
/// is the title proper, the others are a site name or a subtitle. Words are compared lower-cased, accents removed,
/// small words ("the", "of"…) dropped and a plural "s" dropped.</para>
/// <para>The cited title (whole, and its main part) is compared with the page's main part, the page's whole title less
/// the parts both titles share (a site name both carry says nothing about the page), and the page's main heading
/// (unless it is only the site name, as when the logo is the heading). Two word sets are alike by the share of the
/// smaller one found in the other (the overlap coefficient), counted only when at least two words are shared or the
/// smaller set has one word. The similarity is the best over the pairs; below <see cref="ChangedBelow"/> the page is
/// flagged changed.</para>
/// <para>Thread-safe; pure.</para>
/// </remarks>
internal static class TitleSimilarity
{
    /// <summary>A page is changed when its best similarity to the cited title is below this.</summary>
    public const double ChangedBelow = 0.5;

    private static readonly string[] Separators = [" | ", " - ", " – ", " — ", ": ", " · ", " • ", " » ", " :: ", " / ", "|"];

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as", "is", "are", "be", "its", "it",
        "de", "la", "le", "les", "des", "du", "et", "der", "die", "das", "und", "el", "los", "las", "y",
    };

    /// <summary>Compares a cited title with a page's title and main heading; <see langword="null"/> when there is nothing to compare.</summary>
    /// <param name="cited">The title the citation gives.</param>
    /// <param name="pageTitle">The page's title, if any.</param>
    /// <param name="heading">The page's main heading, if any.</param>
    public static TitleCheck? Compare(string? cited, string? pageTitle, string? heading)
    {
        if (string.IsNullOrWhiteSpace(cited) || (string.IsNullOrWhiteSpace(pageTitle) && string.IsNullOrWhiteSpace(heading)))
        {
            return null;
        }

        var citedParts = Parts(cited);
        var citedWhole = Union(citedParts);
        if (citedWhole.Count == 0)
        {
            return null;
        }

        HashSet<string>[] citedCandidates = [citedWhole, Main(citedParts)];
        var pageCandidates = new List<(HashSet<string> Words, string Shown)>();
        var siteParts = new List<HashSet<string>>();
        if (!string.IsNullOrWhiteSpace(pageTitle))
        {
            var pageParts = Parts(pageTitle);
            var main = Main(pageParts);
            siteParts.AddRange(pageParts.Where(p => !ReferenceEquals(p, main)));
            var shared = pageParts.Count > 1 && citedParts.Count > 1 ? pageParts.Where(p => citedParts.Any(c => c.SetEquals(p))).ToList() : [];
            pageCandidates.Add((main, pageTitle));
            pageCandidates.Add((Union(pageParts.Where(p => shared.Count == pageParts.Count || !shared.Contains(p))), pageTitle));
        }

        if (!string.IsNullOrWhiteSpace(heading))
        {
            var words = Union(Parts(heading));
            if (!siteParts.Any(p => p.SetEquals(words)))
            {
                pageCandidates.Add((words, heading));
            }
        }

        var best = 0.0;
        var shown = pageTitle ?? heading!;
        foreach (var (words, page) in pageCandidates)
        {
            foreach (var citedSet in citedCandidates)
            {
                var similarity = Overlap(citedSet, words);
                if (similarity > best)
                {
                    (best, shown) = (similarity, page);
                }
            }
        }

        best = Math.Round(best, 3);
        return new TitleCheck(cited.Trim(), DisplayText.Escape(shown).Trim(), best, best < ChangedBelow);
    }

    /// <summary>The word sets of a title's parts (one part when it has no separator).</summary>
    internal static List<HashSet<string>> Parts(string title)
    {
        var parts = title.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Words).Where(w => w.Count > 0).ToList();
        return parts.Count > 0 ? parts : [Words(title)];
    }

    /// <summary>The part with the most words (the first of equals): the title proper.</summary>
    private static HashSet<string> Main(List<HashSet<string>> parts) => parts.MaxBy(p => p.Count)!;

    private static HashSet<string> Union(IEnumerable<HashSet<string>> parts)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            all.UnionWith(part);
        }

        return all;
    }

    /// <summary>The significant words of a text: lower case, accents removed, small words dropped, a plural "s" dropped.</summary>
    internal static HashSet<string> Words(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKD);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in folded.Append(' '))
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                if (SmallWords.Contains(w))
                {
                    continue;
                }

                words.Add(w.Length > 3 && w[^1] == 's' && w[^2] != 's' ? w[..^1] : w);
            }
        }

        return words;
    }

    /// <summary>The overlap coefficient of two word sets, when they share enough words to count.</summary>
    internal static double Overlap(HashSet<string> a, HashSet<string> b)
    {
        var smaller = Math.Min(a.Count, b.Count);
        if (smaller == 0)
        {
            return 0;
        }

        var common = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return common >= Math.Min(2, smaller) ? (double)common / smaller : 0;
    }
}
