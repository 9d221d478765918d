using System.Collections.Concurrent;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.CslData;
using Citations.Serialization;

namespace Citations.Csl.Tests.TestSupport;

/// <summary>Formats items with the official locales, returning plain strings to compare.</summary>
internal static class Render
{
    // One provider per directory for the whole run: it parses each locale file once and is thread-safe.
    private static readonly ConcurrentDictionary<string, CslLocaleProvider> Providers = new(StringComparer.Ordinal);

    /// <summary>The official locales from the shared directory (inconclusive, or failed on CI, when it is missing).</summary>
    public static CslLocaleProvider Locales => Providers.GetOrAdd(SharedCsl.Locales, CslLocaleProvider.FromDirectory);

    /// <summary>Reads CSL-JSON (an array or one item); malformed test data fails the test.</summary>
    public static IReadOnlyList<CslItem> Items(string json)
    {
        var result = CslJson.Read(json);
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        return result.Value;
    }

    /// <summary>A processor reading locales from the shared directory.</summary>
    public static CslProcessor Processor(CslStyle style, CslOutputFormat? format = null, string? language = null)
        => CslProcessor.Create(style, new CslProcessorOptions
        {
            Format = format ?? CslOutputFormat.Text,
            Language = language,
            Locales = Render.Locales,
        });

    /// <summary>The bibliography entries' texts, in bibliography order.</summary>
    public static string[] Bibliography(CslStyle style, string itemsJson, CslOutputFormat? format = null, string? language = null)
        => [.. Processor(style, format, language).FormatBibliography(Items(itemsJson)).Entries.Select(e => e.Text)];

    /// <summary>The one entry of a bibliography of one item.</summary>
    public static string Entry(CslStyle style, string itemJson, CslOutputFormat? format = null, string? language = null)
    {
        var entries = Bibliography(style, itemJson, format, language);
        Assert.HasCount(1, entries);
        return entries[0];
    }

    /// <summary>The texts of citations formatted as one document.</summary>
    public static IReadOnlyList<string> Citations(CslStyle style, string itemsJson, params CslCitation[] citations)
        => Processor(style).FormatDocument(Items(itemsJson), citations).Citations;

    /// <summary>A citation of several cites, in the given note (0 for running text).</summary>
    public static CslCitation Cites(int note, params CslCite[] cites) => new(cites) { NoteNumber = note };
}
