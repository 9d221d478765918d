using System.Text;
using Citations.Csl.Locales;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Diagnostics;
using Citations.Tests.Fuzz;
using Citations.Csl.Tests.TestSupport;
using Citations.Tests.TestSupport;

namespace Citations.Csl.Tests.Fuzz;

/// <summary>
/// Fuzzes the CSL style and locale XML readers for a few seconds from a fixed seed, over real styles (the small styles
/// of ../shared and our embedded ones) and a locale: an input either parses or throws <see cref="CslException"/> with a
/// location; a style that parses formats a bibliography and citations of the sample items with nothing thrown but
/// <see cref="CslException"/>; every warning has a location; no input takes long. Inputs that once broke the reader are
/// kept under <c>Fuzz/regressions/</c> and run every time.
/// </summary>
[TestClass]
public sealed class StyleFuzzTests
{
    /// <summary>The styles of the corpus: small enough that one mutated input parses and renders in milliseconds.</summary>
    private const int MaxCorpusStyleBytes = 20_000;

    public TestContext TestContext { get; set; } = null!;

    private static byte[][] Corpus()
    {
        var shared = SharedCsl.Styles;
        var styles = Directory.EnumerateFiles(shared, "*.csl")
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Citations.Csl", "Resources"), "*.csl"))
            .Where(f => new FileInfo(f).Length <= MaxCorpusStyleBytes);
        var locale = Path.Combine(SharedCsl.Locales, "locales-de-DE.xml");
        return [.. styles.Append(locale).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
    }

    private static readonly string[] Tokens =
    [
        "<macro name=\"m\">", "</macro>", "<text macro=\"m\"/>", "<group>", "</group>", "<choose><if type=\"book\">", "</if></choose>",
        "<names variable=\"author\">", "</names>", "<date variable=\"issued\" form=\"text\"/>", "<number variable=\"page\"/>",
        "<text variable=\"title\"/>", "<text term=\"and\"/>", "<sort><key variable=\"title\"/></sort>", "<layout>", "</layout>",
        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "&#0;", "&#xD800;",
        "et-al-min=\"0\" ", "et-al-use-first=\"-1\" ", "delimiter=\"\u001b[2J\" ", "range-delimiter=\"\" ", "names-min=\"99999999999\" ",
        "<term name=\"and\">x</term>", "<date-part name=\"month\"/>", " xml:lang=\"zz-ZZ\"", "<style-options punctuation-in-quote=\"maybe\"/>",
    ];

    /// <summary>One thread per input (the fuzzer measures inputs, not the processor's parallel rendering).</summary>
    private static readonly CslProcessorOptions Options = new() { MaxDegreeOfParallelism = 1 };

    private static void Property(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        try
        {
            _ = CslLocale.Parse(text, "fuzz.xml");
        }
        catch (CslException e)
        {
            AssertLocated(e);
        }

        CslStyle style;
        try
        {
            style = CslStyle.Parse(text, "fuzz.csl");
        }
        catch (CslException e)
        {
            AssertLocated(e);
            return;
        }

        FuzzRun.AssertLocated(style.Warnings, "fuzz.csl");
        try
        {
            var processor = CslProcessor.Create(style, Options);
            var citations = SampleItems.All.Take(3).Select(i => new CslCitation([new CslCite(i.Id.Text)])).ToList();
            var result = processor.FormatDocument(SampleItems.All, citations, bibliography: style.HasBibliography);
            AssertHasFile(result.Warnings);
        }
        catch (CslException e)
        {
            AssertLocated(e);
        }
    }

    private static void AssertLocated(CslException e)
    {
        if (e.Location.File is null || e.Location.Line < 1)
        {
            throw new InvalidOperationException($"a CslException without a location: {e.Message}", e);
        }
    }

    private static void AssertHasFile(IEnumerable<Diagnostic> warnings)
    {
        foreach (var w in warnings)
        {
            if (w.Location.File is null)
            {
                throw new InvalidOperationException($"a rendering warning that names no style or item: {w}");
            }
        }
    }

    [TestMethod]
    public void StyleXml_MutatedStyles_CslExceptionOrOutputNeverOtherExceptions()
    {
        var corpus = Corpus();
        foreach (var style in corpus)
        {
            // The unchanged files pass too; this also compiles the parser and renderer before the time budget starts.
            Property(style);
        }

        FuzzRun.Run("CSL style XML", Mutations.Over(corpus, Tokens), Property, "0002FqsVB0t7", TestContext);
    }

    public static IEnumerable<object[]> Regressions => FuzzRun.Regressions(".csl");

    [TestMethod]
    [DynamicData(nameof(Regressions))]
    public void StyleXml_RegressionInput_CslExceptionOrOutputNeverOtherExceptions(string file) => FuzzRun.Timed(Property, FuzzRun.ReadRegression(file));
}
