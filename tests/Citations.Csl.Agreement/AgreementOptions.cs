using System.Globalization;
using System.Text.RegularExpressions;

namespace Citations.Csl.Agreement;

/// <summary>What to compare. Parsed from the command line; every problem is reported at once.</summary>
internal sealed class AgreementOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/Citations.Csl.Agreement -- [options]

          --styles REGEX     only styles whose name matches (e.g. 'apa|ieee', 'dependent/')
          --mode M           bib | cite | all (default all)
          --formats LIST     comma-separated output formats (default text,html)
          --items N|FILE     generated items (default 500), or a CSL-JSON file of items to compare instead (for
                             example tests/Citations.Csl.Agreement/corpus/hard-items.json); with a file, the sample
                             article's bibliography is not compared
          --citations FILE   with --items FILE: the citations to compare (render.js's format: an array of citations,
                             each an array of cite objects); without it, a document is generated over the file's items
          --seed S           generator seed for the items (default 1)
          --clusters N       citation clusters in the generated document (default 200)
          --doc-seed S       seed of the document generator (default 1)
          --jobs N           render.js processes run at once (default 1)
          --json FILE        JSON report (default: citations-agreement.json in the temp directory)
          --classes N        difference classes to list (default 15)
          --diff [N]         print up to N differing line pairs per case (default 20)
          --locales WHERE    our side's locales: shared (../shared/csl/locales, default) or embedded (no locale
                             option at all, as a new user runs it); render.js always uses the shared locales
          --locales-url URL  our side: the embedded en-US, then locales downloaded from URL (for example a loopback
                             server over ../shared/csl/locales) into a fresh temporary cache
        """;

    public Regex? Styles { get; private set; }

    public bool Bibliographies { get; private set; } = true;

    public bool Citations { get; private set; } = true;

    public IReadOnlyList<string> Formats { get; private set; } = ["text", "html"];

    public int Items { get; private set; } = 500;

    /// <summary>A CSL-JSON file of items compared instead of generated ones, or <see langword="null"/>.</summary>
    public string? ItemsFile { get; private set; }

    /// <summary>With <see cref="ItemsFile"/>: a citations file in render.js's format, or <see langword="null"/>.</summary>
    public string? CitationsFile { get; private set; }

    public int Seed { get; private set; } = 1;

    public int Clusters { get; private set; } = 200;

    public int DocumentSeed { get; private set; } = 1;

    public int Jobs { get; private set; } = 1;

    public string Json { get; private set; } = Path.Combine(Path.GetTempPath(), "citations-agreement.json");

    public int Classes { get; private set; } = 15;

    public int Diff { get; private set; }

    /// <summary>Where our side takes locales from: <c>shared</c>, <c>embedded</c> or <c>url</c> (<see cref="LocalesUrl"/>).</summary>
    public string Locales { get; private set; } = "shared";

    public Uri? LocalesUrl { get; private set; }

    public static AgreementOptions Parse(string[] args, out List<string> errors)
    {
        var options = new AgreementOptions();
        errors = [];
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? Value()
            {
                if (i + 1 < args.Length)
                {
                    return args[++i];
                }

                return null;
            }

            int Number(List<string> problems, int min)
            {
                var text = Value();
                if (text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min)
                {
                    return n;
                }

                problems.Add($"{name} needs an integer of at least {min.ToString(CultureInfo.InvariantCulture)}");
                return min;
            }

            switch (name)
            {
                case "--styles":
                    var pattern = Value();
                    try
                    {
                        options.Styles = pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException e)
                    {
                        errors.Add($"--styles: {e.Message}");
                    }

                    if (pattern is null)
                    {
                        errors.Add("--styles needs a regular expression");
                    }

                    break;
                case "--mode":
                    switch (Value())
                    {
                        case "bib":
                            options.Citations = false;
                            break;
                        case "cite":
                            options.Bibliographies = false;
                            break;
                        case "all":
                            break;
                        default:
                            errors.Add("--mode must be bib, cite or all");
                            break;
                    }

                    break;
                case "--formats":
                    var formats = (Value() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (formats.Length == 0 || formats.Any(f => f is not ("text" or "html" or "rtf")))
                    {
                        errors.Add("--formats takes a comma-separated list of text, html, rtf");
                    }

                    options.Formats = formats;
                    break;
                case "--items" when i + 1 < args.Length && !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _):
                    options.ItemsFile = Path.GetFullPath(Value()!);
                    if (!File.Exists(options.ItemsFile))
                    {
                        errors.Add($"--items: {options.ItemsFile} does not exist");
                    }

                    break;
                case "--items":
                    options.Items = Number(errors, 1);
                    break;
                case "--citations":
                    options.CitationsFile = Value() is { } citations ? Path.GetFullPath(citations) : null;
                    if (options.CitationsFile is null || !File.Exists(options.CitationsFile))
                    {
                        errors.Add($"--citations needs an existing file{(options.CitationsFile is null ? string.Empty : $" ({options.CitationsFile} does not exist)")}");
                    }

                    break;
                case "--seed":
                    options.Seed = Number(errors, 0);
                    break;
                case "--clusters":
                    options.Clusters = Number(errors, 1);
                    break;
                case "--doc-seed":
                    options.DocumentSeed = Number(errors, 0);
                    break;
                case "--jobs":
                    options.Jobs = Number(errors, 1);
                    break;
                case "--json":
                    options.Json = Value() ?? string.Empty;
                    if (options.Json.Length == 0)
                    {
                        errors.Add("--json needs a file name");
                    }

                    break;
                case "--classes":
                    options.Classes = Number(errors, 1);
                    break;
                case "--diff":
                    options.Diff = 20;
                    if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
                    {
                        options.Diff = max;
                        i++;
                    }

                    break;
                case "--locales":
                    options.Locales = Value() ?? string.Empty;
                    if (options.Locales is not ("shared" or "embedded"))
                    {
                        errors.Add("--locales must be shared or embedded");
                    }

                    break;
                case "--locales-url":
                    options.Locales = "url";
                    if (!Uri.TryCreate(Value(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                    {
                        errors.Add("--locales-url needs an absolute http or https address");
                    }

                    options.LocalesUrl = url;
                    break;
                default:
                    errors.Add($"unknown option '{name}'");
                    break;
            }
        }

        if (options.CitationsFile is not null && options.ItemsFile is null)
        {
            errors.Add("--citations needs --items FILE (the items the citations cite)");
        }

        return options;
    }
}
