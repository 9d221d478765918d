using System.Globalization;
using Citations.CslData;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Reads BibLaTeX's ISO 8601/EDTF date fields (<c>date</c>, <c>urldate</c>, <c>origdate</c>, <c>eventdate</c>) and
/// BibTeX's <c>year</c>/<c>month</c>/<c>day</c> into CSL dates: ranges (<c>2019-03-01/2019-04-02</c>), open ends
/// (<c>1998/</c>, <c>1998/..</c>), approximate and uncertain dates (<c>~</c>, <c>?</c>, <c>%</c>: CSL's <c>circa</c>),
/// seasons (<c>2019-21</c> … <c>-24</c>), unspecified digits (<c>199X</c>: the decade as a range), years before the
/// common era in astronomical numbering (<c>-0044</c> is 45 BC) and times (dropped).
/// </summary>
internal static class BibDates
{
    /// <summary>Why an EDTF date could not be used, or <see langword="null"/> when it could.</summary>
    public enum Failure
    {
        /// <summary>Not a date this reader understands.</summary>
        Invalid,

        /// <summary>A range with an open start (<c>../2019</c>), which CSL cannot express.</summary>
        OpenStart,
    }

    /// <summary>Reads an EDTF date field.</summary>
    public static CslDate? ReadEdtf(string text, out Failure failure)
    {
        failure = Failure.Invalid;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return null;
        }

        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (!TryParsePart(s, out var single, out var circa, out var span))
            {
                return null;
            }

            return span > 0
                ? Make([single, single with { Year = single.Year + span }], circa)
                : Make([single], circa);
        }

        var left = s[..slash].Trim();
        var right = s[(slash + 1)..].Trim();
        if (left.Length == 0 || left == "..")
        {
            failure = right.Length > 0 && TryParsePart(right, out _, out _, out _) ? Failure.OpenStart : Failure.Invalid;
            return null;
        }

        if (!TryParsePart(left, out var start, out var startCirca, out _))
        {
            return null;
        }

        if (right.Length == 0 || right == "..")
        {
            return Make([start, new DatePart(0, start.Month is null ? null : 0, start.Day is null ? null : 0)], startCirca);
        }

        if (!TryParsePart(right, out var end, out var endCirca, out var endSpan))
        {
            return null;
        }

        end = end with { Year = end.Year + endSpan };

        return Range(start, end, startCirca || endCirca);
    }

    /// <summary>Reads BibTeX's separate fields (<c>year</c>, <c>month</c>, <c>day</c>, and BibLaTeX's <c>endyear</c>, …).</summary>
    /// <param name="year">The year's text (already plain text).</param>
    /// <param name="month">The month's text (a number, a name, an abbreviation), or <see langword="null"/>.</param>
    /// <param name="day">The day's text, or <see langword="null"/>.</param>
    /// <param name="endYear">The end year, or <see langword="null"/>.</param>
    /// <param name="endMonth">The end month, or <see langword="null"/>.</param>
    /// <param name="endDay">The end day, or <see langword="null"/>.</param>
    /// <param name="monthUnreadable">Set when a month was given but could not be read (it was left out).</param>
    public static CslDate ReadParts(string year, string? month, string? day, string? endYear, string? endMonth, string? endDay, out bool monthUnreadable)
    {
        monthUnreadable = false;
        if (!TryYear(year, out var y))
        {
            return CslDate.FromLiteral(year.Trim());
        }

        var m = ParseMonth(month, ref monthUnreadable);
        var d = m is not null && day is not null && int.TryParse(day.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var dd) && dd is >= 1 and <= 31 ? dd : (int?)null;
        var start = new DatePart(y, m, d);
        if (endYear is not null && TryYear(endYear, out var ey))
        {
            var em = ParseMonth(endMonth, ref monthUnreadable);
            var ed = em is not null && endDay is not null && int.TryParse(endDay.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var edd) ? edd : (int?)null;
            return Range(start, new DatePart(ey, em, ed), circa: false);
        }

        return Make([start], false);
    }

    /// <summary>A month from its number, English name or abbreviation (<c>3</c>, <c>March</c>, <c>mar</c>, <c>Mar.</c>).</summary>
    public static int? Month(string text)
    {
        var s = text.Trim().TrimEnd('.');
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n is >= 1 and <= 12 ? n : null;
        }

        if (s.Length < 3)
        {
            return null;
        }

        string[] names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].StartsWith(s, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return s.Equals("sept", StringComparison.OrdinalIgnoreCase) ? 9 : null;
    }

    private static int? ParseMonth(string? month, ref bool unreadable)
    {
        if (month is null || month.Trim().Length == 0)
        {
            return null;
        }

        var m = Month(month);
        unreadable |= m is null;
        return m;
    }

    private static bool TryYear(string text, out int year)
    {
        var s = text.Trim();

        // A year before the common era may be written with an en or em dash (BibTeX's "--44").
        if (s.Length > 1 && s[0] is '\u2013' or '\u2014')
        {
            s = "-" + s[1..];
        }

        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out year) && year != 0 && Math.Abs(year) < 100_000;
    }

    private readonly record struct DatePart(int Year, int? Month, int? Day);

    /// <summary>A range; CSL processors need both ends to have the same parts (citeproc-js refuses [[2019, 3], [2019, 4, 2]]).</summary>
    private static CslDate Range(DatePart start, DatePart end, bool circa)
    {
        if (start.Month is null || end.Month is null)
        {
            start = start with { Month = null, Day = null };
            end = end with { Month = null, Day = null };
        }
        else if (start.Day is null || end.Day is null)
        {
            start = start with { Day = null };
            end = end with { Day = null };
        }

        return Make([start, end], circa);
    }

    private static CslDate Make(IReadOnlyList<DatePart> parts, bool circa)
    {
        var dateParts = new List<IReadOnlyList<CslScalar>>(parts.Count);
        foreach (var part in parts)
        {
            var list = new List<CslScalar>(3) { CslScalar.FromNumber(part.Year) };
            if (part.Month is { } m)
            {
                list.Add(CslScalar.FromNumber(m));
                if (part.Day is { } d)
                {
                    list.Add(CslScalar.FromNumber(d));
                }
            }

            dateParts.Add(list);
        }

        return new CslDate { DateParts = dateParts, Circa = circa ? CslScalar.FromBoolean(true) : (CslScalar?)null };
    }

    /// <summary>
    /// Parses one EDTF date: <c>[-]YYYY[-MM[-DD]][Thh:mm:ss…]</c>, qualifiers, seasons, <c>X</c> digits. An unspecified
    /// decade or century gives its first year and, in <paramref name="span"/>, how many years it runs on (9 or 99).
    /// </summary>
    private static bool TryParsePart(string s, out DatePart part, out bool circa, out int span)
    {
        part = default;
        circa = false;
        span = 0;
        var t = s.IndexOf('T', StringComparison.Ordinal);
        if (t > 0)
        {
            s = s[..t];
        }

        // Qualifiers may follow any component (2019-03~, 2019?-03); all of them mean "about" to CSL.
        if (s.IndexOfAny(['~', '?', '%']) >= 0)
        {
            circa = true;
            s = s.Replace("~", string.Empty, StringComparison.Ordinal).Replace("?", string.Empty, StringComparison.Ordinal).Replace("%", string.Empty, StringComparison.Ordinal);
        }

        var negative = s.StartsWith('-');
        var body = negative ? s[1..] : s;
        var pieces = body.Split('-');
        if (pieces.Length is < 1 or > 3 || pieces[0].Length < 4 || pieces.Any(p => p.Length == 0))
        {
            return false;
        }

        var yearText = pieces[0];
        if (yearText.EndsWith('X') || yearText.EndsWith('x'))
        {
            // 199X: the decade (201X/202X alike); 19XX: the century.
            var digits = yearText.TrimEnd('X', 'x');
            if (negative || digits.Length is < 2 or > 3 || !digits.All(char.IsAsciiDigit) || pieces.Length > 1 && !pieces.Skip(1).All(p => p.All(c => c is 'X' or 'x')))
            {
                return false;
            }

            part = new DatePart(int.Parse(digits, CultureInfo.InvariantCulture) * (digits.Length == 3 ? 10 : 100), null, null);
            span = digits.Length == 3 ? 9 : 99;
            return true;
        }

        if (!yearText.All(char.IsAsciiDigit) || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        // EDTF counts years astronomically (0000 is 1 BC); CSL has no year 0 and counts back from -1.
        if (negative)
        {
            year = -year - 1;
        }
        else if (year == 0)
        {
            year = -1;
        }

        int? month = null, day = null;
        if (pieces.Length > 1)
        {
            if (pieces[1].All(c => c is 'X' or 'x'))
            {
                part = new DatePart(year, null, null);
                return true;
            }

            if (pieces[1].Length != 2 || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                return false;
            }

            if (m is >= 21 and <= 24 && pieces.Length == 2)
            {
                month = m - 8;
            }
            else if (m is >= 1 and <= 12)
            {
                month = m;
            }
            else
            {
                return false;
            }
        }

        if (pieces.Length > 2)
        {
            if (pieces[2].All(c => c is 'X' or 'x'))
            {
                part = new DatePart(year, month, null);
                return true;
            }

            if (pieces[2].Length != 2 || !int.TryParse(pieces[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
                || month > 12 || d < 1 || d > DaysIn(year, month!.Value))
            {
                return false;
            }

            day = d;
        }

        part = new DatePart(year, month, day);
        return true;
    }

    private static int DaysIn(int year, int month)
    {
        // Proleptic Gregorian; BC years use the astronomical year for the leap rule.
        var astronomical = year < 0 ? year + 1 : year;
        var leap = astronomical % 4 == 0 && (astronomical % 100 != 0 || astronomical % 400 == 0);
        return month switch
        {
            2 => leap ? 29 : 28,
            4 or 6 or 9 or 11 => 30,
            _ => 31,
        };
    }
}
