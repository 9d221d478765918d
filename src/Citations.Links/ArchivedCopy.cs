using System.Globalization;
using System.Net;

namespace Citations.Links;

/// <summary>
/// An archived copy (a memento) of a cited page: where it is, when it was captured, how far that is from the date the
/// source was consulted, and whether it was verified to load.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ArchivedCopy
{
    /// <summary>The URL of the archived copy.</summary>
    public required string Url { get; init; }

    /// <summary>The URL that was archived.</summary>
    public required string OriginalUrl { get; init; }

    /// <summary>When the copy was captured (UTC).</summary>
    public required DateTimeOffset CapturedAt { get; init; }

    /// <summary>Which archive holds it: <c>wayback</c>, or <c>memento:</c> and the TimeGate or TimeMap host.</summary>
    public required string Archive { get; init; }

    /// <summary>The date the copy was sought near: the source's accessed date, or the check's date when the citation has none.</summary>
    public required DateTimeOffset Reference { get; init; }

    /// <summary>Whether the reference is the source's accessed date (as opposed to the check's date).</summary>
    public bool ReferenceIsAccessedDate { get; init; }

    /// <summary>Whether the copy was fetched and answered with success.</summary>
    public bool Verified { get; init; }

    /// <summary>The status the copy answered with when verified, or <see langword="null"/> when not fetched.</summary>
    public int? VerifiedStatus { get; init; }

    /// <summary>How far the capture is from <see cref="Reference"/>: negative when before it.</summary>
    public TimeSpan Distance => CapturedAt - Reference;

    /// <summary>Whether the capture is from before (or at) <see cref="Reference"/>, showing the page as the author saw it.</summary>
    public bool IsBeforeReference => CapturedAt <= Reference;

    /// <summary>
    /// The Robust Links attributes (<c>data-originalurl</c>, <c>data-versionurl</c>, <c>data-versiondate</c>) to put
    /// on the citing link, so readers and tools can fall back to this copy.
    /// </summary>
    public IReadOnlyDictionary<string, string> RobustLinkAttributes => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["data-originalurl"] = OriginalUrl,
        ["data-versionurl"] = Url,
        ["data-versiondate"] = CapturedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Writes an HTML link to the original with the Robust Links attributes.</summary>
    /// <param name="text">The link text (HTML-encoded here).</param>
    public string ToRobustLinkHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var attributes = RobustLinkAttributes;
        return string.Create(CultureInfo.InvariantCulture,
            $"<a href=\"{WebUtility.HtmlEncode(OriginalUrl)}\" data-versionurl=\"{WebUtility.HtmlEncode(attributes["data-versionurl"])}\" data-versiondate=\"{attributes["data-versiondate"]}\">{WebUtility.HtmlEncode(text)}</a>");
    }
}
