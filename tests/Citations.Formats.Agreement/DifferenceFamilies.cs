using System.Text.Json;
using System.Text.RegularExpressions;

namespace Citations.Formats.Agreement;

/// <summary>A kind of difference between our conversion of a .bib entry and pandoc's.</summary>
/// <param name="Id">A short name.</param>
/// <param name="Description">What differs and why.</param>
/// <param name="Deliberate">Whether we differ on purpose (pandoc demonstrably wrong); such lines are counted, not excluded.</param>
/// <param name="Test">The test that pins our choice down.</param>
internal sealed record DifferenceFamily(string Id, string Description, bool Deliberate, string Test);

/// <summary>
/// Explains a differing bibliography line by the item fields that differ between the two CSL-JSON conversions: the
/// first family whose rule matches the item's differences. Rules look at the CSL-JSON, never at the rendered text.
/// </summary>
internal static partial class DifferenceFamilies
{
    public static readonly DifferenceFamily NoCase = new("nocase",
        "Brace-protected text becomes <span class=\"nocase\">; pandoc 2.17 drops the protection, so citeproc-js title-cases words the .bib protected ({pH}, {von Neumann}).",
        true, "LaTeXTextTests.Read_BracedWord_IsNoCaseSpan");

    public static readonly DifferenceFamily DotlessI = new("dotless-i",
        "\\'{\\i} and \\\"{\\i} are í and ï (as biber, BibLaTeX's backend, decodes them); pandoc puts the accent on a dotless ı (ı́, ı̈), which looks alike but is other text.",
        true, "LaTeXTextTests.Read_AccentOnDotlessI_IsTheAccentedI");

    public static readonly DifferenceFamily OpenRange = new("open-range",
        "An open-ended range (2019-02/.., BibLaTeX's 2019-02/) is kept as [[2019, 2], [0, 0]] (citeproc-js prints \"2019–\"); pandoc drops the date.",
        true, "BibTeXReaderTests.Read_OpenEndedRange_KeepsTheStart");

    public static readonly DifferenceFamily Uncertain = new("uncertain-date",
        "An uncertain date (1875?, EDTF's uncertainty marker, which BibLaTeX's date fields accept) is marked circa, CSL's only qualifier; pandoc drops it.",
        true, "BibTeXReaderTests.Read_UncertainDate_IsCirca");

    public static readonly DifferenceFamily LiteralYear = new("literal-year",
        "A year written as text (circa 1890) is kept as a literal date; pandoc writes an empty date and loses the text.",
        true, "BibTeXReaderTests.Read_YearAsText_IsALiteralDate");

    public static readonly DifferenceFamily Unspecified = new("unspecified-digits",
        "A date with unspecified digits (199X) is the decade as a range; pandoc drops it.",
        true, "BibTeXReaderTests.Read_UnspecifiedDigits_IsARange");

    public static readonly DifferenceFamily SoftwareType = new("type-software",
        "@software is CSL's software type (CSL 1.0.2; BibLaTeX: computer software); pandoc makes it a book.",
        true, "BibTeXReaderTests.Read_Software_IsSoftware");

    public static readonly DifferenceFamily StandardType = new("type-standard",
        "@standard is CSL's standard type (CSL 1.0.2; BibLaTeX: standards issued by a standards body); pandoc makes it legislation.",
        true, "BibTeXReaderTests.Read_Standard_IsStandard");

    public static readonly DifferenceFamily ConferenceType = new("type-conference",
        "@conference is BibLaTeX's alias of @inproceedings (a paper-conference); pandoc leaves the type empty.",
        true, "BibTeXReaderTests.Read_Conference_IsAPaperConference");

    public static readonly DifferenceFamily IssueOnly = new("issue-without-number",
        "An @article's issue field without a number is the issue; pandoc drops it.",
        true, "BibTeXReaderTests.Read_IssueWithoutNumber_IsTheIssue");

    public static readonly DifferenceFamily EprintDoi = new("eprint-doi",
        "eprinttype = doi makes the eprint the DOI. A choice, not a pandoc error: BibLaTeX's manual lists arxiv, hdl, jstor, pubmed and googlebooks, not doi; exporters write it, and the DOI is kept rather than dropped.",
        true, "BibTeXReaderTests.Read_EprintTypeDoi_IsTheDoi");

    public static readonly DifferenceFamily BracedFamily = new("braced-family",
        "A family name in braces ({de Gruyter}) is kept whole; pandoc splits a particle off it despite the braces.",
        true, "BibNamesTests.Read_BracedFamily_IsKeptWhole");

    public static readonly DifferenceFamily NameSpecialCharacter = new("name-special-character",
        "A name word starting with a special character ({\\'E}mile, {\\relax Th}omas) is capitalised by its letter (BibTeX's rule), so it is a given name; pandoc makes it a particle.",
        true, "BibNamesTests.Read_SpecialCharacterFirstName_IsGiven");

    public static readonly DifferenceFamily MiscDocument = new("misc-document",
        "@misc (BibLaTeX: the fallback for entries that fit no other type) is CSL's generic 'document'; pandoc writes an empty type, which is not a CSL type, and citeproc-js then styles the title differently.",
        true, "BibTeXReaderTests.Read_Misc_IsADocument");

    public static readonly DifferenceFamily MonthMacroCase = new("month-text",
        "A month written in capitals or braces (month = SEP, a macro, since BibTeX's macro names are case-insensitive; month = {{JUN}}) is read; pandoc loses the month.",
        true, "BibTeXSyntaxTests.Read_MonthInCapitalsOrBraces_IsRead");

    public static readonly DifferenceFamily Unclassified = new("unclassified", "Not explained by a rule: look at the diff.", false, "-");

    public static IReadOnlyList<DifferenceFamily> All { get; } =
    [
        NoCase, DotlessI, OpenRange, Uncertain, LiteralYear, Unspecified, SoftwareType, StandardType,
        ConferenceType, IssueOnly, EprintDoi, BracedFamily, NameSpecialCharacter, MiscDocument, MonthMacroCase, Unclassified,
    ];

    /// <summary>The families that explain an item's differences (fields present on either side that differ).</summary>
    public static IReadOnlyList<DifferenceFamily> Explain(JsonElement? ours, JsonElement? pandoc)
    {
        var families = new List<DifferenceFamily>();
        if (ours is not { } o || pandoc is not { } p)
        {
            return [Unclassified];
        }

        var keys = Keys(o).Union(Keys(p)).Where(k => !Same(Get(o, k), Get(p, k))).ToList();
        foreach (var key in keys)
        {
            var a = Get(o, key);
            var b = Get(p, key);

            families.Add(ExplainField(key, a, b));
        }

        if (families.Count == 0)
        {
            families.Add(Unclassified);
        }

        return families.Distinct().ToList();
    }

    private static DifferenceFamily ExplainField(string key, JsonElement? a, JsonElement? b)
    {
        var sa = Canonical(a);
        var sb = Canonical(b);
        switch (key)
        {
            case "type":
                return a?.GetString() switch
                {
                    "software" => SoftwareType,
                    "standard" => StandardType,
                    "paper-conference" => ConferenceType,
                    "document" when b?.GetString() == string.Empty => MiscDocument,
                    _ => Unclassified,
                };
            case "issue" when b is null:
                return IssueOnly;
            case "DOI" when b is null:
                return EprintDoi;
            case "issued" or "accessed" or "event-date" or "original-date":
                return ExplainDate(a, b);
        }

        if (a is { ValueKind: JsonValueKind.Array } && b is { ValueKind: JsonValueKind.Array })
        {
            if (sb.Contains("\"dropping-particle\":\"", StringComparison.Ordinal) && DroppingCapital().IsMatch(sb))
            {
                return NameSpecialCharacter;
            }

            if (FamilyLower().IsMatch(sa))
            {
                return BracedFamily;
            }
        }

        if (sb.Contains('\u0131') && !sa.Contains('\u0131'))
        {
            return DotlessI;
        }

        var plainA = NoCaseSpan().Replace(sa, "$1");
        if (plainA == sb)
        {
            return NoCase;
        }

        return Unclassified;
    }

    private static DifferenceFamily ExplainDate(JsonElement? ours, JsonElement? pandoc)
    {
        if (ours is not { } o)
        {
            return Unclassified;
        }

        if (o.TryGetProperty("literal", out _))
        {
            return LiteralYear;
        }

        var oursParts = Parts(o);
        var pandocParts = pandoc is { } p ? Parts(p) : [];
        if (o.TryGetProperty("circa", out _) && (pandoc is null || !pandoc.Value.TryGetProperty("circa", out _)) && oursParts.SequenceEqual(pandocParts, PartsComparer.Instance))
        {
            return Uncertain;
        }

        if (oursParts.Count == 2 && oursParts[1].All(n => n == 0))
        {
            return OpenRange;
        }

        if (oursParts.Count == 2 && pandocParts.Count == 0 && oursParts[1][0] - oursParts[0][0] is 9 or 99)
        {
            return Unspecified;
        }

        if (oursParts.Count == 1 && pandocParts.Count == 1 && oursParts[0].Count > pandocParts[0].Count && oursParts[0][0] == pandocParts[0][0])
        {
            return MonthMacroCase;
        }

        return Unclassified;
    }

    private static List<List<int>> Parts(JsonElement date)
        => date.TryGetProperty("date-parts", out var parts) && parts.ValueKind == JsonValueKind.Array
            ? parts.EnumerateArray().Select(p => p.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.Number ? n.GetInt32() : int.Parse(n.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList()).ToList()
            : [];

    private sealed class PartsComparer : IEqualityComparer<List<int>>
    {
        public static readonly PartsComparer Instance = new();

        public bool Equals(List<int>? x, List<int>? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(List<int> obj) => obj.Count;
    }

    /// <summary>Compact JSON with characters unescaped, so that rules can look for text.</summary>
    private static string Canonical(JsonElement? value)
        => value is { } v ? JsonSerializer.Serialize(v, CanonicalOptions) : string.Empty;

    private static readonly JsonSerializerOptions CanonicalOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = AgreementJson.Default,
    };

    private static IEnumerable<string> Keys(JsonElement item) => item.EnumerateObject().Select(p => p.Name);

    private static JsonElement? Get(JsonElement item, string key) => item.TryGetProperty(key, out var value) ? value : null;

    private static bool Same(JsonElement? a, JsonElement? b)
        => a is null ? b is null || (b.Value.ValueKind == JsonValueKind.String && b.Value.GetString() == string.Empty) : b is not null && JsonElement.DeepEquals(a.Value, b.Value);

    [GeneratedRegex("<span class=\"nocase\">((?:(?!</span>).)*)</span>")]
    private static partial Regex NoCaseSpan();

    [GeneratedRegex("\"dropping-particle\":\"\\p{Lu}")]
    private static partial Regex DroppingCapital();

    [GeneratedRegex("\"family\":\"\\p{Ll}+ ")]
    private static partial Regex FamilyLower();
}
