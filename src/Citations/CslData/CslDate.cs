using System.Text.Json;

namespace Citations.CslData;

/// <summary>One end of a date: a year, and optionally a month (or season) and a day.</summary>
/// <param name="Year">The year; negative for years BC (astronomical numbering is not used: -100 is 100 BC).</param>
/// <param name="Month">The month 1–12, a season 13–16 (spring, summer, autumn, winter), or <see langword="null"/>.</param>
/// <param name="Day">The day of the month, or <see langword="null"/>.</param>
public readonly record struct CslDatePart(int Year, int? Month, int? Day)
{
    /// <summary>Whether <see cref="Month"/> holds a season (13–16) rather than a month.</summary>
    public bool MonthIsSeason => Month is >= 13 and <= 16;
}

/// <summary>
/// A CSL-JSON date variable (<c>issued</c>, <c>accessed</c>, …) exactly as written: <c>date-parts</c> (one date or a
/// range), <c>season</c>, <c>circa</c>, <c>literal</c>, <c>raw</c>, or an EDTF string such as <c>2021-03/2021-05</c>.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The written form is kept for lossless round trips; <see cref="Start"/>, <see cref="End"/>
/// and <see cref="IsCirca"/> give the parsed meaning.
/// </remarks>
public sealed record CslDate
{
    private DateValue? _parsed;

    /// <summary>Creates an empty date; set its properties with an object initialiser.</summary>
    public CslDate()
    {
    }

    private CslDate(CslDate original)
    {
        // 'with' copies every field: the parsed meaning must be worked out again from the new values, not copied.
        DateParts = original.DateParts;
        Season = original.Season;
        Circa = original.Circa;
        Literal = original.Literal;
        Raw = original.Raw;
        Edtf = original.Edtf;
        Extensions = original.Extensions;
    }

    /// <summary>The <c>date-parts</c> array as written (each element a string or number), or <see langword="null"/>.</summary>
    public IReadOnlyList<IReadOnlyList<CslScalar>>? DateParts { get; init; }

    /// <summary>The <c>season</c> property as written (1–4 or a name), or <see langword="null"/>.</summary>
    public CslScalar? Season { get; init; }

    /// <summary>The <c>circa</c> property as written, or <see langword="null"/>.</summary>
    public CslScalar? Circa { get; init; }

    /// <summary>A date given as text to print as is (<c>literal</c>), such as "n.d." or "Spring 2003".</summary>
    public string? Literal { get; init; }

    /// <summary>A date given as text to parse (<c>raw</c>), such as "2003-05-17" or "May 2003".</summary>
    public string? Raw { get; init; }

    /// <summary>The string, when the date was written as an EDTF string instead of an object.</summary>
    public string? Edtf { get; init; }

    /// <summary>Properties that CSL-JSON does not define, kept so that writing the date back loses nothing.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = CslExtensions.Empty;

    /// <summary>The first (or only) date, or <see langword="null"/> when the date has no usable year.</summary>
    public CslDatePart? Start => Parsed.Start;

    /// <summary>The end of a range, or <see langword="null"/> when the date is not a range.</summary>
    public CslDatePart? End => Parsed.End;

    /// <summary>Whether the date is a range (it has an <see cref="End"/>).</summary>
    public bool IsRange => Parsed.End is not null;

    /// <summary>Whether the date is approximate (<c>circa</c>, or an EDTF <c>~</c>/<c>?</c> qualifier).</summary>
    public bool IsCirca => Circa is { IsTruthy: true } || Parsed.Approximate;

    /// <summary>Whether the range is open-ended (an EDTF range ending in <c>..</c> or an empty end).</summary>
    public bool IsOpenRange => Parsed.OpenEnd;

    /// <summary>Creates a date from a year and optionally a month and day.</summary>
    public static CslDate FromParts(int year, int? month = null, int? day = null)
    {
        var parts = new List<CslScalar> { CslScalar.FromNumber(year) };
        if (month is { } m)
        {
            parts.Add(CslScalar.FromNumber(m));
            if (day is { } d)
            {
                parts.Add(CslScalar.FromNumber(d));
            }
        }

        return new CslDate { DateParts = [parts] };
    }

    /// <summary>Creates a literal date, printed as written.</summary>
    public static CslDate FromLiteral(string literal) => new() { Literal = literal };

    /// <inheritdoc/>
    public bool Equals(CslDate? other)
        => other is not null
           && PartsEqual(DateParts, other.DateParts)
           && Season == other.Season && Circa == other.Circa
           && Literal == other.Literal && Raw == other.Raw && Edtf == other.Edtf
           && CslExtensions.AreEqual(Extensions, other.Extensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Literal, Raw, Edtf, Start);

    /// <summary>Formats the date for a human reader (ISO-like), or its literal text.</summary>
    public override string ToString()
    {
        if (Literal is not null)
        {
            return Literal;
        }

        if (Start is not { } start)
        {
            return Raw ?? Edtf ?? string.Empty;
        }

        var text = Format(start);
        return End is { } end ? $"{text}/{Format(end)}" : text;

        static string Format(CslDatePart p)
        {
            var s = p.Year.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            if (p.Month is { } m)
            {
                s += "-" + m.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                if (p.Day is { } d)
                {
                    s += "-" + d.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return s;
        }
    }

    private DateValue Parsed => _parsed ??= DateValue.From(this);

    private static bool PartsEqual(IReadOnlyList<IReadOnlyList<CslScalar>>? a, IReadOnlyList<IReadOnlyList<CslScalar>>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].SequenceEqual(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record DateValue(CslDatePart? Start, CslDatePart? End, bool Approximate, bool OpenEnd)
    {
        private static readonly DateValue None = new(null, null, false, false);

        public static DateValue From(CslDate date)
        {
            if (date.DateParts is { Count: > 0 } parts)
            {
                var start = FromScalars(parts[0]);
                CslDatePart? end = null;
                var openEnd = false;
                if (parts.Count > 1)
                {
                    end = FromScalars(parts[1]);
                    openEnd = end is null || end.Value.Year == 0;
                    if (openEnd)
                    {
                        end = null;
                    }
                }

                if (start is { } s && date.Season is { } season && s.Month is null && SeasonNumber(season) is { } sn)
                {
                    start = s with { Month = sn };
                }

                return start is null ? None : new DateValue(start, end, false, openEnd);
            }

            var text = date.Edtf ?? date.Raw;
            if (text is not null && CslDateText.TryParse(text, out var parsed))
            {
                return new DateValue(parsed.Start, parsed.End, parsed.Approximate, parsed.OpenEnd);
            }

            return None;
        }

        private static CslDatePart? FromScalars(IReadOnlyList<CslScalar> scalars)
        {
            if (scalars.Count == 0 || !scalars[0].TryGetInt32(out var year))
            {
                return null;
            }

            int? month = scalars.Count > 1 && scalars[1].TryGetInt32(out var m) && m > 0 ? m : null;
            int? day = month is not null && scalars.Count > 2 && scalars[2].TryGetInt32(out var d) && d > 0 ? d : null;
            return new CslDatePart(year, month, day);
        }

        private static int? SeasonNumber(CslScalar season)
        {
            if (season.TryGetInt32(out var n))
            {
                return n is >= 1 and <= 4 ? n + 12 : n is >= 13 and <= 16 ? n : null;
            }

            return null;
        }
    }
}
