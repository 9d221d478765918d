using System.Globalization;
using System.Text.RegularExpressions;
using Citations.Csl.Locales;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>One number in a number variable ("12", "3a", "xiv"), with the text that joins it to the next.</summary>
internal sealed class NumberPart
{
    public string Particle = string.Empty;
    public string Value = string.Empty;
    public string JoiningSuffix = string.Empty;
    public bool Numeric;
    public bool Collapsible;
}

/// <summary>
/// Reads number variables (<c>page</c>, <c>volume</c>, <c>locator</c>, …) the way citeproc-js does: splits lists and
/// ranges ("12-15", "3, 5 &amp; 7"), decides whether the value is numeric and plural, normalises range delimiters and
/// applies the style's page-range format.
/// </summary>
internal static partial class NumberParser
{
    private static readonly string[] RangeVariables = ["page", "chapter-number", "collection-number", "edition", "issue", "number", "number-of-pages", "number-of-volumes", "volume", "locator"];

    [GeneratedRegex("(\\s*&\\s*|,\\s+and\\s+|\\s+and\\s+|;\\s+|,\\s+|\\s*\\\\*[-\u2013]+\\s*)")]
    private static partial Regex JoinerRegex();

    [GeneratedRegex("(\\s*&\\s*|,\\s+and\\s+|\\s+and\\s+|;\\s+|,\\s+|\\s*\\\\*[\u2013]+\\s*)")]
    private static partial Regex JoinerNoHyphenRegex();

    [GeneratedRegex("^\\s*&\\s*$")]
    private static partial Regex AndRegex();

    [GeneratedRegex("^([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$")]
    private static partial Regex ParticleRegex();

    [GeneratedRegex("^[0-9]+([-,:a-zA-Z]*)$")]
    private static partial Regex PlainNumberRegex();

    [GeneratedRegex("^(?:[0-9]+|[ixv]+)([-,:a-zA-Z]*|-[-0-9]+)$")]
    private static partial Regex MasterNumberRegex();

    [GeneratedRegex("^[ivxlcmIVXLCM]+$")]
    private static partial Regex RomanRegex();

    [GeneratedRegex("^([0-9]+|[ivxlcmIVXLCM]+)$")]
    private static partial Regex IntOrRomanRegex();

    [GeneratedRegex("^[0-9]+(?:/[0-9]+)+$")]
    private static partial Regex FractionRegex();

    [GeneratedRegex("^((?:[0-9]*[a-zA-Z]+0*))?([0-9]+[a-z]*)(\\s*[^0-9]+\\s*)([-,a-zA-Z]?0*)([0-9]+[a-z]*)$")]
    private static partial Regex MangledRangeRegex();

    public static List<NumberPart> Parse(string value, string variable, Locale locale, PageRangeFormat pageRangeFormat, bool isPageLabel)
    {
        var work = value.Trim();
        if (variable == "page")
        {
            work = work.Replace('\u2013', '-');
        }

        var joiner = JoinerRegex();
        if (work.Contains("\\-", StringComparison.Ordinal))
        {
            // An escaped hyphen is a literal hyphen; other hyphens become en dashes.
            var pieces = work.Split("\\-");
            for (var i = 0; i < pieces.Length; i++)
            {
                pieces[i] = pieces[i].Replace('-', '\u2013');
            }

            work = string.Join("\\-", pieces).Replace("\\", string.Empty, StringComparison.Ordinal);
            joiner = JoinerNoHyphenRegex();
        }

        var split = joiner.Split(work);
        var parts = new List<NumberPart>();
        for (var i = 0; i < split.Length; i += 2)
        {
            var text = split[i];
            var join = i + 1 < split.Length ? split[i + 1] : string.Empty;
            if (AndRegex().IsMatch(join))
            {
                var ampersand = locale.Term("and", TermForm.Symbol);
                if (ampersand is null || ampersand == locale.Term("and"))
                {
                    ampersand = "&";
                }

                var next = i + 2 < split.Length ? split[i + 2] : string.Empty;
                join = text.Length > 0 && char.IsAsciiLetter(text[^1]) && next.Length > 0 && char.IsAsciiLetter(next[0])
                    ? ampersand
                    : " " + ampersand + " ";
            }

            var part = new NumberPart { JoiningSuffix = HyphenSpacesRegex().Replace(join, "-", 1) };
            var m = ParticleRegex().Match(text);
            if (m.Success)
            {
                part.Particle = m.Groups[1].Value;
                part.Value = m.Groups[2].Value;
            }
            else
            {
                part.Value = text;
            }

            parts.Add(part);
        }

        // Numeric is decided by the first value's shape, collapsible by whether it starts with a number (or is
        // roman), as citeproc-js does; both then apply to every value.
        var first = parts[0];
        var numeric = first.Value.Length > 0 && MasterNumberRegex().IsMatch(first.Value);
        var collapsible = LeadingInt(first.Value) is not null || RomanRegex().IsMatch(first.Value);
        foreach (var part in parts)
        {
            part.Numeric = numeric;
            part.Collapsible = collapsible;
        }

        if (parts.Count == 1 && FractionRegex().IsMatch(parts[0].Value))
        {
            parts[0].Numeric = true;
            parts[0].Collapsible = false;
        }

        if (Array.IndexOf(RangeVariables, variable) >= 0)
        {
            FixRanges(parts, variable, locale, pageRangeFormat, isPageLabel);
        }

        return parts;
    }

    [GeneratedRegex("\\s*-\\s*")]
    private static partial Regex HyphenSpacesRegex();

    /// <summary>JavaScript's parseInt: optional whitespace and sign, then digits.</summary>
    internal static long? LeadingInt(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        var start = i;
        if (i < s.Length && s[i] is '-' or '+')
        {
            i++;
        }

        var digits = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == digits || i - digits > 18)
        {
            return null;
        }

        return long.Parse(s.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private static string LeadingDigits(string s)
    {
        var end = 0;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return s[..end];
    }

    /// <summary>Whether a parsed value counts as plural (more than one number, all of them numbers).</summary>
    public static bool IsPlural(List<NumberPart> parts, string variable, string rawValue)
    {
        if (parts.Count == 0 || !parts[0].Numeric)
        {
            return false;
        }

        if (variable.StartsWith("number-of-", StringComparison.Ordinal))
        {
            return int.TryParse(LeadingDigits(rawValue.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 1;
        }

        return parts.Count > 1 && parts[0].Collapsible;
    }

    /// <summary>The CSL is-numeric test, as citeproc-js applies it: number variables by their parsed shape, title and
    /// version by a final digit, anything else false.</summary>
    public static bool IsNumeric(string variable, string value, Locale locale)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (IsNumberVariable(variable))
        {
            var parts = Parse(value, variable, locale, PageRangeFormat.None, false);
            return parts.Count > 0 && parts[0].Numeric;
        }

        return variable is "title" or "version" && char.IsAsciiDigit(value[^1]);
    }

    /// <summary>The variables citeproc-js treats as numbers.</summary>
    public static bool IsNumberVariable(string variable) => variable is "call-number" or "chapter-number" or "collection-number"
        or "division" or "edition" or "page" or "issue" or "locator" or "locator-extra" or "number" or "number-of-pages"
        or "number-of-volumes" or "part-number" or "printing-number" or "section" or "supplement-number" or "version"
        or "volume" or "supplement" or "citation-number";

    private static void FixRanges(List<NumberPart> parts, string variable, Locale locale, PageRangeFormat format, bool isPageLabel)
    {
        var count = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (!part.Collapsible)
            {
                count = 0;
                part.JoiningSuffix = FixupRangeDelimiter(variable, part.JoiningSuffix, part.Numeric, locale, isPageLabel);
            }
            else if (part.JoiningSuffix == "-")
            {
                count = 1;
            }
            else
            {
                count++;
                if (count == 2)
                {
                    Mangle(parts, i, variable, locale, format, isPageLabel);
                    count = 0;
                }
            }
        }
    }

    private static string FixupRangeDelimiter(string variable, string delimiter, bool numeric, Locale locale, bool isPageLabel)
    {
        if (delimiter != "-" || !numeric)
        {
            return delimiter;
        }

        if (variable is "page" or "locator" or "issue" or "volume" or "edition" or "number" || isPageLabel)
        {
            return locale.Term("page-range-delimiter") ?? "\u2013";
        }

        if (variable == "collection-number")
        {
            return locale.Term("year-range-delimiter") ?? "\u2013";
        }

        return delimiter;
    }

    private static void Mangle(List<NumberPart> parts, int i, string variable, Locale locale, PageRangeFormat format, bool isPageLabel)
    {
        var previous = parts[i - 1];
        var current = parts[i];
        if (previous.Particle != current.Particle)
        {
            return;
        }

        if (previous.JoiningSuffix != "-")
        {
            return;
        }

        var isPage = variable == "page" || (variable == "locator" && isPageLabel);
        if (format == PageRangeFormat.None
            && int.TryParse(LeadingDigits(previous.Value), NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(LeadingDigits(current.Value), NumberStyles.None, CultureInfo.InvariantCulture, out var b) && a > b)
        {
            previous.JoiningSuffix = FixupRangeDelimiter(variable, previous.JoiningSuffix, true, locale, isPageLabel);
            return;
        }

        string text;
        if (isPage && LeadingDigits(previous.Value).Length > 0 && LeadingDigits(current.Value).Length > 0)
        {
            text = PageRanges.Format(previous.Particle + previous.Value + " - " + current.Particle + current.Value, format, locale);
        }
        else
        {
            if (IntOrRomanRegex().IsMatch(previous.Value) && IntOrRomanRegex().IsMatch(current.Value))
            {
                previous.JoiningSuffix = locale.Term("page-range-delimiter") ?? "\u2013";
            }

            text = previous.Value + previous.JoiningSuffix.Replace("\\-", "-", StringComparison.Ordinal) + current.Value;
        }

        var m = MangledRangeRegex().Match(text);
        if (m.Success)
        {
            previous.Particle = m.Groups[1].Value;
            previous.Value = m.Groups[2].Value;
            previous.JoiningSuffix = FixupRangeDelimiter(variable, m.Groups[3].Value, current.Numeric, locale, isPageLabel);
            current.Particle = m.Groups[4].Value;
            current.Value = m.Groups[5].Value;
        }
    }
}
