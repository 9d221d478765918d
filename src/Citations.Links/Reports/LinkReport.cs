
namespace Citations.Links.Reports;

/// <summary>
/// The results of a run, gathered for writing: every result in a stable order, with counts, the cited sources that had
/// no link to check, and the outcome per source.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LinkReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="results">The results; sorted here by URL, so the same run always writes the same file.</param>
    /// <param name="generatedAt">When the report was made.</param>
    public LinkReport(IEnumerable<LinkCheckResult> results, DateTimeOffset generatedAt)
        : this(results, generatedAt, [])
    {
    }

    /// <summary>Creates a report that also lists the cited sources a checker could not follow.</summary>
    /// <param name="results">The results; sorted here by URL, so the same run always writes the same file.</param>
    /// <param name="generatedAt">When the report was made.</param>
    /// <param name="notCheckable">The sources with no link to check (see <see cref="LinkTargetSet.NotCheckable"/>); sorted here by id.</param>
    public LinkReport(IEnumerable<LinkCheckResult> results, DateTimeOffset generatedAt, IEnumerable<NotCheckableSource> notCheckable)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(notCheckable);
        Results = results.OrderBy(r => r.Url, StringComparer.Ordinal).ToArray();
        GeneratedAt = generatedAt;
        NotCheckable = notCheckable.OrderBy(s => s.SourceId, StringComparer.Ordinal).ThenBy(s => s.Origin, StringComparer.Ordinal).ToArray();
        var counts = Enum.GetValues<LinkVerdict>().ToDictionary(v => v, _ => 0);
        foreach (var result in Results)
        {
            counts[result.Verdict]++;
        }

        CountsByVerdict = counts;
        Sources = BySource(Results, NotCheckable);
    }

    /// <summary>Every result, sorted by URL.</summary>
    public IReadOnlyList<LinkCheckResult> Results { get; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>How many results have each verdict (every verdict present, possibly 0).</summary>
    public IReadOnlyDictionary<LinkVerdict, int> CountsByVerdict { get; }

    /// <summary>The cited sources that had no link to check, sorted by id.</summary>
    public IReadOnlyList<NotCheckableSource> NotCheckable { get; }

    /// <summary>
    /// The outcome for each cited source (each target with a <see cref="LinkTarget.SourceId"/>, and each not-checkable
    /// source), sorted by source id and then URL; empty when nothing cited carries a source id (a Markdown file, a list of URLs).
    /// </summary>
    public IReadOnlyList<SourceLinkResult> Sources { get; }

    /// <summary>How many distinct URLs were checked.</summary>
    public int Total => Results.Count;

    /// <summary>How many are broken (see <see cref="LinkVerdictExtensions.IsBroken"/>).</summary>
    public int Broken => Results.Count(r => r.IsBroken);

    /// <summary>How many have rotted according to the history.</summary>
    public int Rot => Results.Count(r => r.IsRot);

    /// <summary>How many pages no longer contain a quote they are cited for.</summary>
    public int MissingQuotes => Results.Count(r => r.HasMissingQuote);

    /// <summary>How many pages changed since the previous check.</summary>
    public int Changed => Results.Count(r => r.Content?.ChangedSinceLastCheck == true);

    /// <summary>How many pages answer but no longer resemble the title they are cited under (<see cref="LinkCheckResult.IsChanged"/>).</summary>
    public int TitleChanged => Results.Count(r => r.IsChanged);

    /// <summary>Whether a result fails the run: the link is broken, or its page no longer contains a quote it is cited for.</summary>
    /// <param name="result">The result.</param>
    public static bool IsFailure(LinkCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsBroken || result.HasMissingQuote;
    }

    /// <summary>Whether any result fails the run (see <see cref="IsFailure"/>).</summary>
    public bool HasFailures => Results.Any(IsFailure);

    private static SourceLinkResult[] BySource(IReadOnlyList<LinkCheckResult> results, IReadOnlyList<NotCheckableSource> notCheckable)
    {
        var sources = new List<SourceLinkResult>();
        var seen = new HashSet<(string, string)>();
        foreach (var result in results)
        {
            foreach (var target in result.Targets)
            {
                if (target.SourceId is { } id && seen.Add((id, result.Url)))
                {
                    sources.Add(new SourceLinkResult { SourceId = id, Url = DisplayText.RedactUrl(target.Url), Result = result });
                }
            }
        }

        sources.AddRange(notCheckable.Select(s => new SourceLinkResult { SourceId = s.SourceId, NotCheckable = s }));
        return [.. sources.OrderBy(s => s.SourceId, StringComparer.Ordinal).ThenBy(s => s.Url, StringComparer.Ordinal)];
    }
}

/// <summary>
/// What a check found for one cited source: the result of its link, or why it has none to check. Exactly one of
/// <see cref="Result"/> and <see cref="NotCheckable"/> is set.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SourceLinkResult
{
    /// <summary>The report name of the status of a source with no link to check.</summary>
    public const string NotCheckableStatus = "not-checkable";

    /// <summary>The source's id.</summary>
    public required string SourceId { get; init; }

    /// <summary>The URL as the source cites it (a password in it hidden, see <see cref="DisplayText.RedactUrl"/>), or <see langword="null"/> when it cites none.</summary>
    public string? Url { get; init; }

    /// <summary>The result of checking the source's link, or <see langword="null"/> when it has none.</summary>
    public LinkCheckResult? Result { get; init; }

    /// <summary>Why the source has no link to check, or <see langword="null"/> when it has one.</summary>
    public NotCheckableSource? NotCheckable { get; init; }

    /// <summary>The status for reports: the verdict's report name (such as <c>alive</c>), or <see cref="NotCheckableStatus"/>.</summary>
    public string Status => Result?.Verdict.ToReportName() ?? NotCheckableStatus;

    /// <summary>Whether the source fails the run: its link is broken or no longer contains a quote (see <see cref="LinkReport.IsFailure"/>).</summary>
    public bool IsFailure => Result is { } result && LinkReport.IsFailure(result);
}

/// <summary>Writes a <see cref="LinkReport"/> in one format.</summary>
public interface ILinkReportWriter
{
    /// <summary>The usual file extension, with its dot.</summary>
    string FileExtension { get; }

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write (UTF-8, not closed).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task WriteAsync(LinkReport report, Stream output, CancellationToken cancellationToken = default);
}

/// <summary>Writes reports to files.</summary>
public static class LinkReportFiles
{
    /// <summary>Writes a report to a file through a temporary file in the same folder, so a crash never leaves half a report.</summary>
    /// <param name="writer">The format.</param>
    /// <param name="report">The report.</param>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static Task WriteAsync(ILinkReportWriter writer, LinkReport report, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        return WriteAsync(path, (stream, token) => writer.WriteAsync(report, stream, token), cancellationToken);
    }

    /// <summary>Writes a file through a temporary file in the same folder, so a crash never leaves half of it (used for every report, the history's too).</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the content to a stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
