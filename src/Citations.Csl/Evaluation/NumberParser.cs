using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Citations.Csl.Locales;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>One number in a number variable ("12", "3a", "xiv"), with its label and the text that joins it to the next.</summary>
internal sealed class NumberPart
{
    public string Label = string.Empty;
    public string OrigLabel = string.Empty;
    public string LabelSuffix = string.Empty;
    public bool LabelVisible;
    public string Particle = string.Empty;
    public string Value = string.Empty;
    public string JoiningSuffix = string.Empty;
    public bool Numeric;
    public bool Collapsible;
    public bool Plural;

    public NumberPart Clone() => (NumberPart)MemberwiseClone();
}

/// <summary>A parsed number variable: its numbers, whether it is numeric and plural, and the label it carries.</summary>
internal sealed class ParsedNumber
{
    public required List<NumberPart> Parts { get; init; }

    /// <summary>A copy whose parts can be changed without touching this one.</summary>
    public ParsedNumber Clone() => new()
    {
        Parts = Parts.ConvertAll(p => p.Clone()),
        LabelTerm = LabelTerm,
        ShortLabelForm = ShortLabelForm,
    };

    public bool Numeric => Parts.Count > 0 && Parts[0].Numeric;

    public bool Plural => Parts.Count > 0 && Parts[0].Plural;

    /// <summary>The term name of the first value's label ("page", "volume"), if it is a known label.</summary>
    public string? LabelTerm { get; init; }

    /// <summary>Whether the first value carried an embedded label that asks for the short label form.</summary>
    public bool ShortLabelForm { get; init; }
}

/// <summary>
/// Reads number variables (<c>page</c>, <c>volume</c>, <c>locator</c>, …) the way citeproc-js does: splits lists and
/// ranges ("12-15", "3, 5 &amp; 7"), recognises embedded labels ("vol. 2, fol. 186"), decides whether the value is numeric
/// and plural, normalises range delimiters and applies the style's page-range format.
/// </summary>
internal static partial class NumberParser
{
    private static readonly string[] RangeVariables = ["page", "chapter-number", "collection-number", "edition", "issue", "number", "number-of-pages", "number-of-volumes", "volume", "locator", "locator-extra"];

    private static readonly string[] LocatorLike = ["locator", "number", "locator-extra", "page"];

    /// <summary>Embedded label abbreviations and the terms they stand for.</summary>
    public static readonly FrozenDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["vrs."] = "verse", ["sv."] = "sub-verbo", ["subpara."] = "subparagraph", ["op."] = "opus", ["subch."] = "subchapter",
        ["add."] = "addendum", ["amend."] = "amendment", ["annot."] = "annotation", ["app."] = "appendix", ["art."] = "article",
        ["bibliog."] = "bibliography", ["bk."] = "book", ["ch."] = "chapter", ["cl."] = "clause", ["col."] = "column",
        ["cmt."] = "comment", ["dec."] = "decision", ["dept."] = "department", ["ex."] = "example", ["fig."] = "figure",
        ["fld."] = "field", ["fol."] = "folio", ["n."] = "note", ["hypo."] = "hypothetical", ["illus."] = "illustration",
        ["intro."] = "introduction", ["l."] = "line", ["no."] = "issue", ["p."] = "page", ["pp."] = "page", ["para."] = "paragraph",
        ["pt."] = "part", ["pmbl."] = "preamble", ["princ."] = "principle", ["pub."] = "publication", ["r."] = "rule",
        ["rn."] = "randnummer", ["sched."] = "schedule", ["sec."] = "section", ["ser."] = "series,", ["subdiv."] = "subdivision",
        ["subsec."] = "subsection", ["supp."] = "supplement", ["tbl."] = "table", ["tit."] = "title", ["vol."] = "volume",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Terms and the abbreviation an embedded label uses for them.</summary>
    public static readonly FrozenDictionary<string, string> ReverseLabels = BuildReverse();

    private static FrozenDictionary<string, string> BuildReverse()
    {
        var reverse = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (abbreviation, term) in Labels)
        {
            if (abbreviation != "pp.")
            {
                reverse[term] = abbreviation;
            }
        }

        reverse["sub verbo"] = "sv.";
        return reverse.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex("^\\s*&\\s*$")]
    private static partial Regex AndRegex();

    [GeneratedRegex("^([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$")]
    private static partial Regex ParticleRegex();

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

    [GeneratedRegex("((?:^| )(?:[a-z]|[a-z][a-z]|[a-z][a-z][a-z]|[a-z][a-z][a-z][a-z]|subpara|subch|amend|bibliog|annot|illus|princ|intro|sched|subdiv|subsec)(?:\\.| ) *)")]
    private static partial Regex EmbeddedLabelRegex();

    [GeneratedRegex("^[0-9]+([-;,:a-zA-Z]*)$")]
    private static partial Regex LabelledValueRegex();

    [GeneratedRegex("(\\s*)([^\\s]+)(\\s*)")]
    private static partial Regex LabelPartsRegex();

    [GeneratedRegex("\\s*-\\s*")]
    private static partial Regex HyphenSpacesRegex();

    [GeneratedRegex("^([^ ]+)")]
    private static partial Regex FirstTokenRegex();

    [GeneratedRegex("^(?:(?:[a-z]|[a-z][a-z]|[a-z][a-z][a-z]|[a-z][a-z][a-z][a-z])\\.  *)*[0-9]+[,a-zA-Z]+$")]
    private static partial Regex SubsectionRegex();

    [GeneratedRegex("^[,a-zA-Z]+$")]
    private static partial Regex LettersRegex();

    /// <summary>Parses a number variable. <paramref name="citeLabel"/> is the cite's locator label, for locators.</summary>
    public static ParsedNumber Parse(string value, string variable, Locale locale, PageRangeFormat pageRangeFormat, string? citeLabel = null)
    {
        var realVariable = variable;
        if (variable == "page-first")
        {
            variable = "page";
        }

        var str = NormaliseFieldValue(value, variable, citeLabel);
        if (variable == "page")
        {
            str = str.Replace('\u2013', '-');
        }

        var joiner = JoinerRegex(locale, withHyphen: !str.Contains("\\-", StringComparison.Ordinal));
        if (str.Contains("\\-", StringComparison.Ordinal))
        {
            // An escaped hyphen is a literal hyphen; other hyphens become en dashes.
            var pieces = str.Split("\\-");
            for (var i = 0; i < pieces.Length; i++)
            {
                pieces[i] = pieces[i].Replace('-', '\u2013');
            }

            str = string.Join("\\-", pieces).Replace("\\", string.Empty, StringComparison.Ordinal);
        }

        var elements = SplitElements(str, joiner, locale);
        var parts = new List<NumberPart>();
        var defaultLabel = ReverseLabels.GetValueOrDefault(variable) ?? string.Empty;
        var label = defaultLabel;
        var origLabel = string.Empty;
        for (var i = 0; i < elements.Count; i += 2)
        {
            var element = elements[i];
            var joining = i + 1 < elements.Count ? elements[i + 1] : null;
            var matches = EmbeddedLabelRegex().Matches(element).Select(m => m.Value).ToList();
            if (matches.Count > 0)
            {
                var list = EmbeddedLabelRegex().Split(element).Where((_, k) => k % 2 == 0).ToList();

                // Labels on values that are not numbers are content, not labels.
                for (var j = list.Count - 1; j > 0; j--)
                {
                    if (list[j - 1].Length > 0 && (!LabelledValueRegex().IsMatch(list[j]) || !LabelledValueRegex().IsMatch(list[j - 1])))
                    {
                        list[j - 1] = list[j - 1] + matches[j - 1] + list[j];
                        list.RemoveAt(j);
                        matches.RemoveAt(j - 1);
                    }
                }

                if (matches.Count > 0)
                {
                    var slug = matches[0].Trim();
                    var notALabel = !Labels.TryGetValue(slug, out var term)
                        || locale.Term(term) is null
                        || (Array.IndexOf(LocatorLike, variable) < 0 && term != variable);
                    if (notALabel)
                    {
                        if (i == 0 && list.Count > 1)
                        {
                            matches.RemoveAt(0);
                            list[0] = list[0] + " " + slug + " " + list[1];
                            list.RemoveAt(1);
                        }
                    }
                    else
                    {
                        origLabel = slug;
                    }
                }

                for (var j = 0; j < list.Count; j++)
                {
                    if (list[j].Length > 0 || j == list.Count - 1)
                    {
                        label = j > 0 && j - 1 < matches.Count ? matches[j - 1] : label;
                        var filtered = origLabel == label.Trim() ? string.Empty : origLabel;
                        parts.Add(Compose(filtered, label, list[j].Trim(), j == list.Count - 1 ? joining : null, i, variable, realVariable));
                    }
                }
            }
            else
            {
                var filtered = origLabel == label.Trim() ? string.Empty : origLabel;
                parts.Add(Compose(filtered, label, element, joining, null, variable, realVariable));
            }
        }

        // A value followed by a labelled value gets a space before it.
        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].JoiningSuffix.Length == 0 && parts[i + 1].Label.Length > 0)
            {
                parts[i].JoiningSuffix = " ";
            }
        }

        SetPluralsAndNumerics(parts, variable, value, locale);
        foreach (var part in parts)
        {
            if (!part.Numeric)
            {
                part.Plural = false;
            }
        }

        if (parts.Count == 1 && FractionRegex().IsMatch(parts[0].Value))
        {
            parts[0].Numeric = true;
            parts[0].Plural = false;
            parts[0].Collapsible = false;
        }

        if (Array.IndexOf(RangeVariables, variable) >= 0)
        {
            FixRanges(parts, variable, locale, pageRangeFormat);
        }

        string? labelTerm = null;
        if (parts.Count > 0 && Labels.TryGetValue(parts[0].Label, out var t))
        {
            labelTerm = t;
            if (variable == "number" && labelTerm == "issue" && locale.Term("number") is not null)
            {
                labelTerm = "number";
            }
        }

        var shortForm = variable == "page" && parts.Count > 0 && parts[0].LabelVisible && parts[0].Label is not ("p." or "pp.");
        return new ParsedNumber { Parts = parts, LabelTerm = labelTerm, ShortLabelForm = shortForm };
    }

    private static string NormaliseFieldValue(string value, string variable, string? citeLabel)
    {
        var str = value.Trim();
        var first = FirstTokenRegex().Match(str);
        if (first.Success && !Labels.ContainsKey(first.Groups[1].Value))
        {
            string? embedded;
            if (variable is "locator" or "locator-extra" or "page")
            {
                embedded = citeLabel is { Length: > 0 } ? ReverseLabels.GetValueOrDefault(citeLabel) : "p.";
            }
            else
            {
                embedded = ReverseLabels.GetValueOrDefault(variable);
            }

            if (embedded is not null)
            {
                str = embedded + " " + str;
            }
        }

        return str;
    }

    private static readonly Memo<(string Language, string And, bool WithHyphen), Regex> Joiners = new(256);

    private static Regex JoinerRegex(Locale locale, bool withHyphen)
        => Joiners.Get((locale.Language, locale.Term("and") ?? "and", withHyphen), locale, static (key, l) => BuildJoinerRegex(l, key.WithHyphen));

    private static Regex BuildJoinerRegex(Locale locale, bool withHyphen)
    {
        var and = locale.Term("and") ?? "and";
        var localized = locale.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? string.Empty
            : $"|,\\s+{Regex.Escape(and)}\\s+|\\s+{Regex.Escape(and)}\\s+";
        var hyphens = withHyphen ? "-\u2013" : "\u2013";
        return new Regex($"(\\s*&\\s*|,\\s+and\\s+|\\s+and\\s+{localized}|;\\s+|,\\s+|\\s*\\\\*[{hyphens}]+\\s*)", RegexOptions.CultureInvariant);
    }

    private static List<string> SplitElements(string str, Regex joiner, Locale locale)
    {
        var split = joiner.Split(str).ToList();
        if (split.Count == 1)
        {
            return split;
        }

        var ampersand = locale.Term("and", TermForm.Symbol);
        if (ampersand is null || ampersand == locale.Term("and"))
        {
            ampersand = "&";
        }

        for (var i = 1; i < split.Count; i += 2)
        {
            if (AndRegex().IsMatch(split[i]))
            {
                var before = split[i - 1];
                var after = split[i + 1];
                split[i] = before.Length > 0 && char.IsAsciiLetter(before[^1]) && after.Length > 0 && char.IsAsciiLetter(after[0])
                    ? ampersand
                    : " " + ampersand + " ";
            }
        }

        // "12a-c": a letter range inside one value is not a list.
        for (var i = split.Count - 2; i > 0; i -= 2)
        {
            if (split[i] == "-" && SubsectionRegex().IsMatch(split[i - 1]) && LettersRegex().IsMatch(split[i + 1]))
            {
                split[i - 1] = split[i - 1] + split[i] + split[i + 1];
                split.RemoveRange(i, 2);
            }
        }

        return split;
    }

    private static NumberPart Compose(string origLabel, string label, string value, string? joiningSuffix, int? parsePosition, string variable, string realVariable)
    {
        var part = new NumberPart { OrigLabel = origLabel };
        if (label.Length == 0 && !ReverseLabels.ContainsKey(variable))
        {
            label = "var:" + variable;
        }

        if (label.Length > 0)
        {
            var m = LabelPartsRegex().Match(label);
            part.Label = m.Groups[2].Value;
            part.LabelSuffix = m.Groups[3].Value;
            part.LabelVisible = realVariable == "page" && parsePosition == 0 && part.Label is not ("p." or "pp.");
        }

        var pm = ParticleRegex().Match(value);
        if (pm.Success)
        {
            part.Particle = pm.Groups[1].Value;
            part.Value = pm.Groups[2].Value;
        }
        else
        {
            part.Value = value;
        }

        part.JoiningSuffix = HyphenSpacesRegex().Replace(joiningSuffix ?? string.Empty, "-", 1);
        return part;
    }

    private static void SetPluralsAndNumerics(List<NumberPart> parts, string variable, string rawValue, Locale locale)
    {
        if (parts.Count == 0)
        {
            return;
        }

        var groupStart = 0;
        var groupCount = 1;
        for (var i = 1; i < parts.Count; i++)
        {
            if (parts[i - 1].Label == parts[i].Label)
            {
                groupCount++;
            }
            else
            {
                FixNumericAndCount(parts, groupStart, groupCount);
                FixLabelVisibility(parts, groupStart, variable, locale);
                groupStart = i;
                groupCount = 1;
            }
        }

        FixNumericAndCount(parts, groupStart, groupCount);
        FixLabelVisibility(parts, groupStart, variable, locale);
        if (parts[0].Numeric && variable.StartsWith("number-of-", StringComparison.Ordinal) && LeadingInt(rawValue) > 1)
        {
            parts[0].Plural = true;
        }
    }

    private static void FixNumericAndCount(List<NumberPart> parts, int start, int count)
    {
        var master = parts[start];
        var value = master.Value;
        var numeric = value.Length > 0 && MasterNumberRegex().IsMatch(master.Value);
        var isEscapedHyphen = master.JoiningSuffix == "\\-";
        if (isEscapedHyphen)
        {
            count--;
        }

        // citeproc-js decides collapsibility by whether each value starts with a number (or is roman), then lets the
        // first value's verdict stand for the group.
        var collapsible = LeadingInt(value) is not null || RomanRegex().IsMatch(value);
        for (var j = start; j < start + count && j < parts.Count; j++)
        {
            if (count > 1 && collapsible)
            {
                parts[j].Plural = true;
            }

            parts[j].Numeric = numeric;
            parts[j].Collapsible = collapsible;
        }
    }

    private static void FixLabelVisibility(List<NumberPart> parts, int position, string variable, Locale locale)
    {
        var label = parts[position].Label;
        if (label.StartsWith("var:", StringComparison.Ordinal))
        {
            return;
        }

        if (position == 0)
        {
            var term = Labels.GetValueOrDefault(label);
            if (Array.IndexOf(LocatorLike, variable) >= 0)
            {
                if (term is null || locale.Term(term) is null)
                {
                    parts[position].LabelVisible = true;
                }
            }
            else if (term != variable)
            {
                parts[0].LabelVisible = true;
            }
        }
        else
        {
            parts[position].LabelVisible = true;
        }
    }

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

    /// <summary>The CSL is-numeric test, as citeproc-js applies it: number variables by their parsed shape, title and
    /// version by a final digit, anything else false.</summary>
    public static bool IsNumeric(string variable, string value, Locale locale, string? citeLabel = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (IsNumberVariable(variable))
        {
            return Parse(value, variable, locale, PageRangeFormat.None, citeLabel).Numeric;
        }

        return variable is "title" or "version" && char.IsAsciiDigit(value[^1]);
    }

    /// <summary>The variables citeproc-js treats as numbers.</summary>
    public static bool IsNumberVariable(string variable) => variable is "call-number" or "chapter-number" or "collection-number"
        or "division" or "edition" or "page" or "issue" or "locator" or "locator-extra" or "number" or "number-of-pages"
        or "number-of-volumes" or "part-number" or "printing-number" or "section" or "supplement-number" or "version"
        or "volume" or "supplement" or "citation-number";

    private static bool IsPage(string variable, NumberPart part)
        => variable == "page" || (variable is "locator" or "locator-extra" && (part.Label == "p." || part.OrigLabel == "p."));

    private static bool HasTerm(string variable, NumberPart part, Locale locale)
    {
        if (variable is not ("locator" or "locator-extra" or "page"))
        {
            return true;
        }

        var label = part.OrigLabel.Length > 0 ? part.OrigLabel : part.Label;
        return Labels.TryGetValue(label, out var term) && !string.IsNullOrEmpty(locale.Term(term));
    }

    private static void FixRanges(List<NumberPart> parts, string variable, Locale locale, PageRangeFormat format)
    {
        var count = 0;
        string? label = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (!part.Collapsible)
            {
                count = 0;
                label = null;
                part.JoiningSuffix = FixupRangeDelimiter(variable, part, part.JoiningSuffix, part.Numeric, locale);
            }
            else if (label == part.Label && part.JoiningSuffix == "-")
            {
                count = 1;
            }
            else if (label == part.Label)
            {
                count++;
                if (count == 2)
                {
                    count = Mangle(parts, i, variable, locale, format, count);
                }
            }
            else
            {
                label = part.Label;
                count = 1;
            }
        }

        if (count == 2)
        {
            Mangle(parts, parts.Count - 1, variable, locale, format, count);
        }
    }

    private static string FixupRangeDelimiter(string variable, NumberPart part, string delimiter, bool numeric, Locale locale)
    {
        if (delimiter != "-" || !numeric || !HasTerm(variable, part, locale))
        {
            return delimiter;
        }

        if (IsPage(variable, part) || variable is "locator" or "locator-extra" or "issue" or "volume" or "edition" or "number")
        {
            return locale.Term("page-range-delimiter") ?? "\u2013";
        }

        if (variable == "collection-number")
        {
            return locale.Term("year-range-delimiter") ?? "\u2013";
        }

        return delimiter;
    }

    private static int Mangle(List<NumberPart> parts, int i, string variable, Locale locale, PageRangeFormat format, int count)
    {
        if (i < 1 || count != 2)
        {
            return count;
        }

        var previous = parts[i - 1];
        var current = parts[i];
        if (previous.Particle != current.Particle)
        {
            return count;
        }

        if (previous.JoiningSuffix != "-")
        {
            return 1;
        }

        if (format == PageRangeFormat.None && LeadingInt(previous.Value) is { } a && LeadingInt(current.Value) is { } b && a > b)
        {
            previous.JoiningSuffix = FixupRangeDelimiter(variable, current, previous.JoiningSuffix, true, locale);
            return count;
        }

        string text;
        if (IsPage(variable, current) && LeadingInt(previous.Value) is not null && LeadingInt(current.Value) is not null)
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
            previous.JoiningSuffix = FixupRangeDelimiter(variable, current, m.Groups[3].Value, current.Numeric, locale);
            current.Particle = m.Groups[4].Value;
            current.Value = m.Groups[5].Value;
        }

        return 0;
    }
}
