using System.Text.RegularExpressions;
using Citations.Cli.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

/// <summary>The HTML files <c>check --html</c> and <c>report --html</c> write, read as text (the browser tests open them).</summary>
[TestClass]
public sealed partial class HtmlReportsTests
{
    [GeneratedRegex(@"<(?:script|link|img|iframe|object|embed)\b[^>]*\b(?:src|href)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();

    [TestMethod]
    public async Task CheckHtml_Article_SelfContainedPageWithRowPerSourceAndLink()
    {
        var made = await SampleReports.GetAsync();

        var html = await File.ReadAllTextAsync(made.Check);

        Assert.AreEqual(1, made.CheckExit, made.CheckOutput);
        StringAssert.StartsWith(html, "<!DOCTYPE html>");
        StringAssert.Contains(html, "Content-Security-Policy\" content=\"default-src 'none'");
        Assert.IsFalse(ExternalResource().IsMatch(html), "nothing is loaded from anywhere");
        StringAssert.Contains(html, "<tr data-verdict=\"gone\"><th scope=\"row\">old</th>");
        StringAssert.Contains(html, "<tr data-verdict=\"not-checkable\"><th scope=\"row\">brief</th>");
        StringAssert.Contains(html, "<strong>missing</strong>");
        StringAssert.Contains(html, "found: “More than 76,000 deaths”");
        StringAssert.Contains(html, "<h2>Links in ");
        StringAssert.Contains(html, "<input type=\"checkbox\" value=\"gone\" checked>");
    }

    [TestMethod]
    public async Task CheckHtml_Article_AliveLinksFoldedAfterTheOnesThatNeedALook()
    {
        var made = await SampleReports.GetAsync();

        var html = await File.ReadAllTextAsync(made.Check);

        var section = html[html.IndexOf("<h2>Links in ", StringComparison.Ordinal)..];
        var fold = section.IndexOf("<details class=\"fold\" data-verdict=\"alive\"><summary>1 alive link(s) with nothing to report (2 above need a look)</summary>", StringComparison.Ordinal);
        Assert.IsGreaterThan(0, fold, section);
        var gone = section.IndexOf("<tr data-verdict=\"gone\">", StringComparison.Ordinal);
        var drifted = section.IndexOf("<tr data-verdict=\"alive\">", StringComparison.Ordinal);
        Assert.IsTrue(gone >= 0 && gone < drifted && drifted < fold, "broken first, then the alive link whose quote is missing, then the fold");
        StringAssert.Contains(section[fold..], "<noscript class=\"later\"><div class=\"table\"><table class=\"sortable fixed\">", "built by the script when opened; plain rows without script");
        StringAssert.Contains(section[fold..], $"<tr><td><a href=\"{made.ServerBase}/data\">{made.ServerBase}/data</a><td>HTTP 200, 1 quote(s) found<td>data\n");
        StringAssert.Contains(section, "<table class=\"sortable fixed links\">");
    }

    [TestMethod]
    public async Task CheckHtml_ContentSecurityPolicy_AllowsTheScriptByItsHashOnly()
    {
        var made = await SampleReports.GetAsync();

        var html = await File.ReadAllTextAsync(made.Check);

        var script = html[(html.IndexOf("<script>", StringComparison.Ordinal) + "<script>".Length)..html.IndexOf("</script>", StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        StringAssert.Contains(html, $"script-src 'sha256-{hash}';");
        Assert.DoesNotContain("script-src 'unsafe-inline'", html);
    }

    [TestMethod]
    public async Task CheckHtml_MarkupInASourceTitle_Encoded()
    {
        var made = await SampleReports.GetAsync();

        var html = await File.ReadAllTextAsync(made.Check);

        Assert.DoesNotContain(SampleReports.HostileTitle, html);
        StringAssert.Contains(html, "&lt;img src=&quot;http://127.0.0.1:9/x.png&quot;");
        StringAssert.Contains(html, "&lt;script&gt;console.error(&#39;escaped?&#39;)&lt;/script&gt;");
    }

    [TestMethod]
    public async Task ReportHtml_SampleArticle_HeadingsAndClaimTable()
    {
        var made = await SampleReports.GetAsync();

        var html = await File.ReadAllTextAsync(made.Report);

        StringAssert.StartsWith(html, "<!DOCTYPE html>");
        Assert.IsFalse(ExternalResource().IsMatch(html));
        StringAssert.Contains(html, "<h1>Claim coverage: ");
        StringAssert.Contains(html, "<h2>Claims</h2>");
        StringAssert.Contains(html, "<h2>Sources</h2>");
        StringAssert.Contains(html, "<th scope=\"col\">Support</th>");
        StringAssert.Contains(html, "<td>primary data (not cited in article)</td>");
        StringAssert.EndsWith(html, "</html>\n");
    }

    [TestMethod]
    public async Task ReportFormatHtml_WithBibliography_Exit2()
    {
        var result = await CliRunner.RunAsync("report", "seeds/article.json", "--format", "html", "--bibliography");

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.Contains(result.Error, "--bibliography goes with the text and markdown formats");
    }

    [TestMethod]
    public async Task ReportFormatHtml_PrintsThePage()
    {
        var result = await CliRunner.RunAsync("report", "seeds/article.json", "--format", "html");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.StartsWith(result.Out, "<!DOCTYPE html>");
    }
}
