using System.Globalization;
using Citations.Diagnostics;

namespace Citations.Links;

/// <summary>When the checker reads page text (with <c>GET</c>) rather than only asking whether the page exists (with <c>HEAD</c>).</summary>
public enum PageTextMode
{
    /// <summary>Only when needed: the target carries quotes, <c>HEAD</c> is refused, or a soft-404 comparison needs the text.</summary>
    WhenNeeded,

    /// <summary>For every page: each alive page gets a text fingerprint, so later runs can tell it changed.</summary>
    Always,
}

/// <summary>
/// How a <see cref="Checking.LinkChecker"/> behaves. Every property has a documented default chosen for polite, honest checks of
/// cited sources; the checker validates the options once, when it is built, and reports every error together.
/// </summary>
/// <remarks>Mutable until handed to a checker, which takes a copy: changing the options afterwards does not affect it.</remarks>
public sealed class LinkCheckerOptions
{
    /// <summary>The default <see cref="UserAgent"/>: names the tool and what it does, so site owners know who calls.</summary>
    public const string DefaultUserAgent = "Citations.Links/1.0 (link-rot checker for cited sources; HEAD first, bounded GET)";

    /// <summary>The shortest timeout the options accept (a limit of the Polly timeout strategy): 10 milliseconds.</summary>
    public static TimeSpan MinimumTimeout { get; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The longest timeout, delay or interval the options accept: 1 day (a limit of the Polly strategies; a check
    /// that waits longer is not a check). <see cref="MaxAge"/> has its own limit, <see cref="MaximumMaxAge"/>.
    /// </summary>
    public static TimeSpan MaximumDuration { get; } = TimeSpan.FromDays(1);

    /// <summary>The longest <see cref="MaxAge"/> the options accept: 100 years (36,500 days).</summary>
    public static TimeSpan MaximumMaxAge { get; } = TimeSpan.FromDays(36_500);

    /// <summary>The <c>User-Agent</c> header sent with every request.</summary>
    /// <value>Defaults to <see cref="DefaultUserAgent"/>.</value>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>How many URLs are checked at the same time, over all hosts.</summary>
    /// <value>Defaults to 32. At least 1.</value>
    public int GlobalConcurrency { get; set; } = 32;

    /// <summary>How many requests one host gets at the same time.</summary>
    /// <value>Defaults to 4. At least 1.</value>
    public int PerHostConcurrency { get; set; } = 4;

    /// <summary>The least time between the starts of two requests to the same host.</summary>
    /// <value>Defaults to 100 milliseconds. Zero to 1 day.</value>
    public TimeSpan PerHostMinimumInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one request may take, body included.</summary>
    /// <value>Defaults to 20 seconds. 10 milliseconds to 1 day.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the check of one URL may take in all: retries, waits, redirects, fallbacks and probes.</summary>
    /// <value>Defaults to 2 minutes. At least <see cref="AttemptTimeout"/>, at most 1 day.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times a transient failure (5xx, 408, 429, timeout, reset) is retried.</summary>
    /// <value>Defaults to 3. Zero or more, at most 10.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    /// <value>Defaults to 1 second. Positive, at most 1 day.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed backoff delay.</summary>
    /// <value>Defaults to 30 seconds. At least <see cref="RetryBaseDelay"/>, at most 1 day.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait honoured when a server asks for one with <c>Retry-After</c> (seconds or HTTP date). A server
    /// that asks for longer (or for longer than the check has left before <see cref="TotalTimeout"/>) is not retried:
    /// its answer stands (429 is <see cref="LinkVerdict.Blocked"/>, 503 <see cref="LinkVerdict.ServerError"/>) and the
    /// wait it asked for is in <see cref="LinkEvidence.RetryAfter"/>.
    /// </summary>
    /// <value>Defaults to 60 seconds. Zero to 1 day.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many redirects are followed before the verdict is "too many redirects".</summary>
    /// <value>Defaults to 10. Zero or more, at most 50.</value>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>The most body bytes read from one response, counted after decompression.</summary>
    /// <value>Defaults to 2 MiB. At least 1 KiB.</value>
    public int MaxBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Whether to ask with <c>HEAD</c> first, falling back to <c>GET</c> when <c>HEAD</c> is refused or unreliable.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool HeadFirst { get; set; } = true;

    /// <summary>When page text is read (quotes, fingerprints, soft-404 comparison).</summary>
    /// <value>Defaults to <see cref="PageTextMode.WhenNeeded"/>.</value>
    public PageTextMode PageText { get; set; } = PageTextMode.WhenNeeded;

    /// <summary>Whether a page that answers 200 is compared with a random path on the same host to detect soft 404s.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool DetectSoft404 { get; set; } = true;

    /// <summary>
    /// Whether the checker may connect to loopback, private, link-local and cloud metadata addresses. Off by default so a
    /// server using the library cannot be turned into a proxy into its own network; checked on the resolved address at
    /// connect time, so DNS tricks cannot get around it.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The share of failed requests to a host, within <see cref="CircuitBreakerSamplingDuration"/>, that opens its circuit.</summary>
    /// <value>Defaults to 1.0 (every request failed). Greater than 0, at most 1.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 1.0;

    /// <summary>How many requests to a host must be seen before its circuit can open.</summary>
    /// <value>Defaults to 6. At least 2.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 6;

    /// <summary>The window over which a host's failures are counted.</summary>
    /// <value>Defaults to 60 seconds. 500 milliseconds to 1 day.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit stays open before one trial request is let through.</summary>
    /// <value>Defaults to 60 seconds. 500 milliseconds to 1 day.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With a history store: URLs whose last conclusive check is younger than this are not requested again; their stored
    /// result is reported instead (<see cref="LinkCheckResult.FromHistory"/>). <see langword="null"/> checks everything.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>. Zero to <see cref="MaximumMaxAge"/> (100 years).</value>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Whether failing, soft-404 and drifted links get an archived copy looked up (needs archive options on the builder).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool FindArchivedCopies { get; set; } = true;

    /// <summary>
    /// Whether pages that look client-rendered (a shell of scripts that is the same for every path) are opened in a
    /// headless Chromium and their rendered text compared with a rendered random path on the same host: a page that
    /// shows its own content is then alive, one that shows "not found" a soft 404. Off, such pages are
    /// <see cref="LinkVerdict.Unverifiable"/> (reason <see cref="VerdictReason.ClientRendered"/>). The browser's every
    /// request goes through the checker's own guarded client (the private-address rule applies), and it runs with no
    /// network of its own.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool Render { get; set; }

    /// <summary>
    /// The Chromium (or Chrome) executable for <see cref="Render"/>; <see langword="null"/> looks for the
    /// <c>CITATIONS_CHROMIUM</c> environment variable, then <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c>
    /// on the <c>PATH</c>. No browser is ever downloaded.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ChromiumPath { get; set; }

    /// <summary>How long rendering one page may take, from navigation until its text settles.</summary>
    /// <value>Defaults to 15 seconds. 1 second to 5 minutes.</value>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many pages the browser has open at once (each in its own renderer process).</summary>
    /// <value>Defaults to 2. 1 to 16.</value>
    public int MaxRenderedPagesOpen { get; set; } = 2;

    /// <summary>How many pages of one host are rendered in a run (random paths included); beyond it, client-rendered pages of the host stay unverifiable.</summary>
    /// <value>Defaults to 20. 1 to 10,000.</value>
    public int MaxRendersPerHost { get; set; } = 20;

    /// <summary>The JavaScript heap limit of each renderer process, in MiB (a page that needs more stops rendering and stays unverifiable).</summary>
    /// <value>Defaults to 512. 64 to 16,384.</value>
    public int RendererMemoryMiB { get; set; } = 512;

    /// <summary>
    /// Regular expressions (.NET syntax) of links not to check: a link is left out when a pattern matches its URL (as
    /// cited) or its host name. Left-out links are not requested and not in the results. Patterns are run with a
    /// time limit (<see cref="PatternTimeout"/>), since they may come from a configuration file.
    /// </summary>
    /// <value>Empty by default: every link is checked.</value>
    public IList<string> ExcludePatterns { get; set; } = [];

    /// <summary>
    /// Regular expressions of the only links to check: when there are any, a link is checked only if one of them matches
    /// its URL or its host name (and no <see cref="ExcludePatterns"/> pattern does).
    /// </summary>
    /// <value>Empty by default: every link is checked.</value>
    public IList<string> IncludePatterns { get; set; } = [];

    /// <summary>How long one pattern of <see cref="ExcludePatterns"/>, <see cref="IncludePatterns"/> or <see cref="Remaps"/> may run on one URL; a pattern that takes longer does not match.</summary>
    /// <value>Defaults to 100 milliseconds. 1 millisecond to 10 seconds.</value>
    public TimeSpan PatternTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Status codes that count as alive besides 2xx, for sites that answer a working page with another code (a 403 to
    /// every checker, a 429): the final answer's status (after redirects) in this list gives <see cref="LinkVerdict.Alive"/>
    /// (or <see cref="LinkVerdict.Redirected"/>).
    /// </summary>
    /// <value>Empty by default. Each between 100 and 599.</value>
    public IList<int> AcceptedStatusCodes { get; set; } = [];

    /// <summary>Headers sent to one host each (a token for a site that needs one); see <see cref="HostRequestHeader"/>.</summary>
    /// <value>Empty by default.</value>
    public IList<HostRequestHeader> RequestHeaders { get; set; } = [];

    /// <summary>
    /// URLs checked in place of cited ones, the first matching rule applying (see <see cref="UrlRemap"/>). The result's
    /// URL is the one checked; its citations keep the URL as cited.
    /// </summary>
    /// <value>Empty by default.</value>
    public IList<UrlRemap> Remaps { get; set; } = [];

    /// <summary>Makes an independent copy, so that later changes to these options do not reach a built checker.</summary>
    public LinkCheckerOptions Clone()
    {
        var copy = (LinkCheckerOptions)MemberwiseClone();
        copy.ExcludePatterns = [.. ExcludePatterns ?? []];
        copy.IncludePatterns = [.. IncludePatterns ?? []];
        copy.AcceptedStatusCodes = [.. AcceptedStatusCodes ?? []];
        copy.RequestHeaders = [.. RequestHeaders ?? []];
        copy.Remaps = [.. Remaps ?? []];
        return copy;
    }

    /// <summary>Checks every rule and throws one exception listing every broken one.</summary>
    /// <exception cref="LinkOptionsException">Some option is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            errors.Add("UserAgent must not be empty.");
        }

        Range(errors, nameof(GlobalConcurrency), GlobalConcurrency, 1, 10_000);
        Range(errors, nameof(PerHostConcurrency), PerHostConcurrency, 1, 1_000);
        Range(errors, nameof(MaxRetries), MaxRetries, 0, 10);
        Range(errors, nameof(MaxRedirects), MaxRedirects, 0, 50);
        Range(errors, nameof(MaxBodyBytes), MaxBodyBytes, 1024, 1024 * 1024 * 1024);
        Range(errors, nameof(CircuitBreakerMinimumThroughput), CircuitBreakerMinimumThroughput, 2, 1_000_000);
        Range(errors, nameof(PerHostMinimumInterval), PerHostMinimumInterval, TimeSpan.Zero, MaximumDuration);
        Range(errors, nameof(AttemptTimeout), AttemptTimeout, MinimumTimeout, MaximumDuration);
        Range(errors, nameof(TotalTimeout), TotalTimeout, MinimumTimeout, MaximumDuration);
        if (RetryBaseDelay <= TimeSpan.Zero)
        {
            Positive(errors, nameof(RetryBaseDelay), RetryBaseDelay);
        }
        else
        {
            Range(errors, nameof(RetryBaseDelay), RetryBaseDelay, TimeSpan.Zero, MaximumDuration);
        }

        Range(errors, nameof(MaxRetryDelay), MaxRetryDelay, TimeSpan.Zero, MaximumDuration);
        Range(errors, nameof(MaxRetryAfter), MaxRetryAfter, TimeSpan.Zero, MaximumDuration);
        if (TotalTimeout < AttemptTimeout)
        {
            errors.Add(Invariant($"TotalTimeout ({Describe(TotalTimeout)}) must be at least AttemptTimeout ({Describe(AttemptTimeout)})."));
        }

        if (MaxRetryDelay < RetryBaseDelay)
        {
            errors.Add(Invariant($"MaxRetryDelay ({Describe(MaxRetryDelay)}) must be at least RetryBaseDelay ({Describe(RetryBaseDelay)})."));
        }

        if (!(CircuitBreakerFailureRatio > 0 && CircuitBreakerFailureRatio <= 1))
        {
            errors.Add(Invariant($"CircuitBreakerFailureRatio must be greater than 0 and at most 1, not {CircuitBreakerFailureRatio}."));
        }

        Range(errors, nameof(CircuitBreakerSamplingDuration), CircuitBreakerSamplingDuration, TimeSpan.FromMilliseconds(500), MaximumDuration);
        Range(errors, nameof(CircuitBreakerBreakDuration), CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), MaximumDuration);
        if (MaxAge is { } maxAge)
        {
            Range(errors, nameof(MaxAge), maxAge, TimeSpan.Zero, MaximumMaxAge);
        }

        Range(errors, nameof(RenderTimeout), RenderTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Range(errors, nameof(MaxRenderedPagesOpen), MaxRenderedPagesOpen, 1, 16);
        Range(errors, nameof(MaxRendersPerHost), MaxRendersPerHost, 1, 10_000);
        Range(errors, nameof(RendererMemoryMiB), RendererMemoryMiB, 64, 16_384);
        if (ChromiumPath is not null && string.IsNullOrWhiteSpace(ChromiumPath))
        {
            errors.Add("ChromiumPath must not be empty (null looks for Chromium on the PATH).");
        }

        Range(errors, nameof(PatternTimeout), PatternTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
        Patterns(errors, nameof(ExcludePatterns), ExcludePatterns);
        Patterns(errors, nameof(IncludePatterns), IncludePatterns);
        Patterns(errors, nameof(Remaps), (Remaps ?? []).Select(r => r?.Pattern));
        foreach (var code in AcceptedStatusCodes ?? [])
        {
            Range(errors, nameof(AcceptedStatusCodes), code, 100, 599);
        }

        foreach (var header in RequestHeaders ?? [])
        {
            // The value may be a secret: no message quotes it.
            if (header is null || string.IsNullOrWhiteSpace(header.Host) || !IsToken(header.Name) || header.Value is null
                || header.Value.AsSpan().ContainsAny('\r', '\n', '\0'))
            {
                errors.Add(Invariant($"RequestHeaders: '{DisplayText.Escape(header?.ToString() ?? "null")}' needs a host, a header name (letters, digits, !#$%&'*+-.^_`|~) and a value on one line."));
            }
        }

        if (!Enum.IsDefined(PageText))
        {
            errors.Add(Invariant($"PageText has no value {(int)PageText}."));
        }

        if (errors.Count > 0)
        {
            throw new LinkOptionsException(nameof(LinkCheckerOptions), errors);
        }
    }

    private static void Patterns(List<string> errors, string name, IEnumerable<string?>? patterns)
    {
        var index = 0;
        foreach (var pattern in patterns ?? [])
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern ?? throw new ArgumentException("no pattern"), System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                errors.Add(Invariant($"{name}[{index}] '{DisplayText.Escape(pattern ?? "null")}' is not a regular expression: {e.Message}"));
            }

            index++;
        }
    }

    private static bool IsToken(string? name)
        => !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    internal static void Range(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(Invariant($"{name} must be between {min} and {max}, not {value}."));
        }
    }

    /// <summary>Adds an error when a duration is outside [<paramref name="min"/>, <paramref name="max"/>], naming both ends in words.</summary>
    internal static void Range(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add(Invariant($"{name} must be between {Describe(min)} and {Describe(max)}, not {Describe(value)}."));
        }
    }

    /// <summary>A duration in words for messages: <c>10 ms</c>, <c>90 s</c>, <c>5 h</c>, <c>36500 days</c>.</summary>
    internal static string Describe(TimeSpan value) => value switch
    {
        _ when value == TimeSpan.Zero => "0",
        _ when value.Duration() < TimeSpan.FromSeconds(1) => Invariant($"{value.TotalMilliseconds:0.###} ms"),
        _ when value.Duration() < TimeSpan.FromMinutes(10) => Invariant($"{value.TotalSeconds:0.###} s"),
        _ when value.Duration() < TimeSpan.FromHours(1) => Invariant($"{value.TotalMinutes:0.###} min"),
        _ when value.Duration() == TimeSpan.FromDays(1) => "1 day",
        _ when value.Duration() < TimeSpan.FromDays(2) => Invariant($"{value.TotalHours:0.###} h"),
        _ => Invariant($"{value.TotalDays:0.###} days"),
    };

    internal static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(Invariant($"{name} must be positive, not {Describe(value)}."));
        }
    }

    internal static void NotNegative(List<string> errors, string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add(Invariant($"{name} must not be negative, not {Describe(value)}."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Options given to a checker, a history store or an archive finder break rules; <see cref="Errors"/> lists every one.</summary>
public sealed class LinkOptionsException : CitationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="optionsName">The options class.</param>
    /// <param name="errors">Every broken rule, one sentence each.</param>
    public LinkOptionsException(string optionsName, IReadOnlyList<string> errors)
        : base($"Invalid {optionsName}: {string.Join(" ", errors ?? [])}")
    {
        Errors = errors ?? [];
    }

    /// <summary>Every broken rule, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
