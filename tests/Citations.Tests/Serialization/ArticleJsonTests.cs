using System.Text.Json;
using Citations.Diagnostics;
using Citations.Model;
using Citations.Serialization;
using Citations.Tests.TestSupport;
using Citations.Validation;

namespace Citations.Tests.Serialization;

[TestClass]
public sealed class ArticleJsonTests
{
    private const string Minimal = """
        {
          "formatVersion": 1,
          "metadata": {"id": "a", "type": "article"},
          "claims": [
            {"id": "c1", "kind": "factual", "text": "t", "anchor": {"paragraph": 1, "selector": {"exact": "x"}},
             "evidence": [{"source": "s1", "relation": "citesAsEvidence"}]}
          ],
          "sources": [{"class": "news", "item": {"id": "s1", "type": "article-newspaper"}}]
        }
        """;

    [TestMethod]
    public void Write_ThenRead_GivesAnEqualArticle()
    {
        var article = SampleArticles.Rich();

        var json = ArticleJson.Write(article);
        var result = ArticleJson.Read(json, "rich.json");

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(article, result.Value);
        Assert.AreEqual(json, ArticleJson.Write(result.Value), "writing is deterministic");
    }

    [TestMethod]
    public void Write_DefaultsAndSchema_LeavesOutDefaultOriginAndAddsSchema()
    {
        var json = ArticleJson.Write(SampleArticles.Rich(), new ArticleWriteOptions { SchemaReference = "../schemas/article.schema.json", Indented = false });
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.AreEqual("../schemas/article.schema.json", root.GetProperty("$schema").GetString());
        Assert.AreEqual(1, root.GetProperty("formatVersion").GetInt32());
        Assert.IsFalse(root.GetProperty("claims")[0].GetProperty("evidence")[0].TryGetProperty("origin", out _));
        Assert.AreEqual("reviewer", root.GetProperty("claims")[1].GetProperty("evidence")[0].GetProperty("origin").GetString());
        Assert.DoesNotContain("\n", json);
    }

    [TestMethod]
    public void Write_UnreviewedClaimAndSource_WritesReviewedFalseOnlyThereAndReadsItBack()
    {
        var rich = SampleArticles.Rich();
        var article = rich with
        {
            Claims = [rich.Claims[0] with { Reviewed = false }, .. rich.Claims.Skip(1)],
            Sources = [rich.Sources[0] with { Reviewed = false }, .. rich.Sources.Skip(1)],
        };

        var json = ArticleJson.Write(article);
        using var document = JsonDocument.Parse(json);
        var read = ArticleJson.Read(json, "unreviewed.json");

        Assert.IsFalse(document.RootElement.GetProperty("claims")[0].GetProperty("reviewed").GetBoolean());
        Assert.IsFalse(document.RootElement.GetProperty("claims")[1].TryGetProperty("reviewed", out _));
        Assert.IsFalse(document.RootElement.GetProperty("sources")[0].GetProperty("reviewed").GetBoolean());
        Assert.IsFalse(document.RootElement.GetProperty("sources")[1].TryGetProperty("reviewed", out _));
        Assert.IsTrue(read.Success, string.Join("\n", read.Diagnostics));
        Assert.AreEqual(article, read.Value);
        Assert.IsFalse(read.Value.Claims[0].Reviewed);
        Assert.IsTrue(read.Value.Claims[1].Reviewed);
    }

    [TestMethod]
    public void Read_ReviewedNotABoolean_WrongTypeWithPath()
    {
        var json = Minimal.Replace("\"text\": \"t\",", "\"text\": \"t\", \"reviewed\": \"no\",");

        var result = ArticleJson.Read(json, "reviewed.json");

        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.WrongType, error.Code);
        Assert.AreEqual("$.claims[0].reviewed", error.Location.Path);
    }

    [TestMethod]
    public void Read_MinimalFile_Succeeds()
    {
        var result = ArticleJson.Read(Minimal, "min.json");

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(0, result.Diagnostics.Count);
        Assert.AreEqual(ClaimWording.Paraphrase, result.Value.Claims[0].Wording);
        Assert.AreEqual(SourceClass.News, result.Value.Sources[0].Class);
    }

    [TestMethod]
    public void Read_CommentsTrailingCommasAndByteOrderMark_Accepted()
    {
        var json = "\uFEFF" + Minimal.Replace("\"formatVersion\": 1,", "// the format\n  \"formatVersion\": 1,").Replace("\"type\": \"article\"}", "\"type\": \"article\",}");

        var result = ArticleJson.Read(json);

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void Read_SyntaxError_ReportsFileLineAndCharacterColumn()
    {
        // Non-ASCII characters before the error: the column must count characters, not UTF-8 bytes.
        const string json = "{\n  \"metadata\": {\"id\": \"a\", \"type\": \"article\", \"title\": \"Ünïcödé\" \"x\": 1}\n}";

        var result = ArticleJson.Read(json, "broken.json");

        Assert.IsNull(result.Value);
        var d = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.InvalidJson, d.Code);
        Assert.AreEqual("broken.json", d.Location.File);
        Assert.AreEqual(2, d.Location.Line);
        Assert.AreEqual(json.Split('\n')[1].IndexOf("\"x\"", StringComparison.Ordinal) + 1, d.Location.Column);
        Assert.StartsWith("broken.json(2,", d.ToString());
    }

    [TestMethod]
    public void Read_EveryWrongTypeInOnePass_AllReportedWithPathAndPosition()
    {
        const string json = """
            {
              "metadata": {"id": "a", "type": "article"},
              "claims": [
                {"id": 7, "kind": "factual", "text": "t", "anchor": {"paragraph": "2", "selector": {"exact": "x"}}},
                {"id": "c2", "kind": "factual", "text": "t", "anchor": {"paragraph": 1.5, "selector": "x"}, "evidence": {}}
              ],
              "sources": "none"
            }
            """;

        var result = ArticleJson.Read(json, "types.json");

        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        CollectionAssert.AreEqual(
            new[] { "$.claims[0].id", "$.claims[0].anchor.paragraph", "$.claims[1].anchor.paragraph", "$.claims[1].anchor.selector", "$.claims[1].evidence", "$.sources" },
            errors.Select(d => d.Location.Path).ToArray());
        Assert.IsTrue(errors.All(d => d.Code == DiagnosticCodes.WrongType));
        Assert.AreEqual(At("types.json", "$.claims[0].id", json, "7, \"kind\""), errors[0].Location);
        Assert.AreEqual(At("types.json", "$.sources", json, "\"none\""), errors[^1].Location);
        Assert.AreEqual(0, result.Value!.Claims.Count, "both claims are incomplete and skipped");
    }

    [TestMethod]
    public void Read_MissingValues_EachReportedWhereItBelongs()
    {
        const string json = """
            {
              "claims": [
                {"kind": "factual", "text": "t", "anchor": {"selector": {}}},
                {"id": "c", "text": "t", "anchor": {"paragraph": 0, "selector": {"exact": " "}}, "evidence": [{"relation": "citesAsEvidence"}, null]}
              ],
              "sources": [{"class": "news"}, {"item": {"type": "book"}}, null]
            }
            """;

        var result = ArticleJson.Read(json, "missing.json");

        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => (d.Code, d.Location.Path)).ToList();
        CollectionAssert.AreEquivalent(
            new[]
            {
                (DiagnosticCodes.MissingProperty, "$.metadata"),
                (DiagnosticCodes.MissingProperty, "$.claims[0].id"),
                (DiagnosticCodes.MissingProperty, "$.claims[0].anchor.paragraph"),
                (DiagnosticCodes.MissingProperty, "$.claims[0].anchor.selector.exact"),
                (DiagnosticCodes.MissingProperty, "$.claims[1].kind"),
                (DiagnosticCodes.InvalidValue, "$.claims[1].anchor.paragraph"),
                (DiagnosticCodes.InvalidValue, "$.claims[1].anchor.selector.exact"),
                (DiagnosticCodes.MissingProperty, "$.claims[1].evidence[0].source"),
                (DiagnosticCodes.WrongType, "$.claims[1].evidence[1]"),
                (DiagnosticCodes.MissingProperty, "$.sources[0].item"),
                (DiagnosticCodes.MissingId, "$.sources[1].item"),
                (DiagnosticCodes.WrongType, "$.sources[2]"),
            },
            errors);
        Assert.IsNull(result.Value, "without metadata there is no article");
        Assert.IsTrue(result.Diagnostics.All(d => d.Location is { File: "missing.json", Line: > 0, Column: > 0 }));
    }

    [TestMethod]
    public void Read_UnknownNames_MessageListsTheKnownOnes()
    {
        var json = Minimal.Replace("\"factual\"", "\"fact\"").Replace("\"news\"", "\"blog\"").Replace("citesAsEvidence", "cites");

        var result = ArticleJson.Read(json, "names.json");

        var unknown = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnknownName).ToList();
        CollectionAssert.AreEqual(new[] { "$.claims[0].kind", "$.claims[0].evidence[0].relation", "$.sources[0].class" }, unknown.Select(d => d.Location.Path).ToArray());
        Assert.Contains("'statistic', 'factual', 'attribution' or 'opinion'", unknown[0].Message);
        Assert.Contains("'includesQuotationFrom'", unknown[1].Message);
        Assert.Contains("'advocacyOrThinkTank'", unknown[2].Message);
    }

    [TestMethod]
    public void Read_UnknownProperty_WarnsAndSuggestsTheRightSpelling()
    {
        var json = Minimal.Replace("\"evidence\":", "\"Evidence\":");

        var result = ArticleJson.Read(json, "typo.json");

        var warning = result.Diagnostics.Single(d => d.Code == DiagnosticCodes.UnknownProperty);
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual("$.claims[0].Evidence", warning.Location.Path);
        Assert.Contains("Did you mean 'evidence'?", warning.Message);
        Assert.IsTrue(result.Success, "an unknown property is ignored, not fatal");
        Assert.AreEqual(0, result.Value.Claims[0].Evidence.Count);
    }

    [TestMethod]
    public void Read_DanglingReferences_ReportedAtTheIdWithLineAndColumn()
    {
        var json = Minimal.Replace("\"source\": \"s1\"", "\"source\": \"s9\"").Replace("\"class\": \"news\",", "\"class\": \"news\", \"reliesOn\": [\"ghost\"],");

        var result = ArticleJson.Read(json, "dangling.json");

        Assert.IsFalse(result.Success);
        var evidence = result.Diagnostics.Single(d => d.Code == ValidationCodes.UnknownEvidenceSource);
        Assert.AreEqual(At("dangling.json", "$.claims[0].evidence[0].source", json, "\"s9\""), evidence.Location);
        var dependency = result.Diagnostics.Single(d => d.Code == ValidationCodes.UnknownDependency);
        Assert.AreEqual(At("dangling.json", "$.sources[0].reliesOn[0]", json, "\"ghost\""), dependency.Location);
    }

    [TestMethod]
    public void Read_ClaimSkipped_LaterFindingsStillPointAtTheRightClaim()
    {
        // The first claim is dropped (no text); the validator's finding for the second must name $.claims[1], not [0].
        var json = Minimal.Replace("\"claims\": [", """
            "claims": [
                {"id": "broken", "kind": "factual", "anchor": {"paragraph": 1, "selector": {"exact": "x"}}},
            """).Replace("\"source\": \"s1\"", "\"source\": \"nope\"");

        var result = ArticleJson.Read(json);

        Assert.AreEqual("$.claims[1].evidence[0].source", result.Diagnostics.Single(d => d.Code == ValidationCodes.UnknownEvidenceSource).Location.Path);
    }

    [TestMethod]
    public void Read_ErrorInsideEmbeddedCslItem_ReportedWithTheItemsPath()
    {
        var json = Minimal.Replace("{\"id\": \"s1\", \"type\": \"article-newspaper\"}", "{\"id\": \"s1\", \"type\": \"article-newspaper\", \"author\": \"Smith\", \"issued\": \"sometime\"}");

        var result = ArticleJson.Read(json, "csl.json");

        var error = result.Diagnostics.Single(d => d.IsError && d.Location.Path == "$.sources[0].item.author");
        Assert.AreEqual(DiagnosticCodes.WrongType, error.Code);
        Assert.AreEqual(At("csl.json", "$.sources[0].item.author", json, "\"Smith\""), error.Location);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == DiagnosticCodes.UnparsedDate && d.Location.Path == "$.sources[0].item.issued"));
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == ValidationCodes.UnknownEvidenceSource), "the source is skipped, so its citation dangles");
    }

    [TestMethod]
    [DataRow("", DiagnosticCodes.InvalidJson, "$")]
    [DataRow(" // only a comment\n", DiagnosticCodes.InvalidJson, null)]
    [DataRow("{\"metadata\": {\"id\": \"a\", \"type\": \"article\"}} {}", DiagnosticCodes.InvalidJson, null)]
    [DataRow("[]", DiagnosticCodes.WrongType, "$")]
    [DataRow("null", DiagnosticCodes.NotAnObject, "$")]
    [DataRow("{\"metadata\": {\"id\": \"a\", \"type\": \"article\"}, \"formatVersion\": 2}", DiagnosticCodes.UnsupportedVersion, "$.formatVersion")]
    [DataRow("{\"metadata\": {\"id\": \"a\", \"type\": \"article\"}, \"claims\": [], \"claims\": []}", DiagnosticCodes.DuplicateProperty, "$.claims")]
    [DataRow("{\"metadata\": \"a\"}", DiagnosticCodes.WrongType, "$.metadata")]
    [DataRow("{\"metadata\": {\"type\": \"article\"}}", DiagnosticCodes.MissingId, "$.metadata")]
    [DataRow("{\"metadata\": {\"id\": \"a\", \"type\": \"article\"}, \"sources\": [{\"item\": {\"id\": \"s\", \"type\": \"book\"}, \"reliesOn\": [\"\"]}]}", DiagnosticCodes.InvalidValue, "$.sources[0].reliesOn[0]")]
    [DataRow("{\"metadata\": {\"id\": \"a\", \"type\": \"article\"}, \"claims\": [{\"id\": \"c\", \"kind\": \"opinion\", \"text\": \"t\", \"anchor\": {\"paragraph\": 99999999999, \"selector\": {\"exact\": \"x\"}}}]}", DiagnosticCodes.WrongType, "$.claims[0].anchor.paragraph")]
    public void Read_MalformedInput_FirstErrorHasCodePathAndPosition(string json, string code, string? path)
    {
        var result = ArticleJson.Read(json, "bad.json");

        Assert.IsFalse(result.Success);
        var error = result.Diagnostics.First(d => d.IsError);
        Assert.AreEqual(code, error.Code, error.ToString());
        Assert.AreEqual(path, error.Location.Path);
        Assert.AreEqual("bad.json", error.Location.File);
        Assert.IsGreaterThan(0, error.Location.Line);
        Assert.IsGreaterThan(0, error.Location.Column);
    }

    [TestMethod]
    public void ReadFile_MissingFile_GivesUnreadableFileDiagnostic()
    {
        var path = Path.Combine(Path.GetTempPath(), "citations-no-such-file-" + Guid.NewGuid().ToString("N") + ".json");

        var result = ArticleJson.ReadFile(path);

        Assert.AreEqual(DiagnosticCodes.UnreadableFile, result.Diagnostics.Single().Code);
        Assert.AreEqual(path, result.Diagnostics[0].Location.File);
    }

    [TestMethod]
    public async Task ReadFileAsync_WrittenFile_RoundTrips()
    {
        var path = Path.Combine(Path.GetTempPath(), "citations-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await File.WriteAllTextAsync(path, ArticleJson.Write(SampleArticles.Rich()), TestContext.CancellationToken);

            var result = await ArticleJson.ReadFileAsync(path, cancellationToken: TestContext.CancellationToken);

            Assert.AreEqual(SampleArticles.Rich(), result.GetValueOrThrow());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void GetValueOrThrow_InvalidFile_ThrowsWithEveryError()
    {
        var result = ArticleJson.Read("{\"claims\": 1}", "x.json");

        var e = Assert.ThrowsExactly<CitationsParseException>(() => result.GetValueOrThrow());
        Assert.AreEqual(2, e.Diagnostics.Count);
        Assert.StartsWith("x.json(1,", e.Message);
    }

    [TestMethod]
    public void Read_WithTextOption_ChecksAnchors()
    {
        var json = ArticleJson.Write(SampleArticles.Rich());

        var withText = ArticleJson.Read(json, options: new ArticleReadOptions { Text = SampleArticles.RichText() });
        var wrongText = ArticleJson.Read(json, "rich.json", new ArticleReadOptions { Text = ArticleText.Parse("Nothing here.") });
        var unchecked_ = ArticleJson.Read(json, options: new ArticleReadOptions { Validate = false, Text = ArticleText.Parse("Nothing here.") });

        Assert.AreEqual(0, withText.Diagnostics.Count, string.Join("\n", withText.Diagnostics));
        var noParagraph = wrongText.Diagnostics.First(d => d.Code == ValidationCodes.NoSuchParagraph);
        Assert.AreEqual("$.claims[1].anchor.paragraph", noParagraph.Location.Path);
        Assert.IsGreaterThan(0, noParagraph.Location.Line);
        Assert.AreEqual(0, unchecked_.Diagnostics.Count);
    }

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The location of the first occurrence of <paramref name="needle"/> in <paramref name="json"/>, 1-based.</summary>
    internal static SourceLocation At(string file, string path, string json, string needle)
    {
        var offset = json.IndexOf(needle, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, offset, needle);
        var before = json[..offset];
        var line = before.Count(c => c == '\n') + 1;
        var column = offset - (before.LastIndexOf('\n') + 1) + 1;
        return new SourceLocation(file, path, line, column);
    }
}
