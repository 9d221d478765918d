using Citations.Reports;

namespace Citations.Tests.Reports;

[TestClass]
public sealed class MarkdownTextTests
{
    [TestMethod]
    public void Escape_MarkdownSyntax_IsBackslashEscaped()
        => Assert.AreEqual(@"\# a \*b\* \_c\_ \[d\](e) \<f\> g\|h \`i\` j\\k", MarkdownText.Escape(@"# a *b* _c_ [d](e) <f> g|h `i` j\k"));

    [TestMethod]
    public void Escape_LineBreaks_AreSpaces()
        => Assert.AreEqual("one two  three", MarkdownText.Escape("one\ntwo\r\nthree"));
}
