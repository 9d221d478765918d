using System.Globalization;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.Ris;

/// <summary>Turns one RIS record into a CSL item.</summary>
internal static class RisMapper
{
    public static CslItem Map(RisRecord record, int number, TextSource source)
    {
        var id = record.First("ID")?.Value ?? string.Create(CultureInfo.InvariantCulture, $"ris{number}");
        var type = RisTypes.ToCsl(record.Type);
        if (type is null)
        {
            source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.RisUnknownType,
                $"'{record.Type}' is not a RIS reference type; the record on line {record.Line} was read as a generic document.", record.Offset, id);
        }

        var item = new CslItemBuilder(CslScalar.FromString(id), type ?? CslItemTypes.Document);
        var bookLike = RisTypes.IsBookLike(item.Type);

        SetNames(item, "author", record, "AU", "A1");
        SetNames(item, "editor", record, "A2", "ED");
        SetNames(item, "collection-editor", record, "A3");
        SetNames(item, "translator", record, "A4");

        var title = record.First("TI", "T1", "CT") ?? (item.Type == CslItemTypes.Book ? record.First("BT") : null);
        Set(item, "title", title);
        Set(item, "container-title", record.First("T2", "JF", "JO") ?? (item.Type != CslItemTypes.Book ? record.First("BT") : null) ?? record.First("JA", "J1", "J2"));
        Set(item, "container-title-short", record.First("J2", "JA", "J1"));
        Set(item, "collection-title", record.First("T3"));
        Set(item, "title-short", record.First("ST"));

        SetDate(item, "issued", record, source, id, "DA", "PY", "Y1");
        SetDate(item, "accessed", record, source, id, "Y2");

        Set(item, "volume", record.First("VL"));
        Set(item, "issue", record.First("IS"));
        Set(item, "edition", record.First("ET"));
        Set(item, "number-of-volumes", record.First("NV"));
        Set(item, "section", record.First("SE"));
        Set(item, "number", record.First("M1"));
        Set(item, "genre", record.First("M3"));
        if (record.First("SP") is { } start)
        {
            var end = record.First("EP");
            item.Set("page", CslScalar.FromString(end is { } e && !start.Value.Contains('-', StringComparison.Ordinal) && e.Value != start.Value ? $"{start.Value}-{e.Value}" : start.Value));
        }

        if (record.First("DO") is { } doi)
        {
            item.Set("DOI", CslScalar.FromString(StripDoiPrefix(doi.Value)));
        }

        Set(item, "URL", record.First("UR", "L2"));
        if (record.First("SN") is { } serial)
        {
            item.Set(bookLike || LooksLikeIsbn(serial.Value) ? "ISBN" : "ISSN", CslScalar.FromString(serial.Value));
        }

        Set(item, "publisher", record.First("PB"));
        Set(item, "publisher-place", record.First("CY", "PP"));
        Set(item, "abstract", record.First("AB", "N2"));
        var keywords = record.All("KW").Select(k => k.Value).ToList();
        if (keywords.Count > 0)
        {
            item.Set("keyword", CslScalar.FromString(string.Join(", ", keywords)));
        }

        Set(item, "note", record.First("N1"));
        Set(item, "language", record.First("LA"));
        Set(item, "call-number", record.First("CN"));
        Set(item, "archive", record.First("DP", "DB"));
        Set(item, "archive_location", record.First("AN"));
        if (record.Type.Trim().Equals("INPR", StringComparison.OrdinalIgnoreCase))
        {
            item.Set("status", CslScalar.FromString("in press"));
        }

        return item.Build();
    }

    private static void Set(CslItemBuilder item, string variable, (string Value, int Offset)? value)
    {
        if (value is { } v && v.Value.Length > 0)
        {
            item.Set(variable, CslScalar.FromString(v.Value));
        }
    }

    private static void SetNames(CslItemBuilder item, string variable, RisRecord record, params string[] tags)
    {
        var names = tags.SelectMany(record.All).Select(n => Name(n.Value)).ToList();
        if (names.Count > 0)
        {
            item.SetNames(variable, names);
        }
    }

    /// <summary>"Last, First, Suffix" (RIS's form); a name without a comma is kept whole (often an organisation).</summary>
    private static CslName Name(string text)
    {
        var parts = text.Split(',').Select(p => p.Trim()).ToArray();
        if (parts.Length == 1)
        {
            return CslName.Institution(parts[0]);
        }

        return new CslName
        {
            Family = parts[0],
            Given = parts[1].Length > 0 ? parts[1] : null,
            Suffix = parts.Length > 2 && parts[2].Length > 0 ? string.Join(", ", parts[2..]) : null,
        };
    }

    /// <summary>The first tag with a readable date: <c>YYYY/MM/DD/other</c>, <c>YYYY</c>, ISO dates, or dates in words.</summary>
    private static void SetDate(CslItemBuilder item, string variable, RisRecord record, TextSource source, string id, params string[] tags)
    {
        (string Value, int Offset)? unreadable = null;
        foreach (var tag in tags)
        {
            foreach (var (value, offset) in record.All(tag))
            {
                if (ParseDate(value) is { } date)
                {
                    item.SetDate(variable, date);
                    return;
                }

                unreadable ??= (value, offset);
            }
        }

        if (unreadable is { } u)
        {
            source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.RisInvalidDate,
                $"Record '{id}': '{u.Value}' is not a date (YYYY/MM/DD/other); it is kept as literal text.", u.Offset, id);
            item.SetDate(variable, CslDate.FromLiteral(u.Value));
        }
    }

    internal static CslDate? ParseDate(string text)
    {
        var s = text.Trim();
        var parts = s.Split('/');
        if (parts.Length >= 2 || (parts[0].Length == 4 && parts[0].All(char.IsAsciiDigit)))
        {
            if (parts[0].Length == 4 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                int? month = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? m : null;
                int? day = month is not null && parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31 ? d : null;
                var date = CslDate.FromParts(year, month, day);

                // "Other" information (the fourth part, or any part where the month should be) may be a season.
                if (month is null && parts.Skip(1).Select(p => Season(p.Trim())).FirstOrDefault(s => s is not null) is { } season)
                {
                    date = CslDate.FromParts(year, season);
                }

                return date;
            }
        }

        return CslDateText.TryParse(s, out var parsed)
            ? parsed.End is { } end
                ? new CslDate { DateParts = [Scalars(parsed.Start), Scalars(end)] }
                : new CslDate { DateParts = [Scalars(parsed.Start)] }
            : null;

        static IReadOnlyList<CslScalar> Scalars(CslDatePart p)
        {
            var list = new List<CslScalar> { CslScalar.FromNumber(p.Year) };
            if (p.Month is { } m)
            {
                list.Add(CslScalar.FromNumber(m));
                if (p.Day is { } d)
                {
                    list.Add(CslScalar.FromNumber(d));
                }
            }

            return list;
        }
    }

    private static int? Season(string text) => text.ToLowerInvariant() switch
    {
        "spring" => 13,
        "summer" => 14,
        "autumn" or "fall" => 15,
        "winter" => 16,
        _ => null,
    };

    private static string StripDoiPrefix(string doi)
    {
        foreach (var prefix in new[] { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:" })
        {
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return doi[prefix.Length..].Trim();
            }
        }

        return doi;
    }

    private static bool LooksLikeIsbn(string value)
    {
        // An ISSN is 8 characters (1234-567X); an ISBN 10 or 13.
        var digits = value.Count(c => char.IsAsciiDigit(c) || c is 'X' or 'x');
        return digits is 10 or 13;
    }
}
