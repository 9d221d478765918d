using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Citations.Csl.Locales;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>Formats page ranges by the style's <c>page-range-format</c> (expanded, minimal, minimal-two, chicago-15/16).</summary>
internal static partial class PageRanges
{
    [GeneratedRegex("([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)\\s*(?:\u2013|-)\\s*([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)")]
    private static partial Regex RangeRegex();

    [GeneratedRegex("((?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*\\s+-\\s+(?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*)")]
    private static partial Regex SpacedRangeRegex();

    [GeneratedRegex("\\s+-\\s+")]
    private static partial Regex SpacedHyphenRegex();

    [GeneratedRegex("\\s*-\\s*")]
    private static partial Regex HyphenRegex();

    [GeneratedRegex("([^\\\\])-")]
    private static partial Regex UnescapedHyphenRegex();

    /// <summary>Formats every range in a page string.</summary>
    public static string Format(string text, PageRangeFormat format, Locale locale)
    {
        var delimiter = locale.Term("page-range-delimiter") ?? "\u2013";

        // Normalise each delimiter to " - " so ranges can be found.
        var extra = delimiter == "-" ? string.Empty : Regex.Escape(delimiter);
        var normalised = Regex.Replace(text, "([^\\\\])[-" + extra + "\u2013]", "$1 - ");
        normalised = SpacedHyphenRegex().Replace(normalised, " - ");

        var pieces = SpacedRangeRegex().Split(normalised);
        var sb = new StringBuilder();
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i % 2 == 0)
            {
                sb.Append(UnescapedHyphenRegex().Replace(pieces[i], "$1" + delimiter));
                continue;
            }

            sb.Append(FormatRange(HyphenRegex().Replace(pieces[i], "-"), format, delimiter));
        }

        return sb.ToString();
    }

    private static string FormatRange(string range, PageRangeFormat format, string delimiter)
    {
        var m = RangeRegex().Match(range);
        if (!m.Success || format == PageRangeFormat.None)
        {
            // With no page-range-format a range keeps both its ends as written, a letter prefix included ("S12–S15").
            return range.Replace("-", delimiter, StringComparison.Ordinal);
        }

        var particle = m.Groups[1].Value;
        var begin = m.Groups[2].Value;
        var endParticle = m.Groups[3].Value;
        var end = m.Groups[4].Value;
        if (endParticle.Length != 0 && endParticle != particle)
        {
            return range.Replace("-", delimiter, StringComparison.Ordinal);
        }

        if (end.Length < begin.Length)
        {
            end = begin[..(begin.Length - end.Length)] + end;
        }

        if (!(long.TryParse(Digits(begin), NumberStyles.None, CultureInfo.InvariantCulture, out var b)
              && long.TryParse(Digits(end), NumberStyles.None, CultureInfo.InvariantCulture, out var e) && b < e))
        {
            return range.Replace("-", delimiter, StringComparison.Ordinal);
        }

        end = format switch
        {
            PageRangeFormat.Minimal => Minimize(begin, end, 0),
            PageRangeFormat.MinimalTwo => Minimize(begin, end, 2),
            PageRangeFormat.Chicago or PageRangeFormat.Chicago15 => Chicago15(b, e, end),
            PageRangeFormat.Chicago16 => Chicago16(b, e, end),
            _ => end,
        };

        // Shortened forms do not repeat a prefix both ends share ("n11564–8"); the expanded form does.
        return format == PageRangeFormat.Expanded
            ? particle + begin + delimiter + particle + end
            : particle + begin + delimiter + end;
    }

    private static string Digits(string s)
    {
        var end = 0;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return s[..end];
    }

    private static string Minimize(string begin, string end, int minChars)
    {
        if (begin.Length != end.Length)
        {
            return end;
        }

        var keep = end.Length;
        for (var i = 0; i < begin.Length; i++)
        {
            if (begin[i] == end[i] && keep > minChars)
            {
                keep--;
            }
            else
            {
                break;
            }
        }

        return end[^keep..];
    }

    private static string Chicago15(long begin, long end, string endText)
    {
        if (begin > 100 && begin % 100 != 0 && begin / 100 == end / 100)
        {
            return (end % 100).ToString(CultureInfo.InvariantCulture);
        }

        return begin >= 10000 ? (end % 1000).ToString(CultureInfo.InvariantCulture) : endText;
    }

    private static string Chicago16(long begin, long end, string endText)
    {
        if (begin > 100 && begin % 100 != 0)
        {
            for (var i = 2; i < endText.Length; i++)
            {
                var divisor = (long)Math.Pow(10, i);
                if (begin / divisor == end / divisor)
                {
                    return (end % divisor).ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        return endText;
    }
}
