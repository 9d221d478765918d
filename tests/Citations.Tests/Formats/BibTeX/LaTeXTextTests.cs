namespace Citations.Tests.Formats.BibTeX;

/// <summary>LaTeX in field values, read through the public reader (titles of English entries are in sentence case).</summary>
[TestClass]
public sealed class LaTeXTextTests
{
    [TestMethod]
    [DataRow("Caf\\'e", "Café")]
    [DataRow("Caf{\\'e}", "Café")]
    [DataRow("Caf\\'{e}", "Café")]
    [DataRow("Caf{\\'{e}}", "Café")]
    [DataRow("Stra\\ss e", "Straße")]
    [DataRow("{\\o}resund", "øresund")]
    [DataRow("{\\aa}lborg", "ålborg")]
    [DataRow("Bia{\\l}ystok", "Białystok")]
    [DataRow("Gar\\c{c}on", "Garçon")]
    [DataRow("Dvo\\v{r}\\'ak", "Dvořák")]
    [DataRow("Erd\\H{o}s", "Erdős")]
    public void Read_AccentsAndLetters_AreUnicode(string latex, string expected)
        => Assert.AreEqual(expected, BibText.Title(latex, "langid = {french},"));

    [TestMethod]
    public void Read_AccentOnDotlessI_IsTheAccentedI()
    {
        // Deliberate difference: pandoc puts the accent on a dotless ı (ı̈); biber, BibLaTeX's backend, reads ï.
        Assert.AreEqual("naïve île índice", BibText.Title("na\\\"{\\i}ve \\^{\\i}le \\'\\i ndice", "langid = {french},"));
    }

    [TestMethod]
    public void Read_DashesTiesAndEscapes_AreText()
        => Assert.AreEqual("A—b–c d\u00A0e & 5% $ # _ { }", BibText.Title("A---b--c d~e \\& 5\\% \\$ \\# \\_ \\{ \\}", "langid = {french},"));

    [TestMethod]
    public void Read_TextCommands_AreCslMarkup()
        => Assert.AreEqual(
            "<i>Moby-Dick</i> <b>bold</b> <span style=\"font-variant:small-caps;\">Small Caps</span> 19<sup>th</sup> CO<sub>2</sub>",
            BibText.Title("\\emph{Moby-Dick} \\textbf{bold} \\textsc{Small Caps} 19\\textsuperscript{th} CO\\textsubscript{2}", "langid = {french},"));

    [TestMethod]
    public void Read_QuotationCommandsAndMarks_AreCurlyQuotes()
        => Assert.AreEqual("“<span class=\"nocase\">Quoted</span>” and “Double” and ‘open and it’s", BibText.Title("\\mkbibquote{Quoted} and ``Double'' and `open and it's", "langid = {french},"));

    [TestMethod]
    public void Read_Url_IsItsText()
        => Assert.AreEqual("See https://example.org/~a_b", BibText.Title("See \\url{https://example.org/~a_b}", "langid = {french},"));

    [TestMethod]
    public void Read_Math_StaysAsItsTeXSourceProtectedFromCasing()
        => Assert.AreEqual(
            "Bounds on <span class=\"nocase\">\\alpha</span>-stable processes and the <span class=\"nocase\">L^2</span> norm",
            BibText.Title("Bounds on $\\alpha$-Stable Processes and the $L^2$ Norm"));

    [TestMethod]
    public void Read_BracedWord_IsNoCaseSpan()
    {
        // Brace-protected case becomes CSL's nocase span (pandoc 2.17 drops the protection, so citeproc-js title-cases
        // {pH} to "PH"); the words outside braces are in sentence case.
        Assert.AreEqual(
            "On <span class=\"nocase\">pH</span> measurement and <span class=\"nocase\">von Neumann</span> algebras",
            BibText.Title("On {pH} Measurement and {von Neumann} Algebras"));
    }

    [TestMethod]
    public void Read_SpecialCharacterGroup_IsProtectedWithoutASpan()
    {
        // {\"O} protects its letter's case as pandoc does; the nocase span goes round the whole word, since a span inside
        // a word makes citeproc-js title-case the rest of the word as a new word ("ÖSterreich").
        Assert.AreEqual("Travels from <span class=\"nocase\">Österreich</span> to über", BibText.Title("Travels from {\\\"O}sterreich to \\\"Uber"));
    }

    [TestMethod]
    public void Read_UnknownCommand_WarnsAndKeepsItsArgument()
    {
        var result = BibText.Read("@book{k, title = {A \\foo{Bar} Title}, langid = {french}}");

        Assert.AreEqual("A Bar Title", result.Value!.Single().Title);
        Assert.AreEqual(Citations.Serialization.DiagnosticCodes.BibUnknownCommand, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    [DataRow("The Title of a Book: A Subtitle About NASA and eBay", "The title of a book: A subtitle about NASA and eBay")]
    [DataRow("Hello-World And Self-Driving Cars", "Hello-world and self-driving cars")]
    [DataRow("(The Parens) Word", "(The parens) word")]
    [DataRow("I Am What I Am", "I am what i am")]
    [DataRow("Title: Foo", "Title: foo")]
    [DataRow("Über Das Österreich", "Über das österreich")]
    [DataRow("ALL CAPS and MiXed", "ALL CAPS and MiXed")]
    public void Read_EnglishTitles_AreInSentenceCaseAsPandocMakesThem(string title, string expected)
        => Assert.AreEqual(expected, BibText.Title(title));

    [TestMethod]
    public void Read_NonEnglishTitle_IsLeftAsWritten()
        => Assert.AreEqual("Die Geschichte der Stadt", BibText.Title("Die Geschichte der Stadt", "langid = {ngerman},"));
}
