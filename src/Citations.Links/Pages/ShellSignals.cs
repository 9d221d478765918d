using System.Globalization;

namespace Citations.Links.Pages;

/// <summary>
/// Signals of a client-rendered shell: HTML that carries no content of its own, only a place for scripts to build it.
/// </summary>
/// <remarks>
/// <para>The signals (names as in reports): <c>little-text</c> (under <see cref="LittleText"/> characters a reader sees
/// with scripts off), <c>mount-element</c> (an empty element frameworks mount on: <c>div#root</c>, <c>div#app</c>,
/// <c>div#__next</c>, <c>app-root</c>…), <c>script-bundles</c> (external scripts, or at least
/// <see cref="LargeInlineScript"/> characters of inline script), <c>noscript-javascript</c> (a <c>noscript</c> text asking
/// for JavaScript). A shell has little text, scripts, and a mount element or a <c>noscript</c> plea.</para>
/// <para>A shell alone does not make a page unverifiable: only when a random path on the host gets the same shell (or
/// no comparison could be made) is nothing known about the page. A host that answers 404 for a random path knows its
/// routes, so its shells are real pages.</para>
/// </remarks>
internal static class ShellSignals
{
    /// <summary>Less visible text than this is "little" (a shell's title and a loading line fit; an article does not).</summary>
    public const int LittleText = 200;

    /// <summary>Inline script of at least this many characters counts as a bundle.</summary>
    public const int LargeInlineScript = 2000;

    private static readonly string[] JavaScriptPleas =
    [
        "enable javascript", "javascript enabled", "javascript is required", "requires javascript", "javascript is disabled",
        "need javascript", "needs javascript", "turn on javascript", "javascript must be enabled", "activate javascript", "without javascript",
        "javascript to run this app", "support javascript",
    ];

    /// <summary>Looks for the signals of a shell; returns them and whether together they make one.</summary>
    /// <param name="markup">The page's markup.</param>
    public static (IReadOnlyList<PageSignal> Signals, bool IsShell) Find(PageMarkup markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var signals = new List<PageSignal>(4);
        var little = markup.VisibleText.Length < LittleText;
        if (little)
        {
            signals.Add(new PageSignal("little-text", Invariant($"{markup.VisibleText.Length} characters of visible text without scripts")));
        }

        var mount = markup.EmptyMountElements.Count > 0;
        if (mount)
        {
            signals.Add(new PageSignal("mount-element", string.Join(", ", markup.EmptyMountElements) + " is empty"));
        }

        var bundles = markup.ScriptSources.Count > 0 || markup.InlineScriptLength >= LargeInlineScript;
        if (bundles)
        {
            signals.Add(new PageSignal("script-bundles", markup.ScriptSources.Count > 0
                ? Invariant($"{markup.ScriptSources.Count} external script(s), such as {DisplayText.Escape(Shorten(markup.ScriptSources[0]))}")
                : Invariant($"{markup.InlineScriptLength} characters of inline script")));
        }

        var noscript = markup.NoscriptText.ToLowerInvariant();
        var plea = Array.Exists(JavaScriptPleas, p => noscript.Contains(p, StringComparison.Ordinal));
        if (plea)
        {
            signals.Add(new PageSignal("noscript-javascript", "noscript says \"" + DisplayText.Escape(Shorten(markup.NoscriptText)) + "\""));
        }

        return (signals, little && bundles && (mount || plea));
    }

    /// <summary>A value cut to a length a report can show.</summary>
    internal static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
