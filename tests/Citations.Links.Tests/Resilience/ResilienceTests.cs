using System.Globalization;
using Citations.Links.Http;
using Citations.Links.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Citations.Links.Tests.Resilience;

[TestClass]
public sealed class ResilienceTests
{
    private static LinkResponse Response(TimeSpan? delta = null, DateTimeOffset? date = null)
        => new() { Url = new Uri("http://a.example/"), Method = "GET", StatusCode = 429, RetryAfterDelta = delta, RetryAfterDate = date };

    [TestMethod]
    public void RequestedWait_Seconds_AsAsked()
    {
        Assert.AreEqual(TimeSpan.FromSeconds(120), LinkResilience.RequestedWait(Response(TimeSpan.FromSeconds(120)), DateTimeOffset.UnixEpoch));
    }

    [TestMethod]
    public void RequestedWait_HttpDate_RelativeToInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var date = DateTimeOffset.Parse("Sat, 01 Mar 2025 12:00:30 GMT", CultureInfo.InvariantCulture);

        Assert.AreEqual(TimeSpan.FromSeconds(30), LinkResilience.RequestedWait(Response(date: date), time.GetUtcNow()));
    }

    [TestMethod]
    public void RequestedWait_DateInThePast_Zero()
    {
        Assert.AreEqual(TimeSpan.Zero, LinkResilience.RequestedWait(Response(date: DateTimeOffset.UnixEpoch), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestMethod]
    public void RequestedWait_NoHeader_Null()
    {
        Assert.IsNull(LinkResilience.RequestedWait(Response(), DateTimeOffset.UnixEpoch));
    }

    [TestMethod]
    public void RetryDelay_RetryAfterOverTheCap_CappedAndRequestTraced()
    {
        var options = new LinkCheckerOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) };
        var trace = new RequestTrace();
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(RequestTrace.ContextKey, trace);

        var delay = LinkResilience.RetryDelay(Outcome.FromResult(Response(TimeSpan.FromSeconds(120))), 0, context, options, TimeProvider.System);

        Assert.AreEqual(TimeSpan.FromSeconds(60), delay);
        Assert.AreEqual(TimeSpan.FromSeconds(120), trace.RetryAfter);
        StringAssert.Contains(trace.Notes.Single(), "waited the cap, 60 s");
        ResilienceContextPool.Shared.Return(context);
    }

    [TestMethod]
    public void RetryDelay_NoRetryAfter_ExponentialBackoffWithinJitter()
    {
        var options = new LinkCheckerOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30) };

        var delay = LinkResilience.RetryDelay(Outcome.FromResult(Response() with { StatusCode = 503 }), 2, null, options, TimeProvider.System);

        Assert.IsTrue(delay >= TimeSpan.FromSeconds(3) && delay <= TimeSpan.FromSeconds(5), delay.ToString());
    }

    [TestMethod]
    public void Backoff_GrowsExponentiallyWithJitterAndCap()
    {
        var first = LinkResilience.Backoff(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.5);
        var third = LinkResilience.Backoff(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.5);
        var low = LinkResilience.Backoff(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.0);
        var high = LinkResilience.Backoff(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.999);
        var capped = LinkResilience.Backoff(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.5);

        Assert.AreEqual(TimeSpan.FromSeconds(1), first);
        Assert.AreEqual(TimeSpan.FromSeconds(4), third);
        Assert.AreEqual(TimeSpan.FromSeconds(3), low);
        Assert.IsGreaterThan(4.9, high.TotalSeconds);
        Assert.AreEqual(TimeSpan.FromSeconds(30), capped);
    }

    [TestMethod]
    public async Task HostPipeline_MinimumInterval_SecondRequestWaitsForTheClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new LinkCheckerOptions { PerHostMinimumInterval = TimeSpan.FromSeconds(10), MaxRetries = 0 };
        var pipeline = LinkResilience.CreateHostPipeline("a.example", options, time);
        var ok = Response() with { StatusCode = 200 };

        await pipeline.ExecuteAsync(_ => new ValueTask<LinkResponse>(ok));
        var second = pipeline.ExecuteAsync(_ => new ValueTask<LinkResponse>(ok)).AsTask();
        await Task.Delay(50);
        Assert.IsFalse(second.IsCompleted, "the second request waits 10 s of the injected clock");
        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.IsFalse(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.AreEqual(200, (await second.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode);
    }

    [TestMethod]
    public async Task HostPipeline_TransientThenSuccess_RetriedWithRetryAfterWait()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new LinkCheckerOptions { PerHostMinimumInterval = TimeSpan.Zero, MaxRetries = 3, MaxRetryAfter = TimeSpan.FromMinutes(5) };
        var pipeline = LinkResilience.CreateHostPipeline("a.example", options, time);
        var calls = 0;
        var trace = new RequestTrace();
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(RequestTrace.ContextKey, trace);

        var run = pipeline.ExecuteAsync(_ => new ValueTask<LinkResponse>(++calls == 1 ? Response(TimeSpan.FromSeconds(90)) : Response() with { StatusCode = 200 }), context).AsTask();
        await Task.Delay(50);
        Assert.AreEqual(1, calls);
        time.Advance(TimeSpan.FromSeconds(89));
        await Task.Delay(50);
        Assert.AreEqual(1, calls, "Retry-After: 90 is honoured in full below the cap");
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.AreEqual(200, result.StatusCode);
        Assert.AreEqual(2, calls);
        Assert.AreEqual(TimeSpan.FromSeconds(90), trace.RetryAfter);
        ResilienceContextPool.Shared.Return(context);
    }

    [TestMethod]
    public void IsTransientFailure_StatusesAndErrors_Classified()
    {
        LinkResponse With(int? status, LinkErrorKind? error = null) => new()
        {
            Url = new Uri("http://a.example/"), Method = "GET", StatusCode = status, Error = error is { } e ? new LinkError(e, "x") : null,
        };

        Assert.IsTrue(With(503).IsTransientFailure);
        Assert.IsTrue(With(429).IsTransientFailure);
        Assert.IsTrue(With(408).IsTransientFailure);
        Assert.IsFalse(With(501).IsTransientFailure);
        Assert.IsFalse(With(404).IsTransientFailure);
        Assert.IsTrue(With(null, LinkErrorKind.ConnectionReset).IsTransientFailure);
        Assert.IsFalse(With(null, LinkErrorKind.NameNotFound).IsTransientFailure);
        Assert.IsFalse(With(null, LinkErrorKind.AddressNotAllowed).IsTransientFailure);
    }
}
