using System.Text;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Tests.Formats.BibTeX;

/// <summary>Hostile input stays bounded: every limit is reported, and the entries outside the attack are still read.</summary>
[TestClass]
public sealed class BibTeXLimitsTests
{
    [TestMethod]
    public void Read_DeeplyNestedBraces_IsAnErrorForThatEntryOnly()
    {
        var deep = new string('{', 100_000) + "x" + new string('}', 100_000);
        var result = BibText.Read($"@book{{a, title = {{{deep}}}}}\n@book{{b, title = {{Fine}}}}");

        Assert.AreEqual("b", result.Value!.Single().Id.Text);
        Assert.AreEqual(DiagnosticCodes.BibNestingLimit, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Read_UnclosedDeepBraces_ReachTheEndWithoutRecursion()
    {
        var result = BibText.Read("@book{a, title = " + new string('{', 500_000));

        Assert.AreEqual(0, result.Value!.Count);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == DiagnosticCodes.BibUnbalanced));
    }

    [TestMethod]
    public void Read_ExponentialStringDoubling_StopsAtTheExpansionLimit()
    {
        // Each macro is twice the one before: 2^60 characters if expanded naively.
        var text = new StringBuilder("@string{m0 = \"xxxxxxxxxxxxxxxx\"}\n");
        for (var i = 1; i <= 60; i++)
        {
            text.Append("@string{m").Append(i).Append(" = m").Append(i - 1).Append(" # m").Append(i - 1).Append("}\n");
        }

        text.Append("@book{bomb, title = m60}\n@book{fine, title = {Fine}}\n");

        var result = BibText.Read(text.ToString());

        Assert.AreEqual("fine", result.Value!.Single(i => i.Title == "Fine").Id.Text);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == DiagnosticCodes.BibExpansionLimit && d.Severity == DiagnosticSeverity.Error));
        var bomb = result.Value!.SingleOrDefault(i => i.Id.Text == "bomb");
        Assert.IsTrue(bomb is null || (bomb.Title ?? string.Empty).Length <= 8 * text.Length + (1 << 20), "the expansion never exceeds the limit");
    }

    [TestMethod]
    public void Read_TenMegabyteField_IsReadWhole()
    {
        var big = new string('a', 10 * 1024 * 1024);

        var item = BibText.One($"@misc{{k, title = {{T}}, abstract = {{{big}}}}}");

        Assert.AreEqual(big.Length, item.GetText("abstract")!.Length);
    }

    [TestMethod]
    public void Read_LongRunsOfBlanksInNamesAndTitles_AreReadInOnePass()
    {
        var blanks = new string(' ', 300_000);

        var item = BibText.One($"@book{{k, author = {{Doe,{blanks}Jane{blanks}and{blanks}Roe, Richard}}, title = {{A{blanks}Title}}}}");

        CollectionAssert.AreEqual(new[] { "Doe", "Roe" }, item.Authors.Select(a => a.Family).ToArray());
        Assert.AreEqual("A title", item.Title);
    }

    [TestMethod]
    public void Read_CrossrefCycle_IsReportedAndTheEntriesKept()
    {
        var result = BibText.Read("""
            @inproceedings{a, title = {A}, crossref = {b}}
            @proceedings{b, title = {B}, crossref = {a}}
            """);

        Assert.AreEqual(2, result.Value!.Count);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.BibInheritanceCycle, problem.Code);
        Assert.AreEqual(DiagnosticSeverity.Error, problem.Severity);
    }

    [TestMethod]
    public void Read_XdataCycle_IsReported()
    {
        var result = BibText.Read("""
            @xdata{x, xdata = {y}, publisher = {P}}
            @xdata{y, xdata = {x}}
            @book{k, title = {T}, xdata = {x}}
            """);

        Assert.AreEqual("P", result.Value!.Single().GetText("publisher"));
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == DiagnosticCodes.BibInheritanceCycle));
    }

    [TestMethod]
    public void Read_VeryLongCrossrefChain_IsCutAtTheDepthLimit()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            text.Append("@book{e").Append(i).Append(", title = {T").Append(i).Append("}, crossref = {e").Append(i + 1).Append("}}\n");
        }

        text.Append("@book{e200, title = {End}, publisher = {Far Away}}\n");

        var result = BibText.Read(text.ToString());

        Assert.AreEqual(201, result.Value!.Count);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == DiagnosticCodes.BibInheritanceDepth));
        Assert.IsNull(result.Value![0].GetText("publisher"), "200 levels up is past the limit");
        Assert.AreEqual("Far Away", result.Value![190].GetText("publisher"));
    }

    [TestMethod]
    public void Read_ManyProblems_StopsAtTheCapWithAFatalDiagnostic()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append("@book{k").Append(i).Append(", journal = undefined").Append(i).Append("}\n");
        }

        var result = BibText.Read(text.ToString());

        Assert.IsTrue(result.Diagnostics.Count <= 1001);
        Assert.AreEqual(DiagnosticCodes.TooManyProblems, result.Diagnostics[^1].Code);
        Assert.AreEqual(DiagnosticSeverity.Fatal, result.Diagnostics[^1].Severity);
        Assert.IsTrue(result.Stopped);
    }
}
