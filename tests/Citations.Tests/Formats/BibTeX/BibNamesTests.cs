using Citations.CslData;

namespace Citations.Tests.Formats.BibTeX;

[TestClass]
public sealed class BibNamesTests
{
    private static string Show(CslName n)
        => n.IsLiteral ? $"[{n.Literal}]" : $"{n.Given}|{n.DroppingParticle}|{n.NonDroppingParticle}|{n.Family}|{n.Suffix}";

    private static string[] Read(string authors, string extra = "", bool biblatex = true)
        => BibText.Authors(authors, extra, biblatex).Select(Show).ToArray();

    [TestMethod]
    public void Read_ThreeForms_GiveTheSameParts()
    {
        CollectionAssert.AreEqual(
            new[] { "Ludwig|van||Beethoven|", "Ludwig|van||Beethoven|", "Martin Luther|||King|Jr." },
            Read("Ludwig van Beethoven and van Beethoven, Ludwig and King, Jr., Martin Luther"));
    }

    [TestMethod]
    public void Read_CorporateNameInBraces_IsKeptWhole()
        => CollectionAssert.AreEqual(new[] { "[Barnes and Noble]", "[World Health Organization]" }, Read("{Barnes and Noble} and {World Health Organization}"));

    [TestMethod]
    public void Read_Others_IsKeptAsPandocKeepsIt()
    {
        // pandoc's convention: a last literal name "others", which its CSL processor prints as "et al.".
        CollectionAssert.AreEqual(new[] { "Jane|||Doe|", "[others]" }, Read("Doe, Jane and others"));
    }

    [TestMethod]
    public void Read_Initials_AreSpacedAsPandocSpacesThem()
        => CollectionAssert.AreEqual(new[] { "J. R. R.|||Tolkien|", "C. S.|||Lewis|" }, Read("Tolkien, J.R.R. and C.S. Lewis"));

    [TestMethod]
    public void Read_ParticleJoinedByApostropheOrHyphen_IsSplitOff()
        => CollectionAssert.AreEqual(new[] { "Jean||d’|Alembert|", "Muhammad||al-|Khwarizmi|" }, Read("d'Alembert, Jean and al-Khwarizmi, Muhammad"));

    [TestMethod]
    public void Read_UsePrefixOption_KeepsTheParticleInFront()
        => CollectionAssert.AreEqual(new[] { "Johannes||van der|Waals|" }, Read("van der Waals, Johannes", "options = {useprefix=true},"));

    [TestMethod]
    public void Read_ExtendedNameFormat_IsRead()
        => CollectionAssert.AreEqual(new[] { "Charles||de|Gaulle|", "Ann|||Whitfield|" }, Read("family=Gaulle, given=Charles, prefix=de, useprefix=true and given=Ann, family=Whitfield"));

    [TestMethod]
    public void Read_AccentsInEverySpelling_GiveTheSameName()
    {
        var names = Read("M\\\"uller, J. and M{\\\"u}ller, J. and M\\\"{u}ller, J. and Müller, J.");

        Assert.AreEqual(1, names.Distinct().Count(), string.Join(", ", names));
        Assert.AreEqual("J.|||Müller|", names[0]);
    }

    [TestMethod]
    public void Read_BracedFamily_IsKeptWhole()
    {
        // Deliberate difference: pandoc splits "de" off {de Gruyter} although the braces say it is one unit.
        CollectionAssert.AreEqual(new[] { "Walter|||de Gruyter|" }, Read("{de Gruyter}, Walter"));
    }

    [TestMethod]
    public void Read_SpecialCharacterFirstName_IsGiven()
    {
        // Deliberate difference: BibTeX decides a word's case by the letter of a special character ({\'E}, {\relax Th});
        // pandoc sees only the brace and makes the word a particle.
        CollectionAssert.AreEqual(new[] { "Émile|||Zola|", "Thomas|||Edison|" }, Read("{\\'E}mile Zola and {\\relax Th}omas Edison"));
    }

    [TestMethod]
    public void Read_VonRules_DifferBetweenBibTeXAndBibLaTeX()
    {
        // BibLaTeX (biber) reads "Drummond de Andrade" as one family name; BibTeX takes "Drummond de" as the von part.
        Assert.AreEqual("Carlos|||Drummond de Andrade|", Read("Drummond de Andrade, Carlos")[0]);
        Assert.AreEqual("Carlos|Drummond de||Andrade|", Read("Drummond de Andrade, Carlos", biblatex: false)[0]);
    }

    [TestMethod]
    public void Read_EmptyNameInTheList_IsAWarning()
    {
        var result = BibText.Read("@book{k, title = {T}, author = {Doe, Jane and and Roe, Richard}}");

        Assert.AreEqual(2, result.Value!.Single().Authors.Count);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(Citations.Serialization.DiagnosticCodes.BibInvalidName, problem.Code);
        Assert.AreEqual(Citations.Diagnostics.DiagnosticSeverity.Warning, problem.Severity);
    }

    [TestMethod]
    public void Read_TiesBetweenNames_AreSpaces()
        => CollectionAssert.AreEqual(new[] { "John Paul|||Doe|", "Mary Ann|||Smith|" }, Read("Doe, John~Paul and Mary~Ann Smith"));
}
