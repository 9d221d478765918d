using Citations.Links;
using Citations.Links.Checking;
using Citations.Links.History;
using Citations.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Citations.Extensions.DependencyInjection.Tests;

[TestClass]
public sealed class LinkCheckerServiceCollectionExtensionsTests
{
    private static LoopbackSite Site => AssemblySetup.Site;

    /// <summary>Fast, loopback-friendly settings as an application would write them in appsettings.json.</summary>
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Citations:Links:AllowPrivateAddresses"] = "true",
            ["Citations:Links:AttemptTimeout"] = "00:00:05",
            ["Citations:Links:TotalTimeout"] = "00:00:20",
            ["Citations:Links:RetryBaseDelay"] = "00:00:00.010",
            ["Citations:Links:MaxRetryDelay"] = "00:00:00.050",
            ["Citations:Links:PerHostMinimumInterval"] = "00:00:00",
            ["Citations:Links:DetectSoft404"] = "false",
            ["Citations:Links:HeadFirst"] = "false",
        };
        foreach (var (key, value) in more)
        {
            settings["Citations:Links:" + key] = value;
        }

        return settings;
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings, RecordingLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }

        return builder;
    }

    [TestMethod]
    public async Task AddLinkChecker_BoundFromConfiguration_OneSettingAllowsLoopbackInHandlerAndChecker()
    {
        var builder = Builder(Settings(("MaxRetries", "1")));
        builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links"));
        using var host = builder.Build();
        await host.StartAsync();

        var checker = host.Services.GetRequiredService<LinkChecker>();
        var result = await checker.CheckAsync(Site.Url("/ok"));

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual(1, checker.Options.MaxRetries);
        Assert.AreEqual(TimeSpan.FromSeconds(5), checker.Options.AttemptTimeout);
        Assert.IsTrue(checker.Options.AllowPrivateAddresses);
        await host.StopAsync();
    }

    [TestMethod]
    public async Task AddLinkChecker_PrivateAddressesNotAllowed_LoopbackRefusedByTheGuard()
    {
        var builder = Builder(Settings(("AllowPrivateAddresses", "false")));
        builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links"));
        using var host = builder.Build();
        await host.StartAsync();

        var result = await host.Services.GetRequiredService<LinkChecker>().CheckAsync(Site.Url("/ok"));

        Assert.AreEqual(LinkVerdict.NotAllowed, result.Verdict);
        Assert.AreEqual(0, Site.Hits("/ok/never"), "nothing to count: the guard refuses before connecting");
        await host.StopAsync();
    }

    [TestMethod]
    public async Task AddLinkChecker_OptionsOutOfRange_HostStartFailsListingEveryProblem()
    {
        var builder = Builder(Settings(("AttemptTimeout", "00:00:00.001"), ("MaxRetries", "99"), ("MaxAge", "36600.00:00:00")));
        builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links"));
        using var host = builder.Build();

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.HasCount(3, error.Failures, string.Join(Environment.NewLine, error.Failures));
        Assert.IsTrue(error.Failures.Any(f => f.Contains("AttemptTimeout", StringComparison.Ordinal)));
        Assert.IsTrue(error.Failures.Any(f => f.Contains("MaxRetries", StringComparison.Ordinal)));
        Assert.IsTrue(error.Failures.Any(f => f.Contains("MaxAge", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task AddLinkChecker_NoClientResilience_TheCheckerRetries()
    {
        var path = "/unavailable/" + Guid.NewGuid().ToString("N");
        var builder = Builder(Settings(("MaxRetries", "2")));
        builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links"));
        using var host = builder.Build();
        await host.StartAsync();

        var result = await host.Services.GetRequiredService<LinkChecker>().CheckAsync(Site.Url(path));

        Assert.AreEqual(LinkVerdict.ServerError, result.Verdict);
        Assert.AreEqual(3, Site.Hits(path), "one request and the checker's two retries");
        Assert.AreEqual(3, result.Evidence.Requests);
        await host.StopAsync();
    }

    [TestMethod]
    public async Task WithHttpClientResilience_StandardHandler_OnlyTheClientRetriesEachRequest()
    {
        var path = "/unavailable/" + Guid.NewGuid().ToString("N");
        var builder = Builder(Settings(("MaxRetries", "3")));
        builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links"))
            .WithHttpClientResilience(client => client.AddStandardResilienceHandler(o =>
            {
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(10);
                o.Retry.UseJitter = false;
                o.Retry.BackoffType = Polly.DelayBackoffType.Constant;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        var checker = host.Services.GetRequiredService<LinkChecker>();

        var result = await checker.CheckAsync(Site.Url(path));

        Assert.AreEqual(LinkVerdict.ServerError, result.Verdict);
        Assert.AreEqual(0, checker.Options.MaxRetries, "the checker's own retries are off");
        Assert.AreEqual(3, Site.Hits(path), "one request and the client's two retries, not 3 × 4");
        Assert.AreEqual(1, result.Evidence.Requests, "the checker sent it once");
        await host.StopAsync();
    }

    [TestMethod]
    public async Task AddLinkChecker_HostLogging_CheckerAndPollyEventsReachTheHostsProviders()
    {
        var logs = new RecordingLoggerProvider();
        var path = "/unavailable/" + Guid.NewGuid().ToString("N");
        var builder = Builder(Settings(("MaxRetries", "1")), logs);
        builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links"));
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<LinkChecker>().CheckAsync(Site.Url(path));

        var broken = logs.Events.Single(e => e.EventId.Id == 1003 && e.Value("Url") == Site.Url(path));
        Assert.AreEqual("server-error", broken.Value("Verdict"));
        Assert.IsTrue(logs.Events.Any(e => e.Category == "Polly" && e.Value("EventName") == "OnRetry"));
        await host.StopAsync();
    }

    [TestMethod]
    public async Task WithHistoryFile_ContainerDisposed_HistoryRecordedAndFileReleased()
    {
        var file = Path.Combine(Path.GetTempPath(), "citations-di-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var builder = Builder(Settings());
            builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links")).WithHistoryFile(file);
            using (var host = builder.Build())
            {
                await host.StartAsync();
                await host.Services.GetRequiredService<LinkChecker>().CheckAsync(Site.Url("/missing"));
                Assert.AreEqual(1L, await host.Services.GetRequiredService<LinkHistory>().CountChecksAsync());
                await host.StopAsync();
            }

            await using var reopened = LinkHistory.Open(file);
            var failing = await reopened.GetFailingAsync();
            Assert.AreEqual(Site.Url("/missing"), failing.Single().Url);
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    [TestMethod]
    public async Task WithHistory_OpenedByTheApplication_OpenedOnceAndRecordedInto()
    {
        var file = Path.Combine(Path.GetTempPath(), "citations-di-" + Guid.NewGuid().ToString("N") + ".db");
        var opened = 0;
        try
        {
            var builder = Builder(Settings());
            builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links")).WithHistory(_ =>
            {
                opened++;
                return LinkHistory.Open(file, new RotPolicy { Failures = 1 });
            });
            using (var host = builder.Build())
            {
                await host.StartAsync();
                var result = await host.Services.GetRequiredService<LinkChecker>().CheckAsync(Site.Url("/missing"));
                Assert.IsTrue(result.IsRot, "the application's policy (one failure is rot) was used");
                Assert.AreEqual(1L, await host.Services.GetRequiredService<LinkHistory>().CountChecksAsync());
                await host.StopAsync();
            }

            Assert.AreEqual(1, opened);
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
