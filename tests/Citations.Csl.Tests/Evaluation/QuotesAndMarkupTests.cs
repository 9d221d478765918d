using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>Quotes, punctuation in quotes and the rich-text markup in item fields (checked against citeproc-js).</summary>
[TestClass]
public sealed class QuotesAndMarkupTests
{
    private static readonly CslStyle Style = TestStyle.Bibliography("""
        <layout suffix=".">
          <group delimiter=", ">
            <text variable="title" quotes="true"/>
            <text variable="container-title" font-style="italic"/>
          </group>
        </layout>
        """);

    [TestMethod]
    public void Quotes_NestedQuotes_AlternateAndTheCommaMovesInside()
    {
        Assert.AreEqual(
            "“He said ‘she said “no,”’” Journal.",
            Render.Entry(Style, """[{"id": "a", "type": "book", "title": "He said \"she said ‘no’\"", "container-title": "Journal"}]"""));
    }

    [TestMethod]
    public void Quotes_TitleEndingInQuestionMark_SwallowsTheLayoutSuffix()
        => Assert.AreEqual("“Why?”", Render.Entry(Style, """[{"id": "a", "type": "book", "title": "Why?"}]"""));

    [TestMethod]
    public void Suffix_AfterItalicTextEndingInQuestionMark_IsDropped()
    {
        Assert.AreEqual(
            "  <div class=\"csl-entry\">“Plain,” <i>Ends with question?</i></div>\n",
            Render.Entry(Style, """[{"id": "a", "type": "book", "title": "Plain", "container-title": "Ends with question?"}]""", CslOutputFormat.Html));
    }

    [TestMethod]
    public void Quotes_BritishEnglish_PunctuationStaysOutside()
    {
        Assert.AreEqual(
            "‘Plain’, Journal.",
            Render.Entry(Style, """[{"id": "a", "type": "book", "title": "Plain", "container-title": "Journal"}]""", language: "en-GB"));
    }

    [TestMethod]
    [DataRow("The <i>Origin</i> of <b>species</b>", "<i>The <span style=\"font-style:normal;\">Origin</span> of <b>species</b></i>")]
    [DataRow("<i>all italic</i>", "<i><span style=\"font-style:normal;\">all italic</span></i>")]
    public void Italic_ItalicMarkupInside_FlipsToNormal(string title, string expected)
    {
        var style = TestStyle.Bibliography("""<layout><text variable="title" font-style="italic"/></layout>""");

        Assert.AreEqual($"  <div class=\"csl-entry\">{expected}</div>\n", Render.Entry(style, $$"""[{"id": "a", "type": "book", "title": "{{title.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}]""", CslOutputFormat.Html));
    }

    [TestMethod]
    public void Markup_SmallCapsAndSuperscript_BecomeHtml()
    {
        Assert.AreEqual(
            "  <div class=\"csl-entry\">“Plain,” <i>The <span style=\"font-variant:small-caps;\">Nasa</span> story, E=mc<sup>2</sup></i>.</div>\n",
            Render.Entry(Style, """[{"id": "a", "type": "book", "title": "Plain", "container-title": "The <sc>Nasa</sc> story, E=mc<sup>2</sup>"}]""", CslOutputFormat.Html));
    }

    [TestMethod]
    public void Markup_InPlainText_IsRemoved()
    {
        Assert.AreEqual(
            "“Plain,” The Nasa story, E=mc2.",
            Render.Entry(Style, """[{"id": "a", "type": "book", "title": "Plain", "container-title": "The <sc>Nasa</sc> story, E=mc<sup>2</sup>"}]"""));
    }

    [TestMethod]
    [DataRow("text", "Unclosed <i>tag and <b>bold | Stray </i> close")]
    [DataRow("html", "<i>Unclosed &#60;i&#62;tag and &#60;b&#62;bold</i> | <i>Stray &#60;/i&#62; close</i>")]
    public void Markup_Unbalanced_IsKeptAsLiteralText(string format, string expected)
    {
        var style = TestStyle.Bibliography("""<layout><group delimiter=" | "><text variable="title" font-style="italic"/><text variable="note" font-style="italic"/></group></layout>""");
        var entry = Render.Entry(
            style,
            """[{"id": "a", "type": "book", "title": "Unclosed <i>tag and <b>bold", "note": "Stray </i> close"}]""",
            CslOutputFormat.FromName(format));

        Assert.AreEqual(format == "html" ? $"  <div class=\"csl-entry\">{expected}</div>\n" : expected, entry);
    }

    [TestMethod]
    public void Markup_ThousandsOfNestedTags_RenderWithoutFailing()
    {
        var style = TestStyle.Bibliography("""<layout><text variable="title" text-case="title" quotes="true"/></layout>""");
        var title = string.Concat(Enumerable.Repeat("<i><b>", 1000)) + "deep" + string.Concat(Enumerable.Repeat("</b></i>", 1000));

        Assert.AreEqual("“Deep”", Render.Entry(style, $$"""[{"id": "a", "type": "book", "title": "{{title}}"}]"""));
    }

    [TestMethod]
    public void Markup_FortyThousandTagsDeep_TheFirstTwoThousandLevelsFormatTheRestIsText()
    {
        // Issue 11: 40,000 nested tags took 31 s (the neutralised tags were removed one by one); linear now. Markup
        // deeper than 2,000 levels is printed as text, which keeps the passes over the output tree shallow.
        var style = TestStyle.Bibliography("""<layout><text variable="title"/></layout>""");
        var title = string.Concat(Enumerable.Repeat("<i><b>", 20_000)) + "deep" + string.Concat(Enumerable.Repeat("</b></i>", 20_000));

        var entry = Render.Entry(style, $$"""[{"id": "a", "type": "book", "title": "{{title}}"}]""");

        var literal = string.Concat(Enumerable.Repeat("<i><b>", 19_000)) + "deep" + string.Concat(Enumerable.Repeat("</b></i>", 19_000));
        Assert.AreEqual(literal, entry);
    }

    [TestMethod]
    public void Markup_HundredThousandUnclosedTags_PrintedAsText()
    {
        // Issue 11: 100,000 unclosed <i> took 15 s; linear now.
        var style = TestStyle.Bibliography("""<layout><text variable="title"/></layout>""");
        var title = string.Concat(Enumerable.Repeat("<i>", 100_000)) + "open";

        var entry = Render.Entry(style, $$"""[{"id": "a", "type": "book", "title": "{{title}}"}]""", CslOutputFormat.Html);

        Assert.AreEqual("  <div class=\"csl-entry\">" + string.Concat(Enumerable.Repeat("&#60;i&#62;", 100_000)) + "open</div>\n", entry);
    }
}
