using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Styles;

[TestClass]
public sealed class MalformedStyleTests
{
    [TestMethod]
    public void Load_MismatchedEndTag_ExceptionNamesFileLineAndColumn()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("broken.csl", """
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><id>x</id></info>
              <citation><layout><text variable="title"></layout></citation>
            </style>
            """);

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Load(path));

        Assert.AreEqual(path, e.Location.File);
        Assert.AreEqual(3, e.Location.Line);
        Assert.AreEqual(46, e.Location.Column, "the column of the mismatched name");
        StringAssert.StartsWith(e.Message, $"{path}(3,46): Malformed XML: ");
        Assert.IsInstanceOfType<System.Xml.XmlException>(e.InnerException);
    }

    [TestMethod]
    public void Parse_MalformedXmlWithoutSource_LocationHasNoFile()
    {
        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse("<style>\n  <info>\n</style>"));

        Assert.IsNull(e.Location.File);
        Assert.AreEqual(3, e.Location.Line);
        StringAssert.StartsWith(e.Message, "<input>(3,");
    }

    [TestMethod]
    public void Parse_WithSourceLabel_LabelIsTheFile()
    {
        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse("<style", "my-style.csl"));

        Assert.AreEqual("my-style.csl", e.Location.File);
        Assert.AreEqual(1, e.Location.Line);
    }

    [TestMethod]
    public void Parse_EmptyText_Throws()
    {
        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse(string.Empty));

        StringAssert.StartsWith(e.Problem, "Malformed XML");
    }

    [TestMethod]
    public void Parse_Null_ThrowsArgumentNull()
        => Assert.ThrowsExactly<ArgumentNullException>(() => CslStyle.Parse(null!));

    [TestMethod]
    public void Load_MissingFile_ThrowsIOException()
    {
        using var directory = new TempDirectory();

        Assert.ThrowsExactly<FileNotFoundException>(() => CslStyle.Load(Path.Combine(directory.Path, "none.csl")));
    }

    [TestMethod]
    public void Parse_LocaleInsteadOfStyle_SaysWhatRootWasExpected()
    {
        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse("""<locale xmlns="http://purl.org/net/xbiblio/csl" xml:lang="en-US"/>"""));

        Assert.AreEqual("Expected a <style> root element, found <locale>.", e.Problem);
        Assert.AreEqual(1, e.Location.Line);
    }

    [TestMethod]
    public void Parse_StyleWithoutCitationOrParent_Throws()
    {
        var xml = """
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><id>x</id><title>No citation</title></info>
              <bibliography><layout><text variable="title"/></layout></bibliography>
            </style>
            """;

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse(xml));

        StringAssert.Contains(e.Problem, "no <citation> element");
    }

    [TestMethod]
    public void Load_ExternalEntity_RefusedWithoutReadingTheFile()
    {
        using var directory = new TempDirectory();
        var secret = directory.Write("secret.txt", "TOP-SECRET-42");
        var path = directory.Write("xxe.csl", $"""
            <?xml version="1.0"?>
            <!DOCTYPE style [<!ENTITY leak SYSTEM "{new Uri(secret).AbsoluteUri}">]>
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><id>x</id><title>&leak;</title></info>
              <citation><layout><text value="&leak;"/></layout></citation>
            </style>
            """);

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Load(path));

        StringAssert.StartsWith(e.Problem, "Malformed XML: DTDs are not allowed in CSL files");
        Assert.AreEqual(path, e.Location.File);
        Assert.DoesNotContain("TOP-SECRET-42", e.ToString());
    }

    [TestMethod]
    public void Parse_InternalEntityExpansion_Refused()
    {
        var xml = """
            <!DOCTYPE style [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><id>x</id><title>&c;</title></info>
              <citation><layout><text value="&c;"/></layout></citation>
            </style>
            """;

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse(xml));

        StringAssert.StartsWith(e.Problem, "Malformed XML: DTDs are not allowed in CSL files");
    }

    [TestMethod]
    public void Parse_SelfCallingMacro_ThrowsWithTheCycle()
    {
        var xml = TestStyle.Xml(
            """<citation><layout><text macro="loop"/></layout></citation>""",
            macros: """
                <macro name="loop">
                  <group><text macro="loop"/></group>
                </macro>
                """);

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse(xml, "loop.csl"));

        Assert.AreEqual("Macro 'loop' calls itself (loop → loop).", e.Problem);
        Assert.AreEqual("loop.csl", e.Location.File);
        Assert.AreEqual(3, e.Location.Line);
    }

    [TestMethod]
    public void Parse_MacrosCallingEachOther_ThrowsWithTheCycle()
    {
        var xml = TestStyle.Xml(
            """<citation><layout><text macro="first"/></layout></citation>""",
            macros: """
                <macro name="first"><text macro="second"/></macro>
                <macro name="second"><choose><if variable="title"><text macro="third"/></if></choose></macro>
                <macro name="third"><names variable="author"><substitute><text macro="first"/></substitute></names></macro>
                """);

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse(xml));

        Assert.AreEqual("Macro 'first' calls itself (first → second → third → first).", e.Problem);
    }

    [TestMethod]
    public void Parse_MacroCalledTwiceWithoutCycle_IsAccepted()
    {
        // A diamond (a calls b and c, both call d) is not recursion.
        var style = TestStyle.Citation(
            """<layout><text macro="a"/></layout>""",
            macros: """
                <macro name="a"><group delimiter="/"><text macro="b"/><text macro="c"/></group></macro>
                <macro name="b"><text macro="d"/></macro>
                <macro name="c"><text macro="d"/></macro>
                <macro name="d"><text variable="title"/></macro>
                """);

        var text = Render.Citations(style, """[{"id": "x", "type": "book", "title": "T"}]""", CslCitation.Of("x"));

        Assert.AreEqual("T/T", text.Single());
    }

    [TestMethod]
    public void Parse_NestingDeeperThanTheLimit_Throws()
    {
        var xml = TestStyle.Xml(
            "<citation><layout>" + string.Concat(Enumerable.Repeat("<group>", 300)) + """<text value="deep"/>"""
            + string.Concat(Enumerable.Repeat("</group>", 300)) + "</layout></citation>");

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse(xml));

        Assert.AreEqual("Elements are nested more than 256 deep.", e.Problem);
    }

    [TestMethod]
    public void Parse_HundredThousandNestedGroupsInAnUnfinishedDocument_RefusedAtTheFirstTooDeepElementWhileReading()
    {
        // Issue 11: the depth is checked while the text is read, before a tree is built; the old check on the built tree
        // met the truncated end (a syntax error) first, after building 100,000 levels.
        var xml = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout>"""
            + string.Concat(Enumerable.Repeat("<group>", 100_000));

        var e = Assert.ThrowsExactly<CslException>(() => CslStyle.Parse(xml, "deep.csl"));

        Assert.AreEqual("Elements are nested more than 256 deep.", e.Problem);
        Assert.AreEqual("deep.csl", e.Location.File);
        Assert.AreEqual(1, e.Location.Line);
        Assert.AreEqual(xml.IndexOf("<layout>", StringComparison.Ordinal) + 8 + (253 * 7) + 2, e.Location.Column, "the 254th <group>, at depth 257");
    }

    [TestMethod]
    public void Parse_DeeplyNestedGroupsWithinTheLimit_Render()
    {
        var style = TestStyle.Citation(
            "<layout>" + string.Concat(Enumerable.Repeat("""<group delimiter=" ">""", 200)) + """<text value="deep"/><text variable="title"/>"""
            + string.Concat(Enumerable.Repeat("</group>", 200)) + "</layout>");

        var text = Render.Citations(style, """[{"id": "x", "type": "book", "title": "T"}]""", CslCitation.Of("x"));

        Assert.AreEqual("deep T", text.Single());
    }
}
