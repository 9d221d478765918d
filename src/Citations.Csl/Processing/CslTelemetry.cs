using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citations.Csl.Processing;

/// <summary>
/// What a <see cref="CslProcessor"/> tells an application: a span per bibliography from the activity source
/// <see cref="Name"/> (<see cref="BibliographyActivity"/>, with the style, language, format, and the counts of entries
/// and warnings), and log events (category <see cref="Category"/>, event ids 2001–2099) through
/// <see cref="CslProcessorOptions.LoggerFactory"/>.
/// </summary>
public static partial class CslTelemetry
{
    /// <summary>The name of the activity source.</summary>
    public const string Name = "Citations.Csl";

    /// <summary>The span around formatting one bibliography.</summary>
    public const string BibliographyActivity = "citations.csl.bibliography";

    /// <summary>The category of the processor's log events.</summary>
    public const string Category = "Citations.Csl.CslProcessor";

    private static readonly ActivitySource Source = new(Name);

    internal static ILogger Logger(ILoggerFactory? factory) => factory?.CreateLogger(Category) ?? NullLogger.Instance;

    internal static Activity? StartBibliography(CslProcessor processor)
    {
        var activity = Source.StartActivity(BibliographyActivity, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("citations.csl.style", processor.Style.Id);
            activity.SetTag("citations.csl.language", processor.Language);
            activity.SetTag("citations.csl.format", processor.Format.Name);
        }

        return activity;
    }

    internal static void EndBibliography(Activity? activity, CslProcessor processor, CslBibliography bibliography)
    {
        activity?.SetTag("citations.csl.entries", bibliography.Entries.Count);
        activity?.SetTag("citations.csl.warnings", bibliography.Warnings.Count);
        BibliographyFormatted(processor.Logger, processor.Style.Id, bibliography.Entries.Count, bibliography.Warnings.Count);
        foreach (var warning in bibliography.Warnings)
        {
            BibliographyWarning(processor.Logger, processor.Style.Id, warning.Code, warning.ToString());
        }
    }

    [LoggerMessage(EventId = 2001, EventName = "BibliographyFormatted", Level = LogLevel.Debug,
        Message = "Formatted a bibliography in {Style}: {Entries} entries, {Warnings} warning(s)")]
    private static partial void BibliographyFormatted(ILogger logger, string style, int entries, int warnings);

    [LoggerMessage(EventId = 2002, EventName = "BibliographyWarning", Level = LogLevel.Warning,
        Message = "Bibliography in {Style}: {Code} {Diagnostic}")]
    private static partial void BibliographyWarning(ILogger logger, string style, string code, string diagnostic);
}
