using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.Csl.Reference;

namespace Citations.Csl.Agreement;

/// <summary>Prints the per-style tables and the difference classes, and writes the JSON report.</summary>
internal sealed class AgreementReport(AgreementOptions options, IReadOnlyList<CaseOutcome> outcomes)
{
    private const int MaxPairText = 70;

    public IReadOnlyList<DifferenceClass> Classes { get; } = DifferenceClasses.Group(
        outcomes.SelectMany(o => Blocks(o).SelectMany(b => b.Comparison.Differences.Select(d =>
            (new DifferenceSite(o.Case.Style.Name, o.Case.KindName + b.Suffix, o.Case.Format, d),
             DifferenceClasses.Signature(d, b.Comparison.ActualLines, o.OurError))))));

    public void WriteTables(TextWriter output)
    {
        if (options.Bibliographies)
        {
            output.WriteLine();
            output.WriteLine("### Bibliographies (our processor vs render.js, line for line)");
            output.WriteLine();
            var formats = options.Formats;
            output.WriteLine($"| style | items | {string.Join(" | ", formats.Select(f => f + " %"))} | {formats[0]} any order % | first differing line pair (citeproc-js ≠ ours) |");
            output.WriteLine($"|---|---:|{string.Concat(formats.Select(_ => "---:|"))}---:|---|");
            foreach (var style in outcomes.GroupBy(o => o.Case.Style.Name))
            {
                foreach (var kind in new[] { CaseKind.GeneratedBibliography, CaseKind.SampleBibliography })
                {
                    var row = style.Where(o => o.Case.Kind == kind).ToList();
                    if (row.Count == 0)
                    {
                        continue;
                    }

                    var items = row.Select(o => o.Bibliography?.ExpectedCount).FirstOrDefault(n => n is not null);
                    var label = kind == CaseKind.GeneratedBibliography ? (options.ItemsFile is null ? $"{options.Items} generated" : Path.GetFileName(options.ItemsFile)) : "sample";
                    output.WriteLine($"| {style.Key} | {label} ({items?.ToString(CultureInfo.InvariantCulture) ?? "?"}) | {string.Join(" | ", formats.Select(f => Percent(row.FirstOrDefault(o => o.Case.Format == f), o => o.Bibliography)))} | {AnyOrder(row.FirstOrDefault(o => o.Case.Format == formats[0]))} | {FirstPair(row)} |");
                }
            }

            Summary(output, outcomes.Where(o => o.Case.Kind != CaseKind.Document).ToList(), "bibliography blocks");
        }

        if (options.Citations)
        {
            output.WriteLine();
            output.WriteLine("### Citation sequences (generated document vs render.js --citations --bibliography)");
            output.WriteLine();
            var formats = options.Formats;
            output.WriteLine($"| style | clusters | {string.Join(" | ", formats.Select(f => $"{f} cites % | {f} bib %"))} | first differing line pair (citeproc-js ≠ ours) |");
            output.WriteLine($"|---|---:|{string.Concat(formats.Select(_ => "---:|---:|"))}---|");
            foreach (var style in outcomes.Where(o => o.Case.Kind == CaseKind.Document).GroupBy(o => o.Case.Style.Name))
            {
                var row = style.ToList();
                var cells = formats.Select(f =>
                {
                    var o = row.FirstOrDefault(x => x.Case.Format == f);
                    return $"{Percent(o, x => x.Citations)} | {Percent(o, x => x.Bibliography)}";
                });
                output.WriteLine($"| {style.Key} | {options.Clusters} | {string.Join(" | ", cells)} | {FirstPair(row)} |");
            }

            Summary(output, outcomes.Where(o => o.Case.Kind == CaseKind.Document).ToList(), "citation-sequence blocks");
        }
    }

    public void WriteClasses(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"### Top {Math.Min(options.Classes, Classes.Count)} of {Classes.Count} difference classes (ranked by blocks affected, then lines)");
        output.WriteLine();
        var rank = 0;
        foreach (var c in Classes.Take(options.Classes))
        {
            rank++;
            var styles = c.Styles.Count <= 6 ? string.Join(", ", c.Styles) : string.Join(", ", c.Styles.Take(6)) + $", +{c.Styles.Count - 6}";
            output.WriteLine($"{rank,2}. `{c.Signature}` — {c.Lines} lines in {c.Cases} blocks, {c.Styles.Count} styles ({styles})");
            var (e, a) = DifferenceClasses.Excerpt(c.Example.Difference.Expected, c.Example.Difference.Actual);
            output.WriteLine($"    e.g. {c.Example.Style} {c.Example.Case} {c.Example.Format} line {c.Example.Difference.Index + 1}:");
            output.WriteLine($"      citeproc-js: {Flat(e)}");
            output.WriteLine($"      ours:        {Flat(a)}");
        }
    }

    public void WriteDiffs(TextWriter output, int max)
    {
        foreach (var o in outcomes)
        {
            foreach (var (suffix, comparison) in Blocks(o))
            {
                if (comparison.Identical)
                {
                    continue;
                }

                output.WriteLine();
                output.WriteLine($"--- {o.Case.Style.Name} {o.Case.KindName}{suffix} {o.Case.Format}: {comparison.Differences.Count} differing lines{(o.OurError is null ? string.Empty : " — ours threw " + o.OurError)}");
                foreach (var d in comparison.Differences.Take(max))
                {
                    output.WriteLine($"  #{d.Index + 1}");
                    output.WriteLine($"    citeproc-js: {Flat(d.Expected ?? "(none)")}");
                    output.WriteLine($"    ours:        {Flat(d.Actual ?? "(none)")}");
                }
            }
        }
    }

    public void WriteJson(string path, CiteprocJs reference, string itemsPath, string? document)
    {
        var report = new
        {
            generatedAt = TimeProvider.System.GetUtcNow(),
            reference = $"citeproc-js (npm citeproc@{reference.Version}) via render.js",
            items = new { path = itemsPath, count = options.Items, seed = options.Seed },
            document,
            styles = outcomes.GroupBy(o => o.Case.Style.Name).Select(g => new
            {
                style = g.Key,
                resolution = g.First().Resolution,
                cases = g.Select(o => new
                {
                    kind = o.Case.KindName,
                    format = o.Case.Format,
                    citations = Json(o.Citations),
                    bibliography = Json(o.Bibliography),
                    ourError = o.OurError,
                    referenceError = o.ReferenceError,
                    ourMilliseconds = Math.Round(o.OurMilliseconds, 1),
                }),
            }),
            classes = Classes.Select(c => new
            {
                signature = c.Signature,
                lines = c.Lines,
                blocks = c.Cases,
                styles = c.Styles,
                example = new { style = c.Example.Style, kind = c.Example.Case, format = c.Example.Format, line = c.Example.Difference.Index + 1, expected = c.Example.Difference.Expected, actual = c.Example.Difference.Actual },
            }),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", new UTF8Encoding(false));
    }

    private static object? Json(LineComparison? c) => c is null ? null : new
    {
        expectedLines = c.ExpectedCount,
        actualLines = c.ActualCount,
        matched = c.Matched,
        percent = Math.Round(c.Percent, 2),
        percentAnyOrder = Math.Round(c.PercentAnyOrder, 2),
        identical = c.Identical,
        differences = c.Differences.Take(10).Select(d => new { line = d.Index + 1, expected = d.Expected, actual = d.Actual }),
    };

    private static IEnumerable<(string Suffix, LineComparison Comparison)> Blocks(CaseOutcome o)
    {
        if (o.Citations is not null)
        {
            yield return (":cites", o.Citations);
        }

        if (o.Bibliography is not null)
        {
            yield return (o.Case.Kind == CaseKind.Document ? ":bib" : string.Empty, o.Bibliography);
        }
    }

    private static string Percent(CaseOutcome? o, Func<CaseOutcome, LineComparison?> block)
    {
        if (o is null)
        {
            return "–";
        }

        if (o.ReferenceError is not null)
        {
            return "n/a";
        }

        var c = block(o);
        return c is null ? "–" : FormatPercent(c.Percent, c.Identical);
    }

    private static string AnyOrder(CaseOutcome? o)
        => o?.Bibliography is { } c && o.ReferenceError is null ? FormatPercent(c.PercentAnyOrder, c.MatchedAnyOrder == c.Total) : "–";

    private static string FormatPercent(double value, bool complete)
        => complete ? "100" : (Math.Floor(value * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture);

    private static string FirstPair(IReadOnlyList<CaseOutcome> row)
    {
        foreach (var o in row)
        {
            if (o.ReferenceError is not null)
            {
                return Cell($"render.js failed: {o.ReferenceError}");
            }

            if (o.OurError is not null)
            {
                return Cell($"{o.Case.Format}: ours threw {o.OurError}");
            }

            foreach (var (suffix, comparison) in Blocks(o))
            {
                if (comparison.Differences.FirstOrDefault() is { } d)
                {
                    var (e, a) = DifferenceClasses.Excerpt(d.Expected, d.Actual, MaxPairText / 2);
                    return Cell($"{o.Case.Format}{suffix} line {d.Index + 1}: «{e}» ≠ «{a}»");
                }
            }
        }

        return "identical";
    }

    private static void Summary(TextWriter output, IReadOnlyList<CaseOutcome> blocks, string what)
    {
        var identical = blocks.Count(o => o.ReferenceError is null && o.OurError is null && Blocks(o).All(b => b.Comparison.Identical));
        var lines = blocks.SelectMany(Blocks).Sum(b => b.Comparison.Total);
        var matched = blocks.SelectMany(Blocks).Sum(b => b.Comparison.Matched);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{identical} of {blocks.Count} {what} identical; {matched} of {lines} lines agree ({(lines == 0 ? 100 : 100.0 * matched / lines):0.0} %)."));
    }

    private static string Cell(string text) => Flat(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Flat(string text) => text.Replace("\r", "␍", StringComparison.Ordinal).Replace("\n", "⏎", StringComparison.Ordinal);
}
