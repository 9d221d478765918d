using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Citations.Links.History;

/// <summary>
/// One recorded check in the history's own row format: owned by the history and versioned, so that the public report
/// can change without touching the database, and the database without touching the report.
/// </summary>
/// <remarks>
/// <para>A row of the <c>checks</c> table holds what is queried in columns (<c>url</c>, <c>checked_at</c> in Unix
/// milliseconds, <c>verdict</c> and <c>error_kind</c> as report names, <c>status</c>, <c>final_url</c>, the text's
/// SHA-256 in <c>fingerprint</c>) and the rest of the evidence in <c>detail</c>, a JSON object in row format
/// <c>format</c>. Citations and history summaries are not stored: the first come from the run, the second from the
/// <c>urls</c> table.</para>
/// <para>Row format <see cref="Format"/> (1): every key is optional; absent means null, zero, false or empty.</para>
/// <list type="table">
/// <item><term><c>m</c>, <c>n</c>, <c>ms</c></term><description>method; requests; elapsed milliseconds (0.1 ms)</description></item>
/// <item><term><c>ct</c>, <c>bb</c>, <c>bt</c></term><description>content type; body bytes read; body truncated</description></item>
/// <item><term><c>ra</c></term><description>the longest <c>Retry-After</c> asked for, in milliseconds</description></item>
/// <item><term><c>hops</c></term><description>redirects followed: <c>[url, status, location]</c> each</description></item>
/// <item><term><c>rk</c>, <c>rt</c>, <c>rc</c></term><description>redirect kind (<c>p</c> permanent, <c>t</c> temporary); its target; whether a canonicalisation</description></item>
/// <item><term><c>em</c></term><description>the error's message (its kind is the <c>error_kind</c> column)</description></item>
/// <item><term><c>notes</c></term><description>the evidence's notes</description></item>
/// <item><term><c>pr</c></term><description>the connectivity probe, when it was asked: <c>on</c> online, <c>at</c> when (ms),
/// <c>ms</c> how long it took (added within format 1: older readers ignore it)</description></item>
/// <item><term><c>c</c></term><description>content: <c>ti</c> title, <c>sh</c> SimHash (16 hex digits), <c>tl</c> text length,
/// <c>tr</c> truncated, <c>ch</c> changed since last check, <c>si</c> similarity to it, <c>la</c> its time (ms),
/// <c>q</c> quotes as <c>[quote, found, coverage]</c></description></item>
/// <item><term><c>a</c></term><description>archived copy: <c>u</c> URL, <c>o</c> original, <c>at</c> captured (ms),
/// <c>by</c> archive, <c>rf</c> reference (ms), <c>acc</c> reference is the accessed date, <c>ok</c> verified,
/// <c>vs</c> verified status</description></item>
/// </list>
/// <para>A later format gets a new number; <see cref="ToResult"/> keeps reading every earlier one.</para>
/// </remarks>
/// <param name="Url">The normalised URL.</param>
/// <param name="CheckedAt">When the check was made, in Unix milliseconds.</param>
/// <param name="Verdict">The verdict's report name.</param>
/// <param name="Status">The status code, if any.</param>
/// <param name="FinalUrl">Where the redirects ended, if a response came.</param>
/// <param name="ErrorKind">The error's report name, if any.</param>
/// <param name="Fingerprint">The SHA-256 of the page text, if read.</param>
/// <param name="DetailFormat">The row format of <paramref name="Detail"/>.</param>
/// <param name="Detail">The rest, a JSON object.</param>
internal sealed record CheckRow(string Url, long CheckedAt, string Verdict, int? Status, string? FinalUrl, string? ErrorKind, string? Fingerprint,
    int DetailFormat, string Detail)
{
    /// <summary>The row format this code writes.</summary>
    public const int Format = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The row of a result (its targets and history summary are not stored).</summary>
    /// <param name="result">The result.</param>
    public static CheckRow From(LinkCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var evidence = result.Evidence;
        return new CheckRow(result.Url, result.CheckedAt.ToUnixTimeMilliseconds(), result.Verdict.ToReportName(), evidence.StatusCode,
            evidence.FinalUrl, evidence.Error is { } error ? ReportNames.ErrorKinds[error.Kind] : null, result.Content?.Fingerprint.Sha256, Format, WriteDetail(result));
    }

    /// <summary>The result this row records.</summary>
    /// <param name="targets">The citations to give the result (the run's, or none).</param>
    /// <exception cref="JsonException">The row is not a recorded check in a known format.</exception>
    public LinkCheckResult ToResult(IReadOnlyList<LinkTarget> targets)
    {
        if (DetailFormat != Format)
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Row format {DetailFormat} is not one this library reads (it reads {Format})."));
        }

        if (!LinkVerdictExtensions.TryParseReportName(Verdict, out var verdict))
        {
            throw new JsonException($"Unknown verdict '{Verdict}'.");
        }

        using var document = JsonDocument.Parse(Detail);
        var d = document.RootElement;
        var content = d.TryGetProperty("c", out var c) ? ReadContent(c, Fingerprint) : null;
        return new LinkCheckResult
        {
            Url = Url,
            Targets = targets,
            Verdict = verdict,
            CheckedAt = DateTimeOffset.FromUnixTimeMilliseconds(CheckedAt),
            Evidence = ReadEvidence(d, this),
            Content = content,
            Archive = d.TryGetProperty("a", out var a) ? ReadArchive(a) : null,
        };
    }

    private static string WriteDetail(LinkCheckResult result)
    {
        var e = result.Evidence;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStringIfAny("m", e.Method);
            if (e.Requests != 0)
            {
                json.WriteNumber("n", e.Requests);
            }

            if (e.Elapsed != TimeSpan.Zero)
            {
                json.WriteNumber("ms", Math.Round(e.Elapsed.TotalMilliseconds, 1));
            }

            json.WriteStringIfAny("ct", e.ContentType);
            if (e.BodyBytes is { } bytes)
            {
                json.WriteNumber("bb", bytes);
            }

            True(json, "bt", e.BodyTruncated);
            if (e.RetryAfter is { } retryAfter)
            {
                json.WriteNumber("ra", Math.Round(retryAfter.TotalMilliseconds));
            }

            Tuples(json, "hops", e.RedirectChain, static (json, hop) =>
            {
                json.WriteStringValue(hop.Url);
                json.WriteNumberValue(hop.StatusCode);
                json.WriteStringValue(hop.Location);
            });

            if (e.Redirect is { } redirect)
            {
                json.WriteString("rk", redirect.Kind == RedirectKind.Permanent ? "p" : "t");
                json.WriteString("rt", redirect.Target);
                True(json, "rc", redirect.IsCanonicalization);
            }

            json.WriteStringIfAny("em", e.Error?.Message);
            json.WriteStringsIfAny("notes", e.Notes);
            if (e.Connectivity is { } connectivity)
            {
                json.WriteStartObject("pr");
                json.WriteBoolean("on", connectivity.Online);
                json.WriteNumber("at", connectivity.CheckedAt.ToUnixTimeMilliseconds());
                json.WriteNumber("ms", Math.Round(connectivity.Duration.TotalMilliseconds, 1));
                json.WriteEndObject();
            }

            if (result.Content is { } content)
            {
                WriteContent(json, content);
            }

            if (result.Archive is { } archive)
            {
                WriteArchive(json, archive);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteContent(Utf8JsonWriter json, ContentCheck content)
    {
        json.WriteStartObject("c");
        json.WriteStringIfAny("ti", content.Title);
        json.WriteString("sh", content.Fingerprint.SimHash.ToString("x16", CultureInfo.InvariantCulture));
        json.WriteNumber("tl", content.Fingerprint.TextLength);
        True(json, "tr", content.Truncated);
        if (content.ChangedSinceLastCheck is { } changed)
        {
            json.WriteBoolean("ch", changed);
        }

        if (content.SimilarityToLastCheck is { } similarity)
        {
            json.WriteNumber("si", similarity);
        }

        if (content.LastCheckedAt is { } last)
        {
            json.WriteNumber("la", last.ToUnixTimeMilliseconds());
        }

        Tuples(json, "q", content.Quotes, static (json, quote) =>
        {
            json.WriteStringValue(quote.Quote);
            json.WriteBooleanValue(quote.Found);
            json.WriteNumberValue(quote.Coverage);
        });

        json.WriteEndObject();
    }

    private static void WriteArchive(Utf8JsonWriter json, ArchivedCopy archive)
    {
        json.WriteStartObject("a");
        json.WriteString("u", archive.Url);
        json.WriteString("o", archive.OriginalUrl);
        json.WriteNumber("at", archive.CapturedAt.ToUnixTimeMilliseconds());
        json.WriteString("by", archive.Archive);
        json.WriteNumber("rf", archive.Reference.ToUnixTimeMilliseconds());
        True(json, "acc", archive.ReferenceIsAccessedDate);
        True(json, "ok", archive.Verified);
        if (archive.VerifiedStatus is { } status)
        {
            json.WriteNumber("vs", status);
        }

        json.WriteEndObject();
    }

    private static LinkEvidence ReadEvidence(JsonElement d, CheckRow row)
    {
        RedirectInfo? redirect = null;
        if (OptionalString(d, "rt") is { } target)
        {
            redirect = new RedirectInfo(OptionalString(d, "rk") == "p" ? RedirectKind.Permanent : RedirectKind.Temporary, target, Flag(d, "rc"));
        }

        LinkError? error = null;
        if (row.ErrorKind is { } kind)
        {
            error = new LinkError(ReportNames.ErrorKinds.TryParse(kind, out var errorKind) ? errorKind : LinkErrorKind.Other, OptionalString(d, "em") ?? string.Empty);
        }

        return new LinkEvidence
        {
            StatusCode = row.Status,
            FinalUrl = row.FinalUrl,
            Method = OptionalString(d, "m"),
            Requests = d.TryGetProperty("n", out var n) ? n.GetInt32() : 0,
            Elapsed = d.TryGetProperty("ms", out var ms) ? TimeSpan.FromMilliseconds(ms.GetDouble()) : TimeSpan.Zero,
            ContentType = OptionalString(d, "ct"),
            BodyBytes = d.TryGetProperty("bb", out var bb) ? bb.GetInt64() : null,
            BodyTruncated = Flag(d, "bt"),
            RetryAfter = d.TryGetProperty("ra", out var ra) ? TimeSpan.FromMilliseconds(ra.GetDouble()) : null,
            RedirectChain = d.TryGetProperty("hops", out var hops)
                ? hops.EnumerateArray().Select(h => new RedirectHop(h[0].GetString()!, h[1].GetInt32(), h[2].GetString()!)).ToArray()
                : [],
            Redirect = redirect,
            Error = error,
            Notes = d.TryGetProperty("notes", out var notes) ? notes.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [],
            Connectivity = d.TryGetProperty("pr", out var pr)
                ? new ConnectivityCheck(Flag(pr, "on"), DateTimeOffset.FromUnixTimeMilliseconds(pr.GetProperty("at").GetInt64()), TimeSpan.FromMilliseconds(pr.GetProperty("ms").GetDouble()))
                : null,
        };
    }

    private static ContentCheck ReadContent(JsonElement c, string? sha256) => new()
    {
        Title = OptionalString(c, "ti"),
        Fingerprint = new PageFingerprint(sha256 ?? throw new JsonException("A row with content has no fingerprint."),
            ulong.Parse(c.GetProperty("sh").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture), c.GetProperty("tl").GetInt32()),
        Truncated = Flag(c, "tr"),
        ChangedSinceLastCheck = c.TryGetProperty("ch", out var ch) ? ch.GetBoolean() : null,
        SimilarityToLastCheck = c.TryGetProperty("si", out var si) ? si.GetDouble() : null,
        LastCheckedAt = c.TryGetProperty("la", out var la) ? DateTimeOffset.FromUnixTimeMilliseconds(la.GetInt64()) : null,
        Quotes = c.TryGetProperty("q", out var q)
            ? q.EnumerateArray().Select(x => new QuoteCheck(x[0].GetString()!, x[1].GetBoolean(), x[2].GetDouble())).ToArray()
            : [],
    };

    private static ArchivedCopy ReadArchive(JsonElement a) => new()
    {
        Url = a.GetProperty("u").GetString()!,
        OriginalUrl = a.GetProperty("o").GetString()!,
        CapturedAt = DateTimeOffset.FromUnixTimeMilliseconds(a.GetProperty("at").GetInt64()),
        Archive = a.GetProperty("by").GetString()!,
        Reference = DateTimeOffset.FromUnixTimeMilliseconds(a.GetProperty("rf").GetInt64()),
        ReferenceIsAccessedDate = Flag(a, "acc"),
        Verified = Flag(a, "ok"),
        VerifiedStatus = a.TryGetProperty("vs", out var vs) ? vs.GetInt32() : null,
    };

    private static string? OptionalString(JsonElement e, string name)
        => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var value) && value.GetBoolean();

    private static void True(Utf8JsonWriter json, string name, bool value)
    {
        if (value)
        {
            json.WriteBoolean(name, true);
        }
    }

    /// <summary>Writes items as an array of arrays (a tuple each), or nothing when there are none.</summary>
    private static void Tuples<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeTuple)
    {
        if (items.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartArray();
            writeTuple(json, item);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
