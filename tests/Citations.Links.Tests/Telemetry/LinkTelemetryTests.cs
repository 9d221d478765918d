using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Citations.Links.Telemetry;
using Citations.Links.Tests.Infrastructure;
using Citations.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Citations.Links.Tests.Telemetry;

/// <summary>
/// What a checker tells an application about its work: a span per URL, counters and durations by verdict, structured
/// log events with ids, and Polly's events through the same logger factory. Real listeners, a real Kestrel site; the
/// assertions are on events, never on timings.
/// </summary>
[TestClass]
public sealed class LinkTelemetryTests
{
    private static TestSite Site => AssemblySetup.Site;

    /// <summary>URLs unique to one test (the site ignores the query), so parallel tests' spans are told apart.</summary>
    private static (string Ok, string Missing) UniqueUrls()
    {
        var tag = Guid.NewGuid().ToString("N");
        return (Site.Url("/ok?t=" + tag), Site.Url("/missing?t=" + tag));
    }

    [TestMethod]
    public async Task CheckAsync_ActivityListener_OneSpanPerUrlWithVerdictAndStatus()
    {
        var (ok, missing) = UniqueUrls();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LinkTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var checker = TestChecker.Create();
        var results = await checker.CheckAllAsync([LinkTarget.FromUrl(ok), LinkTarget.FromUrl(missing)]);

        var mine = spans.Where(s => s.GetTagItem("url.full") is string url && (url == results[0].Url || url == results[1].Url)).ToList();
        Assert.HasCount(2, mine);
        Assert.IsTrue(mine.All(s => s.OperationName == LinkTelemetry.CheckActivity));
        var alive = mine.Single(s => (string?)s.GetTagItem("url.full") == results[0].Url);
        Assert.AreEqual("alive", alive.GetTagItem(LinkTelemetry.VerdictAttribute));
        Assert.AreEqual(200, alive.GetTagItem("http.response.status_code"));
        Assert.AreEqual(ActivityStatusCode.Unset, alive.Status);
        Assert.AreEqual("site.test", alive.GetTagItem("server.address"));
        var gone = mine.Single(s => (string?)s.GetTagItem("url.full") == results[1].Url);
        Assert.AreEqual("gone", gone.GetTagItem(LinkTelemetry.VerdictAttribute));
        Assert.AreEqual("gone", gone.GetTagItem("error.type"));
        Assert.AreEqual(404, gone.GetTagItem("http.response.status_code"));
        Assert.AreEqual(ActivityStatusCode.Error, gone.Status);
    }

    [TestMethod]
    public async Task CheckAsync_MeterFactory_CountsChecksByVerdictAndRecordsOneDurationEach()
    {
        var (ok, missing) = UniqueUrls();
        using var meters = new TestMeterFactory();
        var counted = new ConcurrentQueue<(string Verdict, long Value)>();
        var durations = new ConcurrentQueue<(string Verdict, double Seconds)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == LinkTelemetry.ChecksCounter)
            {
                counted.Enqueue((Verdict(tags), value));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == LinkTelemetry.DurationHistogram)
            {
                durations.Enqueue((Verdict(tags), value));
            }
        });
        listener.Start();

        await using var checker = TestChecker.Builder().WithMeterFactory(meters).Build();
        await checker.CheckAllAsync([LinkTarget.FromUrl(ok), LinkTarget.FromUrl(missing), LinkTarget.FromUrl(ok)]);

        CollectionAssert.AreEquivalent(new[] { ("alive", 1L), ("gone", 1L) }, counted.ToArray());
        CollectionAssert.AreEquivalent(new[] { "alive", "gone" }, durations.Select(d => d.Verdict).ToArray());
        Assert.IsTrue(durations.All(d => d.Seconds >= 0));
        var instrument = meters.Meters.Single();
        Assert.AreEqual(LinkTelemetry.Name, instrument.Name);
    }

    [TestMethod]
    public async Task CheckAsync_LoggerFactory_LogsRunLinksAndBrokenLinksWithEventIds()
    {
        var (ok, missing) = UniqueUrls();
        var provider = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));

        await using var checker = TestChecker.Builder().WithLoggerFactory(loggers).Build();
        var results = await checker.CheckAllAsync([LinkTarget.FromUrl(ok), LinkTarget.FromUrl(missing)]);

        var events = provider.Events.Where(e => e.Category == "Citations.Links.LinkChecker").ToList();
        var started = events.Single(e => e.EventId.Id == 1001);
        Assert.AreEqual("RunStarted", started.EventId.Name);
        Assert.AreEqual("2", started.Value("UrlCount"));
        var checkedLinks = events.Where(e => e.EventId.Id == 1002).ToList();
        CollectionAssert.AreEquivalent(new[] { results[0].Url, results[1].Url }, checkedLinks.Select(e => e.Value("Url")).ToArray());
        Assert.AreEqual("alive", checkedLinks.Single(e => e.Value("Url") == results[0].Url).Value("Verdict"));
        var broken = events.Single(e => e.EventId.Id == 1003);
        Assert.AreEqual(LogLevel.Warning, broken.Level);
        Assert.AreEqual(results[1].Url, broken.Value("Url"));
        Assert.AreEqual("gone", broken.Value("Verdict"));
        Assert.AreEqual("404", broken.Value("StatusCode"));
        var finished = events.Single(e => e.EventId.Id == 1007);
        Assert.AreEqual("1", finished.Value("Broken"));
        Assert.AreEqual("2", finished.Value("Completed"));
    }

    [TestMethod]
    public async Task CheckAsync_ServerErrorRetried_PollyLogsEachRetryThroughTheSameFactory()
    {
        var provider = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var url = Site.Url("/error?t=" + Guid.NewGuid().ToString("N"));

        await using var checker = TestChecker.Builder(o => { o.MaxRetries = 2; o.HeadFirst = false; }).WithLoggerFactory(loggers).Build();
        var result = await checker.CheckAsync(url);

        Assert.AreEqual(LinkVerdict.ServerError, result.Verdict);
        var retries = provider.Events.Where(e => e.Category == "Polly" && e.Value("EventName") == "OnRetry" && e.Value("PipelineName") == "host:site.test:" + Site.Port).ToList();
        Assert.IsGreaterThanOrEqualTo(2, retries.Count, string.Join(Environment.NewLine, provider.Events.Where(e => e.Category == "Polly").Select(e => e.Message)));
        Assert.IsTrue(retries.All(e => e.Level == LogLevel.Warning));
    }

    [TestMethod]
    public async Task DisposeAsync_GivenClient_LeavesTheCallersClientUsable()
    {
        using var client = new HttpClient(Citations.Links.Http.LinkHttpHandler.Create(allowPrivateAddresses: true, TestSite.Resolver));
        var checker = TestChecker.Builder().WithHttpClient(client).Build();
        Assert.AreEqual(LinkVerdict.Alive, (await checker.CheckAsync(Site.Url("/ok"))).Verdict);

        await checker.DisposeAsync();

        using var response = await client.GetAsync(new Uri(Site.Url("/ok")));
        Assert.AreEqual(200, (int)response.StatusCode);
    }

    private static string Verdict(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key == LinkTelemetry.VerdictAttribute)
            {
                return (string)value!;
            }
        }

        return "";
    }

    /// <summary>A meter factory of the kind a host provides: meters scoped to it, disposed with it.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly ConcurrentQueue<Meter> _meters = new();

        public IReadOnlyList<Meter> Meters => [.. _meters];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Enqueue(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
