using Citations.Links.Pages;

namespace Citations.Links.Tests.Pages;

/// <summary>Title drift: the cited title against the page's title and main heading.</summary>
[TestClass]
public sealed class TitleSimilarityTests
{
    [TestMethod]
    [DataRow("Annual Report 2023", "2023 Annual Report: Results and Outlook | Agency", null)]
    [DataRow("Drug overdose deaths in the United States, 2003–2023", "Products - Data Briefs - Number 491 - Drug Overdose Deaths in the United States, 2003-2023", null)]
    [DataRow("Nationwide encounters", "Nationwide Encounters | U.S. Customs and Border Protection", null)]
    [DataRow("Les élections municipales", "Élections municipales — Le Monde", null)]
    [DataRow("Budget", "Home | City", "Budget")]
    public void Compare_SameTitleSpelledDifferently_NotChanged(string cited, string pageTitle, string? heading)
    {
        var check = TitleSimilarity.Compare(cited, pageTitle, heading)!;

        Assert.IsFalse(check.Changed, $"{check.Similarity}");
    }

    [TestMethod]
    [DataRow("Opioid overdose deaths by state", "Best online casino bonuses 2025 | Lucky Spins", "Claim your welcome bonus")]
    [DataRow("Municipal water quality report", "Agency | Careers", "Join our team")]
    [DataRow("State budget 2024", "Agency | Home", "Agency")]
    public void Compare_RepurposedPage_Changed(string cited, string pageTitle, string heading)
    {
        var check = TitleSimilarity.Compare(cited, pageTitle, heading)!;

        Assert.IsTrue(check.Changed, $"{check.Similarity}");
        Assert.AreEqual(cited, check.CitedTitle);
    }

    [TestMethod]
    public void Compare_NothingToCompare_Null()
    {
        Assert.IsNull(TitleSimilarity.Compare(null, "Page", null));
        Assert.IsNull(TitleSimilarity.Compare("Cited", null, " "));
    }

    [TestMethod]
    public void Compare_TitleWithControlCharacters_ShownEscaped()
    {
        var check = TitleSimilarity.Compare("Budget", "Casino\u001b[31m bonus", null)!;

        Assert.DoesNotContain("\u001b", check.PageTitle);
    }
}
