using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Citations.Links.Telemetry;

/// <summary>
/// The activity source and the instruments of one checker: from the meter factory it was given (so a host's
/// <c>IMeterFactory</c> owns and isolates them), or shared by every checker without one.
/// </summary>
internal sealed class LinkInstruments
{
    private static readonly Lazy<LinkInstruments> SharedInstruments = new(() => new LinkInstruments(new Meter(LinkTelemetry.Name)));

    private LinkInstruments(Meter meter)
    {
        Checks = meter.CreateCounter<long>(LinkTelemetry.ChecksCounter, "{check}", "Links checked, by verdict.");
        Duration = meter.CreateHistogram(LinkTelemetry.DurationHistogram, "s", "How long one link's check took, requests, retries and waits included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
    }

    /// <summary>The source of the check spans (one for the process: listeners filter by name).</summary>
    public static ActivitySource Source { get; } = new(LinkTelemetry.Name);

    public Counter<long> Checks { get; }

    public Histogram<double> Duration { get; }

    /// <summary>The instruments on a meter from <paramref name="factory"/>, or the shared ones.</summary>
    public static LinkInstruments Create(IMeterFactory? factory)
        => factory is null ? SharedInstruments.Value : new LinkInstruments(factory.Create(new MeterOptions(LinkTelemetry.Name)));

    /// <summary>Counts a result and its duration.</summary>
    public void Record(LinkCheckResult result, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { LinkTelemetry.VerdictAttribute, result.Verdict.ToReportName() },
            { LinkTelemetry.FromHistoryAttribute, result.FromHistory },
        };
        Checks.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Starts the span of one URL's check, when anyone listens.</summary>
    public static Activity? StartCheck(Uri url, string displayUrl)
    {
        var activity = Source.StartActivity(LinkTelemetry.CheckActivity, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("url.full", displayUrl);
            activity.SetTag("server.address", url.IdnHost);
            activity.SetTag("server.port", url.Port);
        }

        return activity;
    }

    /// <summary>Ends the span of a check with what it found.</summary>
    public static void EndCheck(Activity? activity, LinkCheckResult result)
    {
        if (activity is null)
        {
            return;
        }

        var verdict = result.Verdict.ToReportName();
        activity.SetTag(LinkTelemetry.VerdictAttribute, verdict);
        activity.SetTag(LinkTelemetry.FromHistoryAttribute, result.FromHistory);
        if (result.Evidence.StatusCode is { } status)
        {
            activity.SetTag("http.response.status_code", status);
        }

        if (result.IsBroken)
        {
            activity.SetTag("error.type", verdict);
            activity.SetStatus(ActivityStatusCode.Error, verdict);
        }
    }
}
