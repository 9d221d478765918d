using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.OutputFormats;

/// <summary>
/// The built-in output formats. Text, HTML and RTF are checked against citeproc-js; Markdown (which citeproc-js does
/// not have) against the format's documented markup.
/// </summary>
[TestClass]
public sealed class OutputFormatTests
{
    private const string Item = """
        [{"id": "a", "type": "article-journal", "title": "A \"quoted\" <i>Title</i> & more", "container-title": "Journal of <i>Things</i>",
          "publisher": "Acme", "volume": "12", "note": "Under", "issue": "3"}]
        """;

    private static readonly CslStyle Style = TestStyle.Bibliography("""
        <layout suffix=".">
          <group delimiter=", ">
            <text variable="title" quotes="true"/>
            <text variable="container-title" font-style="italic"/>
            <text variable="publisher" font-variant="small-caps"/>
            <text variable="volume" font-weight="bold"/>
            <text variable="note" text-decoration="underline"/>
            <text variable="issue" vertical-align="sup"/>
          </group>
        </layout>
        """);

    private static readonly CslStyle Plain = TestStyle.Bibliography("""
        <layout><group delimiter=" "><text variable="title"/><text variable="publisher" font-variant="small-caps"/></group></layout>
        """);

    private const string SpecialCharacters = """[{"id": "a", "type": "book", "title": "Tom  &  Jerry <3 > {x} é – ü", "publisher": "Café"}]""";

    [TestMethod]
    public void Text_Formatting_IsDropped()
        => Assert.AreEqual("“A ‘quoted’ Title & more,” Journal of Things, Acme, 12, Under, 3.", Render.Entry(Style, Item));

    [TestMethod]
    public void Html_Formatting_UsesCiteprocJsMarkup()
    {
        Assert.AreEqual(
            "  <div class=\"csl-entry\">“A ‘quoted’ <i>Title</i> &#38; more,” <i>Journal of <span style=\"font-style:normal;\">Things</span></i>, "
            + "<span style=\"font-variant:small-caps;\">Acme</span>, <b>12</b>, <span style=\"text-decoration:underline;\">Under</span>, <sup>3</sup>.</div>\n",
            Render.Entry(Style, Item, CslOutputFormat.Html));
    }

    [TestMethod]
    public void Rtf_Formatting_UsesRtfControlWords()
    {
        Assert.AreEqual(
            "\\uc0\\u8220{}A \\uc0\\u8216{}quoted\\uc0\\u8217{} {\\i{}Title} & more,\\uc0\\u8221{} {\\i{}Journal of {\\i0{}Things}}, {\\scaps Acme}, {\\b{}12}, {\\ul{}Under}, \\super 3\\nosupersub{}.",
            Render.Entry(Style, Item, CslOutputFormat.Rtf));
    }

    [TestMethod]
    public void Markdown_Formatting_UsesAsterisksAndHtmlSpans()
    {
        Assert.AreEqual(
            "“A ‘quoted’ *Title* & more,” *Journal of Things*, <span style=\"font-variant:small-caps;\">Acme</span>, **12**, <u>Under</u>, <sup>3</sup>.",
            Render.Entry(Style, Item, CslOutputFormat.Markdown));
    }

    [TestMethod]
    public void Html_SpecialCharacters_AreEscapedAndDoubleSpacesKept()
    {
        Assert.AreEqual(
            "  <div class=\"csl-entry\">Tom\u00A0 &#38;\u00A0 Jerry &#60;3 &#62; {x} é – ü <span style=\"font-variant:small-caps;\">Café</span></div>\n",
            Render.Entry(Plain, SpecialCharacters, CslOutputFormat.Html));
    }

    [TestMethod]
    public void Rtf_SpecialCharacters_AreEscapedAndNonAsciiIsUnicode()
    {
        Assert.AreEqual(
            "Tom  &  Jerry <3 > \\{x\\} \\uc0\\u233{} \\uc0\\u8211{} \\uc0\\u252{} {\\scaps Caf\\uc0\\u233{}}",
            Render.Entry(Plain, SpecialCharacters, CslOutputFormat.Rtf));
    }

    [TestMethod]
    public void Markdown_SpecialCharacters_AreEscaped()
    {
        Assert.AreEqual(
            "Tom  &  Jerry \\<3 \\> {x} é – ü <span style=\"font-variant:small-caps;\">Café</span>",
            Render.Entry(Plain, SpecialCharacters, CslOutputFormat.Markdown));
        Assert.AreEqual(
            "J\\*\\_\\[x\\]",
            Render.Entry(TestStyle.Bibliography("""<layout><text variable="title"/></layout>"""), """[{"id": "a", "type": "book", "title": "J*_[x]"}]""", CslOutputFormat.Markdown));
    }

    [TestMethod]
    [DataRow("text", "text")]
    [DataRow("plain", "text")]
    [DataRow("HTML", "html")]
    [DataRow("rtf", "rtf")]
    [DataRow("md", "markdown")]
    [DataRow("markdown", "markdown")]
    public void FromName_KnownNames_FindTheFormat(string name, string expected)
        => Assert.AreEqual(expected, CslOutputFormat.FromName(name)?.Name);

    [TestMethod]
    public void FromName_UnknownName_IsNull()
        => Assert.IsNull(CslOutputFormat.FromName("pdf"));

    [TestMethod]
    public void CustomFormat_DerivedClass_IsWrittenThrough()
    {
        var entry = Render.Entry(Style, Item, new BracketFormat());

        Assert.AreEqual("“A ‘quoted’ [i]Title[/i] & more,” [i]Journal of [/i]Things[i][/i], [sc]Acme[/sc], [b]12[/b], Under, 3.", entry);
    }

    /// <summary>A forum-style markup, to show that a caller can add a format.</summary>
    private sealed class BracketFormat : CslOutputFormat
    {
        public override string Name => "brackets";

        public override string Escape(string text) => text;

        public override string Format(CslFormatting formatting, string content) => formatting switch
        {
            CslFormatting.Italic => "[i]" + content + "[/i]",
            CslFormatting.NormalStyle => "[/i]" + content + "[i]",
            CslFormatting.Bold => "[b]" + content + "[/b]",
            CslFormatting.SmallCaps => "[sc]" + content + "[/sc]",
            _ => content,
        };

        public override string Display(CslDisplay display, string content) => content;
    }
}
