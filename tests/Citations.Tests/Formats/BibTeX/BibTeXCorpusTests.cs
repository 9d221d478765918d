using Citations.CslData;
using Citations.Formats.BibTeX;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Formats.BibTeX;

/// <summary>
/// The corpus of hard .bib entries (corpus/*.bib, written for this project): every file reads without a problem, and
/// writing the items back as BibLaTeX or BibTeX and reading them again gives the same items.
/// </summary>
[TestClass]
public sealed class BibTeXCorpusTests
{
    private static string CorpusDirectory => Path.Combine(RepoPaths.Root, "tests", "Citations.Tests", "Formats", "BibTeX", "corpus");

    private static IEnumerable<object[]> Files => Directory.GetFiles(CorpusDirectory, "*.bib").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    public void Corpus_HasMoreThanAHundredEntries()
    {
        var count = Directory.GetFiles(CorpusDirectory, "*.bib").Sum(f => BibTeXFormat.BibLaTeX.Read(File.ReadAllBytes(f), f).Value!.Count);

        Assert.IsTrue(count >= 100, $"{count} entries");
    }

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void Read_CorpusFile_HasNoProblem(string file)
    {
        var result = BibTeXFormat.BibLaTeX.Read(File.ReadAllBytes(Path.Combine(CorpusDirectory, file)), file);

        Assert.AreEqual(0, result.Diagnostics.Count, string.Join("\n", result.Diagnostics));
        Assert.IsTrue(result.Value!.Count > 0);
    }

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void WriteRead_CorpusFileAsBibLaTeX_SameItems(string file) => AssertRoundTrip(file, BibTeXFormat.BibLaTeX);

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void WriteRead_CorpusFileAsBibTeX_SameItems(string file) => AssertRoundTrip(file, BibTeXFormat.BibTeX);

    private static void AssertRoundTrip(string file, BibTeXFormat format)
    {
        var first = format.Read(File.ReadAllBytes(Path.Combine(CorpusDirectory, file)), file).Value!;
        var written = format.Write(first);
        var second = format.Read(written, "written.bib");

        Assert.AreEqual(0, second.Diagnostics.Count, string.Join("\n", second.Diagnostics) + "\n" + written);
        Assert.AreEqual(first.Count, second.Value!.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.AreEqual(CslJson.Write(first[i]), CslJson.Write(second.Value[i]), $"{first[i].Id.Text} changed; written as:\n{Entry(written, first[i].Id.Text)}");
            Assert.AreEqual(first[i], second.Value[i]);
        }
    }

    private static string Entry(string written, string key)
    {
        var start = written.IndexOf("{" + key + ",", StringComparison.Ordinal);
        if (start < 0)
        {
            return "(not found)";
        }

        var end = written.IndexOf("\n}\n", start, StringComparison.Ordinal);
        return written[Math.Max(0, written.LastIndexOf('@', start))..(end < 0 ? written.Length : end + 2)];
    }

    [TestMethod]
    public void Write_Article_IsReadableBibLaTeX()
    {
        var item = new CslItemBuilder(CslScalar.FromString("doe2020"), "article-journal")
            .SetNames("author", [CslName.Person("Doe", "Jane"), new CslName { Family = "Gogh", Given = "Vincent", NonDroppingParticle = "van" }, CslName.Institution("Barnes & Noble")])
            .Set("title", CslScalar.FromString("A <i>study</i> of 50% of “things”"))
            .Set("container-title", CslScalar.FromString("Journal of {Things}"))
            .Set("page", CslScalar.FromString("10-20"))
            .SetDate("issued", CslDate.FromParts(2020, 3))
            .Build();

        var text = BibTeXFormat.BibLaTeX.Write([item]);

        Assert.AreEqual("""
            @article{doe2020,
              author = {Doe, Jane and family={Gogh}, given={Vincent}, prefix={van}, useprefix=true and {Barnes \& Noble}},
              title = {A \emph{study} of 50\% of ``things''},
              journaltitle = {Journal of \{Things\}},
              pages = {10-20},
              date = {2020-03},
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [TestMethod]
    public void Write_BibTeXDialect_UsesYearMonthAndClassicTypes()
    {
        var item = new CslItemBuilder(CslScalar.FromString("r1"), "report")
            .Set("title", CslScalar.FromString("T"))
            .Set("publisher", CslScalar.FromString("Agency"))
            .SetDate("issued", CslDate.FromParts(2018, 11, 5))
            .Build();

        var text = BibTeXFormat.BibTeX.Write([item]);

        StringAssert.StartsWith(text, "@techreport{r1,");
        StringAssert.Contains(text, "institution = {Agency}");
        StringAssert.Contains(text, "year = {2018},\n  month = {11},\n  day = {5}");
    }
}
