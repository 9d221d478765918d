using Citations.Links.Checking;

namespace Citations.Links.Reports;

/// <summary>The results of a run, gathered for writing: every result in a stable order, with counts.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LinkReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="results">The results; sorted here by URL, so the same run always writes the same file.</param>
    /// <param name="generatedAt">When the report was made.</param>
    public LinkReport(IEnumerable<LinkCheckResult> results, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results.OrderBy(r => r.Url, StringComparer.Ordinal).ToArray();
        GeneratedAt = generatedAt;
        var counts = Enum.GetValues<LinkVerdict>().ToDictionary(v => v, _ => 0);
        foreach (var result in Results)
        {
            counts[result.Verdict]++;
        }

        CountsByVerdict = counts;
    }

    /// <summary>Every result, sorted by URL.</summary>
    public IReadOnlyList<LinkCheckResult> Results { get; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>How many results have each verdict (every verdict present, possibly 0).</summary>
    public IReadOnlyDictionary<LinkVerdict, int> CountsByVerdict { get; }

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

    /// <summary>Whether a result fails the run: the link is broken, or its page no longer contains a quote it is cited for.</summary>
    /// <param name="result">The result.</param>
    public static bool IsFailure(LinkCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsBroken || result.HasMissingQuote;
    }

    /// <summary>Whether any result fails the run (see <see cref="IsFailure"/>).</summary>
    public bool HasFailures => Results.Any(IsFailure);
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
    public static async Task WriteAsync(ILinkReportWriter writer, LinkReport report, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
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
                await writer.WriteAsync(report, stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
