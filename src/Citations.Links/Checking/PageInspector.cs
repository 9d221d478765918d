using System.Collections.Concurrent;
using System.Globalization;
using Citations.Links.Drift;
using Citations.Links.Http;
using Citations.Links.Pages;
using Citations.Links.Rendering;
using Citations.Serialization;
using Citations.Validation;

namespace Citations.Links.Checking;

/// <summary>
/// Looks at what a page is once its status is known: a parked domain, a login wall, a client-rendered shell (rendered
/// in a browser when <see cref="LinkCheckerOptions.Render"/> is on), or a real "not found"; and records the signals
/// and comparisons that decided it. The rules themselves are pure (<see cref="PageClassifier"/>,
/// <see cref="VerdictRules.ForRendering"/>); this class gathers their input.
/// </summary>
/// <remarks>Thread-safe; one per run. Disposing closes the browser, if one was started.</remarks>
internal sealed class PageInspector(RequestRunner runner, LinkCheckerOptions options, Soft404Detector? soft404, HttpClient client) : IAsyncDisposable
{
    /// <summary>Names of the soft-404 findings, as a page signal's name.</summary>
    private static readonly EnumNames<Soft404Basis> Soft404Bases = EnumNames<Soft404Basis>.KebabCase();

    private readonly ConcurrentDictionary<string, int> _rendersPerHost = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<RenderedPage>> _renderedRandomPaths = new(StringComparer.Ordinal);
    private readonly Lock _rendererLock = new();
    private PageRenderer? _renderer;

    /// <summary>The browser, started on first use (and only with <see cref="LinkCheckerOptions.Render"/>).</summary>
    private PageRenderer Renderer
    {
        get
        {
            lock (_rendererLock)
            {
                return _renderer ??= new PageRenderer(options, client);
            }
        }
    }

    /// <summary>
    /// Inspects a page that answered with success (after the soft-404 detector): returns the assessment (or
    /// <see langword="null"/> for an ordinary page), the verdict reason for <see cref="VerdictRules.Decide"/>, the walk
    /// the content comes from (a GET when the page had only been asked with HEAD) and what rendering showed.
    /// </summary>
    public async ValueTask<PageInspection> InspectAsync(WorkItem item, Walk walk, Soft404Finding? finding, RequestTrace trace, CancellationToken cancellationToken)
    {
        if (!walk.Last.BodyRead && (finding is not null || Soft404Detector.IsRootPath(item.Uri)))
        {
            // The detector decided from redirects alone, or a front page was asked with HEAD: the page's markup may say
            // more (a parking page, a login form).
            var fetched = await RedirectWalker.WalkAsync(runner, item.Uri, HttpMethod.Get, options.MaxRedirects, options.MaxBodyBytes, trace, item.Host, cancellationToken).ConfigureAwait(false);
            if (fetched.Failure is null && fetched.Last.IsSuccess)
            {
                walk = fetched;
            }
        }

        var (match, comparison) = await RandomPathAsync(item, finding).ConfigureAwait(false);
        var answer = Answer(item, walk, match, comparison);
        var page = PageClassifier.Classify(answer);
        if (page.Reason is VerdictReason.ClientRendered && finding?.Basis is Soft404Basis.NotFoundTitle or Soft404Basis.RedirectToRoot)
        {
            // The server itself said "not found" (a title, a redirect to the front page): not a shell question.
            page = PageClass.Ordinary;
        }

        if (page.Reason is VerdictReason.ClientRendered && options.Render)
        {
            return await RenderAsync(item, walk, page, comparison, trace, cancellationToken).ConfigureAwait(false);
        }

        if (page.Reason is { } reason)
        {
            return new PageInspection(new PageAssessment { Reason = reason, Signals = page.Signals, Comparison = comparison }, reason, walk, answer.Markup, null);
        }

        if (finding is not null)
        {
            var signal = new PageSignal(Soft404Bases[finding.Basis], DisplayText.Escape(finding.Reason));
            return new PageInspection(new PageAssessment { Reason = VerdictReason.NotFound, Signals = [signal], Comparison = comparison }, VerdictReason.NotFound, walk, answer.Markup, null);
        }

        return new PageInspection(null, null, walk, answer.Markup, null);
    }

    /// <summary>Inspects an answer of 401 or 403 for a login form: a login wall is unverifiable rather than blocked.</summary>
    public PageInspection? InspectRefusal(WorkItem item, Walk walk)
    {
        if (walk.Last.StatusCode is not (401 or 403) || !walk.Last.BodyRead)
        {
            return null;
        }

        var answer = Answer(item, walk, RandomPathMatch.Unknown, null);
        var page = PageClassifier.Classify(answer);
        return page.Reason is VerdictReason.LoginRequired
            ? new PageInspection(new PageAssessment { Reason = VerdictReason.LoginRequired, Signals = page.Signals }, VerdictReason.LoginRequired, walk, answer.Markup, null)
            : null;
    }

    /// <summary>Closes the browser.</summary>
    public async ValueTask DisposeAsync()
    {
        PageRenderer? renderer;
        lock (_rendererLock)
        {
            renderer = _renderer;
        }

        if (renderer is not null)
        {
            await renderer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The markup of an answer read as HTML, or <see langword="null"/> when its body was not read or is not HTML.</summary>
    public static PageMarkup? MarkupOf(LinkResponse last)
        => last.BodyRead && ContentAnalyzer.IsText(last.ContentType) && (last.ContentType is null || last.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase))
            ? PageMarkup.Read(ContentAnalyzer.Decode(last.Body.Span, last.CharSet))
            : null;

    private static PageAnswer Answer(WorkItem item, Walk walk, RandomPathMatch match, string? comparison)
    {
        var last = walk.Last;
        var markup = MarkupOf(last);
        return new PageAnswer
        {
            Cited = item.Uri,
            Final = walk.FinalUrl,
            Redirects = [.. walk.Chain.Select(h => Uri.TryCreate(h.Location, UriKind.Absolute, out var u) ? u : null).OfType<Uri>()],
            Status = last.StatusCode,
            Markup = markup,
            RandomPath = match,
            Comparison = comparison,
        };
    }

    /// <summary>How the page compares with the random path of its folder (the detector's probe; no new request).</summary>
    private async Task<(RandomPathMatch Match, string? Comparison)> RandomPathAsync(WorkItem item, Soft404Finding? finding)
    {
        if (Soft404Detector.IsRootPath(item.Uri))
        {
            return (RandomPathMatch.FrontPage, null);
        }

        if (finding?.Basis is Soft404Basis.SameAsRandomPath or Soft404Basis.SameRedirectAsRandomPath)
        {
            return (RandomPathMatch.Same, finding.Reason);
        }

        if (soft404?.ProbeOf(item) is not { } task)
        {
            return (RandomPathMatch.Unknown, null);
        }

        var probe = await task.ConfigureAwait(false);
        return probe switch
        {
            { AnswersSuccess: false, Status: 404 or 410 } => (RandomPathMatch.HostSaysMissing, probe.Summary),
            { AnswersSuccess: true, Shingles: not null } when finding is null => (RandomPathMatch.Different, probe.Summary + ", a different page"),
            _ => (RandomPathMatch.Unknown, probe.Summary),
        };
    }

    /// <summary>Renders a client-rendered page and the random path of its folder, and lets <see cref="VerdictRules.ForRendering"/> decide.</summary>
    private async Task<PageInspection> RenderAsync(WorkItem item, Walk walk, PageClass shell, string? comparison, RequestTrace trace, CancellationToken cancellationToken)
    {
        var probeUrl = soft404?.ProbeOf(item) is { } probeTask ? (await probeTask.ConfigureAwait(false)).Url : null;
        RenderedPage rendered;
        RenderedPage? random = null;
        if (!TakeRender(item.Host))
        {
            rendered = RenderedPage.Failed(item.Uri, string.Create(CultureInfo.InvariantCulture, $"the host's render budget ({options.MaxRendersPerHost} pages, MaxRendersPerHost) is spent"));
        }
        else
        {
            rendered = await Renderer.RenderAsync(walk.FinalUrl, cancellationToken).ConfigureAwait(false);
            if (rendered.Failure is null && probeUrl is not null)
            {
                random = await RenderRandomAsync(item, probeUrl, cancellationToken).ConfigureAwait(false);
            }
        }

        double? similarity = null;
        if (rendered.Failure is null && random is { Failure: null })
        {
            similarity = Shingles.Jaccard(RenderedShingles(rendered), RenderedShingles(random));
        }

        var (reason, why) = VerdictRules.ForRendering(item.Uri, rendered.FinalUrl ?? rendered.Url, rendered.Failure, rendered.Text, rendered.Title, rendered.Heading, similarity);
        trace.Note("rendered in a browser: " + why);
        var signals = shell.Signals.ToList();
        signals.Add(new PageSignal(reason switch
        {
            VerdictReason.RenderedContent => "rendered-content",
            VerdictReason.NotFound => "rendered-not-found",
            VerdictReason.LoginRequired => "rendered-sign-in",
            _ => "render-failed",
        }, why));
        var rendering = new RenderedComparison
        {
            Rendered = rendered.Failure is null,
            Failure = rendered.Failure,
            Title = rendered.Title,
            TextLength = rendered.Text.Length,
            RandomUrl = probeUrl is null ? null : UrlNormalizer.Display(probeUrl),
            Similarity = similarity is { } s ? Math.Round(s, 3) : null,
            Requests = rendered.Requests,
            RefusedRequests = rendered.Refused,
            Elapsed = rendered.Elapsed,
        };
        var assessment = new PageAssessment { Reason = reason, Signals = signals, Comparison = comparison, Rendering = rendering };
        return new PageInspection(assessment, reason, walk, null, rendered.Failure is null ? rendered : null);
    }

    private Task<RenderedPage> RenderRandomAsync(WorkItem item, Uri probeUrl, CancellationToken cancellationToken)
    {
        var key = UrlNormalizer.Key(probeUrl);
        if (_renderedRandomPaths.TryGetValue(key, out var known))
        {
            return known;
        }

        var claim = new TaskCompletionSource<RenderedPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _renderedRandomPaths.GetOrAdd(key, claim.Task);
        if (ReferenceEquals(task, claim.Task))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    claim.TrySetResult(TakeRender(item.Host)
                        ? await Renderer.RenderAsync(probeUrl, cancellationToken).ConfigureAwait(false)
                        : RenderedPage.Failed(probeUrl, "the host's render budget is spent"));
                }
                catch (OperationCanceledException e)
                {
                    claim.TrySetCanceled(e.CancellationToken);
                }
            }, CancellationToken.None);
        }

        return task;
    }

    private bool TakeRender(string host)
        => _rendersPerHost.AddOrUpdate(host, 1, (_, n) => n + 1) <= options.MaxRendersPerHost;

    /// <summary>The word triples of a rendered text, leaving out the words of its own URL (pages echo the path asked for).</summary>
    private static HashSet<ulong> RenderedShingles(RenderedPage page)
    {
        var urlWords = new HashSet<string>(Shingles.Words(Uri.UnescapeDataString(page.Url.AbsolutePath)), StringComparer.Ordinal);
        return Shingles.Hashes(Shingles.Words(QuoteText.Normalize(page.Text)).Where(w => !urlWords.Contains(w)), 3);
    }
}

/// <summary>What inspecting a page found.</summary>
/// <param name="Assessment">The assessment for the result, or <see langword="null"/> for an ordinary page.</param>
/// <param name="Reason">The reason for <see cref="VerdictRules.Decide"/>, or <see langword="null"/>.</param>
/// <param name="Walk">The walk the page's content comes from.</param>
/// <param name="Markup">The page's markup, when it was read as HTML.</param>
/// <param name="Rendered">What rendering showed, when the page was rendered.</param>
internal sealed record PageInspection(PageAssessment? Assessment, VerdictReason? Reason, Walk Walk, PageMarkup? Markup, RenderedPage? Rendered);
