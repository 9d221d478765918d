using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Citations.Links.Lookup;

/// <summary>
/// A Digital Object Identifier: <c>10.</c>, a registrant code of digits and dots, <c>/</c>, and a suffix of any
/// characters but blanks (<c>10.1038/nature12373</c>). Read from a bare DOI, a <c>doi:</c>-prefixed one or a DOI
/// resolver URL (<c>https://doi.org/…</c>, <c>https://dx.doi.org/…</c>, percent-escapes decoded).
/// </summary>
/// <remarks>
/// Immutable and thread-safe. DOIs are case-insensitive (the DOI Handbook: ASCII letters match in either case), so two
/// DOIs are equal when their <see cref="Key"/>s are: the text in Unicode normalisation form C with ASCII letters in
/// lower case. <see cref="Text"/> keeps the spelling it was written with.
/// </remarks>
public sealed class Doi : IEquatable<Doi>
{
    private static readonly string[] ResolverHosts = ["doi.org", "dx.doi.org", "www.doi.org"];

    private Doi(string text)
    {
        Text = text;
        Key = Normalize(text);
    }

    /// <summary>The DOI as written, without a <c>doi:</c> prefix or resolver address (<c>10.1038/nature12373</c>).</summary>
    public string Text { get; }

    /// <summary>The DOI's normal form, the same for every spelling of one DOI: NFC, ASCII letters in lower case.</summary>
    public string Key { get; }

    /// <summary>
    /// Reads a DOI: bare (<c>10.1000/xyz</c>), with a <c>doi:</c> prefix (any case), or as a resolver URL on
    /// <c>doi.org</c>, <c>dx.doi.org</c> or <c>www.doi.org</c> (http or https; the query and fragment are not part of it).
    /// Blanks around it are ignored.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="doi">The DOI, when the method returns <see langword="true"/>.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Doi? doi)
    {
        doi = null;
        if (text is null)
        {
            return false;
        }

        var candidate = text.Trim();
        if (candidate.StartsWith("doi:", StringComparison.OrdinalIgnoreCase))
        {
            candidate = candidate[4..].TrimStart();
        }
        else if (ResolverPath(candidate) is { } path)
        {
            candidate = path;
        }

        if (!IsDoiSyntax(candidate))
        {
            return false;
        }

        doi = new Doi(candidate);
        return true;
    }

    /// <summary>Reads a DOI, or throws.</summary>
    /// <param name="text">The text (see <see cref="TryParse"/>).</param>
    /// <exception cref="FormatException">The text is not a DOI.</exception>
    public static Doi Parse(string text)
        => TryParse(text, out var doi) ? doi : throw new FormatException($"'{text}' is not a DOI (10.NNNN/suffix, doi:10.NNNN/suffix or https://doi.org/10.NNNN/suffix).");

    /// <summary>
    /// Whether a command-line word names a DOI rather than a file: a <c>doi:</c>-prefixed DOI or a DOI resolver URL. A
    /// bare DOI (<c>10.1000/xyz</c>) is not taken for one here, since it is also a relative path.
    /// </summary>
    /// <param name="text">The word.</param>
    public static bool IsReference(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        return (trimmed.StartsWith("doi:", StringComparison.OrdinalIgnoreCase) || ResolverPath(trimmed) is not null) && TryParse(trimmed, out _);
    }

    /// <summary>The URL of this DOI at a resolver: the resolver's address, then the DOI with each path segment escaped.</summary>
    /// <param name="resolver">The resolver's base address, such as <c>https://doi.org/</c> (a missing trailing slash is added).</param>
    public Uri ResolverUrl(Uri resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var address = resolver.AbsoluteUri;
        var escaped = string.Join('/', Text.Split('/').Select(Uri.EscapeDataString));
        return new Uri((address.EndsWith('/') ? address : address + "/") + escaped);
    }

    /// <inheritdoc/>
    public bool Equals(Doi? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Doi);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>The DOI as written.</summary>
    public override string ToString() => Text;

    /// <summary>The DOI of a resolver URL (decoded), or <see langword="null"/> when the text is not one.</summary>
    private static string? ResolverPath(string text)
    {
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = text[scheme.Length..];
            foreach (var host in ResolverHosts)
            {
                if (rest.Length > host.Length && rest.StartsWith(host, StringComparison.OrdinalIgnoreCase) && rest[host.Length] == '/')
                {
                    var path = rest[(host.Length + 1)..];
                    var end = path.IndexOfAny(['?', '#']);
                    return Uri.UnescapeDataString(end < 0 ? path : path[..end]);
                }
            }
        }

        return null;
    }

    /// <summary><c>10.</c>, digits and dots, <c>/</c>, and at least one character; no blanks or control characters.</summary>
    private static bool IsDoiSyntax(string text)
    {
        if (!text.StartsWith("10.", StringComparison.Ordinal))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 4 || slash == text.Length - 1)
        {
            return false;
        }

        var registrant = text.AsSpan(3, slash - 3);
        if (!char.IsAsciiDigit(registrant[0]) || !char.IsAsciiDigit(registrant[^1]) || registrant.ContainsAnyExcept("0123456789."))
        {
            return false;
        }

        foreach (var c in text.AsSpan(slash + 1))
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalize(string text)
    {
        var normal = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        return string.Create(normal.Length, normal, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            }
        });
    }
}
