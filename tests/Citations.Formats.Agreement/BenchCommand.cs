using System.Diagnostics;
using System.Globalization;
using Citations.Formats.BibTeX;
using Citations.Serialization;

namespace Citations.Formats.Agreement;

/// <summary>
/// <c>bench</c>: the speed of our BibLaTeX reader against pandoc on the same generated .bib file, in one run. Whole
/// process for both (start to exit, output to a file): <c>dotnet Citations.Formats.Agreement.dll convert FILE</c>
/// against <c>pandoc -f biblatex -t csljson FILE</c>; the median of several runs each, and the ratio. Also the
/// in-process time of reading the file and writing CSL-JSON (after a warm-up), which is what a program that already
/// runs pays.
/// </summary>
internal static class BenchCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var entries = 10_000;
        var runs = 3;
        var seed = 1;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--entries" when i + 1 < args.Count:
                    entries = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--runs" when i + 1 < args.Count:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seed" when i + 1 < args.Count:
                    seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"bench: unknown option '{args[i]}'.");
                    return 2;
            }
        }

        var work = Directory.CreateTempSubdirectory("citations-formats-bench-");
        var bib = Path.Combine(work.FullName, $"generated-{entries}.bib");
        File.WriteAllText(bib, BibGenerator.Generate(entries, seed));
        var size = new FileInfo(bib).Length;
        var pandoc = Environment.GetEnvironmentVariable("PANDOC") is { Length: > 0 } p ? p : "pandoc";
        var self = Path.Combine(AppContext.BaseDirectory, "Citations.Formats.Agreement.dll");
        var oursOut = Path.Combine(work.FullName, "ours.json");
        var pandocOut = Path.Combine(work.FullName, "pandoc.json");

        Console.WriteLine($"Input: {entries} entries, {size / 1024.0 / 1024.0:0.00} MiB, seed {seed} ({bib})");
        var oursTimes = new List<double>();
        var pandocTimes = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            oursTimes.Add(Time("dotnet", [self, "convert", bib, "--from", "biblatex", "--to", "csljson"], oursOut));
            pandocTimes.Add(Time(pandoc, ["-f", "biblatex", "-t", "csljson", bib], pandocOut));
        }

        var oursItems = CountItems(oursOut);
        var pandocItems = CountItems(pandocOut);
        var oursMedian = Median(oursTimes);
        var pandocMedian = Median(pandocTimes);
        Console.WriteLine($"ours   (whole process): median {oursMedian:0.000} s of {runs} runs [{string.Join(", ", oursTimes.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))}], {oursItems} items");
        Console.WriteLine($"pandoc (whole process): median {pandocMedian:0.000} s of {runs} runs [{string.Join(", ", pandocTimes.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))}], {pandocItems} items");
        Console.WriteLine($"ratio: ours is {pandocMedian / oursMedian:0.0}x faster than pandoc");

        // In process: read and write again, after one warm-up round.
        var bytes = File.ReadAllBytes(bib);
        var parse = new List<double>();
        var write = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = BibTeXFormat.BibLaTeX.Read(bytes, bib);
            var parsed = watch.Elapsed.TotalSeconds;
            watch.Restart();
            _ = CslJson.Write(result.Value!);
            var written = watch.Elapsed.TotalSeconds;
            if (run > 0)
            {
                parse.Add(parsed);
                write.Add(written);
            }
        }

        Console.WriteLine($"in process (warm): read {Median(parse) * 1000:0} ms, write CSL-JSON {Median(write) * 1000:0} ms (medians of {runs})");
        work.Delete(recursive: true);
        return 0;
    }

    private static double Time(string program, IReadOnlyList<string> arguments, string output)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using (var file = File.Create(output))
        {
            var copy = process.StandardOutput.BaseStream.CopyToAsync(file);
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} took more than 10 minutes.");
            }

            copy.Wait();
            _ = errors.Result;
        }

        watch.Stop();
        return watch.Elapsed.TotalSeconds;
    }

    private static int CountItems(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = System.Text.Json.JsonDocument.Parse(stream);
        return document.RootElement.GetArrayLength();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
