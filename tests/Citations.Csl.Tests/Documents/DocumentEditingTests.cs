using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Documents;

/// <summary>
/// A document edited citation by citation must always read exactly as the same citations formatted from scratch,
/// while an edit renders only what it affects.
/// </summary>
[TestClass]
public sealed class DocumentEditingTests
{
    [TestMethod]
    [DataRow("chicago-notes-bibliography", true)]
    [DataRow("chicago-author-date", false)]
    [DataRow("apa", false)]
    [DataRow("ieee", false)]
    public void Random_edits_match_formatting_from_scratch(string styleName, bool notes)
    {
        var processor = Processor(styleName);
        var items = Items(40);
        var random = new Random(7);
        var document = processor.CreateDocument(items);
        var current = new List<CslCitation>();
        for (var step = 0; step < 150; step++)
        {
            var action = current.Count < 5 ? 0 : random.Next(4);
            var index = random.Next(current.Count + (action == 0 ? 1 : 0));
            switch (action)
            {
                case 0:
                case 1:
                    var inserted = RandomCitation(random, items.Count);
                    current.Insert(index, inserted);
                    document.Insert(index, inserted);
                    break;
                case 2:
                    var replacement = RandomCitation(random, items.Count);
                    current[index] = replacement;
                    document.Replace(index, replacement);
                    break;
                default:
                    current.RemoveAt(index);
                    document.RemoveAt(index);
                    break;
            }

            var numbered = notes ? current.Select((c, i) => c with { NoteNumber = i + 1 }).ToList() : current;
            if (notes)
            {
                // Note numbers follow the position in the document: renumber the document as a word processor would.
                for (var i = 0; i < current.Count; i++)
                {
                    if (document.CitationAt(i).NoteNumber != i + 1)
                    {
                        document.Replace(i, numbered[i]);
                    }
                }
            }

            if (step % 4 != 3)
            {
                continue;
            }

            var expected = processor.FormatDocument(items, numbered).Citations;
            CollectionAssert.AreEqual(expected.ToList(), document.Texts.ToList(), $"{styleName}, after step {step} ({current.Count} citations)");
        }

        var fresh = processor.FormatDocument(items, notes ? current.Select((c, i) => c with { NoteNumber = i + 1 }).ToList() : current, bibliography: true);
        CollectionAssert.AreEqual(
            fresh.Bibliography!.Entries.Select(e => e.Text).ToList(),
            document.FormatBibliography().Entries.Select(e => e.Text).ToList());
    }

    [TestMethod]
    public void Changing_a_locator_in_a_long_document_renders_only_that_citation_and_its_ibid()
    {
        var processor = Processor("chicago-notes-bibliography");
        var items = Items(100);
        var random = new Random(3);
        var citations = Enumerable.Range(0, 400).Select(i => RandomCitation(random, items.Count) with { NoteNumber = i + 1 }).ToList();
        var document = processor.CreateDocument(items);
        var all = document.AddRange(citations);
        Assert.HasCount(400, all.Rendered);

        var target = citations[200];
        var edited = target with { Cites = [target.Cites[0] with { Locator = "999", Label = "page" }, .. target.Cites.Skip(1)] };
        var update = document.Replace(200, edited);

        Assert.IsLessThanOrEqualTo(3, update.Rendered.Count, $"rendered {string.Join(", ", update.Rendered)} for a locator change");
        CollectionAssert.Contains(update.Rendered.ToList(), 200);
        Assert.AreEqual(200, update.Changed[0].Index);
        StringAssert.Contains(update.Changed[0].Text, "999");
        citations[200] = edited;
        CollectionAssert.AreEqual(processor.FormatDocument(items, citations).Citations.ToList(), document.Texts.ToList());
    }

    [TestMethod]
    public void Adding_a_second_work_by_the_same_author_and_year_updates_the_earlier_citation()
    {
        var processor = Processor("apa");
        CslItem[] items =
        [
            Book("a", "Hale", "Thomas", 2019, "Counting the uncounted"),
            Book("b", "Hale", "Thomas", 2019, "Borders in numbers"),
            Book("c", "Okafor", "Ngozi", 2021, "Overdose trends"),
        ];
        var document = processor.CreateDocument(items);
        document.Add(CslCitation.Of("a"));
        document.Add(CslCitation.Of("c"));
        Assert.AreEqual("(Hale, 2019)", document[0]);

        var update = document.Add(CslCitation.Of("b"));

        CollectionAssert.AreEqual(new[] { 0, 2 }, update.Changed.Select(c => c.Index).ToArray());
        Assert.AreEqual("(Hale, 2019b)", document[0]);
        Assert.AreEqual("(Hale, 2019a)", document[2]);
        Assert.AreEqual("(Okafor, 2021)", document[1]);
    }

    [TestMethod]
    public void A_citation_moved_to_another_note_is_rendered_again_only_when_its_output_may_change()
    {
        var processor = Processor("chicago-notes-bibliography");
        CslItem[] items = [Book("a", "Hale", "Thomas", 2019, "Counting the uncounted"), Book("c", "Okafor", "Ngozi", 2021, "Overdose trends")];
        var document = processor.CreateDocument(items);
        document.AddRange([
            new CslCitation([new CslCite("a")]) { NoteNumber = 1 },
            new CslCitation([new CslCite("c")]) { NoteNumber = 2 },
            new CslCitation([new CslCite("a")]) { NoteNumber = 3 },
        ]);

        // Note 2 becomes note 3: nothing it prints depends on that, so nothing is rendered.
        var moved = document.Replace(1, new CslCitation([new CslCite("c")]) { NoteNumber = 3 });
        Assert.IsEmpty(moved.Rendered);
        Assert.IsEmpty(moved.Changed);

        // A first cite moved to another note moves the first-reference note of its item: citeproc-js renders every
        // citation of that item again (here with the same text), and only those.
        var first = document.Replace(0, new CslCitation([new CslCite("a")]) { NoteNumber = 2 });
        CollectionAssert.AreEqual(new[] { 0, 2 }, first.Rendered.ToArray());
        CollectionAssert.AreEqual(processor.FormatDocument(items, Enumerable.Range(0, 3).Select(document.CitationAt).ToList()).Citations.ToList(), document.Texts.ToList());
    }

    [TestMethod]
    [DataRow("apa", false)]
    [DataRow("ieee", true)]
    public void Renumbered_items_are_rendered_again_only_where_the_style_prints_numbers(string styleName, bool printsNumbers)
    {
        var processor = Processor(styleName);
        CslItem[] items = [Book("a", "Hale", "Thomas", 2019, "Counting the uncounted"), Book("c", "Okafor", "Ngozi", 2021, "Overdose trends")];
        var document = processor.CreateDocument(items);
        document.Add(CslCitation.Of("a"));

        // Citing "c" first gives "a" the number 2.
        var update = document.Insert(0, CslCitation.Of("c"));

        CollectionAssert.AreEqual(printsNumbers ? new[] { 0, 1 } : new[] { 0 }, update.Rendered.ToArray());
        Assert.AreEqual(printsNumbers ? "[2]" : "(Hale, 2019)", document[1]);
    }

    [TestMethod]
    public void Bad_citations_get_a_diagnostic_each_and_the_rest_of_the_document_renders()
    {
        var processor = Processor("chicago-notes-bibliography");
        CslItem[] items = [Book("a", "Hale", "Thomas", 2019, "Counting the uncounted"), Book("c", "Okafor", "Ngozi", 2021, "Overdose trends")];
        CslCitation[] citations =
        [
            new([new CslCite("a")]) { NoteNumber = 1 },
            new([new CslCite("missing"), new CslCite("c")]) { NoteNumber = 2 },
            new([]) { NoteNumber = 3 },
            new([new CslCite("a") { Locator = "12" }]) { NoteNumber = -4 },
            new([new CslCite("c")]) { NoteNumber = 2 },
        ];

        var result = processor.FormatDocument(items, citations);

        Assert.HasCount(5, result.Citations);
        Assert.AreEqual("Thomas Hale, <i>Counting the Uncounted</i> (2019).", result.Citations[0]);
        Assert.AreEqual("Ngozi Okafor, <i>Overdose Trends</i> (2021).", result.Citations[1]);
        Assert.AreEqual(string.Empty, result.Citations[2]);
        StringAssert.Contains(result.Citations[3], "12");
        // Notes numbered backwards restart positions (as citeproc-js does): a first citation again.
        Assert.AreEqual("Ngozi Okafor, <i>Overdose Trends</i> (2021).", result.Citations[4]);

        var byCode = result.Warnings.ToLookup(w => w.Code);
        var unknown = byCode[CslDiagnosticCodes.UnknownItem].Single();
        Assert.AreEqual(DiagnosticSeverity.Error, unknown.Severity);
        Assert.AreEqual("citations[1].cites[0]", unknown.Location.Path);
        StringAssert.Contains(unknown.Message, "'missing'");
        Assert.AreEqual("citations[2]", byCode[CslDiagnosticCodes.EmptyCitation].Single().Location.Path);
        StringAssert.Contains(byCode[CslDiagnosticCodes.NegativeNoteNumber].Single().Message, "-4");
        Assert.AreEqual("citations[3].cites[0]", byCode[CslDiagnosticCodes.LocatorWithoutLabel].Single().Location.Path);
        Assert.AreEqual(DiagnosticSeverity.Info, byCode[CslDiagnosticCodes.LocatorWithoutLabel].Single().Severity);
        Assert.AreEqual("citations[4].noteNumber", byCode[CslDiagnosticCodes.NoteOutOfOrder].Single().Location.Path);
    }

    [TestMethod]
    public void Removing_the_first_citation_of_an_item_makes_the_next_one_first()
    {
        var processor = Processor("chicago-notes-bibliography");
        CslItem[] items = [Book("a", "Hale", "Thomas", 2019, "Counting the uncounted")];
        var document = processor.CreateDocument(items);
        document.AddRange([new CslCitation([new CslCite("a")]) { NoteNumber = 1 }, new CslCitation([new CslCite("a")]) { NoteNumber = 5 }]);
        Assert.AreEqual("Hale, <i>Counting the Uncounted</i>.", document[1]);

        var update = document.RemoveAt(0);

        Assert.AreEqual(1, document.Count);
        Assert.AreEqual("Thomas Hale, <i>Counting the Uncounted</i> (2019).", document[0]);
        Assert.AreEqual(0, update.Changed.Single().Index);
    }

    [TestMethod]
    public void AuthorOnly_cites_take_the_position_their_item_has()
    {
        // render.js: a first author-only cite gives the full name, a later one the short name, and it counts as the
        // first reference for the cites after it.
        var processor = Processor("chicago-notes-bibliography");
        CslItem[] items = [Book("a", "Hale", "Thomas", 2019, "Counting the uncounted"), Book("c", "Okafor", "Ngozi", 2021, "Overdose trends")];
        CslCitation[] citations =
        [
            new([new CslCite("a") { AuthorOnly = true }]) { NoteNumber = 1 },
            new([new CslCite("c")]) { NoteNumber = 2 },
            new([new CslCite("a") { AuthorOnly = true }]) { NoteNumber = 3 },
            new([new CslCite("a")]) { NoteNumber = 4 },
        ];

        var texts = processor.FormatDocument(items, citations).Citations;

        CollectionAssert.AreEqual(
            new[] { "Thomas Hale", "Ngozi Okafor, <i>Overdose Trends</i> (2021).", "Hale", "Hale, <i>Counting the Uncounted</i>." },
            texts.ToArray());
    }

    private static CslProcessor Processor(string styleName)
        => CslProcessor.Create(
            CslStyle.Load(Path.Combine(SharedCsl.Styles, styleName + ".csl")),
            new CslProcessorOptions { Locales = CslLocaleProvider.FromDirectory(SharedCsl.Locales), Format = CslOutputFormat.Html });

    private static CslCitation RandomCitation(Random random, int itemCount)
    {
        var count = random.Next(10) < 7 ? 1 : random.Next(2, 4);
        var cites = new List<CslCite>();
        for (var i = 0; i < count; i++)
        {
            var id = "item" + random.Next(itemCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var cite = new CslCite(id);
            if (random.Next(3) == 0)
            {
                cite = cite with { Locator = random.Next(1, 300).ToString(System.Globalization.CultureInfo.InvariantCulture), Label = "page" };
            }

            if (random.Next(8) == 0)
            {
                cite = cite with { SuppressAuthor = true };
            }

            cites.Add(cite);
        }

        return new CslCitation(cites);
    }

    /// <summary>Items with few surnames and years, so that citations need names, initials and year suffixes to differ.</summary>
    private static List<CslItem> Items(int count)
    {
        string[] families = ["Hale", "Okafor", "Nguyen", "Smith"];
        string[] givens = ["Thomas", "Tara", "Ngozi", "Lan"];
        var items = new List<CslItem>();
        for (var i = 0; i < count; i++)
        {
            var authors = new List<CslName> { CslName.Person(families[i % 4], givens[(i / 4) % 4]) };
            if (i % 5 == 0)
            {
                authors.Add(CslName.Person(families[(i + 1) % 4], givens[(i + 2) % 4]));
            }

            items.Add(new CslItem("item" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "book")
            {
                Names = new Dictionary<string, IReadOnlyList<CslName>> { ["author"] = authors },
                Dates = new Dictionary<string, CslDate> { ["issued"] = CslDate.FromParts(2018 + (i % 3)) },
                Variables = new Dictionary<string, CslScalar> { ["title"] = $"Study number {i}", ["publisher"] = "Press" },
            });
        }

        return items;
    }

    private static CslItem Book(string id, string family, string given, int year, string title)
        => new(id, "book")
        {
            Names = new Dictionary<string, IReadOnlyList<CslName>> { ["author"] = [CslName.Person(family, given)] },
            Dates = new Dictionary<string, CslDate> { ["issued"] = CslDate.FromParts(year) },
            Variables = new Dictionary<string, CslScalar> { ["title"] = title },
        };
}
