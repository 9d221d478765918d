using System.Text;
using System.Text.Json;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Links.Lookup;

/// <summary>What a resolver's answer (or a cache entry) holds: one valid CSL-JSON item, or why it does not.</summary>
/// <param name="Item">The item, when the answer is one item (or an array of one) that the core CSL-JSON reader reads without errors.</param>
/// <param name="ItemJson">The item's JSON as sent (the element, when the answer is an array of one).</param>
/// <param name="Problem">Why the answer is not usable, when <paramref name="Item"/> is <see langword="null"/>.</param>
/// <param name="Warnings">What the reader found suspicious in a usable item (an unknown type, a date it could not read).</param>
internal sealed record DoiAnswer(CslItem? Item, ReadOnlyMemory<byte> ItemJson, string? Problem, IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>Reads an answer through the core CSL-JSON reader (<see cref="CslJson"/>).</summary>
    /// <param name="body">The answer's bytes.</param>
    /// <param name="source">Where it came from, for the reader's diagnostics.</param>
    public static DoiAnswer Read(ReadOnlyMemory<byte> body, string source)
    {
        var read = CslJson.Read(body, source);
        if (read.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Fatal) is { } fatal)
        {
            return Unusable("it is not CSL-JSON: " + Describe(fatal));
        }

        if (read.Diagnostics.FirstOrDefault(d => d.IsError) is { } error)
        {
            return Unusable("its CSL-JSON has errors: " + Describe(error));
        }

        var items = read.Value ?? [];
        if (items.Count != 1)
        {
            return Unusable($"it holds {items.Count} items, not one");
        }

        return new DoiAnswer(items[0], ItemOf(body), null, read.Diagnostics);
    }

    /// <summary>A warning about the answer, told where the DOI was named.</summary>
    /// <param name="warning">The reader's warning (located in the answer).</param>
    /// <param name="doi">The DOI.</param>
    /// <param name="location">Where the DOI was named.</param>
    public static Diagnostic Relocated(Diagnostic warning, Doi doi, SourceLocation location)
        => warning with { Message = $"DOI {doi.Text}: in the resolver's answer: {Describe(warning)}.", Location = location };

    private static DoiAnswer Unusable(string problem) => new(null, default, problem, []);

    /// <summary>
    /// The message and where (line and column of the answer) it applies. Messages can quote the answer, which a server
    /// wrote: control characters are shown as <c>\uXXXX</c>, so that none reaches a terminal raw.
    /// </summary>
    private static string Describe(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var where = location.Line > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (line {location.Line}, column {location.Column})")
            : string.Empty;
        var message = diagnostic.Message.TrimEnd('.');
        if (message.Any(char.IsControl))
        {
            var printable = new StringBuilder(message.Length + 16);
            foreach (var c in message)
            {
                if (char.IsControl(c))
                {
                    printable.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                }
                else
                {
                    printable.Append(c);
                }
            }

            message = printable.ToString();
        }

        return message + where;
    }

    /// <summary>The JSON of the one item: the answer itself, or the element of an array of one.</summary>
    private static ReadOnlyMemory<byte> ItemOf(ReadOnlyMemory<byte> body)
    {
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var span = body.Span.TrimStart(" \t\r\n"u8);
        if (span.IsEmpty || span[0] != (byte)'[')
        {
            return body;
        }

        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Encoding.UTF8.GetBytes(document.RootElement[0].GetRawText());
    }
}
