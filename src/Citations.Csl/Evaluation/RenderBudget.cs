using System.Globalization;
using Citations.Diagnostics;

namespace Citations.Csl.Evaluation;

/// <summary>
/// How much work one render (one cite, bibliography entry or sort key) may do: at most a number of
/// style elements evaluated, each counted every time it is evaluated (a macro called twice counts its elements twice).
/// A style whose macros call each other in a doubling chain would otherwise take time and memory that double with
/// every level; this stops it after a bounded amount of work, naming the chain of macros it was in.
/// </summary>
internal static class RenderBudget
{
    /// <summary>
    /// The default limit. The largest count measured over every shared style (20 independent ones and a dependent one) on
    /// 10,000 generated items (<c>bench.js --generate 10000 --seed 1</c>), for every cite, entry and sort key of their
    /// whole bibliography and of a 2,000-cluster document over them, is <see cref="MeasuredMaximum"/>
    /// (chicago-author-date-17th-edition, a bibliography entry; APA 163, MLA 153, IEEE 54). The count depends on the
    /// style and on which branches an item takes, not on how many names or how much text the item has, so the default
    /// leaves a margin of 500 times that for larger styles; a style that needs more is hostile or broken.
    /// </summary>
    public const int DefaultMaxElements = 100_000;

    /// <summary>The largest count measured on the shared styles (see <see cref="DefaultMaxElements"/>).</summary>
    public const int MeasuredMaximum = 195;

    /// <summary>The message of a render that went over the budget.</summary>
    /// <param name="limit">The budget.</param>
    /// <param name="mode">What was rendered.</param>
    /// <param name="chain">The macros the render was in when it stopped, outermost first.</param>
    public static string Message(int limit, RenderMode mode, IReadOnlyList<string> chain)
    {
        var what = mode switch
        {
            RenderMode.Citation => "one cite",
            RenderMode.Bibliography => "one bibliography entry",
            _ => "one sort key",
        };
        var where = chain.Count == 0
            ? "outside any macro"
            : $"in the macro chain {string.Join(" → ", Shorten(chain))}";
        return string.Create(CultureInfo.InvariantCulture, $"The style evaluates more than {limit:N0} elements for {what} ({where}): its macros expand without bound, so it was stopped.");
    }

    /// <summary>A long chain with its middle left out: the first and last few macros say where it loops.</summary>
    private static IEnumerable<string> Shorten(IReadOnlyList<string> chain)
        => chain.Count <= 12
            ? chain
            : [.. chain.Take(6), string.Create(CultureInfo.InvariantCulture, $"… ({chain.Count - 10} more) …"), .. chain.Skip(chain.Count - 4)];
}

/// <summary>
/// Thrown inside a render that went over its budget. Each macro call it unwinds through adds its macro, so the chain
/// costs nothing until a render fails; <see cref="Renderer"/> turns it into a <see cref="CslException"/> at the top.
/// </summary>
internal sealed class RenderBudgetExceededException(int line) : Exception("A render went over its budget.")
{
    /// <summary>The line of the element that went over.</summary>
    public int Line { get; } = line;

    /// <summary>The macros unwound through, innermost first.</summary>
    public List<string> Chain { get; } = [];

    /// <summary>The exception callers see.</summary>
    public CslException ToCslException(int limit, RenderMode mode, string? source)
    {
        var chain = Enumerable.Reverse(Chain).ToList();
        return new CslException(RenderBudget.Message(limit, mode, chain), new SourceLocation(source, null, Line, 0), this);
    }
}
