using System.Globalization;
using System.Text;

namespace Citations.Links.Tests.Infrastructure;

/// <summary>
/// How a checker's verdicts on the labelled corpus compare with the labels: per behaviour (how many URLs got the right
/// verdict), per verdict (precision and recall), and for "broken" (false alarms: a link reported broken that is not,
/// and misses).
/// </summary>
/// <param name="Rows">Each URL's label, verdict and whether the title check flagged it changed.</param>
/// <param name="Rendered">Whether the expected verdicts are those with rendering.</param>
public sealed record CorpusScore(IReadOnlyList<(CorpusEntry Entry, LinkVerdict Verdict, bool Changed)> Rows, bool Rendered)
{
    private LinkVerdict ExpectedOf(CorpusEntry entry) => Rendered ? entry.ExpectedRendered : entry.Expected;

    /// <summary>URLs reported broken that are not.</summary>
    public IReadOnlyList<string> FalseAlarms => [.. Rows.Where(r => r.Verdict.IsBroken() && !ExpectedOf(r.Entry).IsBroken()).Select(r => $"{r.Entry.Url} ({r.Entry.Behaviour}): {r.Verdict.ToReportName()}")];

    /// <summary>URLs whose verdict or changed flag differs from the label.</summary>
    public IReadOnlyList<string> Wrong => [.. Rows.Where(r => r.Verdict != ExpectedOf(r.Entry) || r.Changed != r.Entry.Changed)
        .Select(r => $"{r.Entry.Url} ({r.Entry.Behaviour}): expected {ExpectedOf(r.Entry).ToReportName()}{(r.Entry.Changed ? " changed" : "")}, got {r.Verdict.ToReportName()}{(r.Changed ? " changed" : "")}")];

    /// <summary>The per-behaviour and per-verdict tables, in Markdown.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        var mode = Rendered ? "with --render" : "without rendering";
        text.AppendLine(CultureInfo.InvariantCulture, $"Labelled corpus, {mode}: {Rows.Count} URLs");
        text.AppendLine();
        text.AppendLine("| behaviour | URLs | expected | right | recall |");
        text.AppendLine("|---|---:|---|---:|---:|");
        foreach (var group in Rows.GroupBy(r => r.Entry.Behaviour))
        {
            var right = group.Count(r => r.Verdict == ExpectedOf(r.Entry) && r.Changed == r.Entry.Changed);
            var expected = string.Join(", ", group.Select(r => ExpectedOf(r.Entry).ToReportName() + (r.Entry.Changed ? " + changed" : "")).Distinct());
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {expected} | {right} | {(double)right / group.Count():0.00} |");
        }

        text.AppendLine();
        text.AppendLine("| verdict | expected | reported | right | precision | recall |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var verdict in Enum.GetValues<LinkVerdict>())
        {
            var expected = Rows.Count(r => ExpectedOf(r.Entry) == verdict);
            var reported = Rows.Count(r => r.Verdict == verdict);
            if (expected == 0 && reported == 0)
            {
                continue;
            }

            var right = Rows.Count(r => r.Verdict == verdict && ExpectedOf(r.Entry) == verdict);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {verdict.ToReportName()} | {expected} | {reported} | {right} | {Ratio(right, reported)} | {Ratio(right, expected)} |");
        }

        var brokenExpected = Rows.Count(r => ExpectedOf(r.Entry).IsBroken());
        var brokenReported = Rows.Count(r => r.Verdict.IsBroken());
        var brokenRight = Rows.Count(r => r.Verdict.IsBroken() && ExpectedOf(r.Entry).IsBroken());
        text.AppendLine(CultureInfo.InvariantCulture, $"| **broken** (any) | {brokenExpected} | {brokenReported} | {brokenRight} | {Ratio(brokenRight, brokenReported)} | {Ratio(brokenRight, brokenExpected)} |");
        var changedExpected = Rows.Count(r => r.Entry.Changed);
        var changedReported = Rows.Count(r => r.Changed);
        var changedRight = Rows.Count(r => r.Changed && r.Entry.Changed);
        text.AppendLine(CultureInfo.InvariantCulture, $"| changed (flag) | {changedExpected} | {changedReported} | {changedRight} | {Ratio(changedRight, changedReported)} | {Ratio(changedRight, changedExpected)} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"False alarms (reported broken, not broken): {FalseAlarms.Count}");
        return text.ToString();
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "–" : ((double)part / whole).ToString("0.00", CultureInfo.InvariantCulture);
}
