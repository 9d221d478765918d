using Citations.Csl.Styles;
using Citations.Diagnostics;
using Citations.Extensions.DependencyInjection;
using Citations.Serialization;

namespace FormattingApi;

/// <summary>
/// A minimal API that formats a posted CSL-JSON list in a requested style:
/// <c>POST /bibliography?style=apa&amp;format=text&amp;lang=en-US</c> with the items as the body.
/// </summary>
public static class BibliographyApi
{
    /// <summary>The largest body read: a bibliography of a few thousand entries.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Builds the application (the styles folder and formats come from the section <c>Citations:Csl</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddCitations(builder.Configuration.GetSection("Citations:Csl"));
        var app = builder.Build();
        app.MapPost("/bibliography", FormatAsync);
        return app;
    }

    private static async Task<IResult> FormatAsync(HttpRequest request, CslProcessorCache processors,
        string? style, string? format, string? lang, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        var read = await CopyAtMostAsync(request.Body, body, MaxBodyBytes, cancellationToken);
        if (!read)
        {
            return Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var items = CslJson.Read(body.ToArray(), "request body");
        var errors = items.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        if (items.Value is null || items.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Fatal))
        {
            return Results.Problem(string.Join("\n", errors), statusCode: StatusCodes.Status400BadRequest, title: "The body is not a CSL-JSON list.");
        }

        try
        {
            var processor = await processors.GetAsync(style ?? CslStyleSources.AuthorDate, format, lang, cancellationToken);
            var bibliography = processor.FormatBibliography(items.Value);
            return Results.Ok(new BibliographyResponse(
                processor.Style.Id,
                processor.Format.Name,
                bibliography.Entries.Select(e => new BibliographyEntry(e.Id, e.Text)).ToList(),
                [.. errors, .. bibliography.Warnings.Select(w => w.ToString())]));
        }
        catch (CslStyleNotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "No such style.");
        }
        catch (ArgumentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Copies a stream up to a limit; false when it holds more.</summary>
    private static async Task<bool> CopyAtMostAsync(Stream from, MemoryStream to, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int n;
        while ((n = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (to.Length + n > limit)
            {
                return false;
            }

            to.Write(buffer, 0, n);
        }

        return true;
    }
}

/// <summary>The answer: the style and format used, each entry, and any warnings (entries with errors were left out).</summary>
public sealed record BibliographyResponse(string Style, string Format, IReadOnlyList<BibliographyEntry> Entries, IReadOnlyList<string> Warnings);

/// <summary>One formatted entry.</summary>
public sealed record BibliographyEntry(string Id, string Text);
