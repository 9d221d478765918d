using System.Collections.Frozen;

namespace Citations.Links.Articles;

/// <summary>
/// Splits a paragraph into sentences: a sentence ends at <c>.</c>, <c>!</c> or <c>?</c> (with any closing quotation
/// marks and brackets after it) followed by a space and a capital letter, a digit or an opening quotation mark — but
/// not after a known abbreviation ("Dr.", "U.S.", "e.g.") or a single capital initial ("J. Smith").
/// </summary>
internal static class Sentences
{
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep", "gen",
        "col", "lt", "inc", "ltd", "co", "corp", "fig", "approx", "est", "vol", "pp", "p", "al", "cf",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The sentences as start and end offsets (end exclusive, trailing space not included), in order.</summary>
    /// <param name="text">The paragraph.</param>
    /// <param name="markers">Where footnote references are (start and end): one right after a full stop ("2024.<sup>3</sup>
    /// A state…") belongs to the sentence it ends, which still ends there.</param>
    public static IReadOnlyList<(int Start, int End)> Split(string text, IReadOnlyList<(int Start, int End)>? markers = null)
    {
        var sentences = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '"' or '\'' or '”' or '’' or ')' or ']' or '»')
            {
                end++;
            }

            for (var moved = true; moved && markers is not null;)
            {
                moved = false;
                foreach (var (markerStart, markerEnd) in markers)
                {
                    if (markerStart == end && markerEnd > end)
                    {
                        end = markerEnd;
                        moved = true;
                    }
                }
            }

            // Footnote markers written as plain text right after the full stop ("deaths.[3]", "deaths.12") stay with it.
            if (end >= text.Length || text[end] != ' ')
            {
                continue;
            }

            var next = end + 1;
            if (next >= text.Length || !StartsSentence(text[next]) || IsAbbreviation(text, start, i))
            {
                continue;
            }

            sentences.Add((start, end));
            start = next;
            i = end;
        }

        if (start < text.Length)
        {
            var end = text.Length;
            while (end > start && text[end - 1] == ' ')
            {
                end--;
            }

            if (end > start)
            {
                sentences.Add((start, end));
            }
        }

        return sentences;
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '«';

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        if (text[dot] != '.')
        {
            return false;
        }

        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '“'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }
}
