using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Citations.Csl.Reference;

namespace Citations.Benchmarks;

/// <summary>
/// The quick comparison: our processor (each figure measured in a fresh child process, Stopwatch with warm-up) against
/// citeproc-js (bench.js, and reference/citeproc-timing.js for documents and the 500-author item) in the same run,
/// printed as Markdown tables of ratios. See README.md for what each row measures.
/// </summary>
internal sealed class QuickComparison
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(40);
    private readonly QuickOptions _options;
    private readonly Workloads _workloads;
    private readonly TextWriter _out;
    private readonly TextWriter _log;
    private readonly JsonObject _json = [];
    private readonly string _scripts = Path.Combine(AppContext.BaseDirectory, "reference");

    public QuickComparison(QuickOptions options, Workloads workloads, TextWriter output, TextWriter log)
    {
        _options = options;
        _workloads = workloads;
        _out = output;
        _log = log;
    }

    private static CultureInfo Inv => CultureInfo.InvariantCulture;

    public int Run()
    {
        _out.WriteLine($"Quick comparison: Citations.Csl vs citeproc-js {_workloads.Reference.Version}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeNode()}{LoadAverage()}; our worker processes run with {(_options.ServerGc ? "server" : "workstation")} GC");
        _json["citeproc"] = _workloads.Reference.Version;
        _json["dotnet"] = Environment.Version.ToString();
        if (_options.Bibliographies)
        {
            Bibliographies();
        }

        if (_options.ManyAuthors)
        {
            ManyAuthors();
        }

        if (_options.Cli)
        {
            Cli();
        }

        if (_options.Documents)
        {
            Documents();
        }

        _out.WriteLine();
        _out.WriteLine($"Finished{LoadAverage()}. Both sides ran in this run on the same machine; on a shared machine the absolute figures move by tens of per cent between runs, the ratios less.");
        if (_options.Json is not null)
        {
            File.WriteAllText(_options.Json, _json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            _log.WriteLine($"JSON: {_options.Json}");
        }

        return 0;
    }

    private void Bibliographies()
    {
        var rows = new JsonArray();
        var results = new Dictionary<(string Style, int Size), (JsonObject Ours, JsonObject? Theirs)>();
        foreach (var style in _options.Styles)
        {
            foreach (var size in _options.Sizes)
            {
                var items = _workloads.GeneratedItemsPath(size);
                var small = size <= 2000;
                _log.WriteLine($"bibliography {style} {size}: ours...");
                var ours = RunWorker(["bib", "--style", style, "--items", items, "--warmup", small ? "5" : "2", "--repeat", (_options.Repeat ?? (small ? 7 : 3)).ToString(Inv)]);
                JsonObject? theirs = null;
                if (_options.Reference)
                {
                    _log.WriteLine($"bibliography {style} {size}: bench.js (citeproc-js; {(small ? "a few seconds" : "a minute or more")} per pass)...");
                    theirs = RunBenchJs(style, items, _options.ReferenceRepeat ?? (small ? 3 : 1));
                }

                results[(style, size)] = (ours, theirs);
                rows.Add(new JsonObject { ["style"] = style, ["items"] = size, ["ours"] = ours.DeepClone(), ["citeprocJs"] = theirs?.DeepClone() });
            }
        }

        _json["bibliographies"] = rows;
        _out.WriteLine();
        _out.WriteLine("### Bibliography of generated items (text): registration, sorting, disambiguation and rendering of every item");
        _out.WriteLine();
        _out.WriteLine("| style | items | ours ms (median) | citeproc-js ms (median) | ours items/s | citeproc-js items/s | speed ratio | ours engine build ms | citeproc-js engine build ms | ours peak MB | citeproc-js peak MB | ours allocated MB/pass |");
        _out.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var ((style, size), (ours, theirs)) in results)
        {
            var oursMs = Num(ours, "bibliographyMedianMs");
            var theirsMs = theirs is null ? double.NaN : Num(theirs["bibliography"]!.AsObject()["msPerFullBibliography"]!.AsObject(), "median");
            _out.WriteLine($"| {style} | {size:N0} | {F(oursMs)} | {F(theirsMs)} | {F(size / (oursMs / 1000), "N0")} | {F(size / (theirsMs / 1000), "N0")} | **{F(theirsMs / oursMs, "0.0")}×** | {F(Num(ours, "buildMs"))} | {F(theirs is null ? double.NaN : Num(theirs, "engineBuildMs"))} | {F(Num(ours, "peakWorkingSetMB"), "0")} | {F(theirs is null ? double.NaN : Num(theirs, "peakRssMB"), "0")} | {F(Num(ours, "bibliographyAllocatedMBPerPass"), "0")} |");
        }

        if (_options.Sizes.Count >= 2)
        {
            var (lo, hi) = (_options.Sizes.Min(), _options.Sizes.Max());
            _out.WriteLine();
            _out.WriteLine($"### Scaling: time for {hi:N0} items ÷ time for {lo:N0} items (target for ours: at most 12 for 10× the items)");
            _out.WriteLine();
            _out.WriteLine("| style | ours | citeproc-js |");
            _out.WriteLine("|---|---:|---:|");
            foreach (var style in _options.Styles)
            {
                var ours = Num(results[(style, hi)].Ours, "bibliographyMedianMs") / Num(results[(style, lo)].Ours, "bibliographyMedianMs");
                var theirsHi = results[(style, hi)].Theirs;
                var theirsLo = results[(style, lo)].Theirs;
                var theirs = theirsHi is null || theirsLo is null ? double.NaN
                    : Num(theirsHi["bibliography"]!["msPerFullBibliography"]!.AsObject(), "median") / Num(theirsLo["bibliography"]!["msPerFullBibliography"]!.AsObject(), "median");
                _out.WriteLine($"| {style} | {F(ours, "0.0")} | {F(theirs, "0.0")} |");
            }
        }
    }

    private void ManyAuthors()
    {
        var items = _workloads.ManyAuthorsPath();
        var rows = new JsonArray();
        var lines = new List<string>();
        foreach (var style in _options.Styles)
        {
            _log.WriteLine($"500 authors {style}...");
            var ours = RunWorker(["items", "--style", style, "--items", items, "--warmup", "5", "--repeat", "25"]);
            var theirs = _options.Reference ? RunTiming(["--mode", "items", "--style", _workloads.StylePath(style), "--items", items, "--repeat", "25"]) : null;
            rows.Add(new JsonObject { ["style"] = style, ["ours"] = ours.DeepClone(), ["citeprocJs"] = theirs?.DeepClone() });
            lines.Add($"| {style} | {F(Num(ours, "bibliographyMedianMs"), "0.00")} | {F(Num(ours, "citationsMedianMs"), "0.00")} | {F(Num(ours, "bibliographyFirstMs"), "0.0")} | {F(theirs is null ? double.NaN : Num(theirs, "bibliographyMsMedian"), "0.00")} | {F(theirs is null ? double.NaN : Num(theirs, "citationMsMedian"), "0.00")} |");
        }

        _json["manyAuthors"] = rows;
        _out.WriteLine();
        _out.WriteLine("### One item with 500 authors (bibliography of that item; one citation of it), median of 25 after warm-up");
        _out.WriteLine();
        _out.WriteLine("| style | ours bibliography ms | ours citation ms | ours first (cold) bibliography ms | citeproc-js bibliography ms | citeproc-js citation ms |");
        _out.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var line in lines)
        {
            _out.WriteLine(line);
        }
    }

    private void Cli()
    {
        var project = Path.Combine(_workloads.Locations.RepositoryRoot, "src", "Citations.Cli", "Citations.Cli.csproj");
        _log.WriteLine("CLI: building src/Citations.Cli (Release)...");
        var build = ChildProcess.Run("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"], TimeSpan.FromMinutes(10));
        _out.WriteLine();
        _out.WriteLine("### CLI whole process: `citations format` with APA, 10,000 items (target: under 2 s)");
        _out.WriteLine();
        var exe = Path.Combine(_workloads.Locations.RepositoryRoot, "src", "Citations.Cli", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "Citations.Cli.exe" : "Citations.Cli");
        if (build.ExitCode != 0 || !File.Exists(exe))
        {
            _out.WriteLine($"Skipped: the CLI did not build ({build.StandardOutput.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal))?.Trim()}).");
            _json["cli"] = "skipped: build failed";
            return;
        }

        var help = ChildProcess.Run(exe, ["--help"], TimeSpan.FromMinutes(1));
        var commands = help.StandardOutput.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Trim().Length > 0).Select(l => l.Trim().Split(' ')[0]).ToList();
        if (!commands.Contains("format", StringComparer.Ordinal))
        {
            _out.WriteLine($"Skipped: the CLI has no `format` command yet (its commands: {string.Join(", ", commands)}).");
            _json["cli"] = "skipped: no format command";
            return;
        }

        var items = _workloads.GeneratedItemsPath(10_000);
        string[] args = ["format", "--style", _workloads.StylePath("apa"), "--items", items, "--format", "text", "--locales", _workloads.Locations.LocalesDirectory];
        var runs = new List<double>();
        var lines = 0;
        for (var i = 0; i < 6; i++)
        {
            var run = ChildProcess.Run(exe, args, TimeSpan.FromMinutes(5));
            if (run.ExitCode != 0)
            {
                _out.WriteLine($"The CLI failed (exit {run.ExitCode}): {run.StandardError.Split('\n')[0]}");
                _json["cli"] = "failed";
                return;
            }

            lines = run.StandardOutput.Count(c => c == '\n');
            if (i > 0)
            {
                runs.Add(run.Elapsed.TotalMilliseconds);
            }
        }

        _out.WriteLine($"`Citations.Cli {string.Join(' ', args.Select(a => a.Contains('/', StringComparison.Ordinal) ? Path.GetFileName(a) : a))}`: median {Worker.Median(runs):0} ms over {runs.Count} runs after one warm-up ({lines} lines printed).");
        _json["cli"] = new JsonObject { ["medianMs"] = Math.Round(Worker.Median(runs)), ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)Math.Round(r))]) };
    }

    private void Documents()
    {
        var cases = new[]
        {
            (Name: "author-date, heavy disambiguation", Style: Workloads.AuthorDateStyle, Items: _workloads.CollidingItemsPath(1000)),
            (Name: "note, ibid", Style: Workloads.NoteStyle, Items: _workloads.GeneratedItemsPath(1000)),
        };
        var rows = new JsonArray();
        var lines = new List<string>();
        foreach (var c in cases)
        {
            var (path, document) = _workloads.DocumentFor(c.Items, _options.Clusters);
            var (index, _, editPath) = _workloads.EditFor(document);
            _log.WriteLine($"document {c.Style} ({document.Describe()}): ours...");
            var ours = RunWorker(["document", "--style", c.Style, "--items", c.Items, "--citations", path, "--edit", editPath, "--edit-index", index.ToString(Inv), "--warmup", "2", "--repeat", "5"]);
            JsonObject? theirs = null;
            if (_options.Reference)
            {
                _log.WriteLine($"document {c.Style}: citeproc-js (processCitationCluster per cluster)...");
                theirs = RunTiming(["--mode", "document", "--style", _workloads.StylePath(c.Style), "--items", c.Items, "--citations", path, "--edit", editPath, "--edit-index", index.ToString(Inv), "--repeat", "6"]);
            }

            rows.Add(new JsonObject { ["case"] = c.Name, ["style"] = c.Style, ["document"] = document.Describe(), ["ours"] = ours.DeepClone(), ["citeprocJs"] = theirs?.DeepClone() });
            var oursMs = Num(ours, "documentMedianMs");
            var theirsMs = theirs is null ? double.NaN : Num(theirs, "documentMs") + Num(theirs, "bibliographyMs");
            var oursEdit = Num(ours, "editMedianMs");
            var theirsEdit = theirs is null ? double.NaN : Num(theirs, "editMsMedian");
            lines.Add($"| {c.Style} ({c.Name}) | {document.Clusters.Count:N0} | {F(oursMs)} | {F(theirsMs)} | **{F(theirsMs / oursMs, "0.0")}×** | {F(oursEdit)} | {F(theirsEdit)} | {F(theirsEdit / oursEdit, "0.00")}× | {F(Num(ours, "peakWorkingSetMB"), "0")} | {F(theirs is null ? double.NaN : Num(theirs, "peakRssMB"), "0")} |");
        }

        _json["documents"] = rows;
        _out.WriteLine();
        _out.WriteLine($"### Documents of {_options.Clusters:N0} citation clusters (citations in order, then the bibliography of the cited items), and a one-cluster edit");
        _out.WriteLine();
        _out.WriteLine("Ours: `FormatDocument` (full processing); the edit is one `CslDocument.Replace` on a document already built (incremental). citeproc-js: `processCitationCluster` per cluster as render.js does, then `makeBibliography`; its edit is one `processCitationCluster` call with the clusters before and after.");
        _out.WriteLine();
        _out.WriteLine("| style | clusters | ours ms | citeproc-js ms | speed ratio | ours edit ms | citeproc-js edit ms | edit ratio | ours peak MB | citeproc-js peak MB |");
        _out.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in lines)
        {
            _out.WriteLine(line);
        }
    }

    private JsonObject RunWorker(IReadOnlyList<string> args)
    {
        var (file, prefix) = Self();
        // The worker runs with the garbage collector asked for (server by default, as the CLI is configured).
        var environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = _options.ServerGc ? "1" : "0" };
        var result = ChildProcess.Run(file, [.. prefix, "--worker", .. args], Timeout, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"worker {string.Join(' ', args)} failed (exit {result.ExitCode}): {result.StandardError}");
        }

        return JsonNode.Parse(result.StandardOutput.Trim().Split('\n')[^1])!.AsObject();
    }

    private JsonObject RunBenchJs(string style, string items, int repeat)
    {
        var tool = _workloads.Locations.ToolDirectory;
        var result = _workloads.Reference.RunScript(
            Path.Combine(tool, "bench.js"),
            ["--style", _workloads.StylePath(style), "--items", items, "--repeat", repeat.ToString(Inv), "--locales", _workloads.Locations.LocalesDirectory, "--json"],
            Timeout,
            ["-r", Path.Combine(_scripts, "peak-rss.js")]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bench.js failed (exit {result.ExitCode}): {result.StandardError}");
        }

        var json = JsonNode.Parse(result.StandardOutput)!.AsObject();
        var peak = result.StandardError.Split('\n').FirstOrDefault(l => l.StartsWith("PEAK_RSS_KB ", StringComparison.Ordinal));
        json["peakRssMB"] = peak is null ? null : Math.Round(double.Parse(peak["PEAK_RSS_KB ".Length..], Inv) / 1024, 1);
        return json;
    }

    private JsonObject RunTiming(IReadOnlyList<string> args)
    {
        var result = _workloads.Reference.RunScript(
            Path.Combine(_scripts, "citeproc-timing.js"),
            ["--tool", _workloads.Locations.ToolDirectory, "--locales", _workloads.Locations.LocalesDirectory, .. args],
            Timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"citeproc-timing.js failed (exit {result.ExitCode}): {result.StandardError}");
        }

        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    /// <summary>How to start this program again: the apphost directly, or <c>dotnet Citations.Benchmarks.dll</c>.</summary>
    private static (string File, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? (process, [Assembly.GetEntryAssembly()!.Location])
            : (process, []);
    }

    private static string RuntimeNode()
    {
        try
        {
            return "node " + ChildProcess.Run("node", ["--version"], TimeSpan.FromSeconds(30)).StandardOutput.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node missing";
        }
    }

    /// <summary>The machine's load (Linux), so a reader can tell a busy run from a quiet one.</summary>
    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : string.Empty;

    private static double Num(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;

    private static string F(double value, string format = "0")
        => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
}

/// <summary>Options of the quick comparison.</summary>
internal sealed class QuickOptions
{
    public IReadOnlyList<string> Styles { get; private set; } = ["apa", "modern-language-association"];

    public IReadOnlyList<int> Sizes { get; private set; } = [1000, 10_000];

    public int? Repeat { get; private set; }

    public int? ReferenceRepeat { get; private set; }

    public int Clusters { get; private set; } = 2000;

    public bool Reference { get; private set; } = true;

    public bool Bibliographies { get; private set; } = true;

    public bool ManyAuthors { get; private set; } = true;

    public bool Cli { get; private set; } = true;

    public bool Documents { get; private set; } = true;

    public string? Json { get; private set; }

    /// <summary>Whether our worker processes use the server garbage collector (as the CLI does) rather than the workstation one.</summary>
    public bool ServerGc { get; private set; } = true;

    public const string Usage = """
        usage: dotnet run -c Release --project tests/Citations.Benchmarks -- --quick [options]
               dotnet run -c Release --project tests/Citations.Benchmarks -- [BenchmarkDotNet options, e.g. --filter '*']

          --styles LIST          styles for the bibliography rows (default apa,modern-language-association)
          --sizes LIST           item counts (default 1000,10000)
          --repeat N             our measured passes (default 7 up to 2,000 items, else 3)
          --reference-repeat N   bench.js passes (default 3 up to 2,000 items, else 1)
          --clusters N           clusters of the document rows (default 2000)
          --only LIST            any of bib,authors,cli,documents (default all)
          --no-reference         ours only, without citeproc-js
          --gc server|workstation  our worker processes' garbage collector (default server, as the CLI)
          --json FILE            also write the figures as JSON
        """;

    public static QuickOptions Parse(IReadOnlyList<string> args, List<string> errors)
    {
        var o = new QuickOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : null;
            int Int()
            {
                i++;
                if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                {
                    return n;
                }

                errors.Add($"{name} needs a positive integer");
                return 1;
            }

            IReadOnlyList<string> List()
            {
                i++;
                var list = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (list.Length == 0)
                {
                    errors.Add($"{name} needs a comma-separated list");
                }

                return list;
            }

            switch (name)
            {
                case "--quick":
                    break;
                case "--styles":
                    o.Styles = List();
                    break;
                case "--sizes":
                    var sizes = List();
                    o.Sizes = [.. sizes.Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0)];
                    if (o.Sizes.Contains(0))
                    {
                        errors.Add("--sizes takes positive integers");
                    }

                    break;
                case "--repeat":
                    o.Repeat = Int();
                    break;
                case "--reference-repeat":
                    o.ReferenceRepeat = Int();
                    break;
                case "--clusters":
                    o.Clusters = Int();
                    break;
                case "--only":
                    var only = List();
                    o.Bibliographies = only.Contains("bib");
                    o.ManyAuthors = only.Contains("authors");
                    o.Cli = only.Contains("cli");
                    o.Documents = only.Contains("documents");
                    if (only.Any(x => x is not ("bib" or "authors" or "cli" or "documents")))
                    {
                        errors.Add("--only takes bib, authors, cli, documents");
                    }

                    break;
                case "--no-reference":
                    o.Reference = false;
                    break;
                case "--gc":
                    i++;
                    o.ServerGc = value == "server";
                    if (value is not ("server" or "workstation"))
                    {
                        errors.Add("--gc takes server or workstation");
                    }

                    break;
                case "--json":
                    i++;
                    o.Json = value ?? string.Empty;
                    if (o.Json.Length == 0)
                    {
                        errors.Add("--json needs a file name");
                    }

                    break;
                default:
                    errors.Add($"unknown option '{name}'");
                    break;
            }
        }

        return o;
    }
}
