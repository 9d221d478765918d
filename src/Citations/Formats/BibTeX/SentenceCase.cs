using System.Globalization;
using System.Text;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Converts an English title to sentence case, as CSL expects titles to be stored (styles title-case them again when
/// they want). Follows pandoc's conversion word for word, so that both readers give the same titles: a word that is
/// capitalised (one capital, the rest lower case) becomes lower case unless it starts the title or a sentence (after
/// <c>. ? ! :</c> and a space); all-capital words (<c>NASA</c>), mixed ones (<c>eBay</c>), brace groups, small capitals,
/// superscripts, subscripts and math are left alone.
/// </summary>
/// <remarks>
/// Three quirks of pandoc are kept on purpose, since agreement with it is measured: letters outside ASCII form their own
/// "words" (so <c>Über</c> is split as <c>Ü</c> + <c>ber</c>), the last word of a title never counts as starting a
/// sentence, and a single capital is a capitalised word (<c>I</c> becomes <c>i</c>).
/// </remarks>
internal static class SentenceCase
{
    private enum State
    {
        Start,
        StartSentence,
        AfterWordEnd,
        AfterWordChar,
        AfterSentenceEndingPunctuation,
        BeforeLastWord,
    }

    /// <summary>Converts the inlines in place.</summary>
    public static void Apply(List<Inline> inlines)
    {
        var state = State.Start;
        var last = inlines.Count > 1 && inlines[^1].Kind == InlineKind.Text && !inlines[^1].Text.Any(IsWordBreak) ? inlines.Count - 1 : -1;
        for (var i = 0; i < inlines.Count; i++)
        {
            if (i == last && state is State.AfterWordEnd or State.StartSentence or State.Start)
            {
                state = State.BeforeLastWord;
            }

            Visit(inlines[i], ref state);
        }
    }

    private static void Visit(Inline inline, ref State state)
    {
        switch (inline.Kind)
        {
            case InlineKind.Text:
                inline.Text = TransformWord(inline.Text, ref state);
                break;
            case InlineKind.Space:
                Step(" ", ref state);
                break;
            case InlineKind.Emph or InlineKind.Strong or InlineKind.Quoted or InlineKind.Link:
                foreach (var child in inline.Children)
                {
                    Visit(child, ref state);
                }

                break;
            case InlineKind.Protected or InlineKind.SmallCaps or InlineKind.Sup or InlineKind.Sub:
                // Left as written, but its text still moves the state on (only the words count, as in pandoc).
                var text = WordsOnly(inline.Children);
                if (text.Length > 0)
                {
                    Step(text, ref state);
                }

                break;
        }
    }

    private static string TransformWord(string word, ref State state)
    {
        StringBuilder? result = null;
        var i = 0;
        while (i < word.Length)
        {
            var end = ChunkEnd(word, i);
            var chunk = word[i..end];
            var changed = Step(chunk, ref state);
            if (!ReferenceEquals(changed, chunk) || result is not null)
            {
                result ??= new StringBuilder(word, 0, i, word.Length);
                result.Append(changed);
            }

            i = end;
        }

        return result?.ToString() ?? word;
    }

    /// <summary>Where the chunk starting at <paramref name="i"/> ends: a run of ASCII letters and digits, a run of other letters and digits, a run of blanks, or one other character.</summary>
    private static int ChunkEnd(string word, int i)
    {
        var c = word[i];
        var kind = Kind(c);
        var end = i + 1;
        if (kind == 0)
        {
            return end;
        }

        while (end < word.Length && Kind(word[end]) == kind)
        {
            end++;
        }

        return end;

        static int Kind(char c) => IsAlphaNum(c) ? (char.IsAscii(c) ? 1 : 2) : char.IsWhiteSpace(c) ? 3 : 0;
    }

    /// <summary>Moves the state on past a chunk and returns the chunk, transformed when it is a word.</summary>
    private static string Step(string chunk, ref State state)
    {
        var before = state;
        var c = chunk[^1];

        // Other punctuation (quotation marks, parentheses, apostrophes) leaves the state as it was: "(The" and
        // "\"The" still start the title.
        state = c is '.' or '?' or '!' or ':' ? State.AfterSentenceEndingPunctuation
            : IsAlphaNum(c) ? State.AfterWordChar
            : char.IsWhiteSpace(c) && before == State.AfterSentenceEndingPunctuation ? State.StartSentence
            : IsWordBreak(c) ? State.AfterWordEnd
            : before;
        return chunk.All(IsAlphaNum) ? Transform(chunk, before) : chunk;
    }

    private static string Transform(string chunk, State state)
    {
        var atStart = state is State.Start or State.StartSentence;
        if (IsCapitalized(chunk) && !atStart)
        {
            return chunk.ToLower(CultureInfo.InvariantCulture);
        }

        if (atStart && (IsCapitalized(chunk) || chunk.All(char.IsLower)))
        {
            var lower = chunk.ToLower(CultureInfo.InvariantCulture);
            return char.ToUpper(lower[0], CultureInfo.InvariantCulture) + lower[1..];
        }

        return chunk;
    }

    private static bool IsCapitalized(string chunk) => char.IsUpper(chunk[0]) && chunk.Skip(1).All(char.IsLower);

    private static bool IsAlphaNum(char c) => char.IsLetter(c) || char.IsNumber(c);

    private static bool IsWordBreak(char c) => c is '-' or '/' or '\u2013' or '\u2014' || char.IsWhiteSpace(c);

    private static string WordsOnly(List<Inline> inlines)
    {
        var text = new StringBuilder();
        Append(inlines);
        return text.ToString();

        void Append(List<Inline> items)
        {
            foreach (var item in items)
            {
                if (item.Kind == InlineKind.Text)
                {
                    text.Append(item.Text);
                }
                else if (item.IsContainer)
                {
                    Append(item.Children);
                }
            }
        }
    }
}
