using System.Text;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Serialization;

namespace Citations.Tests.Formats;

[TestClass]
public sealed class ItemFormatsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void FindReader_JsonExtension_IsCslJson()
        => Assert.AreSame(CslJsonFormat.Instance, ItemFormats.Default.FindReader("refs.JSON", "garbage"u8));

    [TestMethod]
    public void FindReader_NoExtension_SniffsTheContent()
    {
        Assert.AreSame(CslJsonFormat.Instance, ItemFormats.Default.FindReader("refs", "\uFEFF  [ {\"id\":1}]"u8));
        Assert.AreSame(Citations.Formats.Ris.RisFormat.Instance, ItemFormats.Default.FindReader("refs", "TY  - JOUR"u8));
        Assert.AreSame(Citations.Formats.BibTeX.BibTeXFormat.BibLaTeX, ItemFormats.Default.FindReader("refs", "% exported\n@article{x,"u8));
        Assert.AreSame(Citations.Formats.Cff.CffFormat.Instance, ItemFormats.Default.FindReader("refs", "# comment\ncff-version: 1.2.0"u8));
        Assert.IsNull(ItemFormats.Default.FindReader("refs", "just some text"u8));
    }

    [TestMethod]
    public void Read_UnknownFormat_IsFatalNamingTheFile()
    {
        var result = ItemFormats.Default.Read("just some text"u8.ToArray(), "refs.xyz");

        Assert.IsTrue(result.Stopped);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Fatal, problem.Severity);
        Assert.AreEqual(DiagnosticCodes.UnknownFormat, problem.Code);
        Assert.AreEqual("refs.xyz", problem.Location.File);
    }

    [TestMethod]
    public void ReadFile_OverTheCap_IsFatalAndReadsNothing()
    {
        var path = Path.Combine(TestContext.TestRunDirectory!, $"big-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "[" + string.Join(",", Enumerable.Repeat("{\"id\":\"a\",\"type\":\"book\"}", 100)) + "]");

        var result = ItemFormats.Default.ReadFile(path, maxBytes: 1000);

        Assert.IsNull(result.Value);
        Assert.AreEqual(DiagnosticCodes.FileTooLarge, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void ReadFile_Device_StopsAtTheCapWhileReading()
    {
        if (!File.Exists("/dev/zero"))
        {
            Assert.Inconclusive("No /dev/zero on this system.");
        }

        var result = ItemFormats.Default.ReadFile("/dev/zero", maxBytes: 1 << 20);

        Assert.IsNull(result.Value);
        Assert.AreEqual(DiagnosticCodes.FileTooLarge, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void ReadFile_Missing_IsFatalUnreadable()
    {
        var result = ItemFormats.Default.ReadFile("/nonexistent/refs.json");

        Assert.IsTrue(result.Stopped);
        Assert.AreEqual(DiagnosticCodes.UnreadableFile, result.Diagnostics.Single().Code);
        Assert.AreEqual(DiagnosticSeverity.Fatal, result.Diagnostics.Single().Severity);
    }

    [TestMethod]
    public void Read_SyntaxErrorAfterItems_KeepsThemAndStops()
    {
        var result = ItemFormats.Default.Read(Encoding.UTF8.GetBytes("[{\"id\":\"a\",\"type\":\"book\"}, {\"id\": ]"), "refs.json");

        Assert.AreEqual(1, result.Value!.Count);
        Assert.IsTrue(result.Stopped);
        Assert.AreEqual(DiagnosticCodes.InvalidJson, result.Diagnostics.Single(d => d.IsError).Code);
    }

    [TestMethod]
    public void Writer_CslJson_RoundTrips()
    {
        var item = new CslItemBuilder("x", CslItemTypes.Book).Set(CslVariables.Title, "T").Build();
        var writer = ItemFormats.Default.FindWriter("CSLJSON")!;

        var back = ItemFormats.Default.Read(Encoding.UTF8.GetBytes(writer.Write([item])), "x" + writer.Extension);

        Assert.AreEqual(item, back.Value!.Single());
    }
}
