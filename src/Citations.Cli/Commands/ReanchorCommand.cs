using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Citations.Cli.CommandLine;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Links.Articles;
using Citations.Links.Checking;
using Citations.Links.Http;
using Citations.Model;
using Citations.Reanchoring;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations reanchor ARTICLE NEW [-o OUT] [--json REPORT]</c>: moves every claim's anchor to a newer version of the
/// article (an HTML or Markdown file, or an http(s) URL) and says, per claim, whether it is unchanged, moved, reworded
/// or not found.
/// </summary>
internal sealed class ReanchorCommand : ICliCommand
{
    /// <summary>The version of the <c>--json</c> report's format.</summary>
    public const int JsonFormatVersion = 1;

    private readonly Argument<string> _article = CliOptions.SinglePath("ARTICLE", "the article file whose anchors point into the old version");
    private readonly Argument<string> _new = CliOptions.SinglePath("NEW", "the new version: an HTML or Markdown file, or an http(s) URL");
    private readonly Option<string?> _output = CliOptions.Value("--output", "FILE", "write the updated article file to FILE (default: standard output)", "-o");
    private readonly Option<string?> _json = CliOptions.Value("--json", "FILE", "write the per-claim report as JSON to FILE");
    private readonly Option<bool> _allowPrivate = CliOptions.Flag("--allow-private", "allow loopback, private and link-local addresses for NEW (refused by default)");
    private readonly Option<long?> _maxInputSize;

    /// <summary>Creates the command.</summary>
    /// <param name="maxInputSize">The tool's <c>--max-input-size</c> option.</param>
    public ReanchorCommand(Option<long?> maxInputSize)
    {
        _maxInputSize = maxInputSize;
        Definition = new Command("reanchor", "move every claim's anchor to a newer version of the article, and say which claims moved, changed wording or were lost")
        {
            _article, _new, _output, _json, _allowPrivate,
        };
    }

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        NEW is read as 'citations extract' reads an article (same paragraphs, same boilerplate left
        out). Each claim's quote is looked for (typography folded: quotation marks, dashes, whitespace)
        1. exactly; among several occurrences the prefix and suffix choose (then the old paragraph);
        2. between its old prefix and suffix, for an edited quote (at most 50% of the longer of the old
           and new words changed);
        3. by a fuzzy search over the whole text (at most 20% of the quote's characters changed),
           widened to whole words and to the whole sentence.
        Steps 2 and 3 only for quotes of 16 to 2000 characters; step 3 only for texts up to 2,000,000
        characters. The updated article keeps every other field of the file; reworded and lost claims
        are marked "reviewed": false. Moved (CIT0222), reworded (CIT0220, old -> new words) and lost
        (CIT0221) claims are listed on standard error, then a summary.

        Exit codes:
          0  every claim placed with its words unchanged (unchanged or moved)
          1  some claims reworded or not found (the article is still written, with them unreviewed),
             or the article file has errors
          2  nothing done: wrong command line, the article file or NEW cannot be read or fetched

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var articlePath = parse.GetRequiredValue(_article);
        var newVersion = parse.GetRequiredValue(_new);
        var maxBytes = parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes;

        var bytes = InputFile.ReadAllBytes(context.ResolvePath(articlePath), maxBytes, articlePath);
        var read = bytes.Value is null
            ? new ParseResult<Article>(null, bytes.Diagnostics)
            : ArticleJson.Read(bytes.Value, articlePath, new ArticleReadOptions { MaxFileBytes = maxBytes, BaseDirectory = Path.GetDirectoryName(context.ResolvePath(articlePath)) });
        await context.WriteDiagnosticsAsync(read.Diagnostics.Where(d => d.IsError)).ConfigureAwait(false);
        if (read.Stopped || read.Value is null)
        {
            throw new InputException($"{articlePath} could not be read (see above); nothing was re-anchored.");
        }

        var text = await ReadNewVersionAsync(newVersion, parse, context, maxBytes, cancellationToken).ConfigureAwait(false);
        var result = AnchorRelocation.Relocate(read.Value, text);
        var updated = Patch(bytes.Value!, result);
        if (parse.GetValue(_output) is { } output)
        {
            await File.WriteAllTextAsync(context.ResolvePath(output), updated, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteAsync(updated).ConfigureAwait(false);
        }

        if (parse.GetValue(_json) is { } jsonPath)
        {
            await File.WriteAllTextAsync(context.ResolvePath(jsonPath), JsonReport(result, articlePath, newVersion), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }

        await context.WriteDiagnosticsAsync(result.Diagnostics(articlePath)).ConfigureAwait(false);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"citations reanchor: {result.Claims.Count} claims: {result.Count(RelocationOutcome.Unchanged)} unchanged, {result.Count(RelocationOutcome.Moved)} moved, {result.Count(RelocationOutcome.Reworded)} reworded, {result.Count(RelocationOutcome.NotFound)} not found (placed {result.Count(RelocationMethod.Exact)} exactly, {result.Count(RelocationMethod.Context)} by context, {result.Count(RelocationMethod.Fuzzy)} by fuzzy search)."))
            .ConfigureAwait(false);
        return result.AllPlacedUnchanged && !read.Diagnostics.Any(d => d.IsError) ? ExitCodes.Success : ExitCodes.Problems;
    }

    private async Task<ArticleText> ReadNewVersionAsync(string newVersion, ParseResult parse, CliContext context, long maxBytes, CancellationToken cancellationToken)
    {
        var options = new ArticleExtractionOptions { AllowPrivateAddresses = parse.GetValue(_allowPrivate) };
        using var reader = new ArticleTextReader(options, hostResolver: ResolverFromEnvironment(context));
        ParseResult<ArticleText> read;
        if (Uri.TryCreate(newVersion, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            read = await reader.ReadUrlAsync(url, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var path = context.ResolvePath(newVersion);
            if (!File.Exists(path))
            {
                throw new InputException($"{newVersion}: no such file.");
            }

            read = await reader.ReadFileAsync(path, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        await context.WriteDiagnosticsAsync(read.Diagnostics).ConfigureAwait(false);
        return read.Value ?? throw new InputException($"{newVersion} could not be read (see above); nothing was re-anchored.");
    }

    /// <summary>
    /// The article file with only the re-anchored claims' <c>anchor</c>, <c>text</c> and <c>reviewed</c> changed, so that
    /// everything else the file holds (a <c>bibliography</c> reference, <c>$schema</c>, items as written) stays.
    /// </summary>
    private static string Patch(byte[] original, ReanchorResult result)
    {
        var root = JsonNode.Parse(original, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var claims = root["claims"] as JsonArray ?? [];
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in result.Article.Claims)
        {
            if (!done.Add(claim.Id))
            {
                continue;
            }

            var node = claims.OfType<JsonObject>().FirstOrDefault(c => c["id"] is JsonValue id && id.TryGetValue<string>(out var text) && text == claim.Id);
            if (node is null)
            {
                continue;
            }

            var selector = new JsonObject { ["exact"] = claim.Anchor.Selector.Exact };
            if (claim.Anchor.Selector.Prefix is { } prefix)
            {
                selector["prefix"] = prefix;
            }

            if (claim.Anchor.Selector.Suffix is { } suffix)
            {
                selector["suffix"] = suffix;
            }

            node["anchor"] = new JsonObject { ["paragraph"] = claim.Anchor.Paragraph, ["selector"] = selector };
            node["text"] = claim.Text;
            if (!claim.Reviewed)
            {
                node["reviewed"] = false;
            }
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }) + "\n";
    }

    private static string JsonReport(ReanchorResult result, string article, string newVersion)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", JsonFormatVersion);
            json.WriteString("article", article);
            json.WriteString("newVersion", newVersion);
            json.WriteStartObject("totals");
            json.WriteNumber("claims", result.Claims.Count);
            foreach (var outcome in Enum.GetValues<RelocationOutcome>())
            {
                json.WriteNumber(Name(outcome), result.Count(outcome));
            }

            foreach (var method in Enum.GetValues<RelocationMethod>().Where(m => m != RelocationMethod.None))
            {
                json.WriteNumber(Name(method), result.Count(method));
            }

            json.WriteEndObject();
            json.WriteStartArray("claims");
            foreach (var claim in result.Claims)
            {
                json.WriteStartObject();
                json.WriteString("id", claim.ClaimId);
                json.WriteString("outcome", Name(claim.Outcome));
                json.WriteString("method", Name(claim.Method));
                json.WriteNumber("oldParagraph", claim.OldAnchor.Paragraph);
                WriteNumberOrNull(json, "newParagraph", claim.NewAnchor?.Paragraph);
                json.WriteString("oldExact", claim.OldAnchor.Selector.Exact);
                json.WriteString("newExact", claim.NewAnchor?.Selector.Exact);
                WriteNumberOrNull(json, "editDistance", claim.EditDistance);
                json.WriteString("reason", claim.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The JSON name of an outcome or method: its name with a lower-case first letter (<c>notFound</c>).</summary>
    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The resolver <see cref="LinkCheckerBuilder.ResolverVariable"/> asks for: <c>loopback</c> never asks DNS.</summary>
    private static HostResolver? ResolverFromEnvironment(CliContext context)
    {
        var value = context.EnvironmentVariable(LinkCheckerBuilder.ResolverVariable)?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" or "system" => null,
            "loopback" => HostResolver.LoopbackOnly,
            _ => throw new UsageException($"{LinkCheckerBuilder.ResolverVariable} must be 'system' or 'loopback', not '{value}'."),
        };
    }
}
