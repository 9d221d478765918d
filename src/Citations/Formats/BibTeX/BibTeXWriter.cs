using System.Globalization;
using System.Text;
using Citations.CslData;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Writes CSL items as BibLaTeX or BibTeX entries, choosing entry types and fields so that reading the file back with
/// <see cref="BibTeXFormat"/> gives the same items (for items read from a <c>.bib</c> file). CSL variables that have no
/// BibTeX field (and CSL types without an entry type) are left out or generalised; the list is in the formats README.
/// </summary>
internal static class BibTeXWriter
{
    public static string Write(IReadOnlyList<CslItem> items, bool biblatex)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            WriteEntry(text, item, biblatex);
        }

        return text.ToString();
    }

    private static void WriteEntry(StringBuilder text, CslItem item, bool biblatex)
    {
        var (entryType, subtype) = EntryType(item, biblatex);
        var fields = new List<(string Name, string Value)>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields.Add((name, value));
            }
        }

        void AddRich(string name, string variable) => Add(name, item.GetText(variable) is { } v ? LaTeXWriter.Write(v) : null);

        var bookLike = entryType is "book" or "collection" or "proceedings" or "reference" or "mvbook" or "mvcollection"
            or "mvproceedings" or "mvreference" or "bookinbook" or "inbook" or "incollection" or "inproceedings" or "inreference"
            or "suppbook" or "suppcollection";
        var isArticle = entryType is "article" or "periodical" or "suppperiodical" or "review";
        var chapterLike = entryType is "inbook" or "incollection" or "inproceedings" or "inreference" or "bookinbook";

        // Names; a non-dropping particle that is not joined to the name needs useprefix (an option of the entry in BibTeX).
        var usePrefix = !biblatex && item.Names.Values.SelectMany(n => n).Any(NeedsUsePrefix);
        var editorIsDirector = item.GetNames("director") is not null && item.GetNames("editor") is null;
        Add("author", Names(item.GetNames("author"), biblatex, usePrefix));
        Add("editor", Names(item.GetNames(editorIsDirector ? "director" : "editor"), biblatex, usePrefix));
        if (editorIsDirector)
        {
            Add("editortype", "director");
        }

        Add("translator", Names(item.GetNames("translator"), biblatex, usePrefix));
        Add("bookauthor", Names(item.GetNames("container-author"), biblatex, usePrefix));

        // Titles.
        var volumeTitle = item.GetText("volume-title");
        if (volumeTitle is not null && !chapterLike)
        {
            AddTitle(fields, "maintitle", "mainsubtitle", item.GetText("title"));
            AddTitle(fields, "title", "subtitle", volumeTitle);
        }
        else
        {
            AddTitle(fields, "title", "subtitle", item.GetText("title"));
        }

        if (item.GetText("title-short") is { } shortTitle && shortTitle != DerivedShortTitle(item.GetText("title")))
        {
            Add("shorttitle", LaTeXWriter.Write(shortTitle));
        }

        if (item.GetText("container-title") is { } container)
        {
            if (isArticle)
            {
                Add(biblatex ? "journaltitle" : "journal", LaTeXWriter.Write(container));
            }
            else if (chapterLike && volumeTitle is not null)
            {
                AddTitle(fields, "maintitle", "mainsubtitle", container);
                AddTitle(fields, "booktitle", "booksubtitle", volumeTitle);
            }
            else if (chapterLike)
            {
                AddTitle(fields, "booktitle", "booksubtitle", container);
            }
            else
            {
                Add("journaltitle", LaTeXWriter.Write(container));
            }
        }

        AddRich("shortjournal", "container-title-short");
        AddRich("series", "collection-title");
        AddRich("eventtitle", "event");
        AddRich("origtitle", "original-title");

        // Numbers.
        AddRich("volume", "volume");
        if (isArticle)
        {
            AddRich("number", "issue");
        }
        else if (bookLike)
        {
            AddRich("number", "collection-number");
        }
        else
        {
            AddRich("number", "number");
        }

        AddRich("volumes", "number-of-volumes");
        AddRich("chapter", "chapter-number");
        AddRich("edition", "edition");
        AddRich("version", "version");
        AddRich("pages", "page");
        AddRich("pagetotal", "number-of-pages");

        // Dates.
        WriteIssued(item.GetDate("issued"), biblatex, Add);
        Add("eventdate", item.GetDate("event-date") is { } eventDate ? Edtf(eventDate) : null);
        Add("origdate", item.GetDate("original-date") is { } origDate ? Edtf(origDate) : null);
        Add("urldate", item.GetDate("accessed") is { } accessed ? Edtf(accessed) : null);

        // Publication.
        var publisherField = entryType switch
        {
            "thesis" or "phdthesis" or "mastersthesis" => biblatex ? "institution" : "school",
            "report" or "techreport" => "institution",
            "misc" or "online" or "unpublished" when !biblatex => "howpublished",
            _ => "publisher",
        };
        Add(publisherField, ListValue(item.GetText("publisher"), biblatex && publisherField != "howpublished"));
        Add(biblatex ? "location" : "address", ListValue(item.GetText("publisher-place"), biblatex));
        AddRich("venue", "event-place");
        AddRich("origpublisher", "original-publisher");
        Add("origlocation", ListValue(item.GetText("original-publisher-place"), biblatex));
        if (entryType == "patent" && item.GetText("jurisdiction") is { } jurisdiction && item.GetText("publisher-place") is null)
        {
            Add("location", ListValue(jurisdiction, biblatex));
        }

        AddRich("type", "genre");
        if (subtype is not null)
        {
            Add("entrysubtype", subtype);
        }

        if (item.GetText("language") is { } language)
        {
            Add("langid", BibLanguages.ToName(language) ?? language);
        }

        // Identifiers: written as they are (BibLaTeX reads them verbatim).
        Add("url", Verbatim(item.GetText("URL")));
        Add("doi", Verbatim(item.GetText("DOI")));
        Add("isbn", Verbatim(item.GetText("ISBN")));
        Add("issn", Verbatim(item.GetText("ISSN")));
        Add("pmid", Verbatim(item.GetText("PMID")));
        Add("pmcid", Verbatim(item.GetText("PMCID")));
        Add("library", Verbatim(item.GetText("call-number")));

        // Notes.
        AddRich("note", "note");
        AddRich("annotation", "annote");
        AddRich("abstract", "abstract");
        AddRich("keywords", "keyword");
        Add("pubstate", item.GetText("status") is { } status ? LaTeXWriter.Escape(status) : null);
        var options = new List<string>();
        if (usePrefix)
        {
            options.Add("useprefix=true");
        }

        if (item.Names.Values.SelectMany(n => n).Any(n => n.CommaSuffix is { IsTruthy: true }))
        {
            options.Add("juniorcomma=true");
        }

        if (options.Count > 0)
        {
            Add("options", string.Join(",", options));
        }

        text.Append('@').Append(entryType).Append('{').Append(Key(item.Id.Text)).Append(",\n");
        foreach (var (name, value) in fields)
        {
            text.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");
        }

        text.Append("}\n");
    }

    /// <remarks>
    /// A CSL type with no classic BibTeX entry type keeps its BibLaTeX one in the BibTeX dialect too (BibTeX's styles
    /// print an unknown type as @misc; writing @misc would lose the type when the file is read again).
    /// </remarks>
    /// <summary>
    /// Writes a title the reader will convert to sentence case. Casing is idempotent except for one of pandoc's quirks
    /// the reader keeps: the last word of a field never starts a sentence. A title joined from a title and a subtitle
    /// ("Law of the seas: Essays") would lose its last capital when read again, so such a last word is written as the
    /// subtitle, which the reader joins back with the same punctuation.
    /// </summary>
    private static void AddTitle(List<(string Name, string Value)> fields, string name, string subtitleName, string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return;
        }

        var space = title.LastIndexOf(' ');
        var last = space < 0 ? string.Empty : title[(space + 1)..];
        if (space > 1 && last.Length > 0 && char.IsUpper(last[0]) && !last.Contains('<', StringComparison.Ordinal)
            && title[space - 1] is ':' or '.' or '?' or '!')
        {
            var main = title[space - 1] == ':' ? title[..(space - 1)] : title[..space];
            fields.Add((name, LaTeXWriter.Write(main)));
            fields.Add((subtitleName, LaTeXWriter.Write(last)));
            return;
        }

        fields.Add((name, LaTeXWriter.Write(title)));
    }

    private static (string Type, string? Subtype) EntryType(CslItem item, bool biblatex)
    {
        var genre = item.GetText("genre") ?? string.Empty;
        return item.Type switch
        {
            "article-journal" => ("article", null),
            "article-magazine" => ("article", "magazine"),
            "article-newspaper" => ("article", "newspaper"),
            "book" => ("book", null),
            "chapter" => (item.GetNames("container-author") is not null ? "inbook" : "incollection", null),
            "entry-encyclopedia" => ("inreference", null),
            "paper-conference" => ("inproceedings", null),
            "thesis" when biblatex => ("thesis", null),
            "thesis" => (genre.Contains("master", StringComparison.OrdinalIgnoreCase) ? "mastersthesis" : "phdthesis", null),
            "report" => (biblatex ? "report" : "techreport", null),
            "webpage" => ("online", null),
            "dataset" => ("dataset", null),
            "software" => ("software", null),
            "standard" => ("standard", null),
            "pamphlet" => ("booklet", null),
            "manuscript" or "speech" => ("unpublished", null),
            "patent" => ("patent", null),
            "graphic" => ("artwork", null),
            "song" => ("music", null),
            "motion_picture" => ("movie", null),
            "legal_case" => ("jurisdiction", null),
            "legislation" => ("legislation", null),
            "treaty" => ("legal", null),
            "personal_communication" => ("letter", null),
            "review" => ("review", null),
            _ => ("misc", null),
        };
    }

    private static void WriteIssued(CslDate? date, bool biblatex, Action<string, string?> add)
    {
        if (date is null)
        {
            return;
        }

        if (date.Literal is { } literal)
        {
            add("year", LaTeXWriter.Escape(literal));
            return;
        }

        if (date.Start is not { } start)
        {
            if ((date.Raw ?? date.Edtf) is { } text)
            {
                add("date", text);
            }

            return;
        }

        // BibTeX's year/month/day say a single date; anything more (a range, "circa", a season) goes in 'date'.
        var simple = !date.IsRange && !date.IsOpenRange && !date.IsCirca && !start.MonthIsSeason && start.Year > 0;
        if (biblatex || !simple)
        {
            add("date", Edtf(date));
            return;
        }

        add("year", start.Year.ToString(CultureInfo.InvariantCulture));
        if (start.Month is { } month)
        {
            add("month", month.ToString(CultureInfo.InvariantCulture));
            if (start.Day is { } day)
            {
                add("day", day.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>A CSL date as an EDTF string (<c>2019-03-01/2019-04-02</c>, <c>1998/</c>, <c>2019~</c>, <c>-0044</c>).</summary>
    internal static string? Edtf(CslDate date)
    {
        if (date.Literal is { } literal)
        {
            return literal;
        }

        if (date.Start is not { } start)
        {
            return date.Raw ?? date.Edtf;
        }

        var text = Part(start);
        if (date.End is { } end)
        {
            text += "/" + Part(end);
        }
        else if (date.IsOpenRange)
        {
            text += "/";
        }

        return date.IsCirca ? text + "~" : text;

        static string Part(CslDatePart part)
        {
            // EDTF counts years astronomically: CSL's -45 (45 BC) is -0044.
            var year = part.Year < 0 ? part.Year + 1 : part.Year;
            var s = year < 0
                ? "-" + (-year).ToString("0000", CultureInfo.InvariantCulture)
                : year.ToString("0000", CultureInfo.InvariantCulture);
            if (part.Month is { } m)
            {
                s += "-" + (m is >= 13 and <= 16 ? m + 8 : m).ToString("00", CultureInfo.InvariantCulture);
                if (part.Day is { } d && m <= 12)
                {
                    s += "-" + d.ToString("00", CultureInfo.InvariantCulture);
                }
            }

            return s;
        }
    }

    private static string? DerivedShortTitle(string? title)
    {
        if (title is null)
        {
            return null;
        }

        var colon = title.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : title[..colon].TrimEnd();
    }

    /// <summary>A publisher or place list: "A; B" stays as it is; a value holding " and " is braced so that it is not split.</summary>
    private static string? ListValue(string? value, bool splitsAtAnd)
    {
        if (value is null)
        {
            return null;
        }

        if (!splitsAtAnd)
        {
            return LaTeXWriter.Write(value);
        }

        var items = value.Split("; ");
        return string.Join("; ", items.Select(i => i.Contains(" and ", StringComparison.Ordinal) ? "{" + LaTeXWriter.Write(i) + "}" : LaTeXWriter.Write(i)));
    }

    private static string? Verbatim(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Braces must balance inside the field; an unbalanced one is escaped (the only change made to such a value).
        var depth = 0;
        foreach (var c in value)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth < 0)
            {
                break;
            }
        }

        return depth == 0 ? value : value.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);
    }

    private static string Key(string id)
    {
        var key = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            key.Append(char.IsWhiteSpace(c) || c is ',' or '"' or '#' or '%' or '\'' or '(' or ')' or '=' or '{' or '}' or '\\' or '~' ? '_' : c);
        }

        return key.Length == 0 ? "item" : key.ToString();
    }

    private static string? Names(IReadOnlyList<CslName>? names, bool biblatex, bool usePrefixOption)
        => names is null || names.Count == 0 ? null : string.Join(" and ", names.Select(n => Name(n, biblatex, usePrefixOption)));

    private static bool NeedsUsePrefix(CslName name)
        => name.NonDroppingParticle is { Length: > 0 } p && !JoinsName(p);

    private static bool JoinsName(string particle) => particle[^1] is '\u2019' or '\'' or '-';

    private static string Name(CslName name, bool biblatex, bool usePrefixOption)
    {
        if (name.Family is null && name.Given is null)
        {
            // "others" (a list shortened on purpose) is BibTeX's keyword, not a name: written bare.
            return name.Literal == "others" ? "others" : "{" + LaTeXWriter.Escape(name.Literal ?? string.Empty) + "}";
        }

        var family = name.Family ?? string.Empty;
        var given = name.Given ?? string.Empty;
        var nonDropping = name.NonDroppingParticle;
        if (nonDropping is not null && !JoinsName(nonDropping) && biblatex)
        {
            // BibLaTeX's extended name format says "the particle stays in front" for this one name.
            var parts = new List<string> { "family=" + Braced(family) };
            if (given.Length > 0)
            {
                parts.Add("given=" + Braced(given));
            }

            parts.Add("prefix=" + Braced(nonDropping));
            parts.Add("useprefix=true");
            if (name.Suffix is { } suffix)
            {
                parts.Add("suffix=" + Braced(suffix));
            }

            return string.Join(", ", parts);
        }

        var last = Escaped(family);
        if (family.Contains(' ', StringComparison.Ordinal) || family.Contains(',', StringComparison.Ordinal)
            || (family.Length > 0 && !char.IsUpper(family[0])) || family.Contains(" and ", StringComparison.Ordinal))
        {
            last = "{" + last + "}";
        }

        string von;
        if (nonDropping is not null && JoinsName(nonDropping))
        {
            // "d'Alembert": written joined, read back as a family name with its particle.
            last = Escaped(nonDropping) + last;
            von = string.Empty;
        }
        else
        {
            von = Escaped(nonDropping ?? name.DroppingParticle ?? string.Empty);
            _ = usePrefixOption;
        }

        var first = Escaped(given);
        if (given.Contains(',', StringComparison.Ordinal) || EndsWithLowerWord(given))
        {
            first = "{" + first + "}";
        }

        var head = von.Length > 0 ? von + " " + last : last;
        if (name.Suffix is { } jr)
        {
            return head + ", " + Escaped(jr) + ", " + first;
        }

        return given.Length > 0 || family.Contains(' ', StringComparison.Ordinal) ? head + ", " + first : head;

        static string Braced(string s) => "{" + Escaped(s) + "}";
    }

    private static string Escaped(string s) => LaTeXWriter.Escape(s).Replace('\u00A0', ' ');

    private static bool EndsWithLowerWord(string given)
    {
        var space = given.LastIndexOf(' ');
        return space >= 0 && space + 1 < given.Length && char.IsLower(given[space + 1]);
    }
}
