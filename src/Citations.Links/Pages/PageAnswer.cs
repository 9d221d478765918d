namespace Citations.Links.Pages;

/// <summary>How a page compares with the answer a random path on the same host got (the soft-404 probe).</summary>
internal enum RandomPathMatch
{
    /// <summary>Not compared: the page is the site's front page, which exists whatever the host does with other paths.</summary>
    FrontPage,

    /// <summary>The random path got the same page (or the same redirect): the host answers every path alike.</summary>
    Same,

    /// <summary>The random path got a different page with success.</summary>
    Different,

    /// <summary>The host answers a random path with 404 or 410: it knows which paths exist.</summary>
    HostSaysMissing,

    /// <summary>No comparison could be made (the probe failed, or the answers are not text).</summary>
    Unknown,
}

/// <summary>What a check saw of one page, as the classifiers need it: where it was asked and where it ended, its status and markup, and the comparison with a random path.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed record PageAnswer
{
    /// <summary>The URL cited.</summary>
    public required Uri Cited { get; init; }

    /// <summary>The URL the redirects ended at.</summary>
    public required Uri Final { get; init; }

    /// <summary>Where each redirect pointed, in order.</summary>
    public IReadOnlyList<Uri> Redirects { get; init; } = [];

    /// <summary>The status of the last answer.</summary>
    public int? Status { get; init; }

    /// <summary>The page's markup, or <see langword="null"/> when no HTML body was read.</summary>
    public PageMarkup? Markup { get; init; }

    /// <summary>How the page compares with a random path on the host.</summary>
    public RandomPathMatch RandomPath { get; init; } = RandomPathMatch.Unknown;

    /// <summary>The comparison with the random path in a sentence, if one was made.</summary>
    public string? Comparison { get; init; }
}

/// <summary>What kind of page an answer is: a reason (or <see langword="null"/> for an ordinary page) and the signals that decided it.</summary>
/// <param name="Reason">The kind, or <see langword="null"/> when the page is ordinary.</param>
/// <param name="Signals">The signals found (empty for an ordinary page).</param>
internal sealed record PageClass(VerdictReason? Reason, IReadOnlyList<PageSignal> Signals)
{
    /// <summary>An ordinary page.</summary>
    public static PageClass Ordinary { get; } = new(null, []);
}
