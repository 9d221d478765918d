namespace Citations.Model;

/// <summary>How <see cref="ArticleText.Parse"/> finds paragraph breaks in plain text.</summary>
public enum ParagraphBreaks
{
    /// <summary>
    /// Blank lines separate paragraphs when the text has any between two lines of text; otherwise every line is a
    /// paragraph (text pasted from a web page often has one paragraph per line and no blank lines).
    /// </summary>
    Auto,

    /// <summary>Every non-blank line is a paragraph.</summary>
    Line,

    /// <summary>Paragraphs are separated by blank lines; the lines of a paragraph are joined with a space.</summary>
    BlankLine,
}

/// <summary>
/// The text of an article as numbered paragraphs, for checking that claim anchors point at what they say. Not part of
/// the article file: the text of a published article usually may not be redistributed with the data about it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ArticleText
{
    private readonly EquatableList<string> _paragraphs;

    /// <summary>Creates the text from paragraphs already split.</summary>
    /// <param name="paragraphs">The paragraphs, in order; paragraph 1 first.</param>
    public ArticleText(IEnumerable<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        _paragraphs = EquatableList<string>.From(paragraphs, nameof(paragraphs));
    }

    /// <summary>The paragraphs; paragraph <c>n</c> is at index <c>n - 1</c>.</summary>
    public IReadOnlyList<string> Paragraphs => _paragraphs;

    /// <summary>Gets paragraph <paramref name="number"/> (1-based), or <see langword="null"/> when there is no such paragraph.</summary>
    public string? GetParagraph(int number) => number >= 1 && number <= _paragraphs.Count ? _paragraphs[number - 1] : null;

    /// <summary>Splits plain text into paragraphs. Blank lines before the first paragraph are not counted.</summary>
    /// <param name="text">The text; line ends may be <c>\n</c>, <c>\r\n</c> or <c>\r</c>.</param>
    /// <param name="breaks">How paragraphs are separated.</param>
    public static ArticleText Parse(string text, ParagraphBreaks breaks = ParagraphBreaks.Auto)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (breaks == ParagraphBreaks.Auto)
        {
            breaks = HasBlankLineBetweenText(lines) ? ParagraphBreaks.BlankLine : ParagraphBreaks.Line;
        }

        var paragraphs = new List<string>();
        if (breaks == ParagraphBreaks.Line)
        {
            paragraphs.AddRange(lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()));
        }
        else
        {
            var current = new List<string>();
            foreach (var line in lines.Append(string.Empty))
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    current.Add(line.Trim());
                }
                else if (current.Count > 0)
                {
                    paragraphs.Add(string.Join(' ', current));
                    current.Clear();
                }
            }
        }

        return new ArticleText(paragraphs);
    }

    private static bool HasBlankLineBetweenText(string[] lines)
    {
        var seenText = false;
        var blankAfterText = false;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                blankAfterText |= seenText;
            }
            else if (blankAfterText)
            {
                return true;
            }
            else
            {
                seenText = true;
            }
        }

        return false;
    }
}
