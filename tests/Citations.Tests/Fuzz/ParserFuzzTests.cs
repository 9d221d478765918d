using Citations.Formats;
using Citations.Formats.BibTeX;
using Citations.Formats.Cff;
using Citations.Formats.CslYaml;
using Citations.Formats.Ris;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Fuzz;

/// <summary>
/// Fuzzes every reader of untrusted text in the core package (CSL-JSON, article files, BibTeX and BibLaTeX, RIS,
/// CSL-YAML, CITATION.cff) for a few seconds each, from a fixed seed, over real files: no input may make a reader throw
/// (they return diagnostics), every diagnostic has a location, and no input takes long. The inputs that once broke a
/// reader are kept under <c>Fuzz/regressions/</c> and run every time.
/// </summary>
[TestClass]
public sealed class ParserFuzzTests
{
    public TestContext TestContext { get; set; } = null!;

    private static byte[][] Corpus(string folder, params string[] patterns)
        => patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), p)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    private static byte[][] JsonCorpus() =>
    [
        .. Corpus("seeds", "*.json"),
        .. Corpus(Path.Combine("tests", "Citations.Cli.Tests", "TestData", "format"), "*.json"),
    ];

    private static void ItemsProperty(IItemReader reader, byte[] input, string file)
    {
        var result = reader.Read(input, file);
        FuzzRun.AssertLocated(result.Diagnostics, file);
        if (result.Value is { } items)
        {
            // What was read can be written: every string of an item is text.
            _ = CslJson.Write(items);
        }
    }

    private static void CslJsonProperty(byte[] input) => ItemsProperty(CslJsonFormat.Instance, input, "fuzz.json");

    private static void ArticleProperty(byte[] input)
    {
        var result = ArticleJson.Read(input, "fuzz.json", new ArticleReadOptions { BaseDirectory = RepoPaths.Seeds, MaxFileBytes = 1 << 20 });
        FuzzRun.AssertLocated(result.Diagnostics.Where(d => d.Location.File == "fuzz.json" || d.Location.File is null), "fuzz.json");
        if (result.Value is { } article)
        {
            _ = ArticleJson.Write(article);
        }
    }

    private static void BibTeXProperty(byte[] input)
    {
        ItemsProperty(BibTeXFormat.BibLaTeX, input, "fuzz.bib");
        ItemsProperty(BibTeXFormat.BibTeX, input, "fuzz.bib");
    }

    private static void RisProperty(byte[] input) => ItemsProperty(RisFormat.Instance, input, "fuzz.ris");

    private static void CslYamlProperty(byte[] input) => ItemsProperty(CslYamlFormat.Instance, input, "fuzz.yaml");

    private static void CffProperty(byte[] input) => ItemsProperty(CffFormat.Instance, input, "fuzz.cff");

    [TestMethod]
    public void CslJson_MutatedFiles_DiagnosticsNeverExceptions()
        => FuzzRun.Run("CSL-JSON", Mutations.Over(JsonCorpus(), ["\"date-parts\"", "\"author\"", "[[", "]]", "{\"id\":", "\"literal\"", "null", "true", "1e20"]),
            CslJsonProperty, "0002FqsVB0t1", TestContext);

    [TestMethod]
    public void ArticleJson_MutatedFiles_DiagnosticsNeverExceptions()
        => FuzzRun.Run("article JSON", Mutations.Over(Corpus("seeds", "article.json"), ["\"claims\"", "\"sources\"", "\"evidence\"", "\"anchor\"", "\"paragraph\"", "{\"id\":", "\"reliesOn\"", "\"bibliography\""]),
            ArticleProperty, "0002FqsVB0t2", TestContext);

    [TestMethod]
    public void BibTeX_MutatedFiles_DiagnosticsNeverExceptions()
        => FuzzRun.Run("BibTeX", Mutations.Over(Corpus(Path.Combine("tests", "Citations.Tests", "Formats", "BibTeX", "corpus"), "*.bib"),
                ["@string{", "@article{", "crossref = ", "#", "{{{{", "}}}}", "\\'", "\\\"{", "$^", " and ", "\\relax", "month = ", "date = {", "/..", "xdata"]),
            BibTeXProperty, "0002FqsVB0t3", TestContext);

    [TestMethod]
    public void Ris_MutatedFiles_DiagnosticsNeverExceptions()
        => FuzzRun.Run("RIS", Mutations.Over(Corpus(Path.Combine("tests", "Citations.Tests", "Formats", "Ris", "corpus"), "*.ris"), ["TY  - ", "ER  - ", "AU  - ", "PY  - ", "DA  - ", "\r\n", "///"]),
            RisProperty, "0002FqsVB0t4", TestContext);

    [TestMethod]
    public void CslYaml_MutatedFiles_DiagnosticsNeverExceptions()
        => FuzzRun.Run("CSL-YAML", Mutations.Over(Corpus(Path.Combine("tests", "Citations.Tests", "Formats", "CslYaml", "corpus"), "*.*"), ["---", "...", "&a ", "*a", "- ", ": ", "!!binary ", "\"\\ud800\"", "references:", "  "]),
            CslYamlProperty, "0002FqsVB0t5", TestContext);

    [TestMethod]
    public void Cff_MutatedFiles_DiagnosticsNeverExceptions()
        => FuzzRun.Run("CITATION.cff", Mutations.Over(Corpus(Path.Combine("tests", "Citations.Tests", "Formats", "Cff", "corpus"), "*.cff"), ["authors:", "- family-names: ", "date-released: ", "references:", "preferred-citation:", "  ", "doi: "]),
            CffProperty, "0002FqsVB0t6", TestContext);

    public static IEnumerable<object[]> JsonRegressions => FuzzRun.Regressions(".json");

    public static IEnumerable<object[]> ArticleRegressions => FuzzRun.Regressions(".article");

    public static IEnumerable<object[]> TextRegressions => [.. FuzzRun.Regressions(".bib"), .. FuzzRun.Regressions(".ris"), .. FuzzRun.Regressions(".yaml"), .. FuzzRun.Regressions(".cff")];

    [TestMethod]
    [DynamicData(nameof(JsonRegressions))]
    public void CslJson_RegressionInput_DiagnosticsNeverExceptions(string file) => FuzzRun.Timed(CslJsonProperty, FuzzRun.ReadRegression(file));

    [TestMethod]
    [DynamicData(nameof(ArticleRegressions))]
    public void ArticleJson_RegressionInput_DiagnosticsNeverExceptions(string file) => FuzzRun.Timed(ArticleProperty, FuzzRun.ReadRegression(file));

    [TestMethod]
    [DynamicData(nameof(TextRegressions))]
    public void TextFormats_RegressionInput_DiagnosticsNeverExceptions(string file)
    {
        Action<byte[]> property = Path.GetExtension(file) switch
        {
            ".bib" => BibTeXProperty,
            ".ris" => RisProperty,
            ".yaml" => CslYamlProperty,
            _ => CffProperty,
        };
        FuzzRun.Timed(property, FuzzRun.ReadRegression(file));
    }
}
