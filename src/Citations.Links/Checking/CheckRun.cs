using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Citations.CslData;
using Citations.Links.Drift;
using Citations.Links.History;
using Citations.Links.Http;
using Polly.Timeout;

namespace Citations.Links.Checking;

/// <summary>One run of a <see cref="LinkChecker"/>: its workers, per-host pipelines, soft-404 probes and offline state.</summary>
internal sealed class CheckRun
{
    private static readonly TimeSpan ProbeCacheDuration = TimeSpan.FromMinutes(1);

    /// <summary>The longest last segment <see cref="IsRootPath"/> can take for a front page (<c>default.aspx</c>).</summary>
    private const int MaxRootSegment = 12;

    private static readonly HashSet<string> LanguageRoots = new(StringComparer.Ordinal)
    {
        "ar", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hu", "id", "it", "ja", "ko", "ms", "nl",
        "no", "pl", "pt", "ro", "ru", "sv", "th", "tr", "uk", "ur", "vi", "zh",
    };

    private readonly LinkChecker _checker;
    private readonly LinkCheckerOptions _options;
    private readonly RequestRunner _runner;
    private readonly ConcurrentDictionary<string, Task<Soft404Probe>> _probes = new(StringComparer.Ordinal);
    private readonly Lock _onlineLock = new();
    private (DateTimeOffset At, Task<bool> Online)? _online;
    private CancellationToken _runToken;

    public CheckRun(LinkChecker checker, HttpClient client)
    {
        _checker = checker;
        _options = checker.Options;
        _runner = new RequestRunner(new HttpSender(client, _options.UserAgent, checker.TimeProvider), checker.HostPipelines);
    }

    private TimeProvider Time => _checker.TimeProvider;

    /// <summary>Groups targets by normalised URL (first citation first); targets that are not URLs get their result at once.</summary>
    public static (List<WorkItem> Work, List<LinkCheckResult> Invalid) Group(IEnumerable<LinkTarget> targets)
    {
        var work = new List<WorkItem>();
        var byKey = new Dictionary<string, WorkItem>(StringComparer.Ordinal);
        var invalid = new List<LinkCheckResult>();
        foreach (var target in targets)
        {
            ArgumentNullException.ThrowIfNull(target);
            if (!UrlNormalizer.TryNormalize(target.Url, out var uri))
            {
                invalid.Add(new LinkCheckResult
                {
                    Url = target.Url,
                    Targets = [target],
                    Verdict = LinkVerdict.InvalidUrl,
                    CheckedAt = DateTimeOffset.UnixEpoch,
                    Evidence = new LinkEvidence { Error = new LinkError(LinkErrorKind.InvalidUrl, $"'{target.Url}' is not an absolute http(s) URL.") },
                });
                continue;
            }

            var key = UrlNormalizer.Key(uri);
            if (byKey.TryGetValue(key, out var item))
            {
                item.Targets.Add(target);
            }
            else
            {
                byKey[key] = item = new WorkItem(key, uri, RequestRunner.HostKey(uri), [target]);
                work.Add(item);
            }
        }

        return (work, invalid);
    }

    /// <summary>Checks every item with the global worker count, writing results to the channel as they complete.</summary>
    public async Task RunAsync(List<WorkItem> work, ChannelWriter<LinkCheckResult> writer, CancellationToken cancellationToken)
    {
        _runToken = cancellationToken;
        var scheduler = new HostScheduler<WorkItem>(work.Select(w => (w.Host, w)), _options.PerHostConcurrency);
        Exception? failure = null;
        try
        {
            var workers = Enumerable.Range(0, Math.Min(_options.GlobalConcurrency, work.Count))
                .Select(_ => Task.Run(async () =>
                {
                    var next = await scheduler.TakeAsync(cancellationToken).ConfigureAwait(false);
                    while (next is { } taken)
                    {
                        try
                        {
                            var result = await CheckAndRecordAsync(taken.Item, cancellationToken).ConfigureAwait(false);
                            await writer.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                        }
                        catch
                        {
                            scheduler.Complete(taken.Host);
                            throw;
                        }

                        // Completing and taking in one step: the freed slot goes to this worker, on this thread.
                        next = await scheduler.CompleteAndTakeAsync(taken.Host, cancellationToken).ConfigureAwait(false);
                    }
                }, cancellationToken))
                .ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<LinkCheckResult> CheckAndRecordAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var checkedAt = Time.GetUtcNow();
        var prior = _checker.History is { } history
            ? await history.GetPriorAsync(item.Key, checkedAt, _options.MaxAge, item.Targets, cancellationToken).ConfigureAwait(false)
            : null;
        if (prior?.Recent is { } recent)
        {
            return recent;
        }

        var result = await CheckAsync(item, checkedAt, prior, cancellationToken).ConfigureAwait(false);
        if (_options.FindArchivedCopies && _checker.Archives is { } archives
            && (result.Verdict.CountsAsFailure() || result.HasMissingQuote))
        {
            var (reference, isAccessed) = Reference(item, checkedAt);
            result = result with { Archive = await archives.FindAsync(item.Uri.AbsoluteUri, reference, isAccessed, cancellationToken).ConfigureAwait(false) };
        }

        if (_checker.History is { } store)
        {
            var summary = await store.RecordAsync(result, cancellationToken).ConfigureAwait(false);
            result = result with { History = summary };
        }

        return result;
    }

    /// <summary>The date to seek archived copies near: the first accessed date among the citations, else the check's date.</summary>
    internal static (DateTimeOffset Reference, bool IsAccessed) Reference(WorkItem item, DateTimeOffset checkedAt)
    {
        foreach (var target in item.Targets)
        {
            if (target.Accessed is { Start: { } start } && ToInstant(start) is { } instant)
            {
                return (instant, true);
            }
        }

        return (checkedAt, false);
    }

    /// <summary>Turns a CSL date into an instant: the middle of the period it names (a year → 1 July, a season → its middle month).</summary>
    internal static DateTimeOffset? ToInstant(CslDatePart part)
    {
        if (part.Year is < 1 or > 9999)
        {
            return null;
        }

        var month = part.Month switch
        {
            null => 7,
            >= 1 and <= 12 => part.Month.Value,
            13 => 4,
            14 => 7,
            15 => 10,
            16 => 1,
            _ => 7,
        };
        var day = part.Day is { } d && part.Month is >= 1 and <= 12 ? Math.Clamp(d, 1, DateTime.DaysInMonth(part.Year, month)) : 15;
        return new DateTimeOffset(part.Year, month, part.Month is >= 1 and <= 12 ? day : 1, 12, 0, 0, TimeSpan.Zero);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<LinkCheckResult> CheckAsync(WorkItem item, DateTimeOffset checkedAt, PriorState? prior, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var trace = new RequestTrace();
        Verdict verdict;
        try
        {
            verdict = await _checker.TotalTimeout.ExecuteAsync(
                static (state, ct) => state.Run.DecideAsync(state.Item, state.Trace, state.Prior, ct),
                (Run: this, Item: item, Trace: trace, Prior: prior),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            verdict = new Verdict(LinkVerdict.TimedOut, new LinkEvidence
            {
                Error = new LinkError(LinkErrorKind.Timeout, string.Create(CultureInfo.InvariantCulture,
                    $"The check took longer than the total timeout ({_options.TotalTimeout.TotalSeconds:0.###} s)."))
            }, null);
        }

        if (IsNetworkFailure(verdict) && !await IsOnlineAsync().ConfigureAwait(false))
        {
            trace.Note("the checker has no network (DNS fails for every probe name): nothing can be concluded about this link");
            verdict = verdict with { Kind = LinkVerdict.Inconclusive };
        }

        var evidence = verdict.Evidence with
        {
            Requests = trace.Requests,
            Elapsed = Time.GetElapsedTime(started),
            RetryAfter = trace.RetryAfter,
            Notes = trace.NotesAfter(verdict.Evidence.Notes),
        };
        return new LinkCheckResult
        {
            Url = item.Key,
            Targets = item.Targets,
            Verdict = verdict.Kind,
            Evidence = evidence,
            CheckedAt = checkedAt,
            Content = verdict.Content,
        };
    }

    private static bool IsNetworkFailure(Verdict verdict)
        => verdict.Kind is LinkVerdict.Gone or LinkVerdict.Unreachable or LinkVerdict.TimedOut
           && verdict.Evidence.StatusCode is null
           && verdict.Evidence.Error?.Kind is not (LinkErrorKind.RedirectLoop or LinkErrorKind.TooManyRedirects or LinkErrorKind.InvalidRedirect
               or LinkErrorKind.AddressNotAllowed or LinkErrorKind.Protocol);

    private Task<bool> IsOnlineAsync()
    {
        lock (_onlineLock)
        {
            var now = Time.GetUtcNow();
            if (_online is { } cached && now - cached.At < ProbeCacheDuration && !cached.Online.IsFaulted)
            {
                return cached.Online;
            }

            var probe = _checker.Probe.IsOnlineAsync(_runToken).AsTask();
            _online = (now, probe);
            return probe;
        }
    }

    /// <summary>Requests the page (HEAD first when allowed, GET when HEAD is refused or unreliable) and decides the verdict.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Verdict> DecideAsync(WorkItem item, RequestTrace trace, PriorState? prior, CancellationToken cancellationToken)
    {
        var quotes = Quotes(item.Targets);
        var needText = quotes.Length > 0 || _options.PageText == PageTextMode.Always;
        var useHead = _options.HeadFirst && !needText;
        var walk = await WalkAsync(item.Uri, item.Host, useHead ? HttpMethod.Head : HttpMethod.Get, trace, cancellationToken).ConfigureAwait(false);
        if (useHead && HeadIsUnreliable(walk) is { } reason)
        {
            trace.Note($"HEAD {reason}; checked with GET");
            walk = await WalkAsync(item.Uri, item.Host, HttpMethod.Get, trace, cancellationToken).ConfigureAwait(false);
        }

        var last = walk.Last;
        var evidence = new LinkEvidence
        {
            StatusCode = last.StatusCode,
            FinalUrl = last.StatusCode is null ? null : walk.FinalUrl.AbsoluteUri,
            RedirectChain = walk.Chain,
            Method = last.Method,
            ContentType = last.ContentType,
            BodyBytes = last.BodyRead ? last.Body.Length : null,
            BodyTruncated = last.BodyTruncated,
            Error = walk.Failure ?? last.Error,
        };

        if (walk.Failure is not null)
        {
            return new Verdict(LinkVerdict.Unreachable, evidence, null);
        }

        if (last.Error is { } error)
        {
            return new Verdict(error.Kind switch
            {
                LinkErrorKind.NameNotFound => LinkVerdict.Gone,
                LinkErrorKind.Timeout => LinkVerdict.TimedOut,
                LinkErrorKind.AddressNotAllowed => LinkVerdict.NotAllowed,
                _ => LinkVerdict.Unreachable,
            }, evidence, null);
        }

        var status = last.StatusCode!.Value;
        if (!last.IsSuccess)
        {
            var kind = status switch
            {
                404 or 410 => LinkVerdict.Gone,
                _ when last.BotWall => LinkVerdict.Blocked,
                401 or 403 or 407 or 429 or 451 or 999 => LinkVerdict.Blocked,
                408 => LinkVerdict.TimedOut,
                >= 500 and < 600 => LinkVerdict.ServerError,
                _ => LinkVerdict.Blocked,
            };
            if (kind == LinkVerdict.Blocked && status is not (401 or 403 or 407 or 429 or 451 or 999) && !last.BotWall)
            {
                trace.Note(string.Create(CultureInfo.InvariantCulture, $"status {status} does not say whether the page exists"));
            }
            else if (last.BotWall)
            {
                trace.Note("the answer is a bot wall (a challenge page), not the page");
            }

            return new Verdict(kind, evidence, null);
        }

        // Alive, unless it is a soft 404.
        string? soft404 = null;
        if (_options.DetectSoft404)
        {
            (soft404, walk) = await DetectSoft404Async(item, walk, trace, cancellationToken).ConfigureAwait(false);
            last = walk.Last;
            evidence = evidence with
            {
                Method = last.Method,
                ContentType = last.ContentType,
                BodyBytes = last.BodyRead ? last.Body.Length : null,
                BodyTruncated = last.BodyTruncated,
            };
        }

        ContentCheck? content = null;
        if (last.BodyRead && ContentAnalyzer.IsText(last.ContentType))
        {
            content = ContentAnalyzer.Analyze(last.Body.Span, last.ContentType, last.CharSet, last.BodyTruncated, quotes, prior?.Fingerprint, prior?.FingerprintAt);
        }
        else if (quotes.Length > 0)
        {
            trace.Note($"the page is not text ({last.ContentType}); quotes were not looked for");
        }

        if (soft404 is not null)
        {
            trace.Note("soft 404: " + soft404);
            return new Verdict(LinkVerdict.Soft404, evidence, content);
        }

        if (walk.Chain.Count > 0)
        {
            var permanent = walk.Chain.All(h => h.StatusCode is 301 or 308);
            evidence = evidence with
            {
                Redirect = new RedirectInfo(permanent ? RedirectKind.Permanent : RedirectKind.Temporary, walk.FinalUrl.AbsoluteUri, IsCanonicalization(item.Uri, walk.FinalUrl)),
            };
            return new Verdict(LinkVerdict.Redirected, evidence, content);
        }

        return new Verdict(LinkVerdict.Alive, evidence, content);
    }

    /// <summary>The distinct quotes of a URL's citations, in order; no allocation when there are none (the common case).</summary>
    private static string[] Quotes(List<LinkTarget> targets)
    {
        if (targets.Count == 1)
        {
            var only = targets[0].Quotes;
            return only.Count == 0 ? [] : [.. only.Distinct(StringComparer.Ordinal)];
        }

        return targets.All(t => t.Quotes.Count == 0) ? [] : [.. targets.SelectMany(t => t.Quotes).Distinct(StringComparer.Ordinal)];
    }

    private ValueTask<Walk> WalkAsync(Uri url, string? hostKey, HttpMethod method, RequestTrace trace, CancellationToken cancellationToken)
        => RedirectWalker.WalkAsync(_runner, url, method, _options.MaxRedirects, _options.MaxBodyBytes, trace, hostKey, cancellationToken);

    /// <summary>Why a HEAD answer cannot be trusted (refused, an error status, a broken connection), or <see langword="null"/>.</summary>
    private static string? HeadIsUnreliable(Walk walk)
    {
        if (walk.Failure is not null)
        {
            return null;
        }

        var last = walk.Last;
        if (last.Error is { Kind: LinkErrorKind.ConnectionReset or LinkErrorKind.Protocol or LinkErrorKind.Other } error)
        {
            return "failed (" + ReportName(error.Kind) + ")";
        }

        return last.StatusCode switch
        {
            null or 429 => null,
            405 or 501 => string.Create(CultureInfo.InvariantCulture, $"refused ({last.StatusCode})"),
            >= 400 => string.Create(CultureInfo.InvariantCulture, $"answered {last.StatusCode}, which servers often give HEAD alone"),
            _ => null,
        };
    }

    private static string ReportName(LinkErrorKind kind) => ReportNames.Kebab(kind);

    /// <summary>
    /// Whether a successful answer is really "not found": a redirect to the site root, a "not found" title, or the same
    /// page (or redirect target) as a random path in the same directory. Returns the reason and the walk to use for
    /// the page's content (a GET when HEAD was not enough).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(string? Reason, Walk Walk)> DetectSoft404Async(WorkItem item, Walk walk, RequestTrace trace, CancellationToken cancellationToken)
    {
        var original = item.Uri;
        if (walk.Chain.Count > 0 && !IsRootPath(original) && IsRootPath(walk.FinalUrl) && SameSite(original, walk.FinalUrl))
        {
            return ($"redirects to the site root ({walk.FinalUrl.AbsoluteUri})", walk);
        }

        if (walk.Last.BodyRead && ContentAnalyzer.IsText(walk.Last.ContentType) && NotFoundTitle(walk.Last) is { } title)
        {
            return ($"the page's title says so (\"{title}\")", walk);
        }

        if (IsRootPath(original))
        {
            return (null, walk);
        }

        var probe = await GetProbeAsync(item).ConfigureAwait(false);
        trace.Note(probe.Summary);
        if (!probe.AnswersSuccess)
        {
            return (null, walk);
        }

        if (probe.Redirected && walk.Chain.Count > 0 && UrlNormalizer.Key(probe.FinalUrl) == UrlNormalizer.Key(walk.FinalUrl))
        {
            return ($"redirects to {walk.FinalUrl.AbsoluteUri}, where a random path on the host goes too", walk);
        }

        if (!walk.Last.BodyRead)
        {
            trace.Note("the host answers 200 for a random path; fetched the page to compare");
            walk = await WalkAsync(original, item.Host, HttpMethod.Get, trace, cancellationToken).ConfigureAwait(false);
            if (!walk.Last.IsSuccess || !walk.Last.BodyRead)
            {
                return (null, walk);
            }
        }

        if (probe.Shingles is null || !ContentAnalyzer.IsText(walk.Last.ContentType))
        {
            return (null, walk);
        }

        var page = ShinglesOf(walk.Last, walk.FinalUrl);
        var similarity = Shingles.Jaccard(page, probe.Shingles);
        return similarity >= 0.9
            ? (string.Create(CultureInfo.InvariantCulture, $"the page is the same as a random path on the host (similarity {similarity:0.00})"), walk)
            : (null, walk);
    }

    private Task<Soft404Probe> GetProbeAsync(WorkItem item)
    {
        // One probe per folder of a host: the key is the URL up to its last '/', without the query.
        var url = item.Uri;
        var path = url.AbsolutePath;
        var directory = path[..(path.LastIndexOf('/') + 1)];
        var key = string.Concat(url.Scheme, "://", item.Host, directory);
        if (_probes.TryGetValue(key, out var known))
        {
            return known;
        }

        // The first check of a folder claims it and runs the probe; the others await the same task. Nothing blocks a
        // thread while the probe starts (a lazy value would hold every other check of the folder on a lock meanwhile,
        // which starves a small thread pool at the start of a run).
        var claim = new TaskCompletionSource<Soft404Probe>();
        var probe = _probes.GetOrAdd(key, claim.Task);
        if (ReferenceEquals(probe, claim.Task))
        {
            _ = ProbeIntoAsync(claim, url, directory);
        }

        return probe;
    }

    /// <summary>Runs a probe and completes the folder's claim with its outcome, whatever it is (so the task never goes unobserved).</summary>
    private async Task ProbeIntoAsync(TaskCompletionSource<Soft404Probe> claim, Uri url, string directory)
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

    private async Task<Soft404Probe> ProbeAsync(Uri url, string directory)
    {
        // Unguessable enough to name no real page; not a secret, so no cryptographic generator (slow to load at start).
        var random = "citations-check-" + Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        var probeUrl = new UriBuilder(url) { Path = directory + random, Query = string.Empty, Fragment = string.Empty }.Uri;
        var trace = new RequestTrace();
        try
        {
            var walk = await _checker.TotalTimeout.ExecuteAsync(
                static async (state, ct) => await state.Run.WalkAsync(state.Url, null, HttpMethod.Get, state.Trace, ct).ConfigureAwait(false),
                (Run: this, Url: probeUrl, Trace: trace),
                _runToken).ConfigureAwait(false);
            var success = walk.Failure is null && walk.Last.IsSuccess;
            var summary = success
                ? $"a random path on the host ({probeUrl.AbsolutePath}) answers {walk.Last.StatusCode}"
                : $"a random path on the host answers {(walk.Last.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "with an error")}, so the host reports missing pages";
            var shingles = success && walk.Last.BodyRead && ContentAnalyzer.IsText(walk.Last.ContentType) ? ShinglesOf(walk.Last, walk.FinalUrl) : null;
            return new Soft404Probe(success, walk.Chain.Count > 0, walk.FinalUrl, shingles, summary);
        }
        catch (TimeoutRejectedException)
        {
            return new Soft404Probe(false, false, probeUrl, null, "a random path on the host did not answer in time");
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

        var t = title.ToLowerInvariant();
        string[] markers = ["page not found", "404", "not found", "no longer available", "does not exist", "page cannot be found", "page could not be found"];
        return markers.Any(m => t.Contains(m, StringComparison.Ordinal)) ? title : null;
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

    private static bool SameSite(Uri a, Uri b) => string.Equals(TrimWww(a.IdnHost), TrimWww(b.IdnHost), StringComparison.OrdinalIgnoreCase);

    private static string TrimWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    /// <summary>Whether two URLs are the same page written differently: scheme, <c>www.</c>, a trailing slash, letter case.</summary>
    internal static bool IsCanonicalization(Uri original, Uri final)
        => SameSite(original, final)
           && string.Equals(original.AbsolutePath.TrimEnd('/'), final.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
           && string.Equals(original.Query, final.Query, StringComparison.Ordinal);

    /// <summary>A URL to check and every target citing it.</summary>
    internal sealed record WorkItem(string Key, Uri Uri, string Host, List<LinkTarget> Targets);

    private sealed record Verdict(LinkVerdict Kind, LinkEvidence Evidence, ContentCheck? Content);

    private sealed record Soft404Probe(bool AnswersSuccess, bool Redirected, Uri FinalUrl, HashSet<ulong>? Shingles, string Summary);
}
