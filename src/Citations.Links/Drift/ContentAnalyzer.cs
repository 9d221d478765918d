using System.Security.Cryptography;
using System.Text;
using Citations.Validation;

namespace Citations.Links.Drift;

/// <summary>Turns a response body into a <see cref="ContentCheck"/>: decode, strip HTML, normalise, fingerprint, look for quotes.</summary>
internal static class ContentAnalyzer
{
    /// <summary>Whether a media type is text worth reading (HTML, XML, plain text, JSON); <see langword="null"/> counts as text.</summary>
    public static bool IsText(string? mediaType)
        => mediaType is null
           || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
           || mediaType.Contains("html", StringComparison.OrdinalIgnoreCase)
           || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase)
           || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes, strips and normalises a body. Returns the normalised text and the title.</summary>
    public static (string Text, string? Title) ReadText(ReadOnlySpan<byte> body, string? mediaType, string? charSet)
    {
        var decoded = Decode(body, charSet);
        var isHtml = mediaType is null
            ? decoded.AsSpan(0, Math.Min(decoded.Length, 1024)).Contains("<html", StringComparison.OrdinalIgnoreCase)
              || decoded.AsSpan(0, Math.Min(decoded.Length, 1024)).Contains("<!doctype", StringComparison.OrdinalIgnoreCase)
            : mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase);
        if (!isHtml)
        {
            return (QuoteText.Normalize(decoded), null);
        }

        var (text, title) = HtmlText.Extract(decoded);
        return (QuoteText.Normalize(text), title);
    }

    /// <summary>Reads a body and checks it against quotes and an earlier fingerprint.</summary>
    public static ContentCheck Analyze(ReadOnlySpan<byte> body, string? mediaType, string? charSet, bool truncated,
        IReadOnlyList<string> quotes, PageFingerprint? previous, DateTimeOffset? previousAt)
    {
        var (text, title) = ReadText(body, mediaType, charSet);
        var fingerprint = Fingerprint(text);
        return new ContentCheck
        {
            Title = title,
            Fingerprint = fingerprint,
            Quotes = quotes.Select(q => QuoteMatcher.Check(text, q)).ToArray(),
            ChangedSinceLastCheck = previous is null ? null : !string.Equals(previous.Sha256, fingerprint.Sha256, StringComparison.Ordinal),
            SimilarityToLastCheck = previous?.Similarity(fingerprint),
            LastCheckedAt = previous is null ? null : previousAt,
            Truncated = truncated,
        };
    }

    /// <summary>Fingerprints normalised text.</summary>
    /// <param name="normalizedText">Text normalised with <see cref="QuoteText.Normalize"/>.</param>
    public static PageFingerprint Fingerprint(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedText)));
        Span<int> weights = stackalloc int[64];
        foreach (var hash in Shingles.Hashes(Shingles.Words(normalizedText), 3))
        {
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong simHash = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                simHash |= 1UL << bit;
            }
        }

        return new PageFingerprint(sha, simHash, normalizedText.Length);
    }

    /// <summary>Decodes bytes with the declared charset, a byte-order mark, a <c>&lt;meta charset&gt;</c>, or UTF-8.</summary>
    public static string Decode(ReadOnlySpan<byte> body, string? charSet)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            return Encoding.UTF8.GetString(body[3..]);
        }

        if (body.Length >= 2 && body[0] == 0xFF && body[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(body[2..]);
        }

        if (body.Length >= 2 && body[0] == 0xFE && body[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(body[2..]);
        }

        charSet ??= SniffMetaCharset(body);
        return EncodingFor(charSet).GetString(body);
    }

    private static Encoding EncodingFor(string? charSet)
    {
        switch (charSet?.Trim().Trim('"', '\'').ToLowerInvariant())
        {
            case null or "" or "utf-8" or "utf8":
                return Encoding.UTF8;
            case "iso-8859-1" or "latin1" or "us-ascii" or "ascii" or "windows-1252" or "cp1252":
                // windows-1252 differs from Latin-1 only in 0x80–0x9F (curly quotes, dashes); without the code-page
                // provider Latin-1 is the closest built-in, and normalisation treats the affected marks alike anyway.
                return Encoding.Latin1;
            case "utf-16" or "utf-16le":
                return Encoding.Unicode;
            case "utf-16be":
                return Encoding.BigEndianUnicode;
            default:
                try
                {
                    return Encoding.GetEncoding(charSet!.Trim());
                }
                catch (ArgumentException)
                {
                    return Encoding.UTF8;
                }
        }
    }

    private static string? SniffMetaCharset(ReadOnlySpan<byte> body)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 2048)]);
        var at = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var start = at + 8;
        while (start < head.Length && head[start] is '"' or '\'' or ' ')
        {
            start++;
        }

        var end = start;
        while (end < head.Length && (char.IsAsciiLetterOrDigit(head[end]) || head[end] is '-' or '_'))
        {
            end++;
        }

        return end > start ? head[start..end] : null;
    }
}
