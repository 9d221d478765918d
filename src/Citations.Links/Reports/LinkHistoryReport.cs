using System.Globalization;

namespace Citations.Links.Reports;

/// <summary>
/// Rot over time, from a history's timelines (<see cref="LinkTimeline"/>): per URL its verdicts, first failure and rot
/// date, and per run the share of links alive.
/// </summary>
/// <remarks>
/// <para>The history stores checks, not runs: a run is a stretch of checks with no gap longer than
/// <see cref="RunGap"/> between two of them (<see cref="DefaultRunGap"/> unless given).</para>
/// <para>After each run every URL seen so far counts with its latest conclusive verdict: alive
/// (<see cref="LinkVerdictExtensions.IsAlive"/>) or failing (<see cref="LinkVerdictExtensions.IsBroken"/>). Blocked,
/// inconclusive and not-allowed checks say nothing about the page and change nothing, and a URL with no conclusive
/// check yet is not counted, so a run made offline does not look like rot.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record LinkHistoryReport
{
    /// <summary>The longest gap between two checks of one run when none is given: 30 minutes.</summary>
    public static readonly TimeSpan DefaultRunGap = TimeSpan.FromMinutes(30);

    /// <summary>Creates the report.</summary>
    /// <param name="timelines">The timelines (<c>LinkHistory.GetTimelinesAsync</c>); sorted here by URL.</param>
    /// <param name="generatedAt">When the report was made.</param>
    /// <param name="runGap">The longest gap between two checks of one run; <see cref="DefaultRunGap"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runGap"/> is not positive.</exception>
    public LinkHistoryReport(IEnumerable<LinkTimeline> timelines, DateTimeOffset generatedAt, TimeSpan? runGap = null)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        RunGap = runGap ?? DefaultRunGap;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RunGap, TimeSpan.Zero, nameof(runGap));
        Timelines = [.. timelines.OrderBy(t => t.Url, StringComparer.Ordinal)];
        GeneratedAt = generatedAt;
        Runs = FindRuns(Timelines, RunGap);
    }

    /// <summary>Every URL's timeline, sorted by URL.</summary>
    public IReadOnlyList<LinkTimeline> Timelines { get; }

    /// <summary>The runs, oldest first, with the share of links alive after each.</summary>
    public IReadOnlyList<HistoryRun> Runs { get; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>The longest gap between two checks of one run.</summary>
    public TimeSpan RunGap { get; }

    /// <summary>How many checks the history holds.</summary>
    public int Checks => Timelines.Sum(t => t.Checks.Count);

    /// <summary>How many URLs have rotted (see <see cref="LinkHistorySummary.IsRot"/>).</summary>
    public int Rotted => Timelines.Count(t => t.Summary.IsRot);

    /// <summary>How many URLs are failing now: their latest conclusive check found them broken.</summary>
    public int Failing => Timelines.Count(t => t.Summary.FirstSeenFailing is not null);

    /// <summary>Whether a URL is failing now (see <see cref="Failing"/>).</summary>
    /// <param name="timeline">The URL's timeline.</param>
    public static bool IsFailing(LinkTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Summary.FirstSeenFailing is not null;
    }

    /// <summary>
    /// The timeline in runs of the same verdict, for people: <c>2026-01-05 alive ×3, 2026-04-02 gone ×2</c> (the date
    /// of the first check of each stretch, UTC).
    /// </summary>
    /// <param name="timeline">The URL's timeline.</param>
    public static string Stretches(LinkTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var parts = new List<string>();
        var i = 0;
        while (i < timeline.Checks.Count)
        {
            var start = timeline.Checks[i];
            var j = i;
            while (j < timeline.Checks.Count && timeline.Checks[j].Verdict == start.Verdict)
            {
                j++;
            }

            var count = j - i;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{start.CheckedAt.UtcDateTime:yyyy-MM-dd} {start.Verdict.ToReportName()}{(count > 1 ? " ×" + count.ToString(CultureInfo.InvariantCulture) : string.Empty)}"));
            i = j;
        }

        return string.Join(", ", parts);
    }

    /// <summary>A share (0–1) as people read it: <c>66.7%</c>, one decimal, invariant culture.</summary>
    /// <param name="share">The share.</param>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static HistoryRun[] FindRuns(IReadOnlyList<LinkTimeline> timelines, TimeSpan gap)
    {
        var checks = timelines
            .SelectMany(t => t.Checks.Select(c => (t.Url, Check: c)))
            .OrderBy(c => c.Check.CheckedAt)
            .ToList();
        var runs = new List<HistoryRun>();
        var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
        var aliveCount = 0;
        var i = 0;
        while (i < checks.Count)
        {
            var start = checks[i].Check.CheckedAt;
            var end = start;
            var count = 0;
            while (i < checks.Count && checks[i].Check.CheckedAt - end <= gap)
            {
                var (url, check) = checks[i];
                end = check.CheckedAt;
                count++;
                i++;
                if (!check.Verdict.IsAlive() && !check.Verdict.IsBroken())
                {
                    continue;
                }

                var nowAlive = check.Verdict.IsAlive();
                if (alive.TryGetValue(url, out var wasAlive))
                {
                    aliveCount += (nowAlive ? 1 : 0) - (wasAlive ? 1 : 0);
                }
                else
                {
                    aliveCount += nowAlive ? 1 : 0;
                }

                alive[url] = nowAlive;
            }

            runs.Add(new HistoryRun(start, end, count, aliveCount, alive.Count - aliveCount));
        }

        return [.. runs];
    }
}

/// <summary>One run of checks in a history, and the state of every URL known after it.</summary>
/// <param name="Start">The run's first check.</param>
/// <param name="End">The run's last check.</param>
/// <param name="Checks">How many checks the run made.</param>
/// <param name="Alive">How many URLs were alive after the run (their latest conclusive check).</param>
/// <param name="Failing">How many URLs were failing after the run.</param>
public sealed record HistoryRun(DateTimeOffset Start, DateTimeOffset End, int Checks, int Alive, int Failing)
{
    /// <summary>The share of links alive after the run (0–1), or <see langword="null"/> when no URL had a conclusive check yet.</summary>
    public double? AliveShare => Alive + Failing == 0 ? null : (double)Alive / (Alive + Failing);
}
