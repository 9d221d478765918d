using System.Diagnostics;
using System.Globalization;
using System.Text;
using Citations.Links.Extraction;

namespace Citations.Links.Benchmark;

/// <summary>
/// Link extraction speed and memory: generated HTML and Markdown corpora (50 MB each by default), read by the current
/// readers (AngleSharp's tokenizer, Markdig) and by main's former regular-expression readers
/// (<see cref="LegacyHtmlLinks"/>, <see cref="LegacyMarkdownLinks"/>) in the same run, each extraction in a fresh child
/// process so that its peak memory is its own. Rounds interleave the readers so that a change in the machine's load
/// hits them alike; the medians and the ratio current/former are printed at the end.
/// </summary>
internal static class ExtractionBenchmark
{
    private static readonly string[] Kinds = ["html", "md"];
    private static readonly string[] Readers = ["former", "current"];

    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = Comparison.Option(args, "--mb", 50);
        var runs = Comparison.Option(args, "--runs", 3);
        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? typeof(ExtractionBenchmark).Assembly.Location + " " : string.Empty;
        var work = Directory.CreateTempSubdirectory("citations-extract-bench-");
        try
        {
            var files = Kinds.ToDictionary(k => k, k => ExtractionCorpus.Write(Path.Combine(work.FullName, "corpus." + k), k, megabytes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"corpora: {string.Join(", ", files.Select(f => $"{f.Key} {new FileInfo(f.Value).Length / 1048576.0:0.0} MB"))}; {Environment.ProcessorCount} cores; load average {Comparison.LoadAverage()}"));
            var results = new Dictionary<(string Kind, string Reader), List<ExtractionRun>>();
            for (var round = 1; round <= runs; round++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} (load average {Comparison.LoadAverage()})"));
                foreach (var kind in Kinds)
                {
                    foreach (var reader in Readers)
                    {
                        var run = await RunChildAsync(self, $"{selfArgs}extract-one {files[kind]} {reader}");
                        (results.TryGetValue((kind, reader), out var list) ? list : results[(kind, reader)] = []).Add(run);
                        Console.WriteLine($"  {kind,-4} {reader,-7} {run}");
                    }
                }
            }

            Console.WriteLine("medians:");
            foreach (var kind in Kinds)
            {
                var medians = Readers.ToDictionary(r => r, r => results[(kind, r)]);
                foreach (var reader in Readers)
                {
                    var list = medians[reader];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {kind,-4} {reader,-7} {list[0].Links} links in {Comparison.MedianOf(list.Select(r => r.Seconds)):0.000} s = {Comparison.MedianOf(list.Select(r => r.LinksPerSecond)):0} links/s, {Comparison.MedianOf(list.Select(r => r.MegabytesPerSecond)):0.0} MB/s; peak {Comparison.MedianOf(list.Select(r => r.PeakMegabytes)):0} MB ({Comparison.MedianOf(list.Select(r => r.PeakMegabytes - r.AfterReadMegabytes)):0} MB above the text read)"));
                }

                var ratio = Comparison.MedianOf(medians["current"].Select(r => r.Seconds)) / Comparison.MedianOf(medians["former"].Select(r => r.Seconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-4} current/former time: {ratio:0.00}"));
            }

            return 0;
        }
        finally
        {
            work.Delete(true);
        }
    }

    /// <summary>One extraction in this process; prints one line: links, seconds, bytes, MB after reading the text, peak MB, allocated MB.</summary>
    public static int RunOne(string file, string reader)
    {
        var text = File.ReadAllText(file);
        var kind = file.EndsWith(".md", StringComparison.Ordinal) ? LinkFileKind.Markdown : LinkFileKind.Html;
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var afterRead = self.WorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var links = (reader, kind) switch
        {
            ("former", LinkFileKind.Html) => LegacyHtmlLinks.Read(text, file).Value!.Count,
            ("former", _) => LegacyMarkdownLinks.Read(text, file).Value!.Count,
            _ => LinkTargetReader.ReadSet(text, kind, file).Value!.Targets.Count,
        };
        watch.Stop();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{links} {watch.Elapsed.TotalSeconds:0.000} {new FileInfo(file).Length} {afterRead} {self.PeakWorkingSet64} {GC.GetTotalAllocatedBytes() - allocated}"));
        return 0;
    }

    private static async Task<ExtractionRun> RunChildAsync(string self, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEndAsync();
        var line = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        var parts = line.Split(' ');
        if (process.ExitCode != 0 || parts.Length != 6)
        {
            throw new InvalidOperationException("The child failed: " + line + await error);
        }

        var numbers = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ExtractionRun((int)numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
    }

    private sealed record ExtractionRun(int Links, double Seconds, double Bytes, double AfterReadBytes, double PeakBytes, double AllocatedBytes)
    {
        public double LinksPerSecond => Links / Seconds;

        public double MegabytesPerSecond => Bytes / 1048576.0 / Seconds;

        public double AfterReadMegabytes => AfterReadBytes / 1048576.0;

        public double PeakMegabytes => PeakBytes / 1048576.0;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Links} links in {Seconds:0.000} s = {LinksPerSecond:0} links/s, {MegabytesPerSecond:0.0} MB/s; peak {PeakMegabytes:0} MB ({PeakMegabytes - AfterReadMegabytes:0} MB above the text read); allocated {AllocatedBytes / 1048576.0:0} MB");
    }
}

/// <summary>
/// Writes a deterministic corpus of about N MB that exercises every construct the readers know: links, images and
/// srcset, quotes with <c>cite</c>, code and <c>pre</c>, comments, relative and nofollow links, scripts, entities, custom
/// elements (HTML); inline, nested and reference links, autolinks, bare URLs, code spans, fenced and indented code,
/// quotes, tables and HTML blocks (Markdown).
/// </summary>
internal static class ExtractionCorpus
{
    private static readonly string[] Vocabulary = "the data shows that more people were counted in the survey than before and officials said".Split(' ');

    public static string Write(string path, string kind, int megabytes)
    {
        var random = new Random(1);
        var limit = megabytes * 1024L * 1024L;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var text = new StringBuilder();
        var size = 0L;
        writer.Write(kind == "html"
            ? "<!DOCTYPE html><html><head><title>Corpus</title><link rel=stylesheet href=\"https://cdn.example/s.css\"><link rel=preconnect href=\"https://fonts.example\"></head><body>\n"
            : "# Corpus\n\n");
        for (var i = 0; size < limit; i++)
        {
            text.Clear();
            if (kind == "html")
            {
                Html(text, i, random);
            }
            else
            {
                Markdown(text, i, random);
            }

            writer.Write(text);
            size += Encoding.UTF8.GetByteCount(text.ToString());
        }

        if (kind == "html")
        {
            writer.Write("</body></html>\n");
        }

        return path;
    }

    private static void Html(StringBuilder s, int i, Random random)
    {
        string Url(int n) => string.Create(CultureInfo.InvariantCulture, $"https://host{n % 50}.example.org/path/{n}/page-{n * 7 % 1000}.html?q={n}&amp;r=2");
        string Text(int n) => Words(random, n);
        _ = (i % 10) switch
        {
            0 => s.Append(CultureInfo.InvariantCulture, $"<p>{Text(20)} <a href=\"{Url(i)}\">{Text(3)}</a> {Text(10)}.</p>\n"),
            1 => s.Append(CultureInfo.InvariantCulture, $"<p>{Text(8)} <img src=\"{Url(i)}\" alt=\"{Text(2)}\" srcset=\"{Url(i + 1)} 1x, {Url(i + 2)} 2x\"> {Text(8)}</p>\n"),
            2 => s.Append(CultureInfo.InvariantCulture, $"<blockquote cite=\"{Url(i)}\"><p>{Text(25)}</p></blockquote>\n"),
            3 => s.Append(CultureInfo.InvariantCulture, $"<pre><code>curl {Url(i)}\n{Text(6)}</code></pre>\n"),
            4 => s.Append(CultureInfo.InvariantCulture, $"<!-- <a href=\"{Url(i)}\">old</a> -->\n<div class=\"note\" data-x=\"1\"><span>{Text(15)}</span></div>\n"),
            5 => s.Append(CultureInfo.InvariantCulture, $"<ul><li><a href=\"/relative/{i}\">rel</a></li><li><a href=\"{Url(i)}\" rel=\"nofollow\">{Text(2)}</a></li><li><a href=\"#s{i}\">frag</a></li></ul>\n"),
            6 => s.Append(CultureInfo.InvariantCulture, $"<table><tr><td>{Text(4)}</td><td><a href='{Url(i)}'>{Text(2)}</a></td></tr></table>\n"),
            7 => s.Append(CultureInfo.InvariantCulture, $"<script>var u = \"{Url(i)}\"; function f(a) {{ return a < 3 && a > 1; }}</script>\n"),
            8 => s.Append(CultureInfo.InvariantCulture, $"<p>{Text(30)} &mdash; {Text(5)} &copy; 2024, see https://host{i % 50}.example.org/text/{i}.</p>\n"),
            _ => s.Append(CultureInfo.InvariantCulture, $"<x-card href=\"{Url(i)}\"><q cite=\"{Url(i + 3)}\">{Text(10)}</q></x-card>\n"),
        };
    }

    private static void Markdown(StringBuilder s, int i, Random random)
    {
        string Url(int n) => string.Create(CultureInfo.InvariantCulture, $"https://host{n % 50}.example.org/path/{n}/page-{n * 7 % 1000}.html?q={n}&r=2");
        string Text(int n) => Words(random, n);
        _ = (i % 10) switch
        {
            0 => s.Append(CultureInfo.InvariantCulture, $"{Text(20)} [{Text(3)}]({Url(i)}) {Text(10)}.\n\n"),
            1 => s.Append(CultureInfo.InvariantCulture, $"{Text(8)} ![{Text(2)}]({Url(i)} \"title\") and [![badge]({Url(i + 1)})]({Url(i + 2)}) {Text(8)}\n\n"),
            2 => s.Append(CultureInfo.InvariantCulture, $"> {Text(25)}\n> — [source]({Url(i)})\n\n"),
            3 => s.Append(CultureInfo.InvariantCulture, $"```sh\ncurl {Url(i)}\n{Text(6)}\n```\n\n"),
            4 => s.Append(CultureInfo.InvariantCulture, $"{Text(10)} see <{Url(i)}> and `{Url(i + 1)}` and {Url(i + 2)}, {Text(5)}.\n\n"),
            5 => s.Append(CultureInfo.InvariantCulture, $"- [{Text(2)}][r{i}]\n- {Text(6)} *emphasis* and **strong** {Text(4)}\n\n[r{i}]: {Url(i)}\n\n"),
            6 => s.Append(CultureInfo.InvariantCulture, $"| a | b |\n|---|---|\n| {Text(3)} | [{Text(2)}]({Url(i)}) |\n\n"),
            7 => s.Append(CultureInfo.InvariantCulture, $"<div class=\"x\">\n<a href=\"{Url(i).Replace("&", "&amp;", StringComparison.Ordinal)}\">{Text(2)}</a>\n</div>\n\n"),
            8 => s.Append(CultureInfo.InvariantCulture, $"## {Text(4)}\n\n{Text(40)}\n\n"),
            _ => s.Append(CultureInfo.InvariantCulture, $"    {Url(i)} indented code\n\n{Text(12)} <code>{Url(i)}</code> {Text(3)}\n\n"),
        };
    }

    private static string Words(Random random, int count)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Vocabulary[random.Next(Vocabulary.Length)];
        }

        return string.Join(' ', words);
    }
}
