using System.Collections.Frozen;
using System.Globalization;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Turns one BibTeX/BibLaTeX entry (its fields resolved through <c>crossref</c>/<c>xdata</c>) into a CSL item, field by
/// field the way <c>pandoc -f biblatex -t csljson</c> does, so that both give the same items. The exceptions are
/// deliberate and each has a test saying why (see <c>src/Citations/Formats/README.md</c>).
/// </summary>
internal sealed class BibItemMapper
{
    /// <summary>Every field the mapping reads: the only ones worth inheriting.</summary>
    public static readonly FrozenSet<string> UsedFields = new[]
    {
        "abstract", "addendum", "address", "annotation", "annote", "archiveprefix", "author", "booktitle", "booksubtitle",
        "booktitleaddon", "bookauthor", "chapter", "date", "day", "director", "doi", "edition", "editor", "editortype",
        "endday", "endmonth", "endyear", "entrysubtype", "eprint", "eprinttype", "eventdate", "eventday", "eventendday",
        "eventendmonth", "eventendyear", "eventmonth", "eventtitle", "eventyear", "howpublished", "hyphenation",
        "institution", "isbn", "issn", "issue", "issuesubtitle", "issuetitle", "journal", "journalsubtitle", "journaltitle",
        "keywords", "langid", "langidopts", "library", "location", "mainsubtitle", "maintitle", "maintitleaddon", "month",
        "note", "number", "options", "organization", "origdate", "origday", "origendday", "origendmonth", "origendyear",
        "origlocation", "origmonth", "origpublisher", "origtitle", "origyear", "pages", "pagetotal", "part", "pmcid", "pmid",
        "pubstate", "publisher", "school", "series", "shortjournal", "shorttitle", "subtitle", "title", "titleaddon",
        "translator", "type", "url", "urldate", "urlday", "urlendday", "urlendmonth", "urlendyear", "urlmonth", "urlyear",
        "venue", "version", "volume", "volumes", "year",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> BookLike = new[]
    {
        "book", "collection", "proceedings", "reference", "mvbook", "mvcollection", "mvproceedings", "mvreference",
        "bookinbook", "inbook", "incollection", "inproceedings", "inreference", "suppbook", "suppcollection",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly TextSource _source;
    private readonly bool _biblatex;

    public BibItemMapper(TextSource source, bool biblatex)
    {
        _source = source;
        _biblatex = biblatex;
    }

    public CslItem Map(BibEntry entry, IReadOnlyDictionary<string, BibField> fields)
    {
        var e = new EntryFields(entry, fields, _source);
        var item = new CslItemBuilder(CslScalar.FromString(entry.Key), CslItemTypes.Document);
        var options = ParseOptions(e.Raw("options"));

        // Type and genre.
        var typeField = e.Raw("type");
        var subtype = e.Raw("entrysubtype") ?? string.Empty;
        var isEvent = e.Has("eventdate") || e.Has("eventtitle") || e.Has("venue");
        var cslType = BibEntryTypes.ToCsl(entry.Type, subtype, isEvent);
        if (cslType is null)
        {
            _source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibUnknownEntryType,
                $"'@{entry.Type}' is not a BibTeX or BibLaTeX entry type; '{entry.Key}' was read as a generic document.", entry.Offset, entry.Key);
        }

        item.Type = cslType ?? CslItemTypes.Document;
        var genre = typeField is null ? null : LaTeXSymbols.BibStrings.GetValueOrDefault(typeField) ?? e.Plain("type");
        genre ??= entry.Type switch
        {
            "mastersthesis" => LaTeXSymbols.BibStrings["mathesis"],
            "phdthesis" => LaTeXSymbols.BibStrings["phdthesis"],
            _ => null,
        };
        SetText(item, "genre", genre);

        // Language: it also decides whether titles are converted to sentence case (English only).
        var langid = e.Raw("langid");
        var language = langid is not null
            ? BibLanguages.ToTag(langid, LangidVariant(e.Raw("langidopts")))
            : e.Raw("hyphenation") is { } hyphenation ? BibLanguages.ToTag(hyphenation, null) : null;
        SetText(item, "language", language);
        e.English = language is null || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase);

        MapNames(e, item, options);
        MapDates(e, item);
        MapNumbers(e, item, entry.Type);
        MapTitles(e, item, entry.Type);
        MapPublication(e, item, entry.Type, cslType);
        MapIdentifiers(e, item, entry.Type, options);

        // Notes.
        SetRich(item, "annote", e.Field("annotation") ?? e.Field("annote"));
        SetRich(item, "abstract", e.Field("abstract"));
        SetRich(item, "keyword", e.Field("keywords"));
        var note = entry.Type == "periodical" ? null : e.Field("note");
        var addendum = _biblatex ? e.Field("addendum") : null;
        SetRich(item, "note", note is null && addendum is null ? null : RichText.Join('.', note, addendum));
        var pubstate = e.Raw("pubstate");
        if (pubstate is not null)
        {
            SetText(item, "status", LaTeXSymbols.BibStrings.GetValueOrDefault(pubstate, LaTeXReader.ReadPlain(pubstate)));
        }
        else if (e.ForthcomingYear)
        {
            SetText(item, "status", "forthcoming");
        }

        return item.Build();
    }

    private void MapNames(EntryFields e, CslItemBuilder item, IReadOnlyDictionary<string, string> options)
    {
        var nameOptions = new BibNames.Options(!_biblatex, IsSet(options, "useprefix"), IsSet(options, "juniorcomma"));
        var editorIsDirector = e.Raw("editortype") == "director";
        SetNames(e, item, "author", "author", nameOptions);
        SetNames(e, item, "bookauthor", "container-author", nameOptions);
        SetNames(e, item, "translator", "translator", nameOptions);
        SetNames(e, item, "editor", editorIsDirector ? "director" : "editor", nameOptions);
        if (!editorIsDirector)
        {
            SetNames(e, item, "director", "director", nameOptions);
        }
    }

    private void SetNames(EntryFields e, CslItemBuilder item, string field, string variable, BibNames.Options options)
    {
        if (e.Get(field) is not { } value)
        {
            return;
        }

        var result = BibNames.Read(value.Value, options, e.UnknownCommandReporter(value));
        foreach (var problem in result.Problems)
        {
            _source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibInvalidName, $"Entry '{e.Entry.Key}', field '{field}': {problem}", value.Offset, e.Entry.Key);
        }

        if (result.Names.Count > 0 || result.Others)
        {
            item.SetNames(variable, result.Others ? [.. result.Names, CslName.Institution("others")] : result.Names);
        }
    }

    private void MapDates(EntryFields e, CslItemBuilder item)
    {
        SetDate(e, item, "issued", "date", string.Empty);
        SetDate(e, item, "event-date", "eventdate", "event");
        SetDate(e, item, "original-date", "origdate", "orig");
        SetDate(e, item, "accessed", "urldate", "url");
    }

    private void SetDate(EntryFields e, CslItemBuilder item, string variable, string isoField, string prefix)
    {
        if (e.Get(isoField) is { } iso)
        {
            var date = BibDates.ReadEdtf(iso.Value, out var failure);
            if (date is not null)
            {
                item.SetDate(variable, date);
                return;
            }

            var fallback = e.Has(prefix + "year");
            var what = failure == BibDates.Failure.OpenStart
                ? $"'{iso.Value.Trim()}' is a range with an open start, which CSL cannot express"
                : $"'{iso.Value.Trim()}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, a range A/B, with ~ ? % qualifiers)";
            var outcome = fallback ? $"'{prefix}year' was used instead" : failure == BibDates.Failure.OpenStart ? "the date was left out" : "it is kept as literal text";
            _source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibInvalidDate, $"Entry '{e.Entry.Key}', field '{isoField}': {what}; {outcome}.", iso.Offset, e.Entry.Key);
            if (!fallback)
            {
                if (failure != BibDates.Failure.OpenStart)
                {
                    item.SetDate(variable, CslDate.FromLiteral(iso.Value.Trim()));
                }

                return;
            }
        }

        if (e.Get(prefix + "year") is not { } year)
        {
            return;
        }

        var yearText = LaTeXReader.ReadPlain(year.Value).Trim();
        if (prefix.Length == 0 && yearText.Equals("forthcoming", StringComparison.OrdinalIgnoreCase))
        {
            // pandoc's reading, kept: "forthcoming" is a publication state, not a date.
            e.ForthcomingYear = true;
            return;
        }

        var month = e.Get(prefix + "month");
        var date2 = BibDates.ReadParts(yearText, month is null ? null : LaTeXReader.ReadPlain(month.Value), e.Raw(prefix + "day"),
            e.Plain(prefix + "endyear"), e.Plain(prefix + "endmonth"), e.Plain(prefix + "endday"), out var monthUnreadable);
        if (monthUnreadable)
        {
            _source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibInvalidDate,
                $"Entry '{e.Entry.Key}': the month is not a month number, name or abbreviation; it was left out.", (month ?? year).Offset, e.Entry.Key);
        }

        item.SetDate(variable, date2);
    }

    private static void MapNumbers(EntryFields e, CslItemBuilder item, string entryType)
    {
        if (e.Field("pages") is { } pages)
        {
            RichText.ReplaceInText(pages, '\u2013', '-');
            SetRich(item, "page", pages);
        }

        SetRich(item, "number-of-pages", e.Field("pagetotal"));
        var volume = e.Field("volume");
        var part = e.Field("part");
        SetRich(item, "volume", volume is not null && part is not null ? RichText.Concat(volume, [Inline.Word(".")], part) : volume ?? part);
        SetRich(item, "number-of-volumes", e.Field("volumes"));
        SetRich(item, "chapter-number", e.Field("chapter"));
        SetRich(item, "edition", e.Field("edition"));
        SetRich(item, "version", e.Field("version"));
        if (e.Field("number") is { } number)
        {
            if (BookLike.Contains(entryType))
            {
                SetRich(item, "collection-number", number);
            }
            else if (IsArticle(entryType))
            {
                var issue = e.Field("issue");
                SetRich(item, "issue", issue is null ? number : RichText.Join(',', number, issue));
            }
            else
            {
                SetRich(item, "number", number);
            }
        }
        else if (IsArticle(entryType) && e.Field("issue") is { } issueOnly)
        {
            // pandoc drops an issue given without a number; BibLaTeX's manual defines 'issue' for @article on its own.
            SetRich(item, "issue", issueOnly);
        }
    }

    private static void MapTitles(EntryFields e, CslItemBuilder item, string entryType)
    {
        var isPeriodical = entryType == "periodical";
        var isChapterLike = entryType is "inbook" or "incollection" or "inproceedings" or "inreference" or "bookinbook";
        var hasMain = e.Has("maintitle");
        var mainForBook = hasMain && !isChapterLike;

        var title = (isPeriodical ? e.Title("issuetitle") : null) ?? (mainForBook ? e.Title("maintitle") : null) ?? e.Title("title");
        var subtitle = (isPeriodical ? e.Title("issuesubtitle") : null) ?? (mainForBook ? e.Title("mainsubtitle") : null) ?? e.Title("subtitle");
        var addon = (mainForBook ? e.Title("maintitleaddon") : null) ?? e.Title("titleaddon");
        if (title is not null)
        {
            SetTitle(item, "title", RichText.Join('.', RichText.Join(':', title, subtitle), addon));
        }

        var volumeTitle = mainForBook ? e.Title("title") : hasMain && isChapterLike ? e.Title("booktitle") : null;
        if (volumeTitle is not null)
        {
            var volumeSubtitle = mainForBook ? e.Title("subtitle") : e.Title("booksubtitle");
            var volumeAddon = mainForBook ? e.Title("titleaddon") : e.Title("booktitleaddon");
            SetTitle(item, "volume-title", RichText.Join('.', RichText.Join(':', volumeTitle, volumeSubtitle), volumeAddon));
        }

        var container = (isPeriodical ? e.Field("title") : null)
            ?? (isChapterLike ? e.Title("maintitle") ?? e.Title("booktitle") : null)
            ?? e.Field("journaltitle") ?? e.Field("journal");
        if (container is not null)
        {
            var containerSubtitle = (isPeriodical ? e.Field("subtitle") : null)
                ?? (isChapterLike ? e.Title("mainsubtitle") ?? e.Title("booksubtitle") : null)
                ?? e.Field("journalsubtitle");
            var containerAddon = (isPeriodical ? e.Field("titleaddon") : null)
                ?? (isChapterLike ? e.Title("maintitleaddon") ?? e.Title("booktitleaddon") : null);
            SetTitle(item, "container-title", RichText.Join('.', RichText.Join(':', container, containerSubtitle), containerAddon));
        }

        SetTitle(item, "container-title-short", (isPeriodical && !hasMain ? e.Field("shorttitle") : null) ?? e.Field("shortjournal"));
        if (e.Title("series") is { } series)
        {
            SetTitle(item, "collection-title", SeriesTitle(series));
        }

        var shortTitle = !hasMain || isChapterLike ? e.Title("shorttitle") : null;
        if (shortTitle is null && e.Title("title") is { } fullTitle)
        {
            var requireColon = !((subtitle is not null || addon is not null) && !hasMain);
            shortTitle = RichText.UpToColon(fullTitle, requireColon);
        }

        SetTitle(item, "title-short", shortTitle);
        SetTitle(item, "event", e.Title("eventtitle"));
        SetTitle(item, "original-title", e.Title("origtitle"));
    }

    private static List<Inline> SeriesTitle(List<Inline> series)
    {
        // A bare number is a journal's series: "3" becomes "3rd series"; BibLaTeX's keys newseries/oldseries their text.
        if (series.Count == 1 && series[0].Kind == InlineKind.Text)
        {
            var text = series[0].Text;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return [Inline.Word(Ordinal(n)), Inline.SpaceInline, Inline.Word(LaTeXSymbols.BibStrings["jourser"])];
            }

            if (text is "newseries" or "oldseries")
            {
                return [Inline.Word(LaTeXSymbols.BibStrings[text])];
            }
        }

        return series;
    }

    private static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private void MapPublication(EntryFields e, CslItemBuilder item, string entryType, string? cslType)
    {
        var publishers = new List<List<Inline>?>();
        foreach (var field in new[] { "school", "institution", "organization", "howpublished", "publisher" })
        {
            publishers.Add(!_biblatex || field == "howpublished" ? e.Field(field) : e.LiteralList(field));
        }

        if (publishers.Exists(p => p is not null))
        {
            SetRich(item, "publisher", RichText.Join(';', [.. publishers]));
        }

        SetRich(item, "original-publisher", e.Field("origpublisher"));
        SetRich(item, "event-place", e.Field("venue"));
        var place = !_biblatex ? e.Field("address") : e.LiteralList("address") ?? (entryType != "patent" ? e.LiteralList("location") : null);
        SetRich(item, "publisher-place", place);
        SetRich(item, "original-publisher-place", _biblatex ? e.LiteralList("origlocation") : e.Field("origlocation"));
        if (cslType == "patent" && e.LiteralList("location") is { } jurisdiction)
        {
            SetRich(item, "jurisdiction", jurisdiction);
        }
    }

    private static void MapIdentifiers(EntryFields e, CslItemBuilder item, string entryType, IReadOnlyDictionary<string, string> options)
    {
        var eprintType = (e.Raw("eprinttype") ?? e.Raw("archiveprefix"))?.ToLowerInvariant();
        var eprint = e.Raw("eprint");
        string? url = null;
        if ((entryType == "online" || options.GetValueOrDefault("url") != "false") && e.Raw("url") is { } written)
        {
            url = written;
        }
        else if (eprint is not null)
        {
            url = eprintType switch
            {
                "arxiv" => "https://arxiv.org/abs/" + eprint,
                "jstor" => "https://www.jstor.org/stable/" + eprint,
                "pubmed" => "https://www.ncbi.nlm.nih.gov/pubmed/" + eprint,
                "googlebooks" => "https://books.google.com?id=" + eprint,
                "hdl" or "handle" => "https://hdl.handle.net/" + eprint,
                _ => null,
            };
        }

        SetText(item, "URL", url);
        var doi = options.GetValueOrDefault("doi") != "false" ? e.Raw("doi") : null;

        // pandoc ignores eprinttype = doi (the manual's eprint types are arxiv, hdl, jstor, pubmed, googlebooks), but
        // exporters write it: the DOI is kept rather than dropped.
        doi ??= eprintType == "doi" ? eprint : null;
        SetText(item, "DOI", doi);
        SetText(item, "ISBN", e.Raw("isbn"));
        SetText(item, "ISSN", e.Raw("issn"));
        SetText(item, "PMID", e.Raw("pmid"));
        SetText(item, "PMCID", e.Raw("pmcid"));
        SetText(item, "call-number", e.Raw("library"));
    }

    private static bool IsArticle(string entryType) => entryType is "article" or "periodical" or "suppperiodical" or "review";

    private static string? LangidVariant(string? langidopts)
    {
        if (langidopts is null)
        {
            return null;
        }

        var options = ParseOptions(langidopts);
        return options.GetValueOrDefault("variant");
    }

    private static Dictionary<string, string> ParseOptions(string? text)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text is null)
        {
            return options;
        }

        foreach (var option in text.Split(','))
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? option : option[..eq]).Trim().ToLowerInvariant();
            if (key.Length > 0)
            {
                options[key] = eq < 0 ? string.Empty : option[(eq + 1)..].Trim().ToLowerInvariant();
            }
        }

        return options;
    }

    private static bool IsSet(IReadOnlyDictionary<string, string> options, string key)
        => options.TryGetValue(key, out var value) && value is "" or "true";

    private static void SetText(CslItemBuilder item, string variable, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            item.Set(variable, CslScalar.FromString(value));
        }
    }

    private static void SetRich(CslItemBuilder item, string variable, List<Inline>? value)
    {
        if (value is { Count: > 0 })
        {
            SetText(item, variable, Inline.Render(value, protectCase: false));
        }
    }

    private static void SetTitle(CslItemBuilder item, string variable, List<Inline>? value)
    {
        if (value is { Count: > 0 })
        {
            SetText(item, variable, Inline.Render(value, protectCase: true));
        }
    }
}
