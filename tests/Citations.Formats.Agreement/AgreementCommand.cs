using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.CslData;
using Citations.Formats.BibTeX;
using Citations.Serialization;

namespace Citations.Formats.Agreement;

/// <summary>
/// <c>agreement</c>: converts every <c>.bib</c> file of the corpus to CSL-JSON twice, with our reader and with
/// <c>pandoc -f biblatex -t csljson</c>, renders both with citeproc-js in each style, and compares the bibliographies
/// entry by entry (matched by item id, so a sorting difference does not shift every later line). Every differing
/// entry is put in a family of difference by the item fields that differ (<see cref="DifferenceFamilies"/>).
/// </summary>
internal static class AgreementCommand
{
    private static readonly string[] DefaultStyles = ["apa", "chicago-author-date", "ieee", "modern-language-association", "nature"];

    public static int Run(IReadOnlyList<string> args)
    {
        string? corpus = null, reportPath = null;
        var styles = DefaultStyles;
        var diff = 0;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--corpus" when i + 1 < args.Count:
                    corpus = args[++i];
                    break;
                case "--styles" when i + 1 < args.Count:
                    styles = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "--out" when i + 1 < args.Count:
                    reportPath = args[++i];
                    break;
                case "--diff" when i + 1 < args.Count:
                    diff = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"agreement: unknown option '{args[i]}'.");
                    return 2;
            }
        }

        SharedTools tools;
        try
        {
            tools = SharedTools.Find();
        }
        catch (DirectoryNotFoundException e)
        {
            Console.Error.WriteLine($"agreement: {e.Message}");
            return 2;
        }

        corpus ??= Path.Combine(tools.RepositoryRoot, "tests", "Citations.Tests", "Formats", "BibTeX", "corpus");
        var files = Directory.GetFiles(corpus, "*.bib").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"agreement: no .bib file in {corpus}.");
            return 2;
        }

        // 1. Both conversions of every file.
        var ours = new List<CslItem>();
        var pandocItems = new List<JsonElement>();
        var diagnostics = 0;
        foreach (var file in files)
        {
            var result = BibTeXFormat.BibLaTeX.Read(File.ReadAllBytes(file), file);
            diagnostics += result.Diagnostics.Count;
            ours.AddRange(result.Value ?? []);
            var (code, output, error) = SharedTools.Run(tools.Pandoc, ["-f", "biblatex", "-t", "csljson", file], TimeSpan.FromMinutes(2));
            if (code != 0)
            {
                Console.Error.WriteLine($"agreement: pandoc failed on {file}: {error.Trim()}");
                return 1;
            }

            using var document = JsonDocument.Parse(output);
            pandocItems.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
        }

        var work = Directory.CreateTempSubdirectory("citations-formats-agreement-");
        var oursPath = Path.Combine(work.FullName, "ours.json");
        var pandocPath = Path.Combine(work.FullName, "pandoc.json");
        File.WriteAllText(oursPath, CslJson.Write(ours));
        File.WriteAllText(pandocPath, JsonSerializer.Serialize(pandocItems, AgreementJson.Default.ListJsonElement));
        var oursById = ItemsById(File.ReadAllText(oursPath));
        var pandocById = ItemsById(File.ReadAllText(pandocPath));

        // 2. Render and compare, style by style.
        var rows = new List<StyleRow>();
        var familyLines = new Dictionary<DifferenceFamily, List<(string Style, string Id, string Ours, string Pandoc)>>();
        foreach (var style in styles)
        {
            var a = Render(tools, style, oursPath);
            var b = Render(tools, style, pandocPath);
            var identical = 0;
            var ids = b.Keys.Union(a.Keys).ToList();
            foreach (var id in ids)
            {
                var x = a.GetValueOrDefault(id) ?? "(no entry)";
                var y = b.GetValueOrDefault(id) ?? "(no entry)";
                if (x == y)
                {
                    identical++;
                    continue;
                }

                var explained = DifferenceFamilies.Explain(oursById.GetValueOrDefault(id), pandocById.GetValueOrDefault(id));
                var family = explained.FirstOrDefault(f => f != DifferenceFamilies.Unclassified) ?? DifferenceFamilies.Unclassified;
                if (!familyLines.TryGetValue(family, out var list))
                {
                    familyLines[family] = list = [];
                }

                list.Add((style, id, x, y));
            }

            rows.Add(new StyleRow(style, ids.Count, identical));
        }

        // 3. Report.
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Agreement of our BibLaTeX reader with pandoc ({PandocVersion(tools)}), both rendered by citeproc-js");
        report.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {files.Length} files, {ours.Count} items (ours), {pandocItems.Count} items (pandoc), {diagnostics} diagnostics from our reader; {Path.GetRelativePath(tools.RepositoryRoot, corpus)}");
        report.AppendLine();
        report.AppendLine("| style | entries | identical | agreement |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {row.Style} | {row.Lines} | {row.Identical} | {Percent(row.Identical, row.Lines)} |");
        }

        var total = rows.Sum(r => r.Lines);
        var same = rows.Sum(r => r.Identical);
        report.AppendLine(CultureInfo.InvariantCulture, $"| **all** | {total} | {same} | **{Percent(same, total)}** |");
        report.AppendLine();
        report.AppendLine("| family | lines | deliberate | why | test |");
        report.AppendLine("|---|---:|---|---|---|");
        foreach (var (family, lines) in familyLines.OrderByDescending(p => p.Value.Count))
        {
            var items = string.Join(", ", lines.Select(l => l.Id).Distinct());
            report.AppendLine(CultureInfo.InvariantCulture, $"| {family.Id} | {lines.Count} | {(family.Deliberate ? "yes" : "no")} | {family.Description} (items: {items}) | {family.Test} |");
        }

        Console.Write(report.ToString());
        if (diff > 0)
        {
            Console.WriteLine();
            foreach (var (family, lines) in familyLines)
            {
                foreach (var (style, id, x, y) in lines.Take(diff))
                {
                    Console.WriteLine($"[{family.Id}] {style} {id}\n  ours:   {x}\n  pandoc: {y}");
                }
            }
        }

        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, report.ToString());
        }

        work.Delete(recursive: true);
        return 0;
    }

    private static Dictionary<string, string> Render(SharedTools tools, string style, string itemsPath)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "render-with-ids.js");
        var (code, output, error) = SharedTools.Run("node", [script, tools.Harness, tools.StylePath(style), itemsPath], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["NODE_PATH"] = tools.NodeModules });
        if (code != 0)
        {
            throw new InvalidOperationException($"citeproc-js failed for {style} on {itemsPath}: {error.Trim()}");
        }

        using var document = JsonDocument.Parse(output);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            entries[entry.GetProperty("id").GetString()!] = entry.GetProperty("text").GetString()!;
        }

        return entries;
    }

    private static Dictionary<string, JsonElement> ItemsById(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").ToString(), e => e.Clone(), StringComparer.Ordinal);
    }

    private static string PandocVersion(SharedTools tools)
    {
        var (_, output, _) = SharedTools.Run(tools.Pandoc, ["--version"], TimeSpan.FromSeconds(30));
        return output.Split('\n')[0].Trim();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private sealed record StyleRow(string Style, int Lines, int Identical);
}
