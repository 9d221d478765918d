using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Citations.Model;
using Citations.Serialization;

namespace Citations.Annotations;

/// <summary>
/// Writes an article's claims as W3C Web Annotations (JSON-LD, the Web Annotation Data Model of 2017), so that tools
/// that show annotations on a page (Hypothesis and the like) can show the claims where the article makes them.
/// </summary>
/// <remarks>
/// <para>The output is one <c>AnnotationCollection</c> (context <c>http://www.w3.org/ns/anno.jsonld</c>) whose
/// embedded first <c>AnnotationPage</c> holds one <c>Annotation</c> per claim, in the article's order:</para>
/// <list type="bullet">
/// <item><c>target</c>: <c>source</c> the article's URL, <c>selector</c> the claim's <c>TextQuoteSelector</c> (exact,
/// prefix, suffix). No <c>TextPositionSelector</c>: the model holds a paragraph number and a quote, not character
/// offsets into the page's text, and offsets computed from the extracted paragraphs would not match the page's DOM
/// text that annotation tools count in.</item>
/// <item><c>body</c>: a <c>TextualBody</c> with the claim's text (purpose <c>describing</c>), one with its kind
/// (purpose <c>tagging</c>, such as <c>statistic</c>), one tagged <c>unreviewed</c> when no person has reviewed the
/// claim, and for each source the claim cites a <c>SpecificResource</c> (purpose <c>linking</c>) whose
/// <c>source</c> is the source's URL (or its DOI as a <c>https://doi.org/</c> link); a source with neither is a
/// <c>TextualBody</c> naming it (purpose <c>identifying</c>).</item>
/// <item><c>motivation</c>: <c>describing</c>, with <c>linking</c> when a body links a source.</item>
/// <item><c>id</c>: a stable <c>urn:uuid:</c> made from the article's URL and the claim's id (a name-based UUID,
/// version 8 over SHA-256), so that exporting again gives the same ids.</item>
/// </list>
/// <para>Thread-safe; the same article gives the same text.</para>
/// </remarks>
public static class WebAnnotations
{
    /// <summary>The JSON-LD context of the Web Annotation Data Model.</summary>
    public const string Context = "http://www.w3.org/ns/anno.jsonld";

    /// <summary>The page the annotations target: <paramref name="targetUrl"/> when given, else the article's URL.</summary>
    /// <returns>An absolute http(s) URL, or <see langword="null"/> when there is none.</returns>
    public static string? TargetOf(Article article, string? targetUrl = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var candidate = targetUrl ?? article.Metadata.Url;
        return candidate is not null && Uri.TryCreate(candidate, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.AbsoluteUri : null;
    }

    /// <summary>Writes the article's claims as an annotation collection.</summary>
    /// <param name="article">The article.</param>
    /// <param name="targetUrl">The page the annotations target; the article's URL when <see langword="null"/>.</param>
    /// <returns>The JSON-LD text, indented, ending with a line break.</returns>
    /// <exception cref="ArgumentException">Neither <paramref name="targetUrl"/> nor the article's URL is an absolute http(s) URL (see <see cref="TargetOf"/>).</exception>
    public static string Write(Article article, string? targetUrl = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var target = TargetOf(article, targetUrl)
            ?? throw new ArgumentException("The annotations need the article's address: the article has no http(s) URL and none was given.", nameof(targetUrl));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("@context", Context);
            json.WriteString("id", Id(target, "collection"));
            json.WriteString("type", "AnnotationCollection");
            json.WriteString("label", $"Claims of {article.Metadata.Title ?? article.Metadata.Id.Text}");
            json.WriteNumber("total", article.Claims.Count);
            json.WriteStartObject("first");
            json.WriteString("id", Id(target, "page-1"));
            json.WriteString("type", "AnnotationPage");
            json.WriteNumber("startIndex", 0);
            json.WriteStartArray("items");
            foreach (var claim in article.Claims)
            {
                WriteAnnotation(json, article, claim, target);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static void WriteAnnotation(Utf8JsonWriter json, Article article, Claim claim, string target)
    {
        var links = claim.Evidence.Select(e => article.FindSource(e.SourceId)).OfType<Source>().Distinct().ToList();
        var linked = links.Any(s => Link(s) is not null);
        json.WriteStartObject();
        json.WriteString("id", Id(target, "claim:" + claim.Id));
        json.WriteString("type", "Annotation");
        if (linked)
        {
            json.WriteStartArray("motivation");
            json.WriteStringValue("describing");
            json.WriteStringValue("linking");
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("motivation", "describing");
        }

        json.WriteStartArray("body");
        TextualBody(json, claim.Text, "describing");
        TextualBody(json, ModelJsonNames.ClaimKinds[claim.Kind], "tagging");
        if (!claim.Reviewed)
        {
            TextualBody(json, "unreviewed", "tagging");
        }

        foreach (var source in links)
        {
            if (Link(source) is { } link)
            {
                json.WriteStartObject();
                json.WriteString("type", "SpecificResource");
                json.WriteString("purpose", "linking");
                json.WriteString("source", link);
                json.WriteEndObject();
            }
            else
            {
                TextualBody(json, source.Item.Title ?? source.Id, "identifying");
            }
        }

        json.WriteEndArray();
        json.WriteStartObject("target");
        json.WriteString("source", target);
        json.WriteStartObject("selector");
        json.WriteString("type", "TextQuoteSelector");
        json.WriteString("exact", claim.Anchor.Selector.Exact);
        if (claim.Anchor.Selector.Prefix is { Length: > 0 } prefix)
        {
            json.WriteString("prefix", prefix);
        }

        if (claim.Anchor.Selector.Suffix is { Length: > 0 } suffix)
        {
            json.WriteString("suffix", suffix);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void TextualBody(Utf8JsonWriter json, string value, string purpose)
    {
        json.WriteStartObject();
        json.WriteString("type", "TextualBody");
        json.WriteString("purpose", purpose);
        json.WriteString("value", value);
        json.WriteString("format", "text/plain");
        json.WriteEndObject();
    }

    /// <summary>The source's URL, else its DOI as a link, else <see langword="null"/>.</summary>
    private static string? Link(Source source)
    {
        if (source.Item.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
        {
            return parsed.AbsoluteUri;
        }

        return source.Item.Doi is { Length: > 0 } doi ? "https://doi.org/" + Uri.EscapeDataString(doi).Replace("%2F", "/", StringComparison.Ordinal) : null;
    }

    /// <summary>A name-based UUID (RFC 9562 version 8, from SHA-256) for a name under the article's URL.</summary>
    private static string Id(string target, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(target + "\n" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
