using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Citations.Links.Drift;
using Citations.Links.History;
using Citations.Links.Http;
using Citations.Links.Pages;
using Citations.Links.Telemetry;
using Polly.Timeout;

namespace Citations.Links.Checking;

/// <summary>
/// One run of a <see cref="LinkChecker"/>: workers taking URLs host by host, and for each URL the requests (HEAD first,
/// GET when needed), the soft-404 check, the page's content, the verdict (<see cref="VerdictRules"/>), the offline
/// rule, an archived copy for failures and the history record.
/// </summary>
internal sealed class CheckRun
{
    /// <summary>How long an answer of the connectivity probe is trusted.</summary>
    private static readonly TimeSpan OnlineAnswerLifetime = TimeSpan.FromMinutes(1);

    private readonly LinkChecker _checker;
    private readonly LinkCheckerOptions _options;
    private readonly RequestRunner _runner;
    private readonly HttpClient _client;
    private readonly Lock _onlineLock = new();
    private readonly Lock _activeLock = new();
    private readonly Dictionary<string, int> _active = new(StringComparer.Ordinal);
    private (DateTimeOffset At, Task<ConnectivityCheck> Check)? _online;
    private Soft404Detector? _soft404;
    private PageInspector? _inspector;
    private CancellationToken _runToken;

    public CheckRun(LinkChecker checker, HttpClient client)
    {
        _checker = checker;
        _options = checker.Options;
        _client = client;
        _runner = new RequestRunner(new HttpSender(client, _options.UserAgent, checker.TimeProvider, [.. _options.RequestHeaders]), checker.HostPipelines);
    }

    private TimeProvider Time => _checker.TimeProvider;

    /// <summary>Checks every item with the global worker count, writing results to the channel as they complete.</summary>
    public async Task RunAsync(List<WorkItem> work, ChannelWriter<LinkCheckResult> writer, CancellationToken cancellationToken)
    {
        _runToken = cancellationToken;
        _soft404 = new Soft404Detector(_runner, _options, _checker.TotalTimeout, cancellationToken);
        await using var inspector = new PageInspector(_runner, _options, _soft404, _client);
        _inspector = inspector;
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
                            Started(taken.Host);
                            LinkCheckResult result;
                            try
                            {
                                result = await CheckAndRecordAsync(taken.Item, cancellationToken).ConfigureAwait(false);
                            }
                            finally
                            {
                                Finished(taken.Host);
                            }

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

    /// <summary>The hosts with a URL in progress and how many, busiest first (then by name).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> ActiveHosts()
    {
        lock (_activeLock)
        {
            return _active.Count == 0 ? [] : [.. _active.OrderByDescending(h => h.Value).ThenBy(h => h.Key, StringComparer.Ordinal)];
        }
    }

    private void Started(string host)
    {
        lock (_activeLock)
        {
            _active[host] = _active.GetValueOrDefault(host) + 1;
        }
    }

    private void Finished(string host)
    {
        lock (_activeLock)
        {
            if (_active[host] == 1)
            {
                _active.Remove(host);
            }
            else
            {
                _active[host]--;
            }
        }
    }

    /// <summary>Checks one URL (see <see cref="CheckAndRecordCoreAsync"/>) in its span, then counts and logs what it found.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<LinkCheckResult> CheckAndRecordAsync(WorkItem item, CancellationToken cancellationToken)
    {
        using var activity = LinkInstruments.StartCheck(item.Uri, item.Key);
        var started = Time.GetTimestamp();
        var result = await CheckAndRecordCoreAsync(item, cancellationToken).ConfigureAwait(false);
        var elapsed = Time.GetElapsedTime(started);
        LinkInstruments.EndCheck(activity, result);
        _checker.Instruments.Record(result, elapsed);
        var logger = _checker.Logger;
        LinkLog.LinkChecked(logger, result.Url, result.Verdict.ToReportName(), result.Evidence.StatusCode, result.Evidence.Requests,
            (long)elapsed.TotalMilliseconds, result.FromHistory);
        if (result.Verdict == LinkVerdict.Inconclusive && result.Evidence.Connectivity is { Online: false })
        {
            LinkLog.CheckerOffline(logger, result.Url);
        }

        if (result.IsBroken)
        {
            LinkLog.LinkBroken(logger, result.Url, result.Verdict.ToReportName(), result.Evidence.StatusCode, result.Evidence.Error is { } error ? ReportNames.ErrorKinds[error.Kind] : null);
        }

        if (result.History is { IsRot: true } history)
        {
            LinkLog.LinkRotted(logger, result.Url, history.FirstSeenFailing, history.LastSeenAlive);
        }

        return result;
    }

    /// <summary>Reuses a recent result from the history, or checks the URL, adds an archived copy when it fails, and records it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<LinkCheckResult> CheckAndRecordCoreAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var checkedAt = Time.GetUtcNow();
        PriorState? prior = null;
        string? historyProblem = null;
        if (_checker.History is { } history)
        {
            (prior, historyProblem) = await history.TryGetPriorAsync(item.Key, checkedAt, _options.MaxAge, item.Targets, cancellationToken).ConfigureAwait(false);
        }

        if (prior?.Recent is { } recent)
        {
            return recent;
        }

        var result = await CheckAsync(item, checkedAt, prior, cancellationToken).ConfigureAwait(false);
        if (_options.FindArchivedCopies && _checker.Archives is { } archives
            && (result.Verdict.CountsAsFailure() || result.HasMissingQuote))
        {
            // The archive is asked for the page without the citation's credentials: they are for the cited host only.
            var (reference, isAccessed) = item.ArchiveReference(checkedAt);
            result = result with { Archive = await archives.FindAsync(UrlNormalizer.WithoutCredentials(item.Uri), reference, isAccessed, cancellationToken).ConfigureAwait(false) };
        }

        if (_checker.History is { } store)
        {
            var (summary, problem) = await store.TryRecordAsync(result, cancellationToken).ConfigureAwait(false);
            result = result with { History = summary };
            historyProblem ??= problem;
        }

        if (historyProblem is not null)
        {
            LinkLog.HistoryProblem(_checker.Logger, result.Url, DisplayText.Escape(historyProblem));
            result = result with { Evidence = result.Evidence with { Notes = [.. result.Evidence.Notes, DisplayText.Escape(historyProblem)] } };
        }

        return result;
    }

    /// <summary>Checks one URL within the total timeout, then applies the offline rule.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<LinkCheckResult> CheckAsync(WorkItem item, DateTimeOffset checkedAt, PriorState? prior, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var startedTick = Environment.TickCount64;
        var trace = new RequestTrace { Deadline = checkedAt + _options.TotalTimeout };
        Finding finding;
        try
        {
            finding = await _checker.TotalTimeout.ExecuteAsync(
                static (state, ct) => state.Run.ExamineAsync(state.Item, state.Trace, state.Prior, ct),
                (Run: this, Item: item, Trace: trace, Prior: prior),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            var evidence = new LinkEvidence
            {
                Error = new LinkError(LinkErrorKind.Timeout, string.Create(CultureInfo.InvariantCulture,
                    $"The check took longer than the total timeout ({_options.TotalTimeout.TotalSeconds:0.###} s).")),
            };
            finding = new Finding(VerdictRules.Decide(evidence).Verdict, evidence, null, item.Uri, null);
        }

        // The offline rule, on the host of the request that failed (a redirect may have led to another host).
        ConnectivityCheck? connectivity = null;
        var failedHost = finding.LastUrl;
        if (VerdictRules.MayBeCheckerOffline(finding.Verdict, finding.Evidence, AddressRules.Classify(failedHost),
                ResolutionLog.ResolvedSince(UrlNormalizer.SafeIdnHost(failedHost), startedTick)))
        {
            connectivity = await IsOnlineAsync().ConfigureAwait(false);
            if (!connectivity.Online)
            {
                trace.Note(VerdictRules.OfflineNote);
                finding = finding with { Verdict = LinkVerdict.Inconclusive };
            }
        }

        return new LinkCheckResult
        {
            Url = item.Key,
            Targets = item.Targets,
            Verdict = finding.Verdict,
            Evidence = finding.Evidence with
            {
                Requests = trace.Requests,
                Elapsed = Time.GetElapsedTime(started),
                RetryAfter = trace.RetryAfter,
                Notes = trace.NotesAfter(finding.Evidence.Notes),
                Connectivity = connectivity,
            },
            CheckedAt = checkedAt,
            Content = finding.Content,
            Assessment = finding.Assessment,
        };
    }

    /// <summary>Whether the checker has a network, when and how fast the probe said so; the answer is shared by the run's checks for a minute.</summary>
    private Task<ConnectivityCheck> IsOnlineAsync()
    {
        lock (_onlineLock)
        {
            var now = Time.GetUtcNow();
            if (_online is { } cached && now - cached.At < OnlineAnswerLifetime && !cached.Check.IsFaulted && !cached.Check.IsCanceled)
            {
                return cached.Check;
            }

            var probe = ProbeAsync(now);
            _online = (now, probe);
            return probe;
        }
    }

    /// <summary>Asks the probe; a probe that fails (anything but the run's cancellation) counts as online, so verdicts stand rather than vanish.</summary>
    private async Task<ConnectivityCheck> ProbeAsync(DateTimeOffset at)
    {
        var started = Time.GetTimestamp();
        bool online;
        try
        {
            online = await _checker.Probe.IsOnlineAsync(_runToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_runToken.IsCancellationRequested)
        {
            online = true;
        }

        return new ConnectivityCheck(online, at, Time.GetElapsedTime(started));
    }

    /// <summary>
    /// Requests the page (HEAD first when allowed, GET when HEAD is refused or unreliable), looks for a soft 404, reads
    /// the page's content when it has text, and asks <see cref="VerdictRules"/> for the verdict.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Finding> ExamineAsync(WorkItem item, RequestTrace trace, PriorState? prior, CancellationToken cancellationToken)
    {
        var quotes = item.Quotes();
        var citedTitle = item.Targets.Select(t => t.Title).FirstOrDefault(t => t is not null);
        var needText = quotes.Length > 0 || citedTitle is not null || _options.PageText == PageTextMode.Always;
        var useHead = _options.HeadFirst && !needText;
        var walk = await WalkAsync(item, useHead ? HttpMethod.Head : HttpMethod.Get, trace, cancellationToken).ConfigureAwait(false);
        if (useHead && VerdictRules.HeadIsUnreliable(walk.Failure, walk.Last.Error, walk.Last.StatusCode) is { } reason)
        {
            trace.Note($"HEAD {reason}; checked with GET");
            walk = await WalkAsync(item, HttpMethod.Get, trace, cancellationToken).ConfigureAwait(false);
        }

        var evidence = Evidence(walk);
        var ruling = VerdictRules.Decide(evidence, walk.Last.BotWall, accepted: _checker.Rules.Accepted);
        if (!ruling.Verdict.IsAlive())
        {
            PageAssessment? refusal = null;
            if (ruling.Verdict == LinkVerdict.Blocked && _inspector!.InspectRefusal(item, walk) is { } wall)
            {
                // A 401 or 403 that shows a login form: a login wall, unverifiable rather than blocked.
                ruling = VerdictRules.Decide(evidence, walk.Last.BotWall, page: wall.Reason);
                refusal = wall.Assessment;
            }

            Note(trace, ruling);
            return new Finding(ruling.Verdict, evidence, null, walk.Last.Url, refusal);
        }

        Soft404Finding? soft404 = null;
        PageInspection? inspection = null;
        if (_options.DetectSoft404)
        {
            // The detector and the inspector may have fetched the page again with GET: the evidence follows the walk the content comes from.
            (soft404, walk) = await _soft404!.DetectAsync(item, walk, trace, cancellationToken).ConfigureAwait(false);
            inspection = await _inspector!.InspectAsync(item, walk, soft404, trace, cancellationToken).ConfigureAwait(false);
            walk = inspection.Walk;
            var last = walk.Last;
            evidence = evidence with
            {
                RedirectChain = walk.Chain,
                Method = last.Method,
                ContentType = last.ContentType,
                BodyBytes = last.BodyRead ? last.Body.Length : null,
                BodyTruncated = last.BodyTruncated,
            };
        }

        ContentCheck? content = null;
        if (walk.Last.BodyRead && ContentAnalyzer.IsText(walk.Last.ContentType))
        {
            var last = walk.Last;
            content = ContentAnalyzer.Analyze(last.Body.Span, last.ContentType, last.CharSet, last.BodyTruncated, quotes, prior?.Fingerprint, prior?.FingerprintAt);
            if (citedTitle is not null)
            {
                // The rendered title when the page was rendered (a shell's title is often only the site's name).
                var markup = inspection?.Markup ?? PageInspector.MarkupOf(last);
                var (pageTitle, heading) = inspection?.Rendered is { } rendered ? (rendered.Title, rendered.Heading) : (markup?.Title ?? content.Title, markup?.Heading);
                content = content with { TitleMatch = TitleSimilarity.Compare(citedTitle, pageTitle, heading) };
            }
        }
        else if (quotes.Length > 0)
        {
            trace.Note($"the page is not text ({walk.Last.ContentType}); quotes were not looked for");
        }

        ruling = VerdictRules.Decide(evidence, walk.Last.BotWall, soft404 is not null, inspection?.Reason, _checker.Rules.Accepted);
        if (soft404 is not null && ruling.Verdict == LinkVerdict.Soft404)
        {
            trace.Note("soft 404: " + soft404.Reason);
        }

        if (ruling.Verdict == LinkVerdict.Redirected)
        {
            evidence = evidence with { Redirect = VerdictRules.Redirect(item.Uri, walk.FinalUrl, walk.Chain) };
        }

        Note(trace, ruling);
        return new Finding(ruling.Verdict, evidence, content, walk.Last.Url, inspection?.Assessment);
    }

    /// <summary>What the walk's last answer says, before soft-404 and content.</summary>
    private static LinkEvidence Evidence(Walk walk)
    {
        var last = walk.Last;
        return new LinkEvidence
        {
            StatusCode = last.StatusCode,
            FinalUrl = last.StatusCode is null ? null : UrlNormalizer.Display(walk.FinalUrl),
            RedirectChain = walk.Chain,
            Method = last.Method,
            ContentType = last.ContentType,
            BodyBytes = last.BodyRead ? last.Body.Length : null,
            BodyTruncated = last.BodyTruncated,
            Error = walk.Failure ?? last.Error,
        };
    }

    private static void Note(RequestTrace trace, VerdictRuling ruling)
    {
        if (ruling.Note is { } note)
        {
            trace.Note(note);
        }
    }

    private ValueTask<Walk> WalkAsync(WorkItem item, HttpMethod method, RequestTrace trace, CancellationToken cancellationToken)
        => RedirectWalker.WalkAsync(_runner, item.Uri, method, _options.MaxRedirects, _options.MaxBodyBytes, trace, item.Host, cancellationToken);

    /// <summary>What examining a URL found: the verdict, its evidence (requests, timing and notes added after), the content read, the URL of the last request, and what the page itself showed.</summary>
    private sealed record Finding(LinkVerdict Verdict, LinkEvidence Evidence, ContentCheck? Content, Uri LastUrl, PageAssessment? Assessment);
}
