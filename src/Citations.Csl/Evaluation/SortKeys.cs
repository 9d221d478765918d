using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Citations.Csl.Disambiguation;
using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;
using SortKey = Citations.Csl.Styles.SortKey;

namespace Citations.Csl.Evaluation;

/// <summary>Builds and compares sort keys the way citeproc-js does (locale collation, case- and accent-insensitive,
/// punctuation ignored, numbers compared as numbers, empty keys last).</summary>
internal sealed partial class SortKeys
{
    private readonly Renderer _renderer;
    private readonly CompareInfo _compare;

    public SortKeys(Renderer renderer)
    {
        _renderer = renderer;
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(renderer.Runtime.Style.DefaultLocale ?? "en-US");
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.GetCultureInfo("en-US");
        }

        _compare = culture.CompareInfo;
        _culture = culture;
    }

    private readonly CultureInfo _culture;

    private const CompareOptions Options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace
                                           | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth | CompareOptions.NumericOrdering;

    [GeneratedRegex("\\s*(-?[0-9]+)")]
    private static partial Regex NumberRegex();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagRegex();

    /// <summary>
    /// Builds one sort key. Like citeproc-js, spaces become "|" and every key ends with "|", so that a word boundary
    /// sorts before any letter ("Dale" before "Dalebout"); the key is then prepared for comparison.
    /// </summary>
    private string? BuildPrepared(SortKey sortKey, CslItem item, RenderMode section, int citationNumber, DisambiguationState? disambiguation, NameRegistry? names)
    {
        var key = Build(sortKey, item, section, citationNumber, disambiguation, names);
        return string.IsNullOrEmpty(key) ? null : Prepare(key.Replace(' ', '|') + "|");
    }

    /// <summary>
    /// Renders the names an item's sort keys show (macros and name variables) into a name registry, as citeproc-js
    /// does when it builds an item's bibliography sort keys on registration: under the global given-name rules those
    /// names (an editor the citation never shows, say) then count when cites are told apart.
    /// </summary>
    /// <param name="keys">The section's sort keys.</param>
    /// <param name="item">The item.</param>
    /// <param name="citationNumber">The item's provisional citation number.</param>
    /// <param name="names">The registry the names go into.</param>
    public void RegisterNames(IReadOnlyList<SortKey> keys, CslItem item, int citationNumber, NameRegistry names)
    {
        foreach (var key in keys)
        {
            if (key.Macro is null && (key.Variable is null || CslVariables.KindOf(key.Variable) != CslVariableKind.Name))
            {
                continue;
            }

            var ctx = new RenderContext(new RenderInput
            {
                Item = item,
                Mode = RenderMode.Sort,
                SortKey = key,
                SortSection = RenderMode.Bibliography,
                CitationNumber = citationNumber,
                NameRegistry = names,
            });
            try
            {
                if (key.Macro is { } macro)
                {
                    _renderer.RenderMacro(macro, ctx);
                }
                else
                {
                    _renderer.RenderSortNames(key.Variable!, ctx);
                }
            }
            catch (CslException)
            {
                // The entry or cite rendered for output reports what the style cannot render.
            }
        }
    }

    /// <summary>An item's keys, built one at a time when a comparison first needs each: most comparisons are settled
    /// by the first key or two, so later keys (often whole titles) are rarely rendered.</summary>
    /// <param name="keys">The section's sort keys.</param>
    /// <param name="item">The item.</param>
    /// <param name="section">Whose sort it is (a citation's keys use its names options).</param>
    /// <param name="citationNumber">The item's citation number.</param>
    /// <param name="disambiguation">For a citation sort, what the keys see of the item's disambiguation (its year suffix).</param>
    /// <param name="names">For a citation sort, the session's name registry (the given-name floors of the global rules).</param>
    public Lazy Deferred(IReadOnlyList<SortKey> keys, CslItem item, RenderMode section, int citationNumber, DisambiguationState? disambiguation = null, NameRegistry? names = null)
        => new(this, keys, item, section, citationNumber, disambiguation, names);

    /// <summary>Sort keys computed on first use. Not thread-safe (one per item of one session).</summary>
    /// <remarks>
    /// Each key is kept as the collator's binary sort key: comparing two is a byte comparison in the collator's own
    /// order, so the n log n comparisons of a long sort cost no collation (each key is collated once).
    /// </remarks>
    internal sealed class Lazy(SortKeys owner, IReadOnlyList<SortKey> keys, CslItem item, RenderMode section, int citationNumber, DisambiguationState? disambiguation, NameRegistry? names)
    {
        private static readonly byte[] Missing = [];
        private readonly byte[]?[] _values = new byte[]?[keys.Count];
        private readonly string?[] _texts = new string?[keys.Count];
        private readonly bool[] _built = new bool[keys.Count];

        /// <summary>The collation key of key <paramref name="index"/>; empty when the item has no value for it.</summary>
        public byte[] this[int index]
            => _values[index] ??= Text(index) is { } value
                ? owner._compare.GetSortKey(value, Options).KeyData
                : Missing;

        /// <summary>Key <paramref name="index"/> as prepared for comparison (lower case, no punctuation), or
        /// <see langword="null"/> when the item has no value for it.</summary>
        public string? Text(int index)
        {
            if (!_built[index])
            {
                _texts[index] = owner.BuildPrepared(keys[index], item, section, citationNumber, disambiguation, names);
                _built[index] = true;
            }

            return _texts[index];
        }
    }

    /// <summary>
    /// Compares two texts as prepared sort keys (lower case, punctuation dropped, as citeproc-js's collator ignores
    /// it), in a direction; a missing text sorts last whatever the direction.
    /// </summary>
    public int ComparePrepared(string? x, string? y, bool descending)
        => CompareValues(x is null ? null : Prepare(x), y is null ? null : Prepare(y), descending);

    /// <summary>
    /// citeproc-js's grouped-sort key: an author run's first key with the cite's index appended as text ("yardley|paul|"
    /// + "0"; "undefined0" when the run has no first key), compared as one string. A key that extends another
    /// ("yardley|paul||zeller|uta|") thus sorts by its next character against the index's digits.
    /// </summary>
    public int CompareGroupKeys(string? leadX, int indexX, string? leadY, int indexY, bool descending)
    {
        var cmp = _compare.Compare(
            (leadX ?? "undefined") + indexX.ToString(CultureInfo.InvariantCulture),
            (leadY ?? "undefined") + indexY.ToString(CultureInfo.InvariantCulture),
            Options);
        return descending ? -cmp : cmp;
    }

    /// <summary>Compares two key sets, key by key.</summary>
    public static int Compare(Lazy a, Lazy b, IReadOnlyList<SortKey> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var cmp = CompareKey(a[i], b[i], keys[i].Descending);
            if (cmp != 0)
            {
                return cmp;
            }
        }

        return 0;
    }

    /// <summary>Compares two collation keys from <see cref="Lazy"/> in a direction; a missing one (empty) sorts last whatever the direction.</summary>
    public static int CompareKey(byte[] x, byte[] y, bool descending)
    {
        if (x.Length == 0 || y.Length == 0)
        {
            return x.Length == y.Length ? 0 : x.Length == 0 ? 1 : -1;
        }

        var cmp = x.AsSpan().SequenceCompareTo(y);
        return descending ? -cmp : cmp;
    }

    /// <summary>Compares two key values in a direction; a missing value sorts last whatever the direction.</summary>
    public int CompareValues(string? x, string? y, bool descending)
    {
        if (x == y)
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var cmp = _compare.Compare(x, y, Options);
        return descending ? -cmp : cmp;
    }

    /// <summary>Lowercases and drops punctuation and white space (symbols such as "|" stay), as ICU's ignorePunctuation does.</summary>
    private string Prepare(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var c in _compare.Name.Length > 0 ? key.ToLower(_culture) : key.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.SpaceSeparator || char.IsWhiteSpace(c))
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private string? Build(SortKey key, CslItem item, RenderMode section, int citationNumber, DisambiguationState? disambiguation, NameRegistry? names)
    {
        var ctx = new RenderContext(new RenderInput
        {
            Item = item,
            Mode = RenderMode.Sort,
            Disambiguation = disambiguation ?? DisambiguationState.None,
            SortKey = key,
            SortSection = section,
            SortNameFloors = names,
            CitationNumber = citationNumber,
        });
        if (key.Variable is { } variable)
        {
            switch (CslVariables.KindOf(variable))
            {
                case CslVariableKind.Name:
                    return Plain(_renderer.RenderSortNames(variable, ctx));
                case CslVariableKind.Date:
                    return item.GetDate(variable) is { } date ? DateKey(date, null) : null;
            }

            if (variable == "citation-number")
            {
                return Pad(citationNumber.ToString(CultureInfo.InvariantCulture));
            }

            var value = _renderer.GetVariableText(variable, VariableForm.Long, ctx);
            if (value is null)
            {
                return null;
            }

            if (CslVariables.KindOf(variable) == CslVariableKind.Number)
            {
                return Pad(value);
            }

            return TagRegex().Replace(value, string.Empty);
        }

        if (key.Macro is { } macro)
        {
            try
            {
                // A macro holding a date sorts by its dates alone, as citeproc-js does.
                if (Renderer.HasOwnDate(macro))
                {
                    ctx.DateSortKeys = [];
                    _renderer.RenderMacro(macro, ctx);
                    return ctx.DateSortKeys.Count == 0 ? null : string.Concat(ctx.DateSortKeys);
                }

                return Plain(_renderer.RenderMacro(macro, ctx));
            }
            catch (CslException)
            {
                // A macro the style cannot render (a runaway style) sorts as empty; the entry or cite rendered for
                // output reports the error.
                return null;
            }
        }

        return null;
    }

    private static string Pad(string value)
    {
        var m = NumberRegex().Match(value);
        if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return value;
        }

        return n.ToString("D20", CultureInfo.InvariantCulture);
    }

    /// <summary>"1YYYYMMDD" for the start and the end (BC years sort before AD years).</summary>
    internal static string? DateKey(CslDate date, IReadOnlyList<DatePartElement>? parts)
    {
        if (DateValue.From(date) is not { Year: { } } value)
        {
            return null;
        }

        var useMonth = parts is null || parts.Any(p => p.Name == DatePartName.Month);
        var useDay = parts is null || parts.Any(p => p.Name == DatePartName.Day);
        var sb = new StringBuilder(36);
        AppendYear(sb, value.Year ?? 0);
        sb.Append(useMonth ? Month(value.Month) : "00");
        sb.Append(useDay ? Two(value.Day) : "00");
        AppendYear(sb, value.YearEnd ?? 0);
        sb.Append(useMonth ? Month(value.MonthEnd) : "00");
        sb.Append(useDay ? Two(value.DayEnd) : "00");
        return sb.ToString();

        static string Two(int? v) => v is > 0 ? v.Value.ToString("00", CultureInfo.InvariantCulture) : "00";

        // A season given as a month (13–24) sorts as no month, as in citeproc-js.
        static string Month(int? v) => v is >= 1 and <= 12 ? Two(v) : "00";

        static void AppendYear(StringBuilder sb, int year)
        {
            if (year < 0)
            {
                sb.Append('0').Append((9999 + year).ToString("0000", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append('1').Append(year.ToString("0000", CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>The text of an output tree without formatting, for sorting.</summary>
    public static string? Plain(Blob? blob)
    {
        if (blob is null)
        {
            return null;
        }

        var sb = new StringBuilder();
        Append(blob, sb);
        return sb.Length == 0 ? null : sb.ToString();

        static void Append(Blob b, StringBuilder sb)
        {
            if (b.Text is not null)
            {
                if (b.Text.Length > 0)
                {
                    sb.Append(b.Prefix).Append(b.Text).Append(b.Suffix);
                }

                return;
            }

            if (b.Children is not { Count: > 0 } children)
            {
                return;
            }

            sb.Append(b.Prefix);
            var start = sb.Length;
            foreach (var child in children)
            {
                if (sb.Length > start)
                {
                    sb.Append(b.Delimiter);
                }

                var before = sb.Length;
                Append(child, sb);
                if (sb.Length == before && sb.Length > start)
                {
                    sb.Length -= b.Delimiter.Length;
                }
            }

            sb.Append(b.Suffix);
        }
    }
}
