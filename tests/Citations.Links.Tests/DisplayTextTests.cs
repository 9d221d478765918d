namespace Citations.Links.Tests;

/// <summary>The one escaping function of every human-facing output, and URL redaction: pure functions.</summary>
[TestClass]
public sealed class DisplayTextTests
{
    [TestMethod]
    [DataRow("\u001b[2J\u001b[1;32mall links alive", "\\x1b[2J\\x1b[1;32mall links alive")]
    [DataRow("bell\u0007 null\u0000 tab\t line\n return\r", "bell\\x07 null\\x00 tab\\x09 line\\x0a return\\x0d")]
    [DataRow("del\u007f c1\u009b[31m nel\u0085", "del\\x7f c1\\x9b[31m nel\\x85")]
    [DataRow("\u202egpj.exe", "\\u202egpj.exe")]
    [DataRow("a\u2066b\u2069c\u200e\u200f\u061c", "a\\u2066b\\u2069c\\u200e\\u200f\\u061c")]
    [DataRow("line\u2028para\u2029", "line\\u2028para\\u2029")]
    public void Escape_ControlCharacters_VisibleEscapes(string text, string expected)
    {
        Assert.AreEqual(expected, DisplayText.Escape(text));
    }

    [TestMethod]
    public void Escape_LoneSurrogates_VisibleEscapesAndPairsKept()
    {
        // Built in code: an attribute cannot carry a lone surrogate.
        var text = "lone " + '\ud800' + " and " + '\udc01' + " pair 😀";

        Assert.AreEqual("lone \\ud800 and \\udc01 pair 😀", DisplayText.Escape(text));
    }

    [TestMethod]
    [DataRow("Report — “2025” ✓ 😀 café")]
    [DataRow("C:\\path\\with\\backslashes")]
    [DataRow("")]
    public void Escape_PrintableText_Unchanged(string text)
    {
        Assert.AreSame(text, DisplayText.Escape(text));
    }

    [TestMethod]
    public void Escape_Twice_SameAsOnce()
    {
        var once = DisplayText.Escape("\u001b[31m\u202e" + '\ud800');

        Assert.AreEqual(once, DisplayText.Escape(once));
        Assert.AreEqual(string.Empty, DisplayText.Escape(null));
    }

    [TestMethod]
    [DataRow("https://user:secret@host.example/p?q=1", "https://user:***@host.example/p?q=1")]
    [DataRow("http://user:@host.example/", "http://user:***@host.example/")]
    [DataRow("https://ghp_token@host.example/repo", "https://***@host.example/repo")]
    [DataRow("https://user:p%40ss@host.example:8080/", "https://user:***@host.example:8080/")]
    [DataRow("https://host.example/a@b", "https://host.example/a@b")]
    [DataRow("https://host.example/?mail=a@b.example", "https://host.example/?mail=a@b.example")]
    [DataRow("mailto:someone@host.example", "mailto:someone@host.example")]
    [DataRow("not a url", "not a url")]
    public void RedactUrl_Credentials_PasswordHidden(string url, string expected)
    {
        Assert.AreEqual(expected, DisplayText.RedactUrl(url));
    }
}
