using System.Globalization;
using System.Text;
using System.Xml;

namespace Citations.Links.Reports;

/// <summary>
/// Writes a JUnit XML report for CI pipelines. The suite <c>links</c> has one test case per URL: broken links and
/// missing quotes are failures, unverifiable links (blocked, inconclusive, not allowed) are skipped, and the rest pass.
/// When the citations carry source ids (article files, CSL-JSON), the suite <c>sources</c> has one test case per
/// source with the outcome of its link, and sources with no link to check are skipped as "not checkable".
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class JUnitLinkReportWriter : ILinkReportWriter
{
    /// <summary>The writer.</summary>
    public static JUnitLinkReportWriter Instance { get; } = new();

    private JUnitLinkReportWriter()
    {
    }

    /// <inheritdoc/>
    public string FileExtension => ".xml";

    /// <inheritdoc/>
    public async Task WriteAsync(LinkReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        var xml = XmlWriter.Create(output, settings);
        await using (xml.ConfigureAwait(false))
        {
            var failures = report.Results.Count(LinkReport.IsFailure);
            var skipped = report.Results.Count(r => !LinkReport.IsFailure(r) && IsSkipped(r));
            var time = Seconds(report.Results.Sum(r => r.Evidence.Elapsed.TotalSeconds));
            var sourceFailures = report.Sources.Count(s => s.IsFailure);
            var sourcesSkipped = report.Sources.Count(s => !s.IsFailure && (s.Result is null || IsSkipped(s.Result)));
            await xml.WriteStartDocumentAsync().ConfigureAwait(false);
            await xml.WriteStartElementAsync(null, "testsuites", null).ConfigureAwait(false);
            await Attributes(xml, ("name", "citations link check"), ("tests", Number(report.Total + report.Sources.Count)), ("failures", Number(failures + sourceFailures)),
                ("errors", "0"), ("skipped", Number(skipped + sourcesSkipped)), ("time", time)).ConfigureAwait(false);
            await xml.WriteStartElementAsync(null, "testsuite", null).ConfigureAwait(false);
            await Attributes(xml, ("name", "links"), ("tests", Number(report.Total)), ("failures", Number(failures)), ("errors", "0"), ("skipped", Number(skipped)),
                ("time", time), ("timestamp", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))).ConfigureAwait(false);
            foreach (var r in report.Results)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await xml.WriteStartElementAsync(null, "testcase", null).ConfigureAwait(false);
                var host = Uri.TryCreate(r.Url, UriKind.Absolute, out var uri) ? uri.Host : "invalid";
                await Attributes(xml, ("classname", "links." + host), ("name", DisplayText.Url(r.Url)), ("time", Seconds(r.Evidence.Elapsed.TotalSeconds))).ConfigureAwait(false);
                if (LinkReport.IsFailure(r))
                {
                    var type = r.IsBroken ? r.Verdict.ToReportName() : "quote-missing";
                    await xml.WriteStartElementAsync(null, "failure", null).ConfigureAwait(false);
                    await Attributes(xml, ("type", type), ("message", Message(r))).ConfigureAwait(false);
                    await xml.WriteStringAsync(Details(r)).ConfigureAwait(false);
                    await xml.WriteEndElementAsync().ConfigureAwait(false);
                }
                else if (IsSkipped(r))
                {
                    await xml.WriteStartElementAsync(null, "skipped", null).ConfigureAwait(false);
                    await Attributes(xml, ("message", Message(r))).ConfigureAwait(false);
                    await xml.WriteEndElementAsync().ConfigureAwait(false);
                }

                if (r.Evidence.Notes.Count > 0 || r.Archive is not null || r.Evidence.Connectivity is not null)
                {
                    await xml.WriteElementStringAsync(null, "system-out", null, Details(r)).ConfigureAwait(false);
                }

                await xml.WriteEndElementAsync().ConfigureAwait(false);
            }

            await xml.WriteEndElementAsync().ConfigureAwait(false);
            if (report.Sources.Count > 0)
            {
                await WriteSourcesAsync(xml, report, sourceFailures, sourcesSkipped, cancellationToken).ConfigureAwait(false);
            }

            await xml.WriteEndElementAsync().ConfigureAwait(false);
            await xml.WriteEndDocumentAsync().ConfigureAwait(false);
            await xml.FlushAsync().ConfigureAwait(false);
        }
    }

    private static async Task WriteSourcesAsync(XmlWriter xml, LinkReport report, int failures, int skipped, CancellationToken cancellationToken)
    {
        await xml.WriteStartElementAsync(null, "testsuite", null).ConfigureAwait(false);
        await Attributes(xml, ("name", "sources"), ("tests", Number(report.Sources.Count)), ("failures", Number(failures)), ("errors", "0"), ("skipped", Number(skipped)),
            ("time", "0.000"), ("timestamp", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))).ConfigureAwait(false);
        foreach (var source in report.Sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "testcase", null).ConfigureAwait(false);
            await Attributes(xml, ("classname", "sources"), ("name", source.SourceId), ("time", "0.000")).ConfigureAwait(false);
            if (source.Result is not { } r)
            {
                var notCheckable = source.NotCheckable!;
                await xml.WriteStartElementAsync(null, "skipped", null).ConfigureAwait(false);
                await Attributes(xml, ("message", "not checkable: " + notCheckable.Reason)).ConfigureAwait(false);
                await xml.WriteEndElementAsync().ConfigureAwait(false);
                if (notCheckable.Title is not null || notCheckable.Origin is not null)
                {
                    await xml.WriteElementStringAsync(null, "system-out", null, string.Join("\n", new[] { notCheckable.Title, notCheckable.Origin }.OfType<string>().Select(Clean))).ConfigureAwait(false);
                }
            }
            else if (LinkReport.IsFailure(r))
            {
                await xml.WriteStartElementAsync(null, "failure", null).ConfigureAwait(false);
                await Attributes(xml, ("type", r.IsBroken ? r.Verdict.ToReportName() : "quote-missing"), ("message", Message(r) + " — " + DisplayText.Url(r.Url))).ConfigureAwait(false);
                await xml.WriteEndElementAsync().ConfigureAwait(false);
            }
            else if (IsSkipped(r))
            {
                await xml.WriteStartElementAsync(null, "skipped", null).ConfigureAwait(false);
                await Attributes(xml, ("message", Message(r) + " — " + DisplayText.Url(r.Url))).ConfigureAwait(false);
                await xml.WriteEndElementAsync().ConfigureAwait(false);
            }
            else
            {
                await xml.WriteElementStringAsync(null, "system-out", null, Clean(Message(r) + " — " + DisplayText.Url(r.Url))).ConfigureAwait(false);
            }

            await xml.WriteEndElementAsync().ConfigureAwait(false);
        }

        await xml.WriteEndElementAsync().ConfigureAwait(false);
    }

    private static bool IsSkipped(LinkCheckResult r) => r.Verdict.IsUnverified();

    private static string Message(LinkCheckResult r)
    {
        var message = r.Verdict.ToReportName();
        if (r.Evidence.StatusCode is { } status)
        {
            message += " (HTTP " + status.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (r.Evidence.Error is { } error)
        {
            message += ": " + Clean(error.Message);
        }

        if (!r.IsBroken && r.HasMissingQuote)
        {
            message += ": a quote is no longer on the page";
        }

        return message;
    }

    /// <summary>The evidence as lines of text, every piece from outside escaped (the line breaks are the writer's own).</summary>
    private static string Details(LinkCheckResult r)
    {
        var text = new StringBuilder();
        foreach (var hop in r.Evidence.RedirectChain)
        {
            text.Append(CultureInfo.InvariantCulture, $"redirect {hop.StatusCode}: {DisplayText.Url(hop.Url)} -> {DisplayText.Url(hop.Location)}\n");
        }

        foreach (var note in r.Evidence.Notes)
        {
            text.Append(Clean(note)).Append('\n');
        }

        if (r.Evidence.Connectivity is { } probe)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"connectivity probe: {(probe.Online ? "online" : "offline")} (asked {probe.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, took {probe.Duration.TotalMilliseconds:0} ms)\n");
        }

        foreach (var quote in r.Content?.Quotes.Where(q => !q.Found) ?? [])
        {
            text.Append("quote not found: ").Append(Clean(quote.Quote)).Append('\n');
        }

        if (r.Archive is { } archive)
        {
            text.Append("archived copy: ").Append(DisplayText.Url(archive.Url)).Append('\n');
        }

        foreach (var target in r.Targets)
        {
            text.Append("cited by: ").Append(target.SourceId is not null || target.Origin is not null ? Clean(target.SourceId ?? target.Origin!) : DisplayText.Url(target.Url)).Append('\n');
        }

        return text.ToString();
    }

    private static async Task Attributes(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            await xml.WriteAttributeStringAsync(null, name, null, Clean(value)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Text from outside with its control characters escaped (<see cref="DisplayText.Escape"/>): a CI log showing the
    /// report cannot be driven by a server's ESC sequences, and XML never meets a character it cannot carry.
    /// </summary>
    private static string Clean(string text) => DisplayText.Escape(text);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
