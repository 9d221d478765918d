using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Citations.Links.Drift;
using Citations.Links.Http;
using Polly;
using Polly.Timeout;

namespace Citations.Links.Checking;

/// <summary>
/// Tells whether a page that answers with success really means "not found": it redirects to the site's front page,
/// it is the same page (or redirect target) a random path in the same folder gets, or its title says so on a host
/// that does not answer missing pages with a real 404.
/// </summary>
/// <remarks>
/// <para>One detector per run: it asks each folder of a host once for a random path (the probe) and shares the answer
/// among every check in that folder. Thread-safe.</para>
/// <para>A "not found" title is a weak signal (a timetable for "Route 404" is a real page): it never overrides a host
/// whose random path answers 404 or 410, since such a host says "not found" with its status. It decides only when
/// the host answers missing pages with success, when the probe got no answer, or for a front page (not probed).</para>
/// </remarks>
internal sealed class Soft404Detector(RequestRunner runner, LinkCheckerOptions options, ResiliencePipeline totalTimeout, CancellationToken runToken)
{
    /// <summary>The longest last segment <see cref="IsRootPath"/> can take for a front page (<c>default.aspx</c>).</summary>
    private const int MaxRootSegment = 12;

    /// <summary>How alike (word triples, Jaccard) a page and the probe's answer must be to be the same page.</summary>
    internal const double SamePageSimilarity = 0.9;

    private static readonly HashSet<string> LanguageRoots = new(StringComparer.Ordinal)
    {
        "ar", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hu", "id", "it", "ja", "ko", "ms", "nl",
        "no", "pl", "pt", "ro", "ru", "sv", "th", "tr", "uk", "ur", "vi", "zh",
    };

    private static readonly string[] NotFoundTitleMarkers =
        ["page not found", "not found", "no longer available", "does not exist", "page cannot be found", "page could not be found"];

    private readonly ConcurrentDictionary<string, Task<Probe>> _probes = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a successful answer is really "not found". Returns the reason (or <see langword="null"/>) and the walk to
    /// use for the page's content: a GET when the HEAD answer was not enough to compare.
    /// </summary>
    /// <param name="item">The URL checked.</param>
    /// <param name="walk">Its successful walk.</param>
    /// <param name="trace">The check's trace, for notes and request counts.</param>
    /// <param name="cancellationToken">Cancels the check (not the folder's shared probe).</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(Soft404Finding? Finding, Walk Walk)> DetectAsync(WorkItem item, Walk walk, RequestTrace trace, CancellationToken cancellationToken)
    {
        var original = item.Uri;
        if (walk.Chain.Count > 0 && !IsRootPath(original) && IsRootPath(walk.FinalUrl) && UrlNormalizer.SameSite(original, walk.FinalUrl))
        {
            return (new(Soft404Basis.RedirectToRoot, $"redirects to the site root ({UrlNormalizer.Display(walk.FinalUrl)})"), walk);
        }

        var title = walk.Last.BodyRead && ContentAnalyzer.IsText(walk.Last.ContentType) ? NotFoundTitle(walk.Last) : null;
        var byTitle = title is null ? null : new Soft404Finding(Soft404Basis.NotFoundTitle, $"the page's title says so (\"{title}\")");
        if (IsRootPath(original))
        {
            return (byTitle, walk);
        }

        var probe = await GetProbeAsync(item).ConfigureAwait(false);
        trace.Note(probe.Summary);
        if (!probe.AnswersSuccess)
        {
            if (title is not null && probe.Status is 404 or 410)
            {
                trace.Note($"the title (\"{title}\") sounds like \"not found\", but the host answers {probe.Status} for missing pages, so the page is taken as real");
                return (null, walk);
            }

            return (byTitle, walk);
        }

        if (probe.Redirected && walk.Chain.Count > 0 && UrlNormalizer.Key(probe.FinalUrl) == UrlNormalizer.Key(walk.FinalUrl))
        {
            return (new(Soft404Basis.SameRedirectAsRandomPath, $"redirects to {UrlNormalizer.Display(walk.FinalUrl)}, where a random path on the host goes too"), walk);
        }

        if (byTitle is not null)
        {
            return (byTitle, walk);
        }

        if (!walk.Last.BodyRead)
        {
            trace.Note("the host answers 200 for a random path; fetched the page to compare");
            walk = await WalkAsync(original, item.Host, trace, cancellationToken).ConfigureAwait(false);
            if (!walk.Last.IsSuccess || !walk.Last.BodyRead)
            {
                return (null, walk);
            }
        }

        if (probe.Shingles is null || !ContentAnalyzer.IsText(walk.Last.ContentType))
        {
            return (null, walk);
        }

        var similarity = Shingles.Jaccard(ShinglesOf(walk.Last, walk.FinalUrl), probe.Shingles);
        return similarity >= SamePageSimilarity
            ? (new(Soft404Basis.SameAsRandomPath, string.Create(CultureInfo.InvariantCulture, $"the page is the same as a random path on the host (similarity {similarity:0.00})")), walk)
            : (null, walk);
    }

    /// <summary>Whether a URL is a site's front page: <c>/</c>, an index file, or a language root such as <c>/en/</c>.</summary>
    internal static bool IsRootPath(Uri url)
    {
        // Called for every page that answers: spans, no allocation.
        var path = url.AbsolutePath.AsSpan().TrimEnd('/');
        if (path.IsEmpty)
        {
            return true;
        }

        var segment = path[1..];
        if (segment.Contains('/') || segment.Length > MaxRootSegment)
        {
            return false;
        }

        Span<char> lower = stackalloc char[segment.Length];
        segment.ToLowerInvariant(lower);
        if (lower is "index.html" or "index.htm" or "index.php" or "index.asp" or "index.aspx" or "default.aspx" or "default.asp" or "home" or "home.html")
        {
            return true;
        }

        // Language roots: "en", "fr", "en-us", "pt-br" (common languages only: "/ok" or "/go" are ordinary pages).
        var languages = LanguageRoots.GetAlternateLookup<ReadOnlySpan<char>>();
        return languages.Contains(lower)
               || (lower.Length == 5 && lower[2] is '-' or '_' && languages.Contains(lower[..2]) && char.IsAsciiLetter(lower[3]) && char.IsAsciiLetter(lower[4]));
    }

    private ValueTask<Walk> WalkAsync(Uri url, string? hostKey, RequestTrace trace, CancellationToken cancellationToken)
        => RedirectWalker.WalkAsync(runner, url, HttpMethod.Get, options.MaxRedirects, options.MaxBodyBytes, trace, hostKey, cancellationToken);

    /// <summary>The random path of the item's folder, when it was probed (never for a front page); no request is made.</summary>
    /// <param name="item">The URL checked.</param>
    public Task<Probe>? ProbeOf(WorkItem item) => _probes.TryGetValue(FolderKey(item, out _), out var probe) ? probe : null;

    /// <summary>The key of an item's folder: the URL up to its last '/', without the query.</summary>
    private static string FolderKey(WorkItem item, out string directory)
    {
        var path = item.Uri.AbsolutePath;
        directory = path[..(path.LastIndexOf('/') + 1)];
        return string.Concat(item.Uri.Scheme, "://", item.Host, directory);
    }

    private Task<Probe> GetProbeAsync(WorkItem item)
    {
        // One probe per folder of a host.
        var url = item.Uri;
        var key = FolderKey(item, out var directory);
        if (_probes.TryGetValue(key, out var known))
        {
            return known;
        }

        // The first check of a folder claims it and runs the probe; the others await the same task. Nothing blocks a
        // thread while the probe starts (a lazy value would hold every other check of the folder on a lock meanwhile,
        // which starves a small thread pool at the start of a run).
        var claim = new TaskCompletionSource<Probe>();
        var probe = _probes.GetOrAdd(key, claim.Task);
        if (ReferenceEquals(probe, claim.Task))
        {
            _ = ProbeIntoAsync(claim, url, directory);
        }

        return probe;
    }

    /// <summary>Runs a probe and completes the folder's claim with its outcome, whatever it is (so the task never goes unobserved).</summary>
    private async Task ProbeIntoAsync(TaskCompletionSource<Probe> claim, Uri url, string directory)
    {
        try
        {
            claim.TrySetResult(await ProbeAsync(url, directory).ConfigureAwait(false));
        }
        catch (OperationCanceledException e)
        {
            claim.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            claim.TrySetException(e);
        }
    }

    private async Task<Probe> ProbeAsync(Uri url, string directory)
    {
        // Unguessable enough to name no real page; not a secret, so no cryptographic generator (slow to load at start).
        var random = "citations-check-" + Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        var probeUrl = new UriBuilder(url) { Path = directory + random, Query = string.Empty, Fragment = string.Empty }.Uri;
        var trace = new RequestTrace();
        try
        {
            var walk = await totalTimeout.ExecuteAsync(
                static async (state, ct) => await state.Detector.WalkAsync(state.Url, null, state.Trace, ct).ConfigureAwait(false),
                (Detector: this, Url: probeUrl, Trace: trace),
                runToken).ConfigureAwait(false);
            var success = walk.Failure is null && walk.Last.IsSuccess;
            var summary = success
                ? $"a random path on the host ({probeUrl.AbsolutePath}) answers {walk.Last.StatusCode}"
                : $"a random path on the host answers {(walk.Last.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "with an error")}, so the host reports missing pages";
            var shingles = success && walk.Last.BodyRead && ContentAnalyzer.IsText(walk.Last.ContentType) ? ShinglesOf(walk.Last, walk.FinalUrl) : null;
            return new Probe(success, walk.Failure is null ? walk.Last.StatusCode : null, walk.Chain.Count > 0, walk.FinalUrl, shingles, summary) { Url = probeUrl };
        }
        catch (TimeoutRejectedException)
        {
            return new Probe(false, null, false, probeUrl, null, "a random path on the host did not answer in time") { Url = probeUrl };
        }
    }

    /// <summary>The word-triple set of a page, leaving out the words of its own URL (pages often echo the path they were asked for).</summary>
    private static HashSet<ulong> ShinglesOf(LinkResponse response, Uri url)
    {
        var (text, _) = ContentAnalyzer.ReadText(response.Body.Span, response.ContentType, response.CharSet);
        var urlWords = new HashSet<string>(Shingles.Words(Uri.UnescapeDataString(url.AbsolutePath)), StringComparer.Ordinal);
        return Shingles.Hashes(Shingles.Words(text).Where(w => !urlWords.Contains(w)), 3);
    }

    private static string? NotFoundTitle(LinkResponse response)
    {
        var (_, title) = ContentAnalyzer.ReadText(response.Body.Span[..Math.Min(response.Body.Length, 64 * 1024)], response.ContentType, response.CharSet);
        if (title is null)
        {
            return null;
        }

        return SaysNotFound(title) ? title : null;
    }

    /// <summary>
    /// Whether a title sounds like "not found": it has a marker phrase ("page not found", "no longer available"…), or
    /// the number 404 as a word at its start or next to "error" ("404 | Agency", "Error 404"); "Route 404 timetable"
    /// does not.
    /// </summary>
    internal static bool SaysNotFound(string title)
    {
        var lower = title.Trim().ToLowerInvariant();
        if (NotFoundTitleMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)))
        {
            return true;
        }

        for (var at = lower.IndexOf("404", StringComparison.Ordinal); at >= 0; at = lower.IndexOf("404", at + 3, StringComparison.Ordinal))
        {
            var wordStart = at == 0 || !char.IsLetterOrDigit(lower[at - 1]);
            var wordEnd = at + 3 == lower.Length || !char.IsLetterOrDigit(lower[at + 3]);
            if (wordStart && wordEnd && (at == 0 || lower.Contains("error", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a random path in a folder got: whether it answered with success, its status, where it ended, and its text.</summary>
    internal sealed record Probe(bool AnswersSuccess, int? Status, bool Redirected, Uri FinalUrl, HashSet<ulong>? Shingles, string Summary)
    {
        /// <summary>The random URL asked.</summary>
        public required Uri Url { get; init; }
    }
}

/// <summary>What made a successful answer "not found".</summary>
internal enum Soft404Basis
{
    /// <summary>It redirects to the site's front page.</summary>
    RedirectToRoot,

    /// <summary>Its title says "not found".</summary>
    NotFoundTitle,

    /// <summary>It redirects where a random path on the host goes too.</summary>
    SameRedirectAsRandomPath,

    /// <summary>It is the same page a random path on the host gets.</summary>
    SameAsRandomPath,
}

/// <summary>Why a successful answer is "not found".</summary>
/// <param name="Basis">Which rule found it.</param>
/// <param name="Reason">The reason in a sentence, for the evidence.</param>
internal sealed record Soft404Finding(Soft404Basis Basis, string Reason);
