using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Resources;

/// <summary>
/// The defaults embedded in the package (en-US locale, author-date and numeric styles): complete, valid and rendering
/// what citeproc-js renders with them. The expected lines were printed by ../shared/tools/csl-reference/render.js with
/// the official locales, which the embedded en-US locale agrees with (see Locales/EmbeddedLocaleTests).
/// </summary>
[TestClass]
public sealed partial class EmbeddedDefaultsTests
{
    private static readonly string[] AuthorDateCitations =
    [
        "(Okafor et al. 2023, 120)",
        "(Hale 2019, chap. 3; Moreau 2022)",
        "(National Center for Health Statistics 2025; “Nationwide Encounters” n.d.)",
        "(see [Remark by an unnamed security expert] n.d.)",
        "(Okafor et al. 2023; Nguyen 2021, 50–52)",
    ];

    private static readonly string[] AuthorDateBibliography =
    [
        "van der Berg, Anneke. 2018. Data, Doubt and the Newsroom. PhD diss. University of Leiden.",
        "Government Accountability Office. 2024. Synthetic Opioid Supply Chains. Report to Congressional Requesters GAO-24-106312. Washington, DC: Government Accountability Office. Accessed January 20, 2025. https://example.org/gao-24-106312",
        "Hale, Thomas R. 2019. Counting the Uncounted: Statistics at the Edge of the State. 2nd ed. Chicago: Northfield University Press.",
        "Moreau, Claire, ed. 2022. The Fact-Checker’s Handbook. Civic Press.",
        "National Center for Health Statistics. 2025. Provisional Drug Overdose Death Counts. Dataset. Version 2025-01. Vital Statistics Rapid Release. Centers for Disease Control and Prevention. Accessed February 3, 2025. https://example.org/nchs/vsrr",
        "“Nationwide Encounters.” n.d. U.S. Customs and Border Protection. Accessed February 1, 2025. https://example.org/cbp/encounters",
        "Nguyen, Linh. 2021. “What the encounter numbers do not say.” In Borders in Numbers, edited by Karen Brandt and Kwame Osei, 45–67. Boston: Harbor Books.",
        "Okafor, Adaeze, Per Lindqvist, and María José García. 2023. “Measuring the reach of fentanyl seizures at the border.” Journal of Drug Policy Analysis 14 (2): 115–139. https://doi.org/10.1000/jdpa.2023.0142",
        "Ramirez, Elena. 2024. “Border towns brace for new rules.” The Daily Ledger, November 8, 2024, National. Accessed November 9, 2024. https://example.org/ledger/border-towns",
        "[Remark by an unnamed security expert]. n.d.",
    ];

    private static readonly string[] NumericCitations =
    [
        "[1, p. 120]",
        "[2, chap. 3, 3]",
        "[4, 5]",
        "[see 6]",
        "[1, 7, pp. 50–52]",
    ];

    private static readonly string[] NumericBibliography =
    [
        "[1] A. Okafor, P. Lindqvist, and M. J. García, “Measuring the reach of fentanyl seizures at the border,” Journal of Drug Policy Analysis, vol. 14, no. 2, pp. 115–139, Apr. 2023. https://doi.org/10.1000/jdpa.2023.0142",
        "[2] T. R. Hale, Counting the Uncounted: Statistics at the Edge of the State, 2nd ed., Chicago: Northfield University Press, 2019.",
        "[3] L. Nguyen, “What the encounter numbers do not say,” in Borders in Numbers, edited by K. Brandt and K. Osei, pp. 45–67, Boston: Harbor Books, 2021.",
        "[4] Government Accountability Office, Synthetic Opioid Supply Chains [Report to Congressional Requesters GAO-24-106312], Washington, DC: Government Accountability Office, Mar. 12, 2024. Accessed Jan. 20, 2025. https://example.org/gao-24-106312",
        "[5] National Center for Health Statistics, Provisional Drug Overdose Death Counts [Dataset], version 2025-01, Vital Statistics Rapid Release, Centers for Disease Control and Prevention, Jan. 15, 2025. Accessed Feb. 3, 2025. https://example.org/nchs/vsrr",
        "[6] “Nationwide Encounters,” U.S. Customs and Border Protection, n.d. Accessed Feb. 1, 2025. https://example.org/cbp/encounters",
        "[7] E. Ramirez, “Border towns brace for new rules,” The Daily Ledger, National, Nov. 8, 2024. Accessed Nov. 9, 2024. https://example.org/ledger/border-towns",
        "[8] A. van der Berg, Data, Doubt and the Newsroom [PhD diss.], University of Leiden, 2018.",
        "[9] [Remark by an unnamed security expert], n.d.",
        "[10] C. Moreau, ed., The Fact-Checker’s Handbook, Civic Press, 2022.",
    ];

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Every sample item but one that would need disambiguation (year suffixes come with the next issue).</summary>
    private static IReadOnlyList<CslItem> Items => [.. SampleItems.All.Where(i => i.Id.Text != "hale2")];

    [TestMethod]
    public void Locale_EmbeddedEnUs_ParsesWithoutWarnings()
    {
        var xml = EmbeddedResources.Read("locales-en-US.xml");
        var warnings = new List<Diagnostic>();

        var locale = CslLocale.FromElement(XElement.Parse(xml, LoadOptions.SetLineInfo), "locales-en-US.xml", warnings);

        Assert.AreEqual("en-US", locale.Language);
        Assert.IsEmpty(warnings, string.Join("\n", warnings));
        Assert.AreSame(CslLocaleProvider.Embedded.Find("en-US"), CslLocaleProvider.Embedded.Find("EN-us"));
        Assert.IsTrue(locale.PunctuationInQuote);
        Assert.IsNotNull(locale.TextDate);
        Assert.IsNotNull(locale.NumericDate);
    }

    [TestMethod]
    public void Locale_EmbeddedEnUs_DefinesEveryTermTheSchemaNames()
    {
        var schema = SharedCsl.Schema;
        var terms = File.ReadAllText(Path.Combine(schema, "csl-terms.rnc"));
        var names = QuotedName().Matches(terms).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        names.UnionWith(QuotedName().Matches(File.ReadAllText(Path.Combine(schema, "csl-types.rnc"))).Select(m => m.Groups[1].Value));
        var variables = File.ReadAllText(Path.Combine(schema, "csl-variables.rnc"));
        var nameVariables = variables[variables.IndexOf("variables.names =", StringComparison.Ordinal)..variables.IndexOf("variables.numbers =", StringComparison.Ordinal)];
        names.UnionWith(QuotedName().Matches(nameVariables).Select(m => m.Groups[1].Value));
        var locale = CslLocaleProvider.Embedded.Find("en-US")!;
        var defined = locale.Terms.Keys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

        Assert.IsGreaterThan(150, names.Count, "the schema lists the terms");
        var missing = names.Where(n => !defined.Contains(n)).Order(StringComparer.Ordinal).ToList();
        Assert.IsEmpty(missing, "missing terms: " + string.Join(", ", missing));
        foreach (var role in QuotedName().Matches(nameVariables).Select(m => m.Groups[1].Value))
        {
            // Every role has a long form, empty where English prints no role (author, composer, …), as in the official locale.
            Assert.IsTrue(locale.Terms.ContainsKey(new TermKey(role, TermForm.Long, Gender.Neuter)), $"{role} has a long form");
        }
    }

    [TestMethod]
    public void Locale_EmbeddedEnUs_OrdinalsAndLongOrdinalsAreEnglish()
    {
        const string style = """
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
              <citation><layout><text value="x"/></layout></citation>
              <bibliography>
                <layout>
                  <group delimiter=" | ">
                    <number variable="edition" form="ordinal"/>
                    <number variable="volume" form="long-ordinal"/>
                  </group>
                </layout>
              </bibliography>
            </style>
            """;
        var processor = CslProcessor.Create(CslStyle.Parse(style), new CslProcessorOptions { Format = CslOutputFormat.Text });
        var cases = new (int Number, string Ordinal, string Long)[]
        {
            (1, "1st", "first"), (2, "2nd", "second"), (3, "3rd", "third"), (4, "4th", "fourth"), (10, "10th", "tenth"),
            (11, "11th", "11th"), (12, "12th", "12th"), (13, "13th", "13th"), (21, "21st", "21st"), (22, "22nd", "22nd"),
            (23, "23rd", "23rd"), (101, "101st", "101st"), (111, "111th", "111th"), (112, "112th", "112th"),
        };

        foreach (var (number, ordinal, longOrdinal) in cases)
        {
            var text = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var item = new CslItemBuilder("n", CslItemTypes.Book).Set("edition", text).Set(CslVariables.Volume, text).Build();

            var entry = processor.FormatBibliography([item]).Entries.Single().Text;

            Assert.AreEqual($"{ordinal} | {longOrdinal}", entry, $"number {number}");
        }
    }

    [TestMethod]
    [DataRow(CslStyleSources.AuthorDate)]
    [DataRow(CslStyleSources.Numeric)]
    public async Task Style_Embedded_ParsesWithoutWarnings(string id)
    {
        var style = await CslStyleLoader.Default.LoadAsync(id, TestContext.CancellationToken);

        Assert.IsEmpty(style.Warnings, string.Join("\n", style.Warnings));
        Assert.AreEqual(id, style.Id);
        Assert.IsTrue(style.HasBibliography);
        Assert.AreEqual(CslStyleClass.InText, style.Class);
    }

    [TestMethod]
    [DataRow("citations-author-date.csl")]
    [DataRow("citations-numeric.csl")]
    [DataRow("locales-en-US.xml")]
    public void Resource_Embedded_ValidAgainstTheCslSchema(string resource)
    {
        var schema = Path.Combine(SharedCsl.Schema, "csl.rnc");
        var jing = new[] { "/usr/bin/jing", "/usr/local/bin/jing" }.FirstOrDefault(File.Exists);
        if (jing is null)
        {
            Assert.Inconclusive("jing (the RELAX NG validator; Debian package 'jing') is not installed.");
        }

        using var dir = new TempDirectory();
        var file = dir.Combine(resource);
        File.WriteAllText(file, EmbeddedResources.Read(resource));
        var start = new ProcessStartInfo(jing) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(schema);
        start.ArgumentList.Add(file);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        _ = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(60)), "jing finished");

        Assert.AreEqual(0, process.ExitCode, output.Result);
    }

    [TestMethod]
    public async Task AuthorDate_Bibliography_AsCiteprocJs()
        => CollectionAssert.AreEqual(AuthorDateBibliography, await BibliographyAsync(CslStyleSources.AuthorDate));

    [TestMethod]
    public async Task AuthorDate_Citations_AsCiteprocJs()
        => CollectionAssert.AreEqual(AuthorDateCitations, await CitationsAsync(CslStyleSources.AuthorDate));

    [TestMethod]
    public async Task Numeric_Bibliography_AsCiteprocJs()
        => CollectionAssert.AreEqual(NumericBibliography, await BibliographyAsync(CslStyleSources.Numeric));

    [TestMethod]
    public async Task Numeric_Citations_AsCiteprocJs()
        => CollectionAssert.AreEqual(NumericCitations, await CitationsAsync(CslStyleSources.Numeric));

    [TestMethod]
    public async Task Numeric_Html_SecondFieldAligned()
    {
        var style = await CslStyleLoader.Default.LoadAsync(CslStyleSources.Numeric, TestContext.CancellationToken);

        var entry = CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Html }).FormatBibliography([SampleItems.Book]).Entries.Single().Text;

        Assert.AreEqual(
            "  <div class=\"csl-entry\">\n    <div class=\"csl-left-margin\">[1]</div><div class=\"csl-right-inline\">T. R. Hale, <i>Counting the Uncounted: Statistics at the Edge of the State</i>, 2nd ed., Chicago: Northfield University Press, 2019.</div>\n  </div>\n",
            entry);
    }

    private async Task<string[]> BibliographyAsync(string id)
    {
        var style = await CslStyleLoader.Default.LoadAsync(id, TestContext.CancellationToken);
        var processor = CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Text });
        return [.. processor.FormatBibliography(Items).Entries.Select(e => e.Text)];
    }

    private async Task<string[]> CitationsAsync(string id)
    {
        var style = await CslStyleLoader.Default.LoadAsync(id, TestContext.CancellationToken);
        var processor = CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Text });
        CslCitation[] citations =
        [
            new([new CslCite("journal") { Locator = "120" }]),
            new([new CslCite("book") { Locator = "3", Label = "chapter" }, new CslCite("edited")]),
            new([new CslCite("dataset"), new CslCite("webpage")]),
            new([new CslCite("anon") { Prefix = "see " }]),
            new([new CslCite("journal"), new CslCite("chapter") { Locator = "50-52" }]),
        ];
        citations = [.. citations.Select((c, i) => c with { NoteNumber = i + 1 })];
        var result = processor.FormatDocument(Items, citations);
        Assert.IsEmpty(result.Warnings.Where(w => w.Severity != Citations.Diagnostics.DiagnosticSeverity.Info));
        return [.. result.Citations];
    }

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_ -]*)\"")]
    private static partial Regex QuotedName();
}
