using System.Globalization;
using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;

namespace Citations.Csl.Evaluation;

/// <summary>A date variable reduced to numbers: the start and end of each part, a season, or literal text.</summary>
internal sealed class DateValue
{
    public int? Year;
    public int? Month;
    public int? Day;
    public int? YearEnd;
    public int? MonthEnd;
    public int? DayEnd;
    public bool HasEnd;
    public string? Season;
    public string? SeasonEnd;
    public string? Literal;
    public bool Circa;

    public static DateValue? From(CslDate date)
    {
        var value = new DateValue { Circa = date.IsCirca };
        if (date.DateParts is { Count: > 0 } parts)
        {
            Fill(parts[0], out value.Year, out value.Month, out value.Day);
            if (parts.Count > 1)
            {
                value.HasEnd = true;
                Fill(parts[1], out value.YearEnd, out value.MonthEnd, out value.DayEnd);
            }
        }
        else if ((date.Raw ?? date.Edtf) is { } text)
        {
            if (CslDateText.TryParse(text, out var parsed))
            {
                value.Year = parsed.Start.Year;
                value.Month = parsed.Start.Month;
                value.Day = parsed.Start.Day;
                if (parsed.End is { } end)
                {
                    value.HasEnd = true;
                    value.YearEnd = end.Year;
                    value.MonthEnd = end.Month;
                    value.DayEnd = end.Day;
                }
                else if (parsed.OpenEnd)
                {
                    value.HasEnd = true;
                    value.YearEnd = 0;
                }
            }
            else
            {
                value.Literal = text;
            }
        }

        if (date.Literal is not null)
        {
            value.Literal = date.Literal;
        }

        if (date.Season is { } season)
        {
            value.Season = season.Text;
        }

        if (value.Month is >= 13 and <= 16 && value.Season is null)
        {
            // Seasons given as months 13–16 render through the season terms via the month part.
        }

        return value.Year is null && value.Literal is null && value.Season is null ? null : value;
    }

    private static void Fill(IReadOnlyList<CslScalar> parts, out int? year, out int? month, out int? day)
    {
        year = parts.Count > 0 && TryInt(parts[0], out var y) ? y : null;
        month = parts.Count > 1 && TryInt(parts[1], out var m) ? m : null;
        day = parts.Count > 2 && TryInt(parts[2], out var d) ? d : null;
    }

    private static bool TryInt(CslScalar scalar, out int value)
    {
        // parseInt semantics: leading digits (with sign) count, the rest is ignored.
        var text = scalar.Text.Trim();
        var end = 0;
        if (end < text.Length && text[end] is '-' or '+')
        {
            end++;
        }

        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return int.TryParse(text.AsSpan(0, end), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public int? Get(DatePartName part, bool end) => (part, end) switch
    {
        (DatePartName.Year, false) => Year,
        (DatePartName.Month, false) => Month,
        (DatePartName.Day, false) => Day,
        (DatePartName.Year, true) => YearEnd,
        (DatePartName.Month, true) => MonthEnd,
        _ => DayEnd,
    };
}

internal sealed partial class Renderer
{
    private Blob? RenderDate(DateElement element, RenderContext ctx)
    {
        ctx.VariablesCalled++;

        // An item's ambiguous cite leaves out the date it was accessed (as citeproc-js's does): two undated works by
        // one author accessed on different days still need year suffixes.
        if (ctx.Input.IsProbe && element.Variable == "accessed")
        {
            return null;
        }

        if (ctx.IsSuppressed(element.Variable) || ctx.Input.Item.GetDate(element.Variable) is not { } date || DateValue.From(date) is not { } value)
        {
            return null;
        }

        var (parts, delimiter, decor) = ResolveDateParts(element);
        if (ctx.Input.Mode == RenderMode.Sort)
        {
            // In sort keys a date is its sortable form, restricted to the parts the element renders.
            if (SortKeys.DateKey(date, parts) is not { } key)
            {
                return null;
            }

            ctx.VariablesRendered++;
            ctx.DateSortKeys?.Add(key);
            return Blob.Leaf(key);
        }

        var blob = Blob.Node();
        ApplyDecor(blob, decor);
        blob.Delimiter = delimiter;
        var scope = ctx.Scope;
        ctx.Scope = scope.Push(blob.Decorations);
        var textSeasons = RenderDateParts(parts, value, blob, ctx);
        ctx.Scope = scope;
        if (blob.Children!.Count == 0)
        {
            return null;
        }

        // A season given as text ("Fall") is printed but, as in citeproc-js, does not make its group's date count
        // as rendered: a group holding only it is left out.
        if (blob.Children.Count > textSeasons)
        {
            ctx.VariablesRendered++;
        }

        ctx.SubstituteRendered?.Add(element.Variable);
        return blob;
    }

    /// <summary>The parts a date element renders: its own, or the locale's date format with the style's overrides.</summary>
    internal (IReadOnlyList<DatePartElement> Parts, string Delimiter, Decor Decor) ResolveDateParts(DateElement element)
    {
        if (element.Form == DateForm.None)
        {
            return (element.Parts, element.Delimiter ?? string.Empty, element.Decor);
        }

        var localized = element.Form == DateForm.Text ? Locale.TextDate : Locale.NumericDate;
        if (localized is null)
        {
            return (element.Parts, element.Delimiter ?? string.Empty, element.Decor);
        }

        var parts = new List<DatePartElement>();
        foreach (var part in localized.Parts)
        {
            if ((element.PartsFilter == DatePartsFilter.Year && part.Name != DatePartName.Year)
                || (element.PartsFilter == DatePartsFilter.YearMonth && part.Name == DatePartName.Day))
            {
                continue;
            }

            var overriding = element.Parts.FirstOrDefault(p => p.Name == part.Name);
            if (overriding is null)
            {
                parts.Add(part);
                continue;
            }

            // Attributes the style sets on its date-part replace the locale's.
            var d = part.Decor;
            var o = overriding.Decor;
            parts.Add(new DatePartElement
            {
                Name = part.Name,
                Form = overriding.HasForm ? overriding.Form : part.Form,
                HasForm = overriding.HasForm || part.HasForm,
                RangeDelimiter = overriding.RangeDelimiter ?? part.RangeDelimiter,
                Decor = new Decor
                {
                    Prefix = o.Prefix.Length > 0 ? o.Prefix : d.Prefix,
                    Suffix = o.Suffix.Length > 0 ? o.Suffix : d.Suffix,
                    Formatting = o.Formatting.HasDecorations ? o.Formatting : d.Formatting,
                    TextCase = o.TextCase != TextCase.None ? o.TextCase : d.TextCase,
                    StripPeriods = o.StripPeriods || d.StripPeriods,
                    Quotes = o.Quotes || d.Quotes,
                },
            });
        }

        // A localized date takes only the style's affixes and display; its formatting comes from the locale.
        var decor = new Decor { Prefix = element.Decor.Prefix, Suffix = element.Decor.Suffix, Display = element.Decor.Display, Formatting = localized.Decor.Formatting };
        return (parts, localized.Delimiter ?? string.Empty, decor);
    }

    /// <summary>Renders the parts into <paramref name="target"/>; returns how many of them are seasons given as text.</summary>
    private int RenderDateParts(IReadOnlyList<DatePartElement> parts, DateValue value, Blob target, RenderContext ctx)
    {
        var textSeasons = 0;
        // Which parts collapse in a range: from the largest part that differs, down through the smaller ones.
        var collapseAt = new List<DatePartName>();
        if (value.HasEnd)
        {
            var candidates = new List<DatePartName>();
            foreach (var name in new[] { DatePartName.Year, DatePartName.Month, DatePartName.Day })
            {
                if (parts.Any(p => p.Name == name) && (value.Get(name, true) is not null || (name == DatePartName.Month && value.SeasonEnd is not null)))
                {
                    candidates.Add(name);
                }
            }

            var differsAt = candidates.Count;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (value.Get(candidates[i], false) != value.Get(candidates[i], true))
                {
                    differsAt = i;
                    break;
                }
            }

            collapseAt = candidates.Skip(differsAt).ToList();
        }

        var done = new HashSet<DatePartName>();
        List<Blob>? endParts = null;
        var yearSuffixDone = false;
        foreach (var part in parts)
        {
            done.Add(part.Name);
            if (value.Literal is not null && part.Name == DatePartName.Year)
            {
                target.Add(MakeText(value.Literal, part.Decor, ctx, isTerm: false));
            }

            var start = value.Get(part.Name, false);
            if (part.Name == DatePartName.Year && start == 0)
            {
                start = null;
            }

            if (start is null)
            {
                if (part.Name == DatePartName.Month && value.Season is { } season)
                {
                    var numbered = season.Length == 1 && season[0] is >= '1' and <= '4';
                    var seasonText = numbered ? Locale.Term("season-0" + season) : season;
                    if (!string.IsNullOrEmpty(seasonText))
                    {
                        target.Add(MakeText(seasonText, part.Decor, ctx, isTerm: true));
                        textSeasons += numbered ? 0 : 1;
                    }
                }

                continue;
            }

            var end = value.Get(part.Name, true);

            // With year-suffix collapsing, a year repeating the previous cite's (same author) is left out; its
            // suffix still follows.
            if (part.Name == DatePartName.Year && ctx.Input.Cluster is not null && !ctx.Input.IsProbe
                && Style.Citation is { DisambiguateAddYearSuffix: true, Collapse: Collapse.YearSuffix or Collapse.YearSuffixRanged })
            {
                ctx.Found.YearsUsed.Add(start.Value);
                var index = ctx.Found.YearsUsed.Count - 1;
                if (ctx.Found.HaveCollapsed && ctx.Input.Cluster.LastYears.Count > index && ctx.Input.Cluster.LastYears[index] == start.Value)
                {
                    if (!yearSuffixDone)
                    {
                        yearSuffixDone = true;
                        AddYearSuffix(target, part, ctx);
                    }

                    continue;
                }
            }

            var startText = FormatDatePart(part, start.Value, value.Month);
            var level = Blob.Node();
            if (collapseAt.Count > 0)
            {
                var ready = collapseAt.All(done.Contains);
                if (ready)
                {
                    // The last collapsing part: start value, range delimiter, then the end parts collected so far.
                    var startBlob = MakeDatePart(startText, part, ctx);
                    startBlob.Suffix = string.Empty;
                    level.Add(startBlob);
                    if (end is not null && end != 0)
                    {
                        endParts ??= [];
                        var endBlob = MakeDatePart(FormatDatePart(part, end.Value, value.MonthEnd), part, ctx);
                        endParts.Add(endBlob);
                        endParts[0].Prefix = string.Empty;
                    }

                    level.Add(Blob.Leaf(part.RangeDelimiter ?? Locale.Term("year-range-delimiter") ?? "\u2013"));
                    if (endParts is not null)
                    {
                        // The end of the range is joined with the date's own delimiter, as its start is.
                        var end2 = Blob.Node();
                        end2.Delimiter = target.Delimiter;
                        end2.Children!.AddRange(endParts);
                        level.Add(end2);
                    }

                    AddEra(level, part.Name, start.Value);
                    endParts = null;
                    collapseAt = [];
                    target.Add(level);
                    if (part.Name == DatePartName.Year && !yearSuffixDone)
                    {
                        yearSuffixDone = true;
                        AddYearSuffix(target, part, ctx);
                    }

                    continue;
                }

                level.Add(MakeDatePart(startText, part, ctx));
                AddEra(level, part.Name, start.Value);
                if (collapseAt.Contains(part.Name) && end is not null && end != 0)
                {
                    endParts ??= [];
                    var endBlob = MakeDatePart(FormatDatePart(part, end.Value, value.MonthEnd), part, ctx);
                    var endLevel = Blob.Node();
                    endLevel.Add(endBlob);
                    AddEra(endLevel, part.Name, end.Value);
                    endParts.Add(endLevel);
                    FirstLeaf(endParts[0]).Prefix = string.Empty;
                }
            }
            else
            {
                level.Add(MakeDatePart(startText, part, ctx));
                AddEra(level, part.Name, start.Value);
            }

            target.Add(level);
            if (part.Name == DatePartName.Year && !yearSuffixDone)
            {
                yearSuffixDone = true;
                AddYearSuffix(target, part, ctx);
            }
        }

        return textSeasons;
    }

    /// <summary>
    /// Adds the year suffix after the first year a cite renders, when the style does not place it itself; it takes
    /// the year part's affixes and formatting, as in citeproc-js.
    /// </summary>
    private void AddYearSuffix(Blob target, DatePartElement part, RenderContext ctx)
    {
        if (ctx.Input.IsProbe || ctx.Input.Mode == RenderMode.Sort || ctx.YearSuffixDone || _runtime.StyleRendersYearSuffix || ctx.Input.Disambiguation.YearSuffix <= 0)
        {
            return;
        }

        ctx.YearSuffixDone = true;
        var suffix = new Blob
        {
            Text = YearSuffixText(ctx.Input.Disambiguation.YearSuffix),
            Prefix = part.Decor.Prefix,
            Suffix = part.Decor.Suffix,
            Decorations = Decorations.From(part.Decor.Formatting, part.Decor.Quotes),
            IsNumeric = true,
            NumericValue = ctx.Input.Disambiguation.YearSuffix,
            Kind = NumberKind.YearSuffix,
        };
        target.Add(suffix);
    }

    private static Blob FirstLeaf(Blob blob)
    {
        while (blob.Children is { Count: > 0 } children)
        {
            blob = children[0];
        }

        return blob;
    }

    /// <summary>Adds the era term after a year: "BC" for negative years, "AD" for years 1–499.</summary>
    private void AddEra(Blob level, DatePartName part, int year)
    {
        if (part != DatePartName.Year)
        {
            return;
        }

        var era = year < 0 ? Locale.Term("bc") : year is > 0 and < 500 ? Locale.Term("ad") : null;
        if (!string.IsNullOrEmpty(era))
        {
            level.Add(Blob.Leaf(era));
        }
    }

    private Blob MakeDatePart(string text, DatePartElement part, RenderContext ctx)
        => MakeText(text, part.Decor, ctx, isTerm: false);

    private string FormatDatePart(DatePartElement part, int value, int? month)
    {
        switch (part.Name)
        {
            case DatePartName.Year:
            {
                var text = Math.Abs(value).ToString(CultureInfo.InvariantCulture);
                if (part.Form == DatePartForm.Short && text.Length == 4)
                {
                    text = text[2..];
                }

                return text;
            }

            case DatePartName.Month:
            {
                var form = part.Form == DatePartForm.Default ? DatePartForm.Long : part.Form;
                string text;
                if (form is DatePartForm.Numeric or DatePartForm.NumericLeadingZeros)
                {
                    text = value is >= 1 and <= 12
                        ? (form == DatePartForm.NumericLeadingZeros ? value.ToString("00", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture))
                        : string.Empty;
                }
                else
                {
                    var n = value;
                    var stub = "month-";
                    if (n is < 1 or > 24)
                    {
                        return string.Empty;
                    }

                    while (n > 16)
                    {
                        n -= 4;
                    }

                    if (n > 12)
                    {
                        stub = "season-";
                        n -= 12;
                    }

                    text = Locale.Term(stub + n.ToString("00", CultureInfo.InvariantCulture), form == DatePartForm.Short ? TermForm.Short : TermForm.Long) ?? string.Empty;
                }

                if (part.Decor.StripPeriods)
                {
                    text = text.Replace(".", string.Empty, StringComparison.Ordinal);
                }

                return text;
            }

            default:
            {
                var form = part.Form;
                if (form == DatePartForm.Ordinal)
                {
                    if (Locale.LimitDayOrdinalsToDay1 && value != 1)
                    {
                        form = DatePartForm.Numeric;
                    }
                    else
                    {
                        var gender = month is >= 1 and <= 12 ? Locale.GenderOf("month-" + month.Value.ToString("00", CultureInfo.InvariantCulture)) : Locales.Gender.Neuter;
                        return value.ToString(CultureInfo.InvariantCulture) + Locale.OrdinalSuffix(value, gender);
                    }
                }

                return form == DatePartForm.NumericLeadingZeros
                    ? value.ToString("00", CultureInfo.InvariantCulture)
                    : value.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Whether a macro holds a date element itself (not through other macros), as citeproc-js flags it.</summary>
    internal static bool HasOwnDate(Macro macro) => HasOwnDate(macro.Children);

    private static bool HasOwnDate(IReadOnlyList<Element> elements)
    {
        foreach (var element in elements)
        {
            var found = element switch
            {
                DateElement => true,
                GroupElement g => HasOwnDate(g.Children),
                NamesElement { Substitute: { } sub } => HasOwnDate(sub),
                ChooseElement c => c.Branches.Any(b => HasOwnDate(b.Children)),
                _ => false,
            };
            if (found)
            {
                return true;
            }
        }

        return false;
    }
}
