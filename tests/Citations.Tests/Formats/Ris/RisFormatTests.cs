using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats.Ris;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Formats.Ris;

[TestClass]
public sealed class RisFormatTests
{
    private static string Corpus(string file) => Path.Combine(RepoPaths.Root, "tests", "Citations.Tests", "Formats", "Ris", "corpus", file);

    private static IReadOnlyList<CslItem> ReadCorpus(string file)
    {
        var result = RisFormat.Instance.Read(File.ReadAllBytes(Corpus(file)), file);
        Assert.IsFalse(result.Diagnostics.Any(), string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    [TestMethod]
    public void Read_JournalArticle_MapsTheCommonTags()
    {
        var item = ReadCorpus("journal-articles.ris")[0];

        Assert.AreEqual("okafor2019", item.Id.Text);
        Assert.AreEqual("article-journal", item.Type);
        CollectionAssert.AreEqual(new[] { "Okafor", "Lindqvist", "Marsh" }, item.Authors.Select(a => a.Family).ToArray(), "AU and A1 are both authors, in order");
        Assert.AreEqual("Tobias J.", item.Authors[2].Given);
        Assert.AreEqual("Tidal mixing and the spring bloom in a shallow shelf sea", item.Title);
        Assert.AreEqual("Journal of Coastal Oceanography", item.GetText("container-title"));
        Assert.AreEqual("J. Coast. Oceanogr.", item.GetText("container-title-short"));
        Assert.AreEqual("2019-03-15", item.Issued!.ToString(), "DA is more precise than PY");
        Assert.AreEqual("41", item.GetText("volume"));
        Assert.AreEqual("3", item.GetText("issue"));
        Assert.AreEqual("215-238", item.GetText("page"));
        Assert.AreEqual("10.5555/jco.2019.0412", item.Doi, "a DOI written as a URL is the bare DOI");
        Assert.AreEqual("1234-5679", item.GetText("ISSN"));
        Assert.AreEqual("tides, phytoplankton, shelf seas", item.GetText("keyword"));
        Assert.AreEqual("We measured tidal mixing over two springs and relate it to the timing of the bloom.", item.GetText("abstract"), "a wrapped line continues the value");
        Assert.AreEqual("en", item.GetText("language"));
    }

    [TestMethod]
    public void Read_TypesDatesAndPages_AreCsl()
    {
        var items = ReadCorpus("journal-articles.ris");

        Assert.AreEqual("ris2", items[1].Id.Text, "a record without ID gets its number");
        Assert.AreEqual("2021", items[1].Issued!.ToString());
        Assert.AreEqual("101-129", items[1].GetText("page"), "a range in SP is kept");
        Assert.AreEqual("article-magazine", items[2].Type);
        Assert.AreEqual("2018-11-04", items[2].Issued!.ToString());
        Assert.AreEqual("article-newspaper", items[3].Type);
        Assert.AreEqual("2020-06-20", items[3].Accessed!.ToString(), "Y2 is the access date");
        Assert.AreEqual("in press", items[4].GetText("status"));
    }

    [TestMethod]
    public void Read_BooksChaptersAndOtherTypes_AreMapped()
    {
        var items = ReadCorpus("books-and-more.ris");

        CollectionAssert.AreEqual(
            new[] { "book", "chapter", "paper-conference", "thesis", "report", "webpage", "dataset", "software", "document", "article-journal" },
            items.Select(i => i.Type).ToArray());
        Assert.AreEqual("978-0-00-000001-1", items[0].GetText("ISBN"), "SN of a book is an ISBN");
        Assert.AreEqual("Meridian Press", items[0].GetText("publisher"));
        Assert.AreEqual("Lisbon", items[0].GetText("publisher-place"));
        Assert.AreEqual("2", items[0].GetText("edition"));
        Assert.AreEqual("Memory and labour in East Africa", items[1].GetText("container-title"), "BT of a chapter is its book");
        CollectionAssert.AreEqual(new[] { "Achterberg", "Nyambura" }, items[1].GetNames("editor")!.Select(n => n.Family).ToArray());
        Assert.AreEqual("Studies in African History", items[1].GetText("collection-title"));
        Assert.AreEqual("2022-09", items[2].Issued!.ToString());
        Assert.AreEqual("PhD thesis", items[3].GetText("genre"));
        Assert.AreEqual("TR-2018-07", items[4].GetText("number"));
        Assert.AreEqual("World Meteorological Organization", items[8].Authors.Single().Literal, "a name without a comma is kept whole");
        Assert.IsTrue(items[8].Issued!.Start!.Value.MonthIsSeason);
        Assert.AreEqual("Jr.", items[9].Authors.Single().Suffix);
    }

    [TestMethod]
    public void Read_Problems_AreReportedWithLinesAndTheGoodRecordsKept()
    {
        var result = RisFormat.Instance.Read(File.ReadAllBytes(Corpus("problems.ris")), "problems.ris");

        CollectionAssert.AreEqual(new[] { "A good record", "A record of an unknown type", "A record that never ends" }, result.Value!.Select(i => i.Title).ToArray());
        var codes = result.Diagnostics.Select(d => (d.Code, d.Severity, d.Location.Line)).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                (DiagnosticCodes.RisMissingType, DiagnosticSeverity.Error, 1),
                (DiagnosticCodes.RisUnknownType, DiagnosticSeverity.Warning, 10),
                (DiagnosticCodes.RisInvalidDate, DiagnosticSeverity.Warning, 12),
                (DiagnosticCodes.RisUnterminated, DiagnosticSeverity.Warning, 19),
            },
            codes,
            string.Join("\n", result.Diagnostics));
        Assert.AreEqual("document", result.Value![1].Type);
        Assert.IsNotNull(result.Value![1].Issued!.Literal);
    }

    [TestMethod]
    public void Read_DuplicateIds_SecondIsSkipped()
    {
        var result = RisFormat.Instance.Read("TY  - JOUR\nID  - a\nTI  - One\nER  - \nTY  - JOUR\nID  - a\nTI  - Two\nER  - \n", "dup.ris");

        Assert.AreEqual("One", result.Value!.Single().Title);
        Assert.AreEqual(DiagnosticCodes.DuplicateId, result.Diagnostics.Single().Code);
        Assert.AreEqual(5, result.Diagnostics.Single().Location.Line);
    }

    [TestMethod]
    public void Sniff_RisStart_IsRecognised()
    {
        Assert.IsTrue(RisFormat.Instance.Sniff("TY  - JOUR\n"u8));
        Assert.IsTrue(RisFormat.Instance.Sniff("\r\nTY - BOOK"u8));
        Assert.IsFalse(RisFormat.Instance.Sniff("@article{x,"u8));
    }
}
