using Citations.Links.Pages;

namespace Citations.Links.Tests.Pages;

/// <summary>The page classifier alone: markup, redirects and the random-path comparison in, a reason and signals out.</summary>
[TestClass]
public sealed class PageClassifierTests
{
    private const string Shell = "<!doctype html><html><head><title>App</title><script src=\"/static/main.3f2a.js\"></script></head>"
                                 + "<body><noscript>You need to enable JavaScript to run this app.</noscript><div id=\"root\"></div></body></html>";

    private static PageAnswer Answer(string? html, RandomPathMatch match = RandomPathMatch.Same, int status = 200, string cited = "https://a.example/reports/q1", params string[] redirects)
        => new()
        {
            Cited = new Uri(cited),
            Final = redirects.Length > 0 ? new Uri(redirects[^1]) : new Uri(cited),
            Redirects = [.. redirects.Select(r => new Uri(r))],
            Status = status,
            Markup = html is null ? null : PageMarkup.Read(html),
            RandomPath = match,
        };

    [TestMethod]
    [DataRow("Same")]
    [DataRow("Unknown")]
    public void Classify_ShellEveryPathGets_ClientRendered(string match)
    {
        var page = PageClassifier.Classify(Answer(Shell, Enum.Parse<RandomPathMatch>(match)));

        Assert.AreEqual(VerdictReason.ClientRendered, page.Reason);
        CollectionAssert.IsSubsetOf(new[] { "little-text", "mount-element", "script-bundles", "noscript-javascript" }, page.Signals.Select(s => s.Name).ToArray());
    }

    [TestMethod]
    [DataRow("FrontPage")]
    [DataRow("HostSaysMissing")]
    [DataRow("Different")]
    public void Classify_ShellOnAHostThatKnowsItsRoutes_Ordinary(string match)
    {
        Assert.IsNull(PageClassifier.Classify(Answer(Shell, Enum.Parse<RandomPathMatch>(match))).Reason);
    }

    [TestMethod]
    public void Classify_ArticleWithScripts_Ordinary()
    {
        var article = "<html><head><title>Report</title><script src=\"/a.js\"></script></head><body><div id=\"root\"><h1>Report</h1><p>"
                      + string.Concat(Enumerable.Repeat("The council approved the budget after a long debate. ", 10)) + "</p></div></body></html>";

        Assert.IsNull(PageClassifier.Classify(Answer(article)).Reason);
    }

    [TestMethod]
    public void Classify_SignInRedirectWithReturnParameter_LoginRequired()
    {
        var page = PageClassifier.Classify(Answer("<html><title>Welcome</title><body>Hello</body></html>", redirects: "https://a.example/login?next=%2Freports%2Fq1"));

        Assert.AreEqual(VerdictReason.LoginRequired, page.Reason);
        CollectionAssert.AreEqual(new[] { "sign-in-redirect", "return-parameter" }, page.Signals.Select(s => s.Name).ToArray());
    }

    [TestMethod]
    public void Classify_SignInRedirectBackToSomethingElse_NotALoginWall()
    {
        // A sign-in page that does not point back and shows no form: the cited page may simply be gone.
        Assert.AreNotEqual(VerdictReason.LoginRequired, PageClassifier.Classify(Answer("<html><title>Start</title><body>Hello</body></html>", RandomPathMatch.Different, redirects: "https://a.example/login")).Reason);
    }

    [TestMethod]
    public void Classify_ForbiddenWithLoginForm_LoginRequired()
    {
        var form = "<html><title>Members</title><body><form><input name=u><input type=password name=p></form></body></html>";

        Assert.AreEqual(VerdictReason.LoginRequired, PageClassifier.Classify(Answer(form, status: 403)).Reason);
    }

    [TestMethod]
    public void Classify_LongArticleWithSignInBox_Ordinary()
    {
        var page = "<html><title>Log in or read the report</title><body><form><input type=password></form><p>"
                   + string.Concat(Enumerable.Repeat("The harbour authority published its annual figures on shipping and safety. ", 40)) + "</p></body></html>";

        Assert.IsNull(PageClassifier.Classify(Answer(page, RandomPathMatch.Different)).Reason);
    }

    [TestMethod]
    public void Classify_ForSalePageEveryPathGets_ForSale()
    {
        var page = PageClassifier.Classify(Answer("<html><title>a.example</title><body><h1>This domain may be for sale!</h1></body></html>"));

        Assert.AreEqual(VerdictReason.ForSale, page.Reason);
    }

    [TestMethod]
    public void Classify_ParkingAdScript_Parked()
    {
        var html = "<html><head><script src=\"https://www.google.com/adsense/domains/caf.js\"></script></head><body><div id=ads></div></body></html>";

        var page = PageClassifier.Classify(Answer(html, RandomPathMatch.Different));

        Assert.AreEqual(VerdictReason.Parked, page.Reason);
        Assert.AreEqual("parking-service", page.Signals[0].Name);
    }

    [TestMethod]
    public void Classify_ArticleAboutDomainSales_Ordinary()
    {
        // A long page with its own URL that talks about domains for sale is journalism, not a parked domain.
        var article = "<html><title>The domain aftermarket</title><body><p>Brokers say a domain is for sale when its owner lists it. "
                      + string.Concat(Enumerable.Repeat("Prices for short names rose again this year, according to several marketplaces and brokers. ", 40)) + "</p></body></html>";

        Assert.IsNull(PageClassifier.Classify(Answer(article, RandomPathMatch.Different)).Reason);
    }

    [TestMethod]
    public void Classify_RedirectToParkingLander_Parked()
    {
        Assert.AreEqual(VerdictReason.Parked, PageClassifier.Classify(Answer(null, RandomPathMatch.Unknown, redirects: "https://a.example/lander")).Reason);
    }
}
