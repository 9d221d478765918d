using System.Text.Json;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.CslYaml;

/// <summary>
/// CSL-YAML: CSL items written in YAML, as pandoc reads and writes them: a list of items, a mapping whose
/// <c>references</c> key holds the list, or the YAML front matter of a Markdown file with such a key. The items are
/// checked exactly as CSL-JSON items are (the same codes), and every diagnostic names the YAML line and column.
/// </summary>
/// <remarks>Thread-safe. Uses YamlDotNet's parser and emitter only (no reflection), so it is trim- and AOT-safe.</remarks>
public sealed class CslYamlFormat : IItemReader, IItemWriter
{
    private CslYamlFormat()
    {
    }

    /// <summary>The one instance.</summary>
    public static CslYamlFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "cslyaml";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml", ".md", ".markdown"];

    /// <inheritdoc/>
    public string Extension => ".yaml";

    /// <inheritdoc/>
    public bool Sniff(ReadOnlySpan<byte> start)
    {
        var text = start.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("references:"u8) || text.StartsWith("- id:"u8))
        {
            return true;
        }

        return text.StartsWith("---"u8) && (text.IndexOf("\nreferences:"u8) >= 0 || text.IndexOf("\n- id:"u8) >= 0);
    }

    /// <inheritdoc/>
    public ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> content, string? file)
        => Read(TextSource.Decode(content.Span, file), IsMarkdown(file));

    /// <summary>Reads CSL-YAML text (or a Markdown file's front matter, when <paramref name="markdown"/> is set).</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file name for diagnostics.</param>
    /// <param name="markdown">Whether the text is Markdown whose front matter holds the items.</param>
    public ParseResult<IReadOnlyList<CslItem>> Read(string text, string? file = null, bool markdown = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(TextSource.FromText(text, file), markdown);
    }

    /// <inheritdoc/>
    public string Write(IReadOnlyList<CslItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return CslYamlWriter.Write(items);
    }

    private static bool IsMarkdown(string? file)
        => file is not null && Path.GetExtension(file).ToLowerInvariant() is ".md" or ".markdown" or ".rmd" or ".qmd";

    private static ParseResult<IReadOnlyList<CslItem>> Read(TextSource source, bool markdown)
    {
        var text = source.Text;
        if (markdown && !text.StartsWith("---", StringComparison.Ordinal))
        {
            source.Report(DiagnosticSeverity.Fatal, DiagnosticCodes.NoReferences,
                "The Markdown file has no YAML front matter (a first line '---'), so it holds no references.", 0);
            return new ParseResult<IReadOnlyList<CslItem>>(null, source.Diagnostics);
        }

        var root = YamlTree.Read(text, 0, out var problem);
        if (problem is { } p)
        {
            return Fatal(source, DiagnosticCodes.InvalidYaml, p.Message, p.Line, p.Column);
        }

        var (list, prefix) = root switch
        {
            YamlSequence sequence => (sequence, "$"),
            YamlMapping mapping when mapping.Get("references") is YamlSequence references => (references, "references"),
            _ => ((YamlSequence?)null, "$"),
        };
        if (list is null)
        {
            var what = markdown ? "The front matter has no 'references' list." : "The YAML is neither a list of items nor a mapping with a 'references' list.";
            return Fatal(source, DiagnosticCodes.NoReferences, what, root?.Line ?? 1, root?.Column ?? 1);
        }

        var json = YamlJson.Convert(list, out problem);
        if (problem is { } q)
        {
            return Fatal(source, DiagnosticCodes.InvalidYaml, q.Message, q.Line, q.Column);
        }

        foreach (var (message, line, column) in json.Duplicates)
        {
            source.Add(new Diagnostic(DiagnosticSeverity.Warning, DiagnosticCodes.DuplicateProperty, message, new SourceLocation(source.File, null, line, column)));
        }

        var items = new List<CslItem>(list.Items.Count);
        var reader = new CslItemReader((severity, code, message, path, offset) =>
        {
            var (line, column) = json.Locate(offset);
            source.Add(new Diagnostic(severity, code, message, new SourceLocation(source.File, path, line, column)));
        });
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var jsonReader = new Utf8JsonReader(json.Json.Span, new JsonReaderOptions { MaxDepth = YamlTree.MaxDepth + 8 });
        jsonReader.Read();
        var index = 0;
        while (jsonReader.Read() && jsonReader.TokenType != JsonTokenType.EndArray && !source.Stopped)
        {
            var path = JsonPath.Index(prefix, index++);
            var start = jsonReader.TokenStartIndex;
            if (reader.ReadItem(ref jsonReader, path) is not { } item)
            {
                continue;
            }

            if (seen.TryGetValue(item.Id.Text, out var firstPath))
            {
                var (line, column) = json.Locate(start);
                source.Add(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.DuplicateId,
                    $"Item id '{item.Id.Text}' is used twice (first at {firstPath}); the second item was skipped.", new SourceLocation(source.File, path, line, column)));
                continue;
            }

            seen[item.Id.Text] = path;
            items.Add(item);
        }

        return new ParseResult<IReadOnlyList<CslItem>>(items, source.Diagnostics);
    }

    private static ParseResult<IReadOnlyList<CslItem>> Fatal(TextSource source, string code, string message, int line, int column)
    {
        source.Add(new Diagnostic(DiagnosticSeverity.Fatal, code, message, new SourceLocation(source.File, null, line, column)));
        return new ParseResult<IReadOnlyList<CslItem>>(null, source.Diagnostics);
    }
}
