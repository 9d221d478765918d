using System.Collections.Concurrent;
using System.Diagnostics;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Serialization;
using Citations.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Citations.Csl.Tests.Processing;

/// <summary>A span per bibliography and the processor's log events, seen by a real listener and a real logger provider.</summary>
[TestClass]
public sealed class CslTelemetryTests
{
    [TestMethod]
    public async Task FormatBibliography_ListenerAndLogger_OneSpanAndOneEventWithCounts()
    {
        var title = "Telemetry " + Guid.NewGuid().ToString("N");
        var items = CslJson.Read($$"""
            [{"id": "a", "type": "book", "title": "{{title}}", "author": [{"family": "Lee", "given": "Ann"}]},
             {"id": "b", "type": "book", "title": "Second", "author": [{"family": "Diaz", "given": "Luis"}]}]
            """, "items.json").Value!;
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CslTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var style = await CslStyleLoader.Default.LoadAsync(CslStyleSources.AuthorDate);
        var processor = CslProcessor.Create(style, new CslProcessorOptions { LoggerFactory = loggers, Format = CslOutputFormat.Text });

        using (var parent = new Activity("test-" + title).Start())
        {
            processor.FormatBibliography(items);
            var mine = spans.Where(s => s.ParentSpanId == parent.SpanId).ToList();
            var span = mine.Single();
            Assert.AreEqual(CslTelemetry.BibliographyActivity, span.OperationName);
            Assert.AreEqual(CslStyleSources.AuthorDate, span.GetTagItem("citations.csl.style"));
            Assert.AreEqual(2, span.GetTagItem("citations.csl.entries"));
            Assert.AreEqual(0, span.GetTagItem("citations.csl.warnings"));
            Assert.AreEqual("text", span.GetTagItem("citations.csl.format"));
        }

        var formatted = logs.Events.Single(e => e.Category == CslTelemetry.Category && e.EventId.Id == 2001);
        Assert.AreEqual("BibliographyFormatted", formatted.EventId.Name);
        Assert.AreEqual("2", formatted.Value("Entries"));
        Assert.AreEqual(CslStyleSources.AuthorDate, formatted.Value("Style"));
    }
}
