using Citations.Csl.Output;

namespace Citations.Extensions.DependencyInjection;

/// <summary>Where styles and locales come from, and how bibliographies are written, for <see cref="CslProcessorCache"/>.</summary>
public sealed class CslServiceOptions
{
    /// <summary>A folder of <c>.csl</c> files looked in first (styles by file name or <c>&lt;id&gt;</c>), then the embedded styles. <value>Default: none (the embedded styles only).</value></summary>
    public string? StylesDirectory { get; set; }

    /// <summary>A folder of <c>locales-xx-XX.xml</c> files looked in before the embedded en-US locale. <value>Default: none.</value></summary>
    public string? LocalesDirectory { get; set; }

    /// <summary>The output format when a call names none: <c>text</c>, <c>html</c>, <c>rtf</c> or <c>markdown</c>. <value>Default: <c>text</c>.</value></summary>
    public string Format { get; set; } = "text";

    /// <summary>
    /// How many threads one call may use. A server formats many requests at once, so one thread per call is the
    /// default: a long bibliography never takes every core from the other requests. <value>Default: 1.</value>
    /// </summary>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <summary>How many processors (style, format and language) are kept. <value>Default: 64.</value></summary>
    public int MaxProcessors { get; set; } = 64;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (CslOutputFormat.FromName(Format) is null)
        {
            problems.Add($"{nameof(CslServiceOptions)}: {nameof(Format)} must be text, html, rtf or markdown, not '{Format}'.");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            problems.Add($"{nameof(CslServiceOptions)}: {nameof(MaxDegreeOfParallelism)} must be at least 1, not {MaxDegreeOfParallelism}.");
        }

        if (MaxProcessors < 1)
        {
            problems.Add($"{nameof(CslServiceOptions)}: {nameof(MaxProcessors)} must be at least 1, not {MaxProcessors}.");
        }

        if (StylesDirectory is { } styles && !Directory.Exists(styles))
        {
            problems.Add($"{nameof(CslServiceOptions)}: {nameof(StylesDirectory)} '{styles}' does not exist.");
        }

        if (LocalesDirectory is { } locales && !Directory.Exists(locales))
        {
            problems.Add($"{nameof(CslServiceOptions)}: {nameof(LocalesDirectory)} '{locales}' does not exist.");
        }

        return problems;
    }
}
