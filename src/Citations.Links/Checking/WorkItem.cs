using Citations.CslData;
using Citations.Links.Http;

namespace Citations.Links.Checking;

/// <summary>A URL to check once in a run, and every target citing it.</summary>
/// <param name="Key">The normalised URL (the de-duplication key).</param>
/// <param name="Uri">The parsed, normalised URL.</param>
/// <param name="Host">The key of the host's pipeline (<see cref="RequestRunner.HostKey"/>).</param>
/// <param name="Targets">Every target citing the URL, in input order.</param>
internal sealed record WorkItem(string Key, Uri Uri, string Host, List<LinkTarget> Targets)
{
    /// <summary>Groups targets by normalised URL (first citation first); targets that are not URLs get their result at once.</summary>
    /// <param name="targets">The targets, in input order.</param>
    /// <param name="remap">The URL to check for a cited one (the URL itself when <see langword="null"/>).</param>
    public static (List<WorkItem> Work, List<LinkCheckResult> Invalid) Group(IEnumerable<LinkTarget> targets, Func<string, string>? remap = null)
    {
        var work = new List<WorkItem>();
        var byKey = new Dictionary<string, WorkItem>(StringComparer.Ordinal);
        var invalid = new List<LinkCheckResult>();
        foreach (var target in targets)
        {
            ArgumentNullException.ThrowIfNull(target);
            var url = remap is null ? target.Url : remap(target.Url);
            if (!UrlNormalizer.TryNormalize(url, out var uri, out var problem))
            {
                var evidence = new LinkEvidence { Error = new LinkError(LinkErrorKind.InvalidUrl, problem) };
                invalid.Add(new LinkCheckResult
                {
                    Url = DisplayText.RedactUrl(url),
                    Targets = [target],
                    Verdict = VerdictRules.Decide(evidence).Verdict,
                    CheckedAt = DateTimeOffset.UnixEpoch,
                    Evidence = evidence,
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

    /// <summary>The distinct quotes of the URL's citations, in order; no allocation when there are none (the common case).</summary>
    public string[] Quotes()
    {
        if (Targets.Count == 1)
        {
            var only = Targets[0].Quotes;
            return only.Count == 0 ? [] : [.. only.Distinct(StringComparer.Ordinal)];
        }

        return Targets.All(t => t.Quotes.Count == 0) ? [] : [.. Targets.SelectMany(t => t.Quotes).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The date to seek archived copies near: the first accessed date among the citations, else the check's date.</summary>
    /// <param name="checkedAt">When the URL was checked.</param>
    public (DateTimeOffset Reference, bool IsAccessed) ArchiveReference(DateTimeOffset checkedAt)
    {
        foreach (var target in Targets)
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
}
