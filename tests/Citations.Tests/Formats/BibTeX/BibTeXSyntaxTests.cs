using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Tests.Formats.BibTeX;

[TestClass]
public sealed class BibTeXSyntaxTests
{
    [TestMethod]
    public void Read_StringMacrosAndConcatenation_AreExpanded()
    {
        var item = BibText.One("""
            @string{ j = "Journal of " # {Things} }
            @string{ place = "Oslo" }
            @article{k, journal = j # " and " # "Stuff", address = place, title = {T}}
            """);

        Assert.AreEqual("Journal of Things and Stuff", item.GetText("container-title"));
        Assert.AreEqual("Oslo", item.GetText("publisher-place"));
    }

    [TestMethod]
    public void Read_MonthMacros_AreMonths()
    {
        var item = BibText.One("@article{k, title = {T}, year = 2001, month = oct}");

        Assert.AreEqual("2001-10", BibText.Parts(item.Issued));
    }

    [TestMethod]
    public void Read_MonthInCapitalsOrBraces_IsRead()
    {
        // Macro names are case-insensitive in BibTeX; pandoc loses both of these months.
        Assert.AreEqual("2001-9", BibText.Parts(BibText.One("@misc{k, title = {T}, year = 2001, month = SEP}").Issued));
        Assert.AreEqual("2001-6", BibText.Parts(BibText.One("@misc{k, title = {T}, year = 2001, month = {{JUN}}}").Issued));
    }

    [TestMethod]
    public void Read_PreambleCommentAndFreeText_AreIgnored()
    {
        var result = BibText.Read("""
            Free text with an e-mail: someone@example.org
            @preamble{ "\newcommand{\x}{y}" }
            @comment{ @article{hidden, title = {No}} }
            @comment this line is a comment too
            @book{seen, title = {Yes}}
            """);

        Assert.IsFalse(result.Diagnostics.Any(d => d.IsError), string.Join("\n", result.Diagnostics));
        Assert.AreEqual("seen", result.Value!.Single().Id.Text);
    }

    [TestMethod]
    public void Read_ParenthesisDelimiters_AreAnEntryToo()
    {
        var item = BibText.One("@book(k, title = {Round Brackets}, year = 1999)");

        Assert.AreEqual("Round brackets", item.Title);
    }

    [TestMethod]
    public void Read_UnclosedEntry_ReportsWhereAndKeepsTheOtherEntries()
    {
        var result = BibText.Read("""
            @book{first, title = {One}}
            @book{broken, title = {Two, year = 2001}
            @book{third, title = {Three}}
            """);

        CollectionAssert.AreEqual(new[] { "first", "third" }, result.Value!.Select(i => i.Id.Text).ToArray());
        var problem = result.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.BibUnbalanced, problem.Code);
        Assert.AreEqual(DiagnosticSeverity.Error, problem.Severity);
        Assert.AreEqual("test.bib", problem.Location.File);
        Assert.AreEqual((2, 1), (problem.Location.Line, problem.Location.Column), "the entry that is never closed");
    }

    [TestMethod]
    public void Read_UnclosedBrace_ReportsTheBraceAndKeepsTheOtherEntries()
    {
        var result = BibText.Read("@book{first, title = {One}}\n@book{broken, title = {Two, year = 2001,\n@book{third, title = {Three}}");

        CollectionAssert.AreEqual(new[] { "first", "third" }, result.Value!.Select(i => i.Id.Text).ToArray());
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.BibUnbalanced, problem.Code);
        Assert.AreEqual((2, 23), (problem.Location.Line, problem.Location.Column), "the brace that is never closed");
    }

    [TestMethod]
    public void Read_UnknownMacro_IsAnErrorAtTheMacro()
    {
        var result = BibText.Read("@article{k, title = {T}, journal = jnl}");

        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.BibUnknownMacro, problem.Code);
        Assert.AreEqual((1, 36), (problem.Location.Line, problem.Location.Column));
        Assert.IsNull(result.Value!.Single().GetText("container-title"), "an unknown macro reads as empty text");
    }

    [TestMethod]
    public void Read_DuplicateKey_SecondIsSkippedWithAnError()
    {
        var result = BibText.Read("@book{k, title = {One}}\n@book{k, title = {Two}}");

        Assert.AreEqual("One", result.Value!.Single().Title);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.BibDuplicateKey, problem.Code);
        Assert.AreEqual(2, problem.Location.Line);
        StringAssert.Contains(problem.Message, "line 1");
    }

    [TestMethod]
    public void Read_FieldOutsideAnEntry_IsAnError()
    {
        var result = BibText.Read("@book{k, title = {One}},\n  author = {Doe, Jane}}\n@book{m, title = {Two}}");

        Assert.AreEqual(2, result.Value!.Count);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.BibFieldOutsideEntry, problem.Code);
        Assert.AreEqual((2, 3), (problem.Location.Line, problem.Location.Column));
    }

    [TestMethod]
    public void Read_MissingComma_SkipsThatEntryOnly()
    {
        var result = BibText.Read("@book{a, title = {A}}\n@book{b, title = {B} year = 2000}\n@book{c, title = {C}}");

        CollectionAssert.AreEqual(new[] { "a", "c" }, result.Value!.Select(i => i.Id.Text).ToArray());
        Assert.AreEqual(DiagnosticCodes.BibSyntax, result.Diagnostics.Single().Code);
        Assert.AreEqual(2, result.Diagnostics.Single().Location.Line);
    }

    [TestMethod]
    public void Read_MissingKey_IsAnError()
    {
        var result = BibText.Read("@book{title = {A}}\n@book{b, title = {B}}");

        Assert.AreEqual("b", result.Value!.Single().Id.Text);
        Assert.AreEqual(DiagnosticCodes.BibMissingKey, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Read_DuplicateField_WarnsAndKeepsTheFirst()
    {
        var result = BibText.Read("@book{k, title = {First}, title = {Second}}");

        Assert.AreEqual("First", result.Value!.Single().Title);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.BibDuplicateField, problem.Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, problem.Severity);
    }

    [TestMethod]
    public void Read_QuotedValues_KeepBracesAndEscapedQuotes()
    {
        var item = BibText.One("@book{k, langid = {french}, title = \"A {\"}quoted{\"} word and Schr\\\"odinger\"}");

        Assert.AreEqual("A \"quoted\" word and Schrödinger", item.Title);
    }

    [TestMethod]
    public void Read_NotUtf8_WarnsAndReadsAsLatin1()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("@book{k, title = {Caf\u00e9}}");

        var result = Citations.Formats.BibTeX.BibTeXFormat.BibLaTeX.Read(bytes, "latin1.bib");

        Assert.AreEqual("Café", result.Value!.Single().Title);
        Assert.AreEqual(DiagnosticCodes.ReadAsLatin1, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Read_ByteOrderMark_IsSkipped()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes("@book{k, title = {T}}")).ToArray();

        var result = Citations.Formats.BibTeX.BibTeXFormat.BibLaTeX.Read(bytes, "bom.bib");

        Assert.IsTrue(result.Success);
        Assert.AreEqual("k", result.Value.Single().Id.Text);
    }

    [TestMethod]
    public void Read_EmptyFile_GivesNoItemsAndNoProblem()
    {
        var result = BibText.Read(string.Empty);

        Assert.IsTrue(result.Success);
        Assert.AreEqual(0, result.Value.Count);
    }
}
