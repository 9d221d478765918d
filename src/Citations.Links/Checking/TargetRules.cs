using System.Text.RegularExpressions;

namespace Citations.Links.Checking;

/// <summary>
/// The options' link rules, compiled once per checker: which links are left out (<see cref="LinkCheckerOptions.ExcludePatterns"/>,
/// <see cref="LinkCheckerOptions.IncludePatterns"/>), which URL is checked for a cited one (<see cref="LinkCheckerOptions.Remaps"/>)
/// and which statuses count as alive (<see cref="LinkCheckerOptions.AcceptedStatusCodes"/>).
/// </summary>
/// <remarks>Thread-safe. Every pattern runs with the options' time limit: one that runs out does not match.</remarks>
internal sealed class TargetRules
{
    private readonly Regex[] _exclude;
    private readonly Regex[] _include;
    private readonly (Regex Pattern, string Replacement)[] _remaps;

    public TargetRules(LinkCheckerOptions options)
    {
        _exclude = [.. options.ExcludePatterns.Select(p => Compile(p, options.PatternTimeout))];
        _include = [.. options.IncludePatterns.Select(p => Compile(p, options.PatternTimeout))];
        _remaps = [.. options.Remaps.Select(r => (Compile(r.Pattern, options.PatternTimeout), r.Replacement))];
        Accepted = options.AcceptedStatusCodes.ToHashSet();
    }

    /// <summary>The statuses that count as alive besides 2xx.</summary>
    public IReadOnlySet<int> Accepted { get; }

    /// <summary>Whether a link is left out: an exclude pattern matches it, or include patterns exist and none does.</summary>
    /// <param name="url">The URL as cited.</param>
    public bool Excludes(string url)
    {
        if (_exclude.Length == 0 && _include.Length == 0)
        {
            return false;
        }

        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
        return (_include.Length > 0 && !_include.Any(p => Matches(p, url, host))) || _exclude.Any(p => Matches(p, url, host));
    }

    /// <summary>The URL to check for a cited one: the first remap whose pattern matches, applied; the URL itself otherwise.</summary>
    public string Remap(string url)
    {
        foreach (var (pattern, replacement) in _remaps)
        {
            try
            {
                if (pattern.IsMatch(url))
                {
                    return pattern.Replace(url, replacement);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern that runs out of time does not match.
            }
        }

        return url;
    }

    private static bool Matches(Regex pattern, string url, string? host)
    {
        try
        {
            return pattern.IsMatch(url) || (host is not null && pattern.IsMatch(host));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex Compile(string pattern, TimeSpan timeout) => new(pattern, RegexOptions.CultureInvariant, timeout);
}
