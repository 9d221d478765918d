using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Formats.Cff;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Formats.Cff;

[TestClass]
public sealed class CffFormatTests
{
    private static string Corpus(string file) => Path.Combine(RepoPaths.Root, "tests", "Citations.Tests", "Formats", "Cff", "corpus", file);

    [TestMethod]
    public void Read_CitationFile_GivesThePreferredCitationTheSoftwareAndItsReferences()
    {
        var result = ItemFormats.Default.ReadFile(Corpus("CITATION.cff"));

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        var items = result.Value;
        CollectionAssert.AreEqual(
            new[] { "tidewatch-reproducible-tide-gauge-analysis", "tidewatch", "numpy", "tides-and-their-measurement", "gauges-at-sea" },
            items.Select(i => i.Id.Text).ToArray());

        var paper = items[0];
        Assert.AreEqual("article-journal", paper.Type);
        Assert.AreEqual("Journal of Open Ocean Software", paper.GetText("container-title"));
        Assert.AreEqual("101-109", paper.GetText("page"));
        Assert.AreEqual("2023-06", paper.Issued!.ToString());
        Assert.AreEqual("van", paper.Authors[1].NonDroppingParticle);

        var software = items[1];
        Assert.AreEqual("software", software.Type);
        Assert.AreEqual("2.4.1", software.GetText("version"));
        Assert.AreEqual("2023-05-02", software.Issued!.ToString());
        Assert.AreEqual("10.5555/zenodo.0000001", software.Doi);
        Assert.AreEqual("https://code.example.org/tidewatch", software.Url);
        Assert.AreEqual("Coastal Survey Office", software.Authors[2].Literal);
        Assert.AreEqual("tides, oceanography", software.GetText("keyword"));
        Assert.AreEqual("MIT", software.GetText("license"));

        Assert.AreEqual("The NumPy community", items[2].Authors.Single().Literal);
        Assert.AreEqual("1.26", items[2].GetText("version"));
        Assert.AreEqual("Harbour Press", items[3].GetText("publisher"));
        Assert.AreEqual("Boston", items[3].GetText("publisher-place"));
        Assert.AreEqual("Jr.", items[3].Authors.Single().Suffix);
        Assert.AreEqual("paper-conference", items[4].Type);
        Assert.AreEqual("Ocean Data Meeting", items[4].GetText("event"));
        Assert.AreEqual("10.5555/odm.2019.12", items[4].Doi, "a DOI among the identifiers");
    }

    [TestMethod]
    public void Read_MinimalFile_IsOneSoftwareItem()
    {
        var result = CffFormat.Instance.Read(File.ReadAllBytes(Corpus("minimal.cff")), "minimal.cff");

        Assert.IsTrue(result.Success);
        var item = result.Value.Single();
        Assert.AreEqual("tiny", item.Id.Text);
        Assert.AreEqual("software", item.Type);
        Assert.AreEqual(CslName.Person("Dev", "Solo"), item.Authors.Single());
    }

    [TestMethod]
    public void Read_Problems_AreReportedWithLines()
    {
        var result = CffFormat.Instance.Read(File.ReadAllBytes(Corpus("problems.cff")), "problems.cff");

        Assert.AreEqual("Missing the required keys", result.Value!.Single().Title);
        var found = result.Diagnostics.Select(d => (d.Code, d.Severity, d.Location.Line)).OrderBy(d => d.Line).ThenBy(d => d.Code, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                (DiagnosticCodes.CffMissingKey, DiagnosticSeverity.Warning, 1),
                (DiagnosticCodes.CffMissingKey, DiagnosticSeverity.Warning, 1),
                (DiagnosticCodes.CffMissingKey, DiagnosticSeverity.Warning, 1),
                (DiagnosticCodes.CffInvalidValue, DiagnosticSeverity.Warning, 2),
                (DiagnosticCodes.CffInvalidValue, DiagnosticSeverity.Warning, 3),
                (DiagnosticCodes.CffMissingKey, DiagnosticSeverity.Error, 5),
                (DiagnosticCodes.CffInvalidValue, DiagnosticSeverity.Warning, 8),
            },
            found,
            string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void Read_NotAMapping_IsFatal()
    {
        var result = CffFormat.Instance.Read("- a\n- b\n", "list.cff");

        Assert.IsNull(result.Value);
        Assert.AreEqual(DiagnosticSeverity.Fatal, result.Diagnostics.Single().Severity);
    }
}
