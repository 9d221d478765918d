namespace Citations.Links;

/// <summary>
/// A request header sent to one host only, such as a token for a site that asks for one
/// (<see cref="LinkCheckerOptions.RequestHeaders"/>). Never sent to another host, not even after a redirect, and never
/// written to a result, a report or the history.
/// </summary>
/// <param name="Host">The host name it is sent to (compared case-insensitively, without port; an IDN in its ASCII form or as written).</param>
/// <param name="Name">The header's name.</param>
/// <param name="Value">The header's value: a secret, often.</param>
public sealed record HostRequestHeader(string Host, string Name, string Value)
{
    /// <summary>The header without its value, which may be a secret: <c>HOST: NAME=***</c>.</summary>
    public override string ToString() => $"{Host}: {Name}=***";
}

/// <summary>
/// Checks another URL in place of a cited one (<see cref="LinkCheckerOptions.Remaps"/>): a regular expression and its
/// replacement (<c>$1</c> for groups), as <see cref="System.Text.RegularExpressions.Regex.Replace(string, string)"/>
/// does, applied to the whole URL. A mirror, a local copy, a new domain.
/// </summary>
/// <param name="Pattern">The regular expression (.NET syntax).</param>
/// <param name="Replacement">What a match is replaced with.</param>
public sealed record UrlRemap(string Pattern, string Replacement);
