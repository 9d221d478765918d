using System.Globalization;
using Citations.Csl.Locales;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Locales;

/// <summary>
/// The en-US locale embedded in the package agrees, entry by entry, with the official one in ../shared/csl/locales
/// (both read by the library's own locale reader), so that a style rendered without any locale option prints what
/// citeproc-js prints with the official locale.
/// </summary>
[TestClass]
public sealed class EmbeddedLocaleTests
{
    [TestMethod]
    public void Embedded_EnUs_AgreesWithTheOfficialLocaleEntryByEntry()
    {
        var official = LocaleEntries.Of(CslLocale.Load(Path.Combine(SharedCsl.Locales, "locales-en-US.xml")));
        var embedded = LocaleEntries.Of(CslLocaleProvider.Embedded.Find("en-US")!);

        var differences = LocaleEntries.Differences(official, embedded);

        Assert.IsGreaterThan(400, official.Count, "the official locale was read (terms, forms, plurals, dates)");
        Assert.IsEmpty(differences, $"{differences.Count} difference(s) between the official and the embedded en-US locale:\n" + string.Join("\n", differences));
    }

    [TestMethod]
    public void Embedded_EnUs_AuthorRoleTermsAreEmptyAsInTheOfficialLocale()
    {
        var locale = CslLocaleProvider.Embedded.Find("en-US")!;

        foreach (var role in new[] { "author", "composer", "container-author", "interviewer", "original-author", "recipient", "reviewed-author" })
        {
            Assert.IsTrue(locale.Terms.TryGetValue(new TermKey(role, TermForm.Long, Gender.Neuter), out var term), $"{role} is defined");
            Assert.AreEqual(string.Empty, term.Single, role);
            Assert.AreEqual(string.Empty, term.Multiple, role);
            Assert.IsFalse(locale.Terms.ContainsKey(new TermKey(role, TermForm.Short, Gender.Neuter)), $"{role} has no short form");
        }
    }

    [TestMethod]
    public void Differences_ChangedMissingAndExtraEntries_AreEachNamed()
    {
        var official = LocaleEntries.Of(CslLocale.Parse("""
            <locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="en-US">
              <style-options punctuation-in-quote="true"/>
              <date form="text"><date-part name="month" suffix=" "/><date-part name="year"/></date>
              <terms>
                <term name="author"/>
                <term name="editor" form="short"><single>ed.</single><multiple>eds.</multiple></term>
                <term name="ordinal-01" match="last-two-digits">st</term>
              </terms>
            </locale>
            """));
        var ours = LocaleEntries.Of(CslLocale.Parse("""
            <locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="en-US">
              <date form="text"><date-part name="month" suffix=", "/><date-part name="year"/></date>
              <terms>
                <term name="author">author</term>
                <term name="editor" form="short">ed.</term>
                <term name="ordinal-01">st</term>
                <term name="and">and</term>
              </terms>
            </locale>
            """));

        var differences = LocaleEntries.Differences(official, ours);

        CollectionAssert.AreEquivalent(
            new[]
            {
                "style-options punctuation-in-quote: official 'true', embedded (absent)",
                "date text part 1 (month) suffix: official ' ', embedded ', '",
                "term author long neuter single: official '', embedded 'author'",
                "term author long neuter multiple: official '', embedded 'author'",
                "term editor short neuter multiple: official 'eds.', embedded 'ed.'",
                "term ordinal-01 long neuter match: official 'LastTwoDigits', embedded (absent)",
                "term and long neuter single: official (absent), embedded 'and'",
                "term and long neuter multiple: official (absent), embedded 'and'",
            },
            differences.ToArray());
    }

    /// <summary>A locale flattened to one entry per fact: "term editor short neuter multiple" → "eds.".</summary>
    private static class LocaleEntries
    {
        public static SortedDictionary<string, string> Of(CslLocale locale)
        {
            var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Add(entries, "style-options punctuation-in-quote", locale.PunctuationInQuote);
            Add(entries, "style-options limit-day-ordinals-to-day-1", locale.LimitDayOrdinalsToDay1);
            AddDate(entries, "date text", locale.TextDate);
            AddDate(entries, "date numeric", locale.NumericDate);
            foreach (var (key, term) in locale.Terms)
            {
                var name = $"term {key.Name} {Form(key.Form)} {key.GenderForm.ToString().ToLowerInvariant()}";
                entries[name + " single"] = term.Single;
                entries[name + " multiple"] = term.Multiple;
                if (term.Gender != Gender.Neuter)
                {
                    entries[name + " gender"] = term.Gender.ToString();
                }

                if (term.Match != OrdinalMatch.Default)
                {
                    entries[name + " match"] = term.Match.ToString();
                }
            }

            return entries;
        }

        /// <summary>Every entry missing on one side or different: the official entries first (sorted by key), then the extra ones.</summary>
        public static List<string> Differences(SortedDictionary<string, string> official, SortedDictionary<string, string> embedded)
        {
            var differences = new List<string>();
            foreach (var (key, value) in official)
            {
                if (!embedded.TryGetValue(key, out var ours))
                {
                    differences.Add($"{key}: official '{value}', embedded (absent)");
                }
                else if (!string.Equals(value, ours, StringComparison.Ordinal))
                {
                    differences.Add($"{key}: official '{value}', embedded '{ours}'");
                }
            }

            differences.AddRange(embedded.Where(e => !official.ContainsKey(e.Key)).Select(e => $"{e.Key}: official (absent), embedded '{e.Value}'"));
            return differences;
        }

        private static void Add(SortedDictionary<string, string> entries, string key, bool? value)
        {
            if (value is { } set)
            {
                entries[key] = set ? "true" : "false";
            }
        }

        private static void AddDate(SortedDictionary<string, string> entries, string key, DateElement? date)
        {
            if (date is null)
            {
                return;
            }

            entries[key + " delimiter"] = date.Delimiter ?? "(none)";
            entries[key + " parts-filter"] = date.PartsFilter.ToString();
            entries[key + " decor"] = date.Decor.ToString();
            entries[key + " parts"] = date.Parts.Count.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < date.Parts.Count; i++)
            {
                var part = date.Parts[i];
                var prefix = $"{key} part {(i + 1).ToString(CultureInfo.InvariantCulture)} ({part.Name.ToString().ToLowerInvariant()})";
                entries[prefix + " form"] = part.HasForm ? part.Form.ToString() : "(unset)";
                entries[prefix + " range-delimiter"] = part.RangeDelimiter ?? "(unset)";
                entries[prefix + " prefix"] = part.Decor.Prefix;
                entries[prefix + " suffix"] = part.Decor.Suffix;
                entries[prefix + " text-case"] = part.Decor.TextCase.ToString();
                entries[prefix + " formatting"] = part.Decor.Formatting.ToString();
                entries[prefix + " strip-periods"] = part.Decor.StripPeriods ? "true" : "false";
            }
        }

        private static string Form(TermForm form) => form switch
        {
            TermForm.VerbShort => "verb-short",
            _ => form.ToString().ToLowerInvariant(),
        };
    }
}
