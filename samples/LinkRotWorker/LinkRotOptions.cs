using Microsoft.Extensions.Options;

namespace LinkRotWorker;

/// <summary>What the worker checks and how often.</summary>
public sealed class LinkRotOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "LinkRot";

    /// <summary>The history file when none is configured.</summary>
    public const string DefaultHistoryFile = "citations-links.db";

    /// <summary>The folder of articles (<c>*.json</c>), Markdown (<c>*.md</c>) and HTML files whose links are checked.</summary>
    public string ArticleFolder { get; set; } = "articles";

    /// <summary>The SQLite history, kept between passes and runs (rot needs failures spread over days).</summary>
    public string HistoryFile { get; set; } = DefaultHistoryFile;

    /// <summary>The time between the starts of two passes. <value>Default: one day.</value></summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Checks the options when the host starts.</summary>
internal sealed class LinkRotOptionsValidation : IValidateOptions<LinkRotOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkRotOptions options)
    {
        var problems = new List<string>();
        if (!Directory.Exists(options.ArticleFolder))
        {
            problems.Add($"LinkRot:ArticleFolder '{options.ArticleFolder}' does not exist.");
        }

        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            problems.Add($"LinkRot:Interval must be at least one second, not {options.Interval}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
