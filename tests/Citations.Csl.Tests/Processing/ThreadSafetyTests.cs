using System.Collections.Concurrent;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.CslData;

namespace Citations.Csl.Tests.Processing;

/// <summary>One processor shared by many threads gives what it gives on one thread.</summary>
[TestClass]
public sealed class ThreadSafetyTests
{
    private static readonly CslStyle Style = CslStyle.Parse(TestStyle.Xml(
        """
        <citation disambiguate-add-year-suffix="true" disambiguate-add-givenname="true">
          <layout prefix="(" suffix=")" delimiter="; ">
            <group delimiter=", "><names variable="author"><name form="short" initialize-with=". "/></names><date variable="issued"><date-part name="year"/></date></group>
          </layout>
        </citation>
        """,
        """
        <bibliography>
          <sort><key macro="author"/><key variable="issued"/></sort>
          <layout suffix=".">
            <group delimiter=". ">
              <text macro="author"/>
              <date variable="issued"><date-part name="year"/></date>
              <text variable="title" font-style="italic" text-case="title"/>
              <text variable="page"/>
            </group>
          </layout>
        </bibliography>
        """,
        """<macro name="author"><names variable="author"><name name-as-sort-order="all" initialize-with=". " et-al-min="4" et-al-use-first="1"/></names></macro>""",
        """page-range-format="chicago" """));

    private static readonly IReadOnlyList<CslItem> Items = MakeItems(6);

    [TestMethod]
    public void FormatBibliography_ManyThreads_SameAsSequential()
    {
        var processor = Render.Processor(Style, CslOutputFormat.Html);
        var expected = processor.FormatBibliography(Items).ToString();
        var results = new ConcurrentBag<string>();

        Parallel.For(0, 8 * 50, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => results.Add(processor.FormatBibliography(Items).ToString()));

        Assert.HasCount(400, results);
        Assert.IsTrue(results.All(r => r == expected), "every concurrent bibliography equals the sequential one");
        StringAssert.Contains(expected, "Author0, G., Second, S. 2000b.", "the shared work includes disambiguation");
    }

    [TestMethod]
    public void FormatDocument_ManyThreads_SameAsSequential()
    {
        var processor = Render.Processor(Style);
        CslCitation[] citations = [.. Items.Select((item, i) => new CslCitation([new CslCite(item.Id.Text), new CslCite(Items[(i + 7) % Items.Count].Id.Text)]))];
        var expected = string.Join("\n", processor.FormatDocument(Items, citations, bibliography: true) is var r ? r.Citations.Concat(r.Bibliography!.Entries.Select(e => e.Text)) : []);
        var results = new ConcurrentBag<string>();

        Parallel.For(0, 8 * 50, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            var result = processor.FormatDocument(Items, citations, bibliography: true);
            results.Add(string.Join("\n", result.Citations.Concat(result.Bibliography!.Entries.Select(e => e.Text))));
        });

        Assert.IsTrue(results.All(r => r == expected), "every concurrent document equals the sequential one");
    }

    [TestMethod]
    public void FormatBibliography_LongListOnFourThreads_SameAsOnOne()
    {
        // Long enough to be rendered in ranges; authors repeat in runs of five, so subsequent-author-substitute applies
        // across the ranges' boundaries, and an author's items of one year take year suffixes. Each item's two authors
        // share family name and initial: the by-cite name registry (filled per item as entries render) spells them out.
        var style = CslStyle.Parse(TestStyle.Xml(
            """
            <citation disambiguate-add-year-suffix="true" disambiguate-add-givenname="true"><layout><names variable="author"><name form="short"/></names><date variable="issued" prefix=" "><date-part name="year"/></date></layout></citation>
            """,
            """
            <bibliography subsequent-author-substitute="———">
              <sort><key macro="author"/><key variable="issued"/><key variable="title"/></sort>
              <layout suffix="."><group delimiter=". "><text macro="author"/><group><date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/></group><text variable="title"/></group></layout>
            </bibliography>
            """,
            """<macro name="author"><names variable="author"><name name-as-sort-order="all" initialize-with=". "/></names></macro>"""));
        var json = string.Join(",\n", Enumerable.Range(0, 1500).Select(i => $$"""
            {"id": "i{{i}}", "type": "book", "title": "Volume {{i}}", "issued": {"date-parts": [[{{1990 + (i % 3)}}]]},
             "author": [{"family": "Family{{i / 5}}", "given": "Given"}, {"family": "Family{{i / 5}}", "given": "Gerda"}]}
            """));
        var items = Render.Items("[" + json + "]");

        string Format(int threads) => CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Text, MaxDegreeOfParallelism = threads })
            .FormatBibliography(items).ToString();

        var one = Format(1);
        var four = Format(4);

        Assert.AreEqual(one, four);
        var lines = one.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1500, lines);
        Assert.AreEqual(300 * 4, lines.Count(l => l.StartsWith("———. ", StringComparison.Ordinal)), "four of every five entries repeat the author before them");
        Assert.AreEqual(300 * 4, lines.Count(l => l.Contains("a. Volume", StringComparison.Ordinal) || l.Contains("b. Volume", StringComparison.Ordinal)), "two years of three hold two items of one author");
        Assert.AreEqual(300, lines.Count(l => l.StartsWith("Family", StringComparison.Ordinal) && l.Contains(", Gerda", StringComparison.Ordinal)), "the second author's given name is spelled out");
    }

    [TestMethod]
    public void Create_NoThreads_Refused()
        => Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CslProcessor.Create(Style, new CslProcessorOptions { MaxDegreeOfParallelism = 0 }));

    [TestMethod]
    public void Create_ManyThreadsSharingOneLocaleProvider_AllGetTheSameLanguage()
    {
        var languages = new ConcurrentBag<string>();

        Parallel.For(0, 64, i => languages.Add(Render.Processor(Style, language: i % 2 == 0 ? "de" : "fr-FR").Language));

        CollectionAssert.AreEquivalent(new[] { "de-DE", "fr-FR" }, languages.Distinct().ToArray());
    }

    private static IReadOnlyList<CslItem> MakeItems(int count)
    {
        var json = string.Join(",\n", Enumerable.Range(0, count).Select(i => $$"""
            {"id": "i{{i}}", "type": "article-journal", "title": "study number {{i}} of the <i>things</i>",
             "issued": {"date-parts": [[2000]]}, "page": "{{100 + i}}-{{110 + i}}",
             "author": [{"family": "Author{{i % 3}}", "given": "Given"}, {"family": "Second", "given": "S"}]}
            """));
        return Render.Items("[" + json + "]");
    }
}
