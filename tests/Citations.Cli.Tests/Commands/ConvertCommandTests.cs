using System.Text.Json;
using Citations.Cli.Commands;

namespace Citations.Cli.Tests.Commands;

/// <summary><c>citations convert</c>: every output format, merging, <c>--from</c>, and each exit code.</summary>
[TestClass]
public sealed class ConvertCommandTests
{
    private const string Url = "https://example.org/data";
    private string _folder = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("citations-convert-").FullName;
        SampleBibliographies.WriteAll(_folder, Url);
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, _folder, IsTerminal: false) { ConfigureDoiLookup = _ => throw new InvalidOperationException("no DOI is looked up in these tests") };
        var exit = await CliApp.RunAsync(args, context, TestContext.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        File.WriteAllText(Path.Combine(_folder, name), text);
        return name;
    }

    [TestMethod]
    [DataRow("csljson", "\"id\": \"okafor2021\"")]
    [DataRow("cslyaml", "- id: okafor2021")]
    [DataRow("biblatex", "@article{okafor2021,")]
    [DataRow("bibtex", "@article{okafor2021,")]
    public async Task Convert_BibToEachFormat_Exit0AndTheSameItemsReadBack(string format, string marker)
    {
        var (exit, output, error) = await RunAsync("convert", "refs.bib", "--to", format);

        Assert.AreEqual(0, exit, error);
        Assert.AreEqual(string.Empty, error);
        Assert.Contains(marker, output);
        Write("back." + format, output);
        var original = await RunAsync("convert", "refs.bib", "--to", "csljson");
        var roundTrip = await RunAsync("convert", "back." + format, "--from", format == "bibtex" ? "bibtex" : format, "--to", "csljson");
        Assert.AreEqual(0, roundTrip.Exit, roundTrip.Error);
        Assert.AreEqual(original.Out, roundTrip.Out, "converting back gives the same items");
    }

    [TestMethod]
    public async Task Convert_EveryInputFormat_MergedInTheOrderGiven()
    {
        var (exit, output, error) = await RunAsync(["convert", .. SampleBibliographies.All.Select(s => s.File), "--to", "csljson"]);

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output);
        CollectionAssert.AreEqual(SampleBibliographies.All.Select(s => s.Id).ToArray(),
            json.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToArray());
    }

    [TestMethod]
    public async Task Convert_OutputFile_WrittenAndNothingPrinted()
    {
        var (exit, output, error) = await RunAsync("convert", "refs.ris", "refs.yaml", "--to=biblatex", "-o", "out.bib");

        Assert.AreEqual(0, exit, error);
        Assert.AreEqual(string.Empty, output + error);
        var written = File.ReadAllText(Path.Combine(_folder, "out.bib"));
        Assert.Contains("@report{baker2023,", written);
        Assert.Contains("@book{roe2019,", written);
    }

    [TestMethod]
    public async Task Convert_From_ReadsAFileWhoseNameSaysOtherwise()
    {
        var misnamed = Write("refs.json", SampleBibliographies.Text("refs.bib", Url));

        var forced = await RunAsync("convert", misnamed, "--from", "biblatex", "--to", "cslyaml");
        var byName = await RunAsync("convert", misnamed, "--to", "cslyaml");

        Assert.AreEqual(0, forced.Exit, forced.Error);
        Assert.Contains("- id: okafor2021", forced.Out);
        Assert.AreEqual(2, byName.Exit, "a .json file is read as CSL-JSON");
        Assert.StartsWith("refs.json(1,1): fatal CIT0001", byName.Error);
    }

    [TestMethod]
    public async Task Convert_EntryWithErrors_Exit1ItReportedTheOthersWritten()
    {
        var file = Write("mixed.bib", """
            @book{good, title = {Good book}, year = 2020}
            @book{bad, title = {Unbalanced {braces}, year = 2020}
            @book{also, title = {Also good}, year = 2021}
            """);

        var (exit, output, error) = await RunAsync("convert", file, "--to", "csljson");

        Assert.AreEqual(1, exit);
        Assert.Contains("mixed.bib(2,", error);
        Assert.EndsWith("citations convert: 1 error(s) in the input (listed above); the entries with errors were left out.\n", error);
        using var json = JsonDocument.Parse(output);
        CollectionAssert.AreEqual(new[] { "good", "also" }, json.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToArray());
    }

    [TestMethod]
    public async Task Convert_SameIdInTwoInputs_Exit1BothNamedTheFirstKept()
    {
        var other = Write("other.yaml", """
            - id: okafor2021
              type: book
              title: Another work with the same key
            """);

        var (exit, output, error) = await RunAsync("convert", "refs.bib", other, "--to", "csljson");

        Assert.AreEqual(1, exit);
        Assert.Contains("other.yaml: error CIT0007: Item id 'okafor2021' is in both refs.bib and other.yaml; the item from refs.bib is kept, this one is left out.\n", error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("Measuring <span class=\"nocase\">DNA</span> repair in the field", json.RootElement.EnumerateArray().Single().GetProperty("title").GetString());
    }

    [TestMethod]
    [DataRow("missing.bib", "missing.bib: fatal CIT0011: The file could not be read")]
    [DataRow("binary.dat", "binary.dat: fatal CIT0013: The file is not in a bibliography format this program reads")]
    [DataRow("broken.json", "broken.json(2,")]
    public async Task Convert_InputThatCannotBeRead_Exit2NothingWritten(string input, string message)
    {
        Write("binary.dat", "just some words\n");
        Write("broken.json", "[\n  {\"id\": \"a\",,}\n]\n");

        var (exit, output, error) = await RunAsync("convert", "refs.bib", input, "--to", "csljson", "-o", "out.json");

        Assert.AreEqual(2, exit);
        Assert.StartsWith(message, error);
        Assert.EndsWith($"citations convert: {input} could not be read (see above); nothing was written.\n", error);
        Assert.AreEqual(string.Empty, output);
        Assert.IsFalse(File.Exists(Path.Combine(_folder, "out.json")));
    }

    [TestMethod]
    public async Task Convert_OutputThatCannotBeWritten_Exit2()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "taken"));

        var (exit, output, error) = await RunAsync("convert", "refs.bib", "--to", "csljson", "-o", "taken");

        Assert.AreEqual(2, exit);
        Assert.StartsWith("citations convert: taken could not be written: ", error);
        Assert.AreEqual(string.Empty, output);
    }

    [TestMethod]
    [DataRow(new[] { "convert", "refs.bib" }, "Option '--to' is required.")]
    [DataRow(new[] { "convert", "refs.bib", "--to", "ris" }, "--to: unknown value 'ris'; use csljson, cslyaml, biblatex, bibtex.")]
    [DataRow(new[] { "convert", "refs.bib", "--to", "csljson", "--from", "endnote" }, "--from: unknown format 'endnote'; use csljson, biblatex, bibtex, cslyaml, ris, cff, doi.")]
    [DataRow(new[] { "convert", "--to", "csljson" }, "Required argument 'IN' missing for command: 'convert'.")]
    [DataRow(new[] { "convert", "refs.bib", "--to", "csljson", "--colour" }, "unknown option '--colour'.")]
    [DataRow(new[] { "convert", "refs.bib", "--to", "csljson", "--doi-resolver", "ftp://resolver.example/" }, "--doi-resolver must be an http or https address, not 'ftp://resolver.example/'.")]
    public async Task Convert_WrongCommandLine_Exit2WithTheProblem(string[] args, string message)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.AreEqual(2, exit);
        Assert.StartsWith($"citations convert: {message}\n", error);
        Assert.EndsWith("Run 'citations convert --help' for the options.\n", error);
        Assert.AreEqual(string.Empty, output);
    }

    [TestMethod]
    public async Task Convert_Bug_OneLineInternalErrorExit70()
    {
        // The context's DOI hook throws, as a bug in the tool would.
        var (exit, output, error) = await RunAsync("convert", "doi:10.1000/xyz", "--to", "csljson");

        Assert.AreEqual(70, exit);
        Assert.AreEqual("citations: internal error: InvalidOperationException: no DOI is looked up in these tests\n", error);
        Assert.AreEqual(string.Empty, output);
    }

    [TestMethod]
    public async Task Convert_AsAProcess_ConvertedTextOnStandardOutput()
    {
        var file = Path.Combine(_folder, "refs.ris");

        var outcome = await CliRunner.RunProcessAsync(TestContext.CancellationToken, "convert", file, "--to", "cslyaml");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.StartsWith("---\nreferences:\n- id: baker2023\n", outcome.Out);
        Assert.AreEqual(string.Empty, outcome.Error);
    }
}
