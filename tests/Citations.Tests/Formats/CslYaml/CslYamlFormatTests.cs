using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats.CslYaml;
using Citations.Serialization;
using Citations.Tests.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Formats.CslYaml;

[TestClass]
public sealed class CslYamlFormatTests
{
    private static string Corpus(string file) => Path.Combine(RepoPaths.Root, "tests", "Citations.Tests", "Formats", "CslYaml", "corpus", file);

    private static ParseResult<IReadOnlyList<CslItem>> ReadCorpus(string file) => CslYamlFormat.Instance.Read(File.ReadAllBytes(Corpus(file)), file);

    [TestMethod]
    public void Read_PandocStyleReferences_AreTheSameItemsAsCslJson()
    {
        var result = ReadCorpus("references.yaml");

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        var items = result.Value.ToDictionary(i => i.Id.Text);
        Assert.AreEqual(6, items.Count);
        var article = items["okafor2019"];
        Assert.AreEqual("Okafor", article.Authors[0].Family);
        Assert.AreEqual("2019-03", article.Issued!.ToString());
        Assert.AreEqual(new CslScalar("41", CslScalarKind.Number), article.Variables["volume"], "a plain number is a number");
        Assert.AreEqual(new CslScalar("3", CslScalarKind.String), article.Variables["issue"], "a quoted number is a string");
        Assert.AreEqual("2015", items["ferreira2015"].Issued!.ToString(), "a bare year is an EDTF date");
        Assert.AreEqual("van", items["beethoven1801"].GetNames("composer")![0].DroppingParticle);
        Assert.AreEqual("A note written as a literal block,\nover two lines.\n", items["beethoven1801"].GetText("note"));
        Assert.AreEqual(CslScalarKind.Number, items["2020"].Id.Kind);
        Assert.AreEqual("1998-05/1999-02", items["oldstyle"].Issued!.ToString(), "pandoc-citeproc's year/month lists are date-parts");
        Assert.AreEqual(items["anchored"].GetNames("editor")![0], items["anchored"].GetNames("container-author")![0], "an alias is its anchor's value");
    }

    [TestMethod]
    public void Read_MarkdownFrontMatter_GivesItsReferences()
    {
        var result = ReadCorpus("article.md");

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        CollectionAssert.AreEqual(new[] { "mwangi2017", "li2018" }, result.Value.Select(i => i.Id.Text).ToArray());
        Assert.AreEqual("TR-2018-07", result.Value[1].GetText("number"));
    }

    [TestMethod]
    public void Read_BareList_IsRead()
    {
        var result = ReadCorpus("list.yml");

        Assert.IsTrue(result.Success);
        Assert.AreEqual("World Health Organization", result.Value[1].Authors.Single().Literal);
    }

    [TestMethod]
    public void Read_Problems_HaveTheCslJsonCodesAndYamlLines()
    {
        var result = ReadCorpus("problems.yaml");

        CollectionAssert.AreEqual(new[] { "good", "wrongtype", "unknowntype" }, result.Value!.Select(i => i.Id.Text).ToArray());
        var found = result.Diagnostics.Select(d => (d.Code, d.Severity, d.Location.Line)).OrderBy(d => d.Line).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                (DiagnosticCodes.MissingId, DiagnosticSeverity.Error, 5),
                (DiagnosticCodes.WrongType, DiagnosticSeverity.Error, 9),
                (DiagnosticCodes.DuplicateId, DiagnosticSeverity.Error, 11),
                (DiagnosticCodes.UnknownItemType, DiagnosticSeverity.Warning, 15),
                (DiagnosticCodes.DuplicateProperty, DiagnosticSeverity.Warning, 17),
            },
            found,
            string.Join("\n", result.Diagnostics));
        Assert.AreEqual("problems.yaml", result.Diagnostics[0].Location.File);
        StringAssert.StartsWith(result.Diagnostics.Single(d => d.Code == DiagnosticCodes.WrongType).Location.Path, "references[2].author");
    }

    [TestMethod]
    public void Read_InvalidYaml_IsFatalWithItsLine()
    {
        var result = CslYamlFormat.Instance.Read("references:\n- id: a\n  title: [unclosed\n", "bad.yaml");

        Assert.IsNull(result.Value);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.InvalidYaml, problem.Code);
        Assert.AreEqual(DiagnosticSeverity.Fatal, problem.Severity);
        Assert.IsTrue(problem.Location.Line >= 3, problem.ToString());
    }

    [TestMethod]
    public void Read_AliasBomb_IsRefused()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        text.Append("references:\n- id: bomb\n  type: book\n  note: *a9\n");

        var result = CslYamlFormat.Instance.Read(text.ToString(), "bomb.yaml");

        Assert.IsNull(result.Value);
        Assert.AreEqual(DiagnosticCodes.InvalidYaml, result.Diagnostics.Single().Code);
        StringAssert.Contains(result.Diagnostics.Single().Message, "aliases");
    }

    [TestMethod]
    public void Read_MarkdownWithoutFrontMatter_HasNoReferences()
    {
        var result = CslYamlFormat.Instance.Read("# Title\n\nText.\n", "notes.md", markdown: true);

        Assert.IsNull(result.Value);
        Assert.AreEqual(DiagnosticCodes.NoReferences, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Write_Items_IsPandocStyleCslYaml()
    {
        var item = new CslItemBuilder(CslScalar.FromString("k"), "book")
            .Set("title", CslScalar.FromString("12"))
            .Set("volume", CslScalar.FromNumber(3))
            .SetDate("issued", CslDate.FromParts(2001, 2))
            .Build();

        var yaml = CslYamlFormat.Instance.Write([item]);

        Assert.AreEqual("---\nreferences:\n- id: k\n  type: book\n  issued:\n    date-parts: [[2001, 2]]\n  title: '12'\n  volume: 3\n...\n", yaml);
    }

    [TestMethod]
    [DataRow(20250101)]
    [DataRow(7)]
    public void WriteRead_GeneratedCslJsonOfEveryTypeAndVariable_SameItems(int seed)
    {
        // CSL-YAML written from any CSL-JSON is the same items, so it renders identically.
        var schemaPath = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "schema", "csl-data.json"));
        using var schema = JsonDocument.Parse(File.ReadAllText(schemaPath));
        var generator = new CslItemGenerator(seed, schema.RootElement);
        var array = new JsonArray();
        for (var i = 0; i < 2000; i++)
        {
            array.Add(generator.Item(i));
        }

        var items = CslJson.Read(array.ToJsonString(), "generated.json").Value!;
        var yaml = CslYamlFormat.Instance.Write(items);
        var back = CslYamlFormat.Instance.Read(yaml, "generated.yaml");

        Assert.IsFalse(back.Diagnostics.Any(d => d.IsError), string.Join("\n", back.Diagnostics.Take(5)));
        Assert.AreEqual(items.Count, back.Value!.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.AreEqual(CslJson.Write(items[i]), CslJson.Write(back.Value[i]), $"item {i}");
        }
    }

    [TestMethod]
    public void WriteRead_SampleArticleSources_SameItems()
    {
        var items = CslJson.ReadFile(Path.Combine(RepoPaths.Seeds, "sources.csl.json")).Value!;

        var back = CslYamlFormat.Instance.Read(CslYamlFormat.Instance.Write(items), "sources.yaml").Value!;

        CollectionAssert.AreEqual(items.ToList(), back.ToList());
    }
}
