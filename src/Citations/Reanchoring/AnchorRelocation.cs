using System.Globalization;
using Citations.Model;
using Citations.Validation;

namespace Citations.Reanchoring;

/// <summary>
/// Moves an article's claim anchors to a new version of its text, the way Hypothesis re-anchors annotations: each
/// claim's <see cref="TextQuoteSelector"/> is looked for in three steps, each only when the one before found nothing.
/// <list type="number">
/// <item><b>Exact</b>: the quote's words (compared after <see cref="QuoteText.Normalize"/>: quotation marks, dashes,
/// whitespace and compatibility forms folded) anywhere in the new text. One occurrence is the place; among several,
/// the prefix and suffix choose the one whose surroundings agree best (then the one in the old paragraph number);
/// equally good candidates leave the claim not found.</item>
/// <item><b>Context</b>: for an edited quote, the passage between an occurrence of the old prefix and the next
/// occurrence of the old suffix (a missing prefix stands for the paragraph's start, a missing suffix for its end),
/// accepted when it differs from the old quote by at most <see cref="ReanchorOptions.MaxContextDistance"/> of the
/// longer of the two.</item>
/// <item><b>Fuzzy</b>: the passage of the whole new text nearest to the quote in edit distance, at most
/// <see cref="ReanchorOptions.MaxFuzzyDistance"/> of its length, widened to whole words (and to the whole sentence when
/// the old quote was one).</item>
/// </list>
/// The context and fuzzy steps run only for quotes of <see cref="ReanchorOptions.MinApproximateQuoteLength"/> to
/// <see cref="ReanchorOptions.MaxApproximateQuoteLength"/> characters, and the fuzzy step only over texts of at most
/// <see cref="ReanchorOptions.MaxFuzzyTextLength"/> characters.
/// </summary>
/// <remarks>Pure and thread-safe: no I/O; the same inputs give the same result.</remarks>
public static class AnchorRelocation
{
    /// <summary>Re-anchors every claim of an article in a new version of its text.</summary>
    /// <param name="article">The article whose anchors point into the old version.</param>
    /// <param name="newText">The new version's text, as paragraphs.</param>
    /// <param name="options">The bounds; <see cref="ReanchorOptions.Default"/> when <see langword="null"/>.</param>
    public static ReanchorResult Relocate(Article article, ArticleText newText, ReanchorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(newText);
        options ??= ReanchorOptions.Default;
        var paragraphs = newText.Paragraphs.Select(QuoteText.Normalize).ToList();
        var totalLength = paragraphs.Sum(p => (long)p.Length);
        var budget = new Budget { Steps = ReanchorOptions.MaxFuzzySteps };
        var relocations = new List<ClaimRelocation>(article.Claims.Count);
        var claims = new List<Claim>(article.Claims.Count);
        foreach (var claim in article.Claims)
        {
            var (relocation, updated) = RelocateClaim(claim, paragraphs, totalLength, options, budget);
            relocations.Add(relocation);
            claims.Add(updated);
        }

        return new ReanchorResult(article with { Claims = claims }, relocations);
    }

    private static (ClaimRelocation, Claim) RelocateClaim(Claim claim, List<string> paragraphs, long totalLength, ReanchorOptions options, Budget budget)
    {
        var old = claim.Anchor;
        var exact = QuoteText.Normalize(old.Selector.Exact).Trim();
        var prefix = Blank(old.Selector.Prefix is null ? null : QuoteText.Normalize(old.Selector.Prefix).TrimEnd());
        var suffix = Blank(old.Selector.Suffix is null ? null : QuoteText.Normalize(old.Selector.Suffix).TrimStart());
        var wanted = new Wanted(exact, prefix, suffix, old.Paragraph);

        var found = FindExact(wanted, paragraphs, out var reason);
        var approximate = exact.Length is >= ReanchorOptions.MinApproximateQuoteLength and <= ReanchorOptions.MaxApproximateQuoteLength;
        if (found is null && reason is null && approximate)
        {
            found = FindByContext(wanted, paragraphs, options);
        }

        if (found is null && reason is null && approximate)
        {
            if (totalLength > ReanchorOptions.MaxFuzzyTextLength)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"the words are not in the new text, and it is over {ReanchorOptions.MaxFuzzyTextLength} characters, the fuzzy search's limit");
            }
            else if ((found = FindFuzzy(wanted, paragraphs, options, budget)) is null && budget.Steps < 0)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"the words are not in the new text, and the fuzzy search had spent its budget of {ReanchorOptions.MaxFuzzySteps} steps for the article");
            }
        }

        if (found is not { } place)
        {
            reason ??= exact.Length < ReanchorOptions.MinApproximateQuoteLength
                ? string.Create(CultureInfo.InvariantCulture, $"the words are not in the new text (a quote under {ReanchorOptions.MinApproximateQuoteLength} characters is only looked for exactly)")
                : exact.Length > ReanchorOptions.MaxApproximateQuoteLength
                    ? string.Create(CultureInfo.InvariantCulture, $"the words are not in the new text (a quote over {ReanchorOptions.MaxApproximateQuoteLength} characters is only looked for exactly)")
                    : string.Create(CultureInfo.InvariantCulture, $"no passage of the new text is within {options.MaxFuzzyDistance:P0} of the words, and none between the old prefix and suffix is within {options.MaxContextDistance:P0}");
            var notFound = new ClaimRelocation(claim.Id, RelocationOutcome.NotFound, RelocationMethod.None, old, null, null, reason);
            return (notFound, claim with { Reviewed = false });
        }

        var text = paragraphs[place.Paragraph];
        var newExact = text[place.Start..place.End];
        var sameWords = newExact == exact;
        var selector = NewSelector(old.Selector, prefix, suffix, text, place, sameWords, options);
        var anchor = new TextAnchor(place.Paragraph + 1, selector);
        var distance = sameWords ? 0 : ApproximateMatch.Distance(exact, newExact);
        var outcome = !sameWords && FoldDashes(newExact) != FoldDashes(exact) ? RelocationOutcome.Reworded : anchor.Paragraph == old.Paragraph ? RelocationOutcome.Unchanged : RelocationOutcome.Moved;
        var quotedOldWords = claim.Wording == ClaimWording.Quote && QuoteText.Normalize(claim.Text).Trim() == exact;
        var updated = claim with
        {
            Anchor = anchor,
            Text = !sameWords && quotedOldWords ? newExact : claim.Text,
            Reviewed = claim.Reviewed && outcome != RelocationOutcome.Reworded,
        };

        return (new ClaimRelocation(claim.Id, outcome, place.Method, old, anchor, distance, place.Note), updated);
    }

    /// <summary>
    /// Runs of hyphens as one: <see cref="QuoteText.Normalize"/> makes every dash a hyphen, but a double hyphen typed
    /// for a dash ("--") and the dash that replaces it are the same words to a reader.
    /// </summary>
    private static string FoldDashes(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c != '-' || builder.Length == 0 || builder[^1] != '-')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Step 1: the exact words; several occurrences are told apart by their surroundings.</summary>
    private static Place? FindExact(Wanted wanted, List<string> paragraphs, out string? reason)
    {
        reason = null;
        var candidates = new List<(int Paragraph, int Start, int Score)>();
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var text = paragraphs[p];
            for (var at = text.IndexOf(wanted.Exact, StringComparison.Ordinal); at >= 0; at = text.IndexOf(wanted.Exact, at + 1, StringComparison.Ordinal))
            {
                candidates.Add((p, at, ContextScore(wanted, text, at, at + wanted.Exact.Length)));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        if (candidates.Count == 1)
        {
            var only = candidates[0];
            return new Place(only.Paragraph, only.Start, only.Start + wanted.Exact.Length, RelocationMethod.Exact, null);
        }

        var bestScore = candidates.Max(c => c.Score);
        var best = candidates.Where(c => c.Score == bestScore).ToList();
        if (best.Count > 1)
        {
            // Equally good surroundings: the one still in the old paragraph number, if exactly one is.
            best = best.Where(c => c.Paragraph + 1 == wanted.Paragraph).ToList();
        }

        if (best.Count != 1)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"the words occur {candidates.Count} times in the new text and the prefix and suffix do not tell them apart");
            return null;
        }

        var chosen = best[0];
        return new Place(chosen.Paragraph, chosen.Start, chosen.Start + wanted.Exact.Length, RelocationMethod.Context,
            string.Create(CultureInfo.InvariantCulture, $"the words occur {candidates.Count} times; the prefix and suffix chose the one in paragraph {chosen.Paragraph + 1}"));
    }

    /// <summary>How many characters of the old prefix and suffix agree with the text around a passage.</summary>
    private static int ContextScore(Wanted wanted, string text, int start, int end)
    {
        var score = 0;
        if (wanted.Prefix is { } prefix)
        {
            var before = text.AsSpan(0, start).TrimEnd();
            var n = 0;
            while (n < prefix.Length && n < before.Length && prefix[^(n + 1)] == before[^(n + 1)])
            {
                n++;
            }

            score += n;
        }
        else if (text.AsSpan(0, start).Trim().Length == 0)
        {
            score += 1; // no prefix: the quote began its paragraph
        }

        if (wanted.Suffix is { } suffix)
        {
            var after = text.AsSpan(end).TrimStart();
            score += after.CommonPrefixLength(suffix);
        }
        else if (text.AsSpan(end).Trim().Length == 0)
        {
            score += 1;
        }

        return score;
    }

    /// <summary>Step 2: an edited quote between its unchanged prefix and suffix.</summary>
    private static Place? FindByContext(Wanted wanted, List<string> paragraphs, ReanchorOptions options)
    {
        if (wanted.Prefix is null && wanted.Suffix is null)
        {
            return null;
        }

        var maxLength = (2 * wanted.Exact.Length) + 40;
        Place? best = null;
        var bestDistance = int.MaxValue;
        var tried = 0;
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var text = paragraphs[p];
            foreach (var start in Starts(text, wanted.Prefix))
            {
                if (++tried > MaxContextCandidates)
                {
                    return best;
                }

                var end = wanted.Suffix is null ? text.Length : text.IndexOf(wanted.Suffix, start, StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }

                var (s, e) = Trim(text, start, end);
                if (e <= s || e - s > maxLength)
                {
                    continue;
                }

                // Normalised by the longer of the two, so that a sentence that grew a clause is not held to its old length.
                var distance = ApproximateMatch.Distance(wanted.Exact, text[s..e]);
                if (distance <= Math.Floor(options.MaxContextDistance * Math.Max(wanted.Exact.Length, e - s)) && distance < bestDistance)
                {
                    bestDistance = distance;
                    best = new Place(p, s, e, RelocationMethod.Context, null);
                }
            }
        }

        return best;
    }

    /// <summary>Where a quote may start after a prefix: after each of its occurrences, or at the paragraph's start when there is none.</summary>
    private static IEnumerable<int> Starts(string text, string? prefix)
    {
        if (prefix is null)
        {
            yield return 0;
            yield break;
        }

        for (var at = text.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(prefix, at + 1, StringComparison.Ordinal))
        {
            yield return at + prefix.Length;
        }
    }

    /// <summary>Step 3: the nearest passage within the bound, over the whole text.</summary>
    private static Place? FindFuzzy(Wanted wanted, List<string> paragraphs, ReanchorOptions options, Budget budget)
    {
        var maxDistance = (int)Math.Floor(options.MaxFuzzyDistance * wanted.Exact.Length);
        if (maxDistance == 0)
        {
            return null;
        }

        Place? best = null;
        var bestDistance = int.MaxValue;
        var bestContext = -1;
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var text = paragraphs[p];
            var steps = budget.Steps;
            var hit = ApproximateMatch.Best(wanted.Exact, text, maxDistance, ref steps);
            budget.Steps = steps;
            if (steps < 0)
            {
                return null;
            }

            if (hit is null)
            {
                continue;
            }


            var (s, e) = Widen(text, hit.Value.Start, hit.Value.End, wanted.Exact);
            var distance = ApproximateMatch.Distance(wanted.Exact, text[s..e]);
            if (distance > maxDistance)
            {
                // The sentence was widened too far: whole words only.
                (s, e) = WholeWords(text, hit.Value.Start, hit.Value.End);
                distance = ApproximateMatch.Distance(wanted.Exact, text[s..e]);
            }

            var context = distance <= maxDistance ? ContextScore(wanted, text, s, e) : -1;
            if (distance <= maxDistance && (distance < bestDistance || (distance == bestDistance && context > bestContext)))
            {
                bestDistance = distance;
                bestContext = context;
                best = new Place(p, s, e, RelocationMethod.Fuzzy, null);
            }
        }

        return best;
    }

    /// <summary>The passage widened to whole words, and to its whole sentence when the old quote was a sentence.</summary>
    private static (int Start, int End) Widen(string text, int start, int end, string old)
    {
        (start, end) = WholeWords(text, start, end);
        if (old.Length > 0 && EndsSentence(old, old.Length) && !EndsSentence(text, end))
        {
            for (var i = end; i < text.Length; i++)
            {
                if (EndsSentence(text, i + 1) && (i + 1 == text.Length || text[i + 1] == ' '))
                {
                    end = i + 1;
                    break;
                }
            }
        }

        if (old.Length > 0 && (char.IsUpper(old[0]) || char.IsDigit(old[0]) || old[0] is '"' or '\'') && !StartsSentence(text, start))
        {
            for (var i = start - 1; i >= 0; i--)
            {
                if (StartsSentence(text, i))
                {
                    start = i;
                    break;
                }
            }
        }

        return (start, end);
    }

    private static bool EndsSentence(string text, int end)
    {
        var i = end - 1;
        while (i >= 0 && text[i] is '"' or '\'' or ')' or ']')
        {
            i--;
        }

        return i >= 0 && text[i] is '.' or '!' or '?';
    }

    private static bool StartsSentence(string text, int start)
        => start == 0 || (start >= 2 && text[start - 1] == ' ' && EndsSentence(text, start - 1) && !char.IsLower(text[start]));

    private static (int Start, int End) WholeWords(string text, int start, int end)
    {
        while (start > 0 && start < text.Length && char.IsLetterOrDigit(text[start - 1]) && char.IsLetterOrDigit(text[start]))
        {
            start--;
        }

        while (end > 0 && end < text.Length && char.IsLetterOrDigit(text[end - 1]) && char.IsLetterOrDigit(text[end]))
        {
            end++;
        }

        return Trim(text, start, end);
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && text[start] == ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] == ' ')
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>
    /// The selector for the new place. Unchanged words keep the old selector's strings where they still agree, so that a
    /// file written by hand does not change for nothing; a selector that had no prefix or suffix gets them only when its
    /// words occur more than once in the new paragraph.
    /// </summary>
    private static TextQuoteSelector NewSelector(TextQuoteSelector old, string? prefix, string? suffix, string text, Place place, bool sameWords, ReanchorOptions options)
    {
        var newExact = sameWords ? old.Exact : text[place.Start..place.End];
        var hadContext = prefix is not null || suffix is not null;
        var repeated = text.IndexOf(text[place.Start..place.End], StringComparison.Ordinal) != place.Start
            || text.IndexOf(text[place.Start..place.End], place.Start + 1, StringComparison.Ordinal) >= 0;
        if ((!hadContext && !repeated) || options.ContextLength == 0)
        {
            return new TextQuoteSelector(newExact);
        }

        var newPrefix = Context(text, Math.Max(0, place.Start - options.ContextLength), place.Start, fromEnd: true);
        var newSuffix = Context(text, place.End, Math.Min(text.Length, place.End + options.ContextLength), fromEnd: false);
        var keptPrefix = newPrefix is not null && prefix is not null && text.AsSpan(0, place.Start).TrimEnd().EndsWith(prefix, StringComparison.Ordinal) ? old.Prefix : newPrefix;
        var keptSuffix = newSuffix is not null && suffix is not null && text.AsSpan(place.End).TrimStart().StartsWith(suffix, StringComparison.Ordinal) ? old.Suffix : newSuffix;
        return new TextQuoteSelector(newExact, keptPrefix, keptSuffix);
    }

    /// <summary>The context in a window of the text, without the word the window cuts in two; <see langword="null"/> when there is none.</summary>
    private static string? Context(string text, int start, int end, bool fromEnd)
    {
        if (fromEnd && start > 0 && text[start - 1] != ' ')
        {
            while (start < end && text[start] != ' ')
            {
                start++;
            }
        }
        else if (!fromEnd && end < text.Length && text[end] != ' ')
        {
            while (end > start && text[end - 1] != ' ')
            {
                end--;
            }
        }

        var context = text[start..end].Trim();
        return context.Length == 0 ? null : context;
    }

    /// <summary>The most places after an occurrence of the old prefix the context step compares with the quote, per claim.</summary>
    private const int MaxContextCandidates = 1000;

    /// <summary>The fuzzy search's steps left for the rest of the article.</summary>
    private sealed class Budget
    {
        public long Steps { get; set; }
    }

    private sealed record Wanted(string Exact, string? Prefix, string? Suffix, int Paragraph);

    private sealed record Place(int Paragraph, int Start, int End, RelocationMethod Method, string? Note);
}
