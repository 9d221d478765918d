using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.Cli.Tests.TestSupport;
using Citations.Csl.Reference;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// The default path against citeproc-js (issue 10): the real <c>citations format</c> process, with no locale option,
/// on a sample of generated items and a generated document, for every shared style, compared line by line with what
/// the reference harness <c>render.js</c> prints. Styles in en-US (or with no default locale) run offline with the
/// embedded locale alone; the others (en-GB, de-DE, pt-BR) get their locale downloaded on demand with
/// <c>--locales-url</c> from a loopback server over the shared locales. render.js reads the shared locales.
/// </summary>
/// <remarks>
/// Needs Node and the harness's npm packages (found as <see cref="CiteprocJs"/> finds them: <c>NODE_PATH</c>, the
/// harness's <c>node_modules</c>, <c>$TMPDIR/csl-ref</c>, or installed with <c>npm ci</c> into the temp directory;
/// <c>.ci/run</c> installs them first) and the shared material beside the clone (<c>CITATIONS_SHARED_CSL</c>,
/// <c>CITATIONS_CSL_REFERENCE</c>). Missing, the test is inconclusive on a developer machine and fails under
/// <c>CI=true</c>. render.js outputs are cached in the temp directory, so only a first run pays for citeproc-js.
/// </remarks>
[TestClass]
public sealed class FormatAgreementTests
{
    /// <summary>A sample of <c>bench.js --generate</c>'s items: every item type and name shape it makes occurs.</summary>
    private const int DefaultItemCount = 60;

    private const int ItemSeed = 1;

    /// <summary>Clusters of the generated document over the sample (ibid, subsequent, locators, suppressed authors).</summary>
    private const int DefaultClusterCount = 40;

    /// <summary>
    /// Widen the sample for a measurement run: issue 10's "done when" is 500 items and 200 clusters
    /// (<c>CITATIONS_FORMAT_AGREEMENT_ITEMS=500 CITATIONS_FORMAT_AGREEMENT_CLUSTERS=200</c>); unset, the defaults above.
    /// </summary>
    private const string ItemsVariable = "CITATIONS_FORMAT_AGREEMENT_ITEMS";

    private const string ClustersVariable = "CITATIONS_FORMAT_AGREEMENT_CLUSTERS";

    private const int DocumentSeed = 1;

    /// <summary>
    /// Lines known to differ, per style (citations, entries of the cited items' bibliography, entries of the
    /// bibliography of all items), all of them citeproc-js's own errors; any other difference fails.
    /// modern-language-association: author-only and prefixed cites where citeproc-js prints
    /// "[CSL STYLE ERROR: reference with no printed form.]" or leaves the citation's parenthesis unclosed (we close
    /// it). associacao-brasileira-de-normas-tecnicas: a report issued over a range of days (15–22 May 2024) with no
    /// access date: the style's "issued" macro renders day and month in one cs:date and the year in another, and
    /// citeproc-js holds the range's end ("22 maio") back until the next cs:date, the absent "accessed" one, whose
    /// prefix it then prints: "15–. Acesso em: 22 maio 2024." for our "15–22 maio 2024." (with an access date present
    /// citeproc-js prints the range whole, as we do). Not in this sample, seen with 500 items and 200 clusters:
    /// nature, a date range whose months differ, rendered as years only inside the date's own parentheses, comes out
    /// "(1995–(1996))" in citeproc-js, the date's affixes repeated around the range's end, where we print
    /// "(1995–1996)"; and more MLA citations of the two kinds above.
    /// </summary>
    private static readonly Dictionary<string, (int Citations, int Entries, int AllEntries)> KnownDifferences = new(StringComparer.Ordinal)
    {
        ["modern-language-association"] = (4, 0, 0),
        ["associacao-brasileira-de-normas-tecnicas"] = (0, 1, 1),
    };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(1_800_000, CooperativeCancellation = true)]
    public async Task Format_EverySharedStyleWithoutLocaleOptions_PrintsWhatRenderJsPrints()
    {
        var stopwatch = Stopwatch.StartNew();
        var (shared, reference) = StartReference();
        var itemCount = CountFromEnvironment(ItemsVariable, DefaultItemCount);
        var clusterCount = CountFromEnvironment(ClustersVariable, DefaultClusterCount);
        var itemsPath = reference.GenerateItems(itemCount, ItemSeed);
        using var files = new TempFiles();
        var citationsPath = files.Write("citations.json", CitationDocument.Generate(ItemIds(itemsPath), clusterCount, DocumentSeed).ToRenderJson());
        await using var locales = await CslFileServer.StartAsync(shared.LocalesDirectory);

        var styles = StyleCatalog.List(shared.StylesDirectory);
        var outcomes = new ConcurrentDictionary<string, StyleOutcome>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(styles, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = TestContext.CancellationToken }, async (style, cancellationToken) =>
        {
            var expected = reference.Render(new RenderRequest(style.Path, itemsPath, "html") { CitationsPath = citationsPath });
            string[] localeOptions = IsEnglishUs(style.Path)
                ? ["--offline"]
                : ["--locales-url", locales.BaseAddress.ToString(), "--cache", Path.Combine(files.Folder, "cache-" + Path.GetFileName(style.Path))];
            string[] arguments = ["format", "--style", style.Path, "--items", itemsPath, "--citations", citationsPath, "--bibliography", "--format", "json", "--markup", "html", .. localeOptions];
            var ours = await CliRunner.RunProcessAsync(cancellationToken, arguments);

            // And the bibliography of every item, without citations (the style's sort over all of them).
            var expectedAll = reference.Render(new RenderRequest(style.Path, itemsPath, "html"));
            string[] allArguments = ["format", "--style", style.Path, "--items", itemsPath, "--format", "json", "--markup", "html", .. localeOptions];
            var oursAll = await CliRunner.RunProcessAsync(cancellationToken, allArguments);
            outcomes[style.Name] = StyleOutcome.Compare(localeOptions, expected, ours, expectedAll, oursAll, KnownDifferences.GetValueOrDefault(style.Name));
        });

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"citations format vs render.js (citeproc-js {reference.Version}), {itemCount} generated items (seed {ItemSeed}), {clusterCount} clusters (seed {DocumentSeed}), HTML:");
        foreach (var style in styles)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {style.Name,-45} {outcomes[style.Name]}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"{locales.TotalRequests} locale downloads from the loopback server; {stopwatch.Elapsed.TotalSeconds:0.0} s");
        TestContext.WriteLine(report.ToString());
        Assert.IsTrue(outcomes.Values.All(o => o.Agrees), report.ToString() + string.Concat(outcomes.Where(o => !o.Value.Agrees).Select(o => $"\n{o.Key}:\n{o.Value.Details}")));
    }

    /// <summary>The shared material and citeproc-js, or the test stops: inconclusive here, failed under CI.</summary>
    private static (SharedLocations Shared, CiteprocJs Reference) StartReference()
    {
        try
        {
            var shared = SharedLocations.Find();
            return (shared, CiteprocJs.Start(shared, TextWriter.Null));
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            var message = $"The default-path agreement test needs Node, the citeproc-js harness and its npm packages: {e.Message} " +
                          $"Set {SharedLocations.CslVariable}, {SharedLocations.ToolVariable} and NODE_PATH, or run .ci/run, which installs them.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Inconclusive(message);
            throw;
        }
    }

    /// <summary>A positive count from an environment variable, or the default when it is unset; a bad value fails the test.</summary>
    private static int CountFromEnvironment(string variable, int defaultCount)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text))
        {
            return defaultCount;
        }

        Assert.IsTrue(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0, $"{variable} must be a positive integer, not '{text}'");
        return count;
    }

    private static List<string> ItemIds(string itemsPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(itemsPath));
        return [.. document.RootElement.EnumerateArray().Select(item => item.GetProperty("id").ToString())];
    }

    /// <summary>Whether render.js renders the style in en-US: a dependent style's default locale first, then its own.</summary>
    private static bool IsEnglishUs(string stylePath)
        => CslStyle.Load(stylePath).DefaultLocale is null or "en-US";

    /// <summary>How one style's citations and bibliography compare, line by line.</summary>
    private sealed record StyleOutcome(bool Agrees, string Summary, string Details)
    {
        public override string ToString() => Summary;

        public static StyleOutcome Compare(string[] localeOptions, RenderOutput expected, CliRunner.Outcome ours, RenderOutput expectedAll, CliRunner.Outcome oursAll, (int Citations, int Entries, int AllEntries) excused)
        {
            foreach (var outcome in (CliRunner.Outcome[])[ours, oursAll])
            {
                if (outcome.ExitCode != 0)
                {
                    return new StyleOutcome(false, $"citations format exited {outcome.ExitCode}", outcome.Error);
                }
            }

            using var json = JsonDocument.Parse(ours.Out);
            using var allJson = JsonDocument.Parse(oursAll.Out);
            var (citations, citationDiff) = Lines("citation", expected.Citations, Strings(json.RootElement, "citations"));
            var (entries, entryDiff) = Lines("cited entry", expected.Bibliography, Strings(json.RootElement, "bibliography"));
            var (allEntries, allEntryDiff) = Lines("entry of all items", expectedAll.Bibliography, Strings(allJson.RootElement, "bibliography"));
            var options = localeOptions[0] == "--offline" ? "--offline" : "--locales-url";
            var summary = string.Create(CultureInfo.InvariantCulture, $"citations {citations.Matched}/{citations.Total}, their bibliography {entries.Matched}/{entries.Total}, bibliography of all items {allEntries.Matched}/{allEntries.Total} ({options}{(excused == default ? string.Empty : $"; known differences excused: {excused.Citations} citations, {excused.Entries} + {excused.AllEntries} entries")})");
            var agrees = citations.Total - citations.Matched <= excused.Citations && entries.Total - entries.Matched <= excused.Entries
                         && allEntries.Total - allEntries.Matched <= excused.AllEntries;
            return new StyleOutcome(agrees, summary, citationDiff + entryDiff + allEntryDiff);
        }

        private static List<string> Strings(JsonElement root, string name)
            => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? string.Empty)];

        private static ((int Matched, int Total) Count, string FirstDifferences) Lines(string what, IReadOnlyList<string> expected, List<string> actual)
        {
            var total = Math.Max(expected.Count, actual.Count);
            var matched = 0;
            var differences = new StringBuilder();
            var shown = 0;
            for (var i = 0; i < total; i++)
            {
                var e = i < expected.Count ? expected[i] : "(none)";
                var a = i < actual.Count ? actual[i] : "(none)";
                if (i < expected.Count && i < actual.Count && e == a)
                {
                    matched++;
                }
                else if (shown++ < 3)
                {
                    differences.AppendLine(CultureInfo.InvariantCulture, $"  {what} {i + 1}\n    render.js: {e}\n    ours:      {a}");
                }
            }

            return ((matched, total), differences.ToString());
        }
    }
}
