using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Model;
using Citations.Validation;

namespace Citations.Serialization;

/// <summary>Options for reading an article file.</summary>
/// <remarks>Immutable once created; safe to share.</remarks>
public sealed record ArticleReadOptions
{
    /// <summary>The options used when none are given: validate, without the article's text.</summary>
    public static ArticleReadOptions Default { get; } = new();

    /// <summary>Whether to run <see cref="ArticleValidator"/> on the article read and add its findings to the result.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Validate { get; init; } = true;

    /// <summary>The article's text, to check claim anchors against; <see langword="null"/> skips those checks.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public ArticleText? Text { get; init; }

    /// <summary>The item formats the file named by the article's <c>bibliography</c> property may be in.</summary>
    /// <value>Defaults to <see cref="ItemFormats.Default"/>.</value>
    public ItemFormats ItemFormats { get; init; } = ItemFormats.Default;

    /// <summary>The size cap of the article file (when read from a file) and of its bibliography file, in bytes.</summary>
    /// <value>Defaults to <see cref="InputFile.DefaultMaxBytes"/> (256 MiB).</value>
    public long MaxFileBytes { get; init; } = InputFile.DefaultMaxBytes;

    /// <summary>
    /// The folder a relative <c>bibliography</c> path is resolved against; <see langword="null"/> for the folder of the
    /// article file (the file name given to the reader, relative to the current directory).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? BaseDirectory { get; init; }
}

/// <summary>Options for writing an article file.</summary>
/// <remarks>Immutable once created; safe to share.</remarks>
public sealed record ArticleWriteOptions
{
    /// <summary>The options used when none are given: indented, no <c>$schema</c>.</summary>
    public static ArticleWriteOptions Default { get; } = new();

    /// <summary>Whether to indent the JSON (two spaces, <c>\n</c> line ends).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Indented { get; init; } = true;

    /// <summary>
    /// The value of the <c>$schema</c> property, such as a relative path to <c>article.schema.json</c>, which lets
    /// editors check and complete the file; <see langword="null"/> leaves it out.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? SchemaReference { get; init; }
}

/// <summary>
/// Reads and writes article files: JSON holding an article's metadata (CSL-JSON), its claims and its sources, as
/// described by <c>schemas/article.schema.json</c>. Reading never throws for bad data: invalid JSON, values of the wrong
/// type, missing properties and the validator's findings all become diagnostics with the file, JSON path, line and
/// column.
/// </summary>
/// <remarks>Thread-safe. Uses a source-generated serializer: no reflection, safe to trim and compile ahead of time.</remarks>
public static class ArticleJson
{
    /// <summary>The version of the article file format (the <c>formatVersion</c> property) this library reads and writes.</summary>
    public const int FormatVersion = ArticleMapper.FormatVersion;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>Reads an article from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="file">The file name to put in diagnostics, if any.</param>
    /// <param name="options">What to check; <see cref="ArticleReadOptions.Default"/> when <see langword="null"/>.</param>
    public static ParseResult<Article> Read(string json, string? file = null, ArticleReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), file, options);
    }

    /// <summary>Reads an article from UTF-8 JSON (a byte-order mark is allowed).</summary>
    /// <param name="utf8">The JSON bytes.</param>
    /// <param name="file">The file name to put in diagnostics, if any.</param>
    /// <param name="options">What to check; <see cref="ArticleReadOptions.Default"/> when <see langword="null"/>.</param>
    public static ParseResult<Article> Read(ReadOnlyMemory<byte> utf8, string? file = null, ArticleReadOptions? options = null)
    {
        options ??= ArticleReadOptions.Default;
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (JsonText.CheckUtf8(utf8, file, ReaderOptions) is { } notUtf8)
        {
            return Result(null, [notUtf8], file);
        }

        var diagnostics = new List<Diagnostic>();
        var index = JsonPositionIndex.Build(utf8, file, ReaderOptions, diagnostics);
        if (index is null)
        {
            return Result(null, diagnostics, file);
        }

        // Check the shape against the serializer's own contract, reporting every fault, and read the repaired copy.
        var typeInfo = ArticleJsonContext.Default.ArticleFileDto;
        using var repaired = new MemoryStream(utf8.Length);
        JsonShapeChecker checker;
        using (var document = JsonDocument.Parse(utf8, DocumentOptions))
        using (var writer = new Utf8JsonWriter(repaired))
        {
            checker = new JsonShapeChecker(typeInfo.Options, index, utf8, ReaderOptions, diagnostics);
            checker.Check(document.RootElement, typeInfo, writer);
        }

        ArticleFileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(repaired.GetBuffer().AsSpan(0, (int)repaired.Length), typeInfo);
        }
        catch (JsonException e)
        {
            // The shape check should have caught this; report it rather than throw if it did not.
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.WrongType,
                JsonPositionIndex.TrimPositionSuffix(e.Message), index.Locate(e.Path ?? "$")));
            return Result(null, diagnostics, file);
        }

        if (dto is null)
        {
            if (!checker.Repaired.Contains("$"))
            {
                diagnostics.Add(index.Create(DiagnosticSeverity.Error, DiagnosticCodes.NotAnObject, "An article file must be a JSON object, not null.", "$"));
            }

            return Result(null, diagnostics, file);
        }

        var bibliography = dto.Bibliography is { } reference && !string.IsNullOrWhiteSpace(reference)
            ? ArticleBibliography.Read(reference, file, options, diagnostics)
            : null;
        var mapper = new ArticleMapper(index, diagnostics, checker.Repaired, checker.Items, bibliography);
        var article = mapper.ToModel(dto);
        if (article is not null && options.Validate)
        {
            var findings = new List<Diagnostic>();
            ArticleValidator.Validate(article, options.Text, mapper.ClaimPaths, mapper.SourcePaths, findings);
            diagnostics.AddRange(findings.Select(index.Place));
        }

        return Result(article, diagnostics, file);
    }

    /// <summary>
    /// Reads an article file, under <see cref="ArticleReadOptions.MaxFileBytes"/>. A file that cannot be read gives a
    /// <see cref="DiagnosticSeverity.Fatal"/> diagnostic, not an exception.
    /// </summary>
    /// <param name="path">The file's path; diagnostics name it as given.</param>
    /// <param name="options">What to check; <see cref="ArticleReadOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ParseResult<Article>> ReadFileAsync(string path, ArticleReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ArticleReadOptions.Default;
        var bytes = await InputFile.ReadAllBytesAsync(path, options.MaxFileBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
        return bytes.Value is null ? new ParseResult<Article>(null, bytes.Diagnostics) : Read(bytes.Value, path, options);
    }

    /// <summary>
    /// Reads an article file synchronously, under <see cref="ArticleReadOptions.MaxFileBytes"/>. A file that cannot be
    /// read gives a <see cref="DiagnosticSeverity.Fatal"/> diagnostic, not an exception.
    /// </summary>
    /// <param name="path">The file's path; diagnostics name it as given.</param>
    /// <param name="options">What to check; <see cref="ArticleReadOptions.Default"/> when <see langword="null"/>.</param>
    public static ParseResult<Article> ReadFile(string path, ArticleReadOptions? options = null)
    {
        options ??= ArticleReadOptions.Default;
        var bytes = InputFile.ReadAllBytes(path, options.MaxFileBytes);
        return bytes.Value is null ? new ParseResult<Article>(null, bytes.Diagnostics) : Read(bytes.Value, path, options);
    }

    /// <summary>Writes an article as JSON in the article file format.</summary>
    /// <param name="article">The article.</param>
    /// <param name="options">How to write; <see cref="ArticleWriteOptions.Default"/> when <see langword="null"/>.</param>
    public static string Write(Article article, ArticleWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        options ??= ArticleWriteOptions.Default;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = options.Indented,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            JsonSerializer.Serialize(writer, ArticleMapper.ToFile(article, options.SchemaReference), ArticleJsonContext.Default.ArticleFileDto);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The result, the article file's problems in file order, then those of the files it names.</summary>
    private static ParseResult<Article> Result(Article? article, List<Diagnostic> diagnostics, string? file)
        => new(article, diagnostics.OrderBy(d => d.Location.File == file ? 0 : 1).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToArray());
}
