using System.Globalization;

namespace Citations.CslData;

/// <summary>
/// Parses dates written as text: EDTF level 0/1 (<c>2021</c>, <c>2021-03-05</c>, <c>2021-21</c> for spring,
/// <c>2021~</c>, <c>2020/2021-06</c>, <c>-0099</c>) and the common forms of <c>raw</c> dates
/// (<c>May 2003</c>, <c>17 May 2003</c>, <c>May 17, 2003</c>, <c>2003/05/17</c>, <c>1998-2000</c>).
/// </summary>
public static class CslDateText
{
    private static readonly string[] Months =
    [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ];

    private static readonly string[] Seasons = ["spring", "summer", "autumn", "winter"];

    /// <summary>The parts of a date read from text.</summary>
    /// <param name="Start">The first (or only) date.</param>
    /// <param name="End">The end of a range, or <see langword="null"/>.</param>
    /// <param name="Approximate">Whether the text marked the date as approximate or uncertain.</param>
    /// <param name="OpenEnd">Whether the range has no end.</param>
    public readonly record struct Parsed(CslDatePart Start, CslDatePart? End, bool Approximate, bool OpenEnd);

    /// <summary>Tries to read a date from text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="result">The parsed date when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text was a date this parser understands.</returns>
    public static bool TryParse(string text, out Parsed result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var approximate = false;
        if (s.EndsWith('~') || s.EndsWith('?') || s.EndsWith('%'))
        {
            approximate = true;
            s = s.TrimEnd('~', '?', '%');
        }

        // A range: EDTF uses '/', raw dates often use a dash between two complete dates.
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && !LooksLikeSlashDate(s))
        {
            var left = s[..slash].Trim().TrimEnd('~', '?', '%');
            var right = s[(slash + 1)..].Trim();
            approximate |= right.EndsWith('~') || right.EndsWith('?');
            right = right.TrimEnd('~', '?', '%');
            if (!TryParseSingle(left, out var start))
            {
                return false;
            }

            if (right.Length == 0 || right == "..")
            {
                result = new Parsed(start, null, approximate, true);
                return true;
            }

            if (!TryParseSingle(right, out var end))
            {
                return false;
            }

            result = new Parsed(start, end, approximate, false);
            return true;
        }

        if (TryParseSingle(s, out var single))
        {
            result = new Parsed(single, null, approximate, false);
            return true;
        }

        // "1998-2000" or "May-June 2003" style ranges in raw dates.
        var dash = s.Length > 1 ? s.IndexOf('-', 1) : -1;
        while (dash > 0)
        {
            var left = s[..dash].Trim();
            var right = s[(dash + 1)..].Trim();
            if (TryParseSingle(right, out var end))
            {
                if (TryParseSingle(left, out var start))
                {
                    result = new Parsed(start, end, approximate, false);
                    return true;
                }

                // "May-June 2003": the left part borrows the right part's year.
                if (MonthOrSeason(left) is { } month)
                {
                    result = new Parsed(new CslDatePart(end.Year, month, null), end, approximate, false);
                    return true;
                }
            }

            dash = s.IndexOf('-', dash + 1);
        }

        return false;
    }

    private static bool LooksLikeSlashDate(string s)
    {
        // 2003/05/17 or 17/05/2003: two slashes, all numeric.
        var parts = s.Split('/');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit) && Number(p) is not null);
    }

    private static bool TryParseSingle(string s, out CslDatePart part)
    {
        part = default;
        s = s.Trim().TrimEnd('.', ',');
        if (s.Length == 0)
        {
            return false;
        }

        // EDTF / ISO: [-]YYYY[-MM[-DD]], with optional time after 'T'.
        var t = s.IndexOf('T', StringComparison.Ordinal);
        var iso = t > 0 ? s[..t] : s;
        if (TryParseIso(iso, out part))
        {
            return true;
        }

        if (LooksLikeSlashDate(s))
        {
            var p = s.Split('/');
            if (p[0].Length == 4)
            {
                return Make(p[0], p[1], p[2], out part);
            }

            // Ambiguous day/month order: the US reading (month first) unless the first part cannot be a month.
            return Number(p[0]) > 12
                ? Make(p[2], p[1], p[0], out part)
                : Make(p[2], p[0], p[1], out part);
        }

        // Words: "May 2003", "17 May 2003", "May 17, 2003", "Spring 2003", "2003".
        var tokens = s.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries);
        int? year = null, month = null, day = null;
        foreach (var token in tokens)
        {
            if (MonthOrSeason(token) is { } m && month is null)
            {
                month = m;
            }
            else if (token.All(char.IsAsciiDigit) && token.Length <= 2 && day is null
                     && Number(token) is >= 1 and <= 31 and var d)
            {
                day = d;
            }
            else if ((token.All(char.IsAsciiDigit) || (token.StartsWith('-') && token.Length > 1 && token[1..].All(char.IsAsciiDigit)))
                     && token.Length >= 3 && year is null && Number(token) is { } y)
            {
                year = y;
            }
            else
            {
                return false;
            }
        }

        if (year is null || (day is not null && month is null))
        {
            return false;
        }

        part = new CslDatePart(year.Value, month, month is >= 1 and <= 12 ? day : null);
        return true;
    }

    private static bool TryParseIso(string s, out CslDatePart part)
    {
        part = default;
        var negative = s.StartsWith('-');
        var body = negative ? s[1..] : s;
        var pieces = body.Split('-');
        if (pieces.Length is 0 or > 3 || pieces[0].Length < 1 || !pieces.All(p => p.Length > 0 && p.All(c => char.IsAsciiDigit(c) || c == 'X' || c == 'u')))
        {
            return false;
        }

        // A four-digit year is required unless it is the only piece (plain years of any length are fine).
        if (pieces.Length > 1 && pieces[0].Length != 4)
        {
            return false;
        }

        if (pieces.Any(p => p.Contains('X', StringComparison.Ordinal) || p.Contains('u', StringComparison.Ordinal)))
        {
            // Unspecified digits: keep only the pieces that are fully known.
            pieces = pieces.TakeWhile(p => p.All(char.IsAsciiDigit)).ToArray();
            if (pieces.Length == 0)
            {
                return false;
            }
        }

        // A year too large for a number is not a date (the text is kept as it is by the caller).
        if (Number(pieces[0]) is not { } year)
        {
            return false;
        }

        if (negative)
        {
            // EDTF counts astronomically (year 0 is 1 BC); CSL-JSON date-parts use -1 for 1 BC.
            year = -year - 1;
        }

        int? month = null, day = null;
        if (pieces.Length > 1)
        {
            var m = Number(pieces[1]) ?? 0;
            if (m is >= 21 and <= 24)
            {
                month = m - 8; // EDTF seasons 21–24 are CSL seasons 13–16.
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
            var d = Number(pieces[2]) ?? 0;
            if (d is < 1 or > 31 || month > 12)
            {
                return false;
            }

            day = d;
        }

        part = new CslDatePart(year, month, day);
        return true;
    }

    private static bool Make(string y, string m, string d, out CslDatePart part)
    {
        // The pieces are digits that fit a number (LooksLikeSlashDate checked them).
        var year = Number(y)!.Value;
        var month = Number(m)!.Value;
        var day = Number(d)!.Value;
        part = new CslDatePart(year, month is >= 1 and <= 12 ? month : null, month is >= 1 and <= 12 && day is >= 1 and <= 31 ? day : null);
        return true;
    }

    /// <summary>The value of a run of digits (with an optional leading minus), or <see langword="null"/> when it does not fit an <see cref="int"/>.</summary>
    private static int? Number(string digits)
        => int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int? MonthOrSeason(string token)
    {
        var t = token.Trim().TrimEnd('.').ToLowerInvariant();
        if (t.Length < 3)
        {
            return null;
        }

        for (var i = 0; i < Months.Length; i++)
        {
            if (Months[i].StartsWith(t, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        for (var i = 0; i < Seasons.Length; i++)
        {
            if (Seasons[i] == t || (i == 2 && t == "fall"))
            {
                return 13 + i;
            }
        }

        return null;
    }
}
