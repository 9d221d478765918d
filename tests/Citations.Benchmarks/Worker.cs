using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Citations.Csl.Processing;
using Citations.Csl.Reference;

namespace Citations.Benchmarks;

/// <summary>
/// One measurement of our processor, run in a child process of the quick comparison so that each figure starts cold
/// and its peak memory is its own: <c>--worker bib|items|document ...</c>, printing one JSON object.
/// Timing: Stopwatch around the public API; warm-up passes first (at least the given number and at least three seconds'
/// worth; the very first pass is reported separately as "first", JIT included), then the median of the measured passes.
/// </summary>
internal static class Worker
{
    private const int MaxWarmups = 200;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(3);

    public static int Run(string[] args)
    {
        var task = args[0];
        string Get(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"--worker {task} needs --{name}");
        }

        var warmup = int.Parse(Get("warmup", "1"), CultureInfo.InvariantCulture);
        var repeat = int.Parse(Get("repeat", "3"), CultureInfo.InvariantCulture);
        var workloads = new Workloads(Console.Error);
        var build = Stopwatch.StartNew();
        var processor = workloads.Processor(Get("style"));
        build.Stop();
        var items = Workloads.ReadItems(Get("items"));
        var result = new Dictionary<string, object?>
        {
            ["task"] = task,
            ["style"] = Get("style"),
            ["items"] = items.Count,
            ["buildMs"] = Round(build.Elapsed.TotalMilliseconds),
        };

        switch (task)
        {
            case "bib":
                Measure(result, "bibliography", warmup, repeat, () => processor.FormatBibliography(items).Entries.Count);
                break;
            case "items":
                Measure(result, "bibliography", warmup, repeat, () => processor.FormatBibliography(items).Entries.Count);
                IReadOnlyList<CslCitation> single = [.. items.Select(i => CslCitation.Of(i.Id.Text))];
                Measure(result, "citations", warmup, repeat, () => processor.FormatDocument(items, single).Citations.Count);
                break;
            case "document":
                var document = CitationDocument.FromRenderJson(File.ReadAllText(Get("citations")));
                var index = int.Parse(Get("edit-index"), CultureInfo.InvariantCulture);
                using (var edit = JsonDocument.Parse(File.ReadAllText(Get("edit"))))
                {
                    var edited = document.WithCluster(index, CitationDocument.ReadCluster(edit.RootElement));
                    var citations = document.ToCslCitations();
                    var editedCitations = edited.ToCslCitations();
                    result["clusters"] = citations.Count;
                    Measure(result, "document", warmup, repeat, () => Count(processor.FormatDocument(items, citations, bibliography: true)));

                    // A one-cluster edit through the incremental document: each pass replaces the cluster, alternating
                    // between the edited and the original version so that every pass is a real change.
                    var live = processor.CreateDocument(items);
                    live.AddRange(citations);
                    var toggle = false;
                    var rendered = new List<int>();
                    Measure(result, "edit", warmup, repeat, () =>
                    {
                        toggle = !toggle;
                        var update = live.Replace(index, toggle ? editedCitations[index] : citations[index]);
                        rendered.Add(update.Rendered.Count);
                        return update.Changed.Count;
                    });
                    result["editMethod"] = "CslDocument.Replace (incremental: re-renders only the citations the edit affects)";
                    result["editRenderedMax"] = rendered.Max();
                }

                break;
            default:
                throw new ArgumentException($"unknown worker task '{task}'");
        }

        result["peakWorkingSetMB"] = Round(Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0));
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static int Count(CslDocumentResult result) => result.Citations.Count + (result.Bibliography?.Entries.Count ?? 0);

    private static void Measure(Dictionary<string, object?> result, string name, int warmup, int repeat, Func<int> pass)
    {
        // Warm up by count and by time: tiered compilation (with dynamic PGO) needs a few seconds of work before the
        // steady-state code runs, and short passes would otherwise be measured half-optimised.
        var first = Stopwatch.StartNew();
        var size = pass();
        first.Stop();
        var warming = Stopwatch.StartNew();
        var warmups = 1;
        while (warmups < MaxWarmups && (warmups < warmup || warming.Elapsed < WarmupTime))
        {
            pass();
            warmups++;
        }

        var runs = new List<double>(repeat);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < repeat; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            pass();
            runs.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        result[name + "Size"] = size;
        result[name + "FirstMs"] = Round(first.Elapsed.TotalMilliseconds);
        result[name + "Warmups"] = warmups;
        result[name + "MedianMs"] = Round(Median(runs));
        result[name + "MinMs"] = Round(runs.Min());
        result[name + "AllocatedMBPerPass"] = Round(allocated / (1024.0 * 1024.0) / repeat);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double Round(double value) => Math.Round(value, 2);
}
