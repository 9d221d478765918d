using System.Text;
using Citations.Diagnostics;
using Citations.Links.Lookup;

namespace Citations.Links.Tests.Lookup;

[TestClass]
public sealed class DoiTests
{
    [TestMethod]
    [DataRow("10.1038/nature12373")]
    [DataRow("  doi:10.1038/nature12373 ")]
    [DataRow("DOI: 10.1038/nature12373")]
    [DataRow("https://doi.org/10.1038/nature12373")]
    [DataRow("http://dx.doi.org/10.1038/nature12373")]
    [DataRow("https://www.doi.org/10.1038/nature12373?utm=x#top")]
    [DataRow("https://doi.org/10.1038%2Fnature12373")]
    public void TryParse_EveryForm_TheBareDoi(string text)
    {
        Assert.IsTrue(Doi.TryParse(text, out var doi), text);

        Assert.AreEqual("10.1038/nature12373", doi.Text);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("10.1038")]
    [DataRow("10.1038/")]
    [DataRow("11.1038/nature")]
    [DataRow("10.abc/nature")]
    [DataRow("10./nature")]
    [DataRow("10.1038/two words")]
    [DataRow("doi:")]
    [DataRow("https://example.org/10.1038/nature12373")]
    public void TryParse_NotADoi_False(string? text)
    {
        Assert.IsFalse(Doi.TryParse(text, out _), text);
    }

    [TestMethod]
    public void Equals_DifferentCase_SameDoiSameKey()
    {
        var upper = Doi.Parse("10.1002/ANIE.201915678");
        var lower = Doi.Parse("https://doi.org/10.1002/anie.201915678");

        Assert.AreEqual(upper, lower);
        Assert.AreEqual("10.1002/anie.201915678", upper.Key);
        Assert.AreEqual("10.1002/ANIE.201915678", upper.Text, "the spelling is kept");
    }

    [TestMethod]
    public void IsReference_PrefixOrResolverUrl_TrueButNotABareDoi()
    {
        Assert.IsTrue(Doi.IsReference("doi:10.1000/xyz"));
        Assert.IsTrue(Doi.IsReference("https://doi.org/10.1000/xyz"));
        Assert.IsFalse(Doi.IsReference("10.1000/xyz"), "a bare DOI is also a relative path");
        Assert.IsFalse(Doi.IsReference("doi:not-a-doi"));
        Assert.IsFalse(Doi.IsReference("refs.bib"));
    }

    [TestMethod]
    public void ResolverUrl_SpecialCharacters_EscapedSegmentBysegment()
    {
        var doi = Doi.Parse("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0");

        var url = doi.ResolverUrl(new Uri("http://127.0.0.1:5000/resolve"));

        Assert.AreEqual("http://127.0.0.1:5000/resolve/10.1002/%28SICI%291097-4571%28199806%2949%3A8%3C693%3A%3AAID-ASI4%3E3.0.CO%3B2-0", url.AbsoluteUri);
        Assert.IsTrue(Doi.TryParse(url.AbsoluteUri.Replace("http://127.0.0.1:5000/resolve", "https://doi.org", StringComparison.Ordinal), out var back));
        Assert.AreEqual(doi.Text, back.Text, "a resolver URL reads back as the same DOI");
    }

    [TestMethod]
    public void Read_CommentsBlanksAndEveryForm_TheDoisWithTheirLines()
    {
        const string text = "# references of chapter 2\n\n10.1000/a\n  doi:10.1000/b   # the second\nhttps://doi.org/10.1000/c\r\n";

        var read = DoiList.Read(text, "refs.doi");

        Assert.IsEmpty(read.Diagnostics);
        CollectionAssert.AreEqual(new[] { "10.1000/a@3:1", "10.1000/b@4:3", "10.1000/c@5:1" },
            read.Value!.Select(r => $"{r.Doi.Text}@{r.Location.Line}:{r.Location.Column}").ToArray());
        Assert.AreEqual("refs.doi", read.Value![0].Location.File);
    }

    [TestMethod]
    public void Read_LineThatIsNotADoi_ErrorWithLineAndColumnTheOthersRead()
    {
        var read = DoiList.Read("10.1000/a\n   see also 10.1000/b\n10.1000/c\n", "refs.doi");

        CollectionAssert.AreEqual(new[] { "10.1000/a", "10.1000/c" }, read.Value!.Select(r => r.Doi.Text).ToArray());
        var error = read.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual(LinkDiagnosticCodes.NotADoi, error.Code);
        Assert.AreEqual("refs.doi(2,4): error LNK0104: 'see' is not a DOI (10.NNNN/suffix, doi:10.NNNN/suffix or https://doi.org/10.NNNN/suffix); the line was skipped.", error.ToString());
    }

    [TestMethod]
    public void Read_SameDoiInTwoSpellings_WarnedAndReadOnce()
    {
        var read = DoiList.Read("10.1000/ABC\nhttps://doi.org/10.1000/abc\n", "refs.doi");

        Assert.HasCount(1, read.Value!);
        var warning = read.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual("refs.doi(2,1): warning LNK0105: DOI 10.1000/abc is already on line 1; it is read once.", warning.ToString());
    }

    [TestMethod]
    [DataRow("10.1000/a\n10.1000/b\n", true)]
    [DataRow("\uFEFF# mine\ndoi:10.1000/a\n", true)]
    [DataRow("https://doi.org/10.1000/a\n", true)]
    [DataRow("10.1000/a\nhttps://example.org/page\n", false)]
    [DataRow("# only a comment\n\n", false)]
    [DataRow("@article{a, title = {T}}\n", false)]
    [DataRow("TY  - JOUR\nDO  - 10.1000/a\nER  - \n", false)]
    [DataRow("- id: a\n  DOI: 10.1000/a\n", false)]
    public void Sniff_Start_TrueOnlyWhenEveryLineIsADoi(string text, bool expected)
    {
        Assert.AreEqual(expected, DoiList.Sniff(Encoding.UTF8.GetBytes(text)));
    }

    [TestMethod]
    public void Sniff_LongList_LooksAtWholeLinesOfTheFirstBytesOnly()
    {
        var list = string.Concat(Enumerable.Range(0, 1000).Select(i => $"10.1000/item.{i}\n"));
        var bytes = Encoding.UTF8.GetBytes(list + "not a doi\n");

        Assert.IsTrue(DoiList.Sniff(bytes.AsSpan(0, DoiList.SniffLength)), "a line cut at the end of the sniffed bytes is not judged");
        Assert.IsTrue(DoiList.Read(list + "not a doi\n").Diagnostics.Any(d => d.Code == LinkDiagnosticCodes.NotADoi), "the reader still reports it");
    }

    [TestMethod]
    public void HasExtension_DoiFile_True()
    {
        Assert.IsTrue(DoiList.HasExtension("refs/Chapter.DOI"));
        Assert.IsFalse(DoiList.HasExtension("refs.txt"));
    }
}
