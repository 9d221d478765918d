using System.Text.RegularExpressions;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// Evaluates a style's element tree for one item into an output tree (<see cref="Blob"/>). The same compiled style is
/// evaluated again with other disambiguation settings when a cite must show more; nothing is reparsed.
/// </summary>
/// <remarks>
/// This file holds the walk itself: a layout and its children, display, groups and macro calls (with their
/// suppression rule), author-only cites and a cite's affixes. Each kind of element has a file of its own:
/// <c>Renderer.Text.cs</c>, <c>.Names.cs</c> (with <c>.NameLists.cs</c> and <c>.PersonalNames.cs</c>), <c>.Dates.cs</c>,
/// <c>.Numbers.cs</c>, <c>.Conditions.cs</c>. The walk's inputs, state and findings are in <see cref="RenderContext"/>.
/// </remarks>
internal sealed partial class Renderer
{
    /// <summary>Macros nested deeper than this are a runaway style (recursion is refused at parse time; this guards depth).</summary>
    private const int MaxMacroDepth = 64;

    private readonly StyleRuntime _runtime;
    private readonly int _maxElements;

    /// <summary>The first render of this renderer's session that went over the budget: every later render fails with
    /// the same error at once, so a runaway style costs one budget per session, not one per cite or entry.</summary>
    private volatile CslException? _stopped;

    public Renderer(StyleRuntime runtime)
    {
        _runtime = runtime;
        _maxElements = runtime.MaxElementsPerRender;
    }

    public StyleRuntime Runtime => _runtime;

    private Locales.Locale Locale => _runtime.Locale;

    private CslStyle Style => _runtime.Style;

    /// <summary>Renders one layout for an item: the children of the layout, without the layout's own affixes.</summary>
    /// <exception cref="CslException">The render went over its budget (<see cref="RenderBudget"/>), or an earlier render
    /// of the session did; or macros are nested too deep.</exception>
    public Blob RenderLayout(Layout layout, RenderContext ctx)
    {
        var blob = Blob.Node();
        ThrowIfStopped();
        try
        {
            RenderChildren(layout.Children, ctx, blob.Children!);
        }
        catch (RenderBudgetExceededException e)
        {
            throw Stop(e, ctx);
        }

        if (ctx.FirstFieldSeen)
        {
            // second-field-align: everything after the first field goes in the right column.
            var children = blob.Children!;
            var start = children.Count > 0 && children[0].FirstField ? 1 : 0;
            if (children.Count > start)
            {
                var rest = Blob.Node();
                rest.Display = Display.RightInline;
                rest.Children!.AddRange(children.Skip(start));
                children.RemoveRange(start, children.Count - start);
                children.Add(rest);
            }
        }

        return blob;
    }

    /// <summary>
    /// Renders a cite's prefix (markup handled, no formatting), spaced as citeproc-js spaces it: followed by a space
    /// when it ends in punctuation, a digit or a letter. The prefix is not cite content: the author still comes first
    /// for suppress-author. A prefix that ends a sentence ("He said so. ") lets a following term start with a capital.
    /// </summary>
    public Blob RenderCitePrefix(string prefix, RenderContext ctx)
    {
        var plain = PlainAffixEnd(prefix);
        var last = plain.Length > 0 ? plain[^1] : '\0';
        var space = plain.Length > 0 && (last is '.' or ';' or '&' or ':' or '!' or '?' or ')' or ']' or ',' || char.IsAsciiDigit(last) || Scripts.IsRomanesqueLetter(last))
            ? " "
            : string.Empty;
        var spaced = SpacesRegex().Replace(prefix + space, " ");
        var textsMade = ctx.TextsMade;
        var blob = MakeText(spaced, Decor.Empty, ctx, isTerm: false);
        ctx.TextsMade = textsMade;

        var spacedPlain = PlainAffixEnd(spaced);
        if (spacedPlain.Length > 0 && spacedPlain[^1] is ':' or '.' or ';' or '!' or '?' && spaced.Trim().Contains(' ', StringComparison.Ordinal))
        {
            ctx.Found.TermPredecessor = false;
        }

        return blob;
    }

    /// <summary>Renders a cite's suffix (markup handled, no formatting), after a space when it starts with a letter or bracket.</summary>
    public Blob RenderCiteSuffix(string suffix, RenderContext ctx)
        => MakeText(Scripts.StartsRomanesque(suffix) || suffix[0] is '[' or '(' ? " " + suffix : suffix, Decor.Empty, ctx, isTerm: false);

    /// <summary>An affix without markup tags and without the closing quotes and spaces it ends with.</summary>
    private static string PlainAffixEnd(string affix)
        => TagRegex().Replace(affix, string.Empty).TrimEnd('"', '\'', '\u201d', '\u2019', '\u00bb', '\u202f', '\u00a0', ' ');

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("\\s+")]
    private static partial Regex SpacesRegex();

    /// <summary>Renders a macro as plain text for sorting.</summary>
    /// <exception cref="CslException">As for <see cref="RenderLayout"/>.</exception>
    public Blob? RenderMacro(Macro macro, RenderContext ctx)
    {
        var blob = Blob.Node();
        ThrowIfStopped();
        try
        {
            RenderChildren(macro.Children, ctx, blob.Children!);
        }
        catch (RenderBudgetExceededException e)
        {
            e.Chain.Add(macro.Name);
            throw Stop(e, ctx);
        }

        return blob.Children!.Count == 0 ? null : blob;
    }

    private void ThrowIfStopped()
    {
        if (_stopped is { } stopped)
        {
            throw new CslException(stopped.Problem, stopped.Location);
        }
    }

    private CslException Stop(RenderBudgetExceededException e, RenderContext ctx)
    {
        var error = e.ToCslException(_maxElements, ctx.Input.Mode, Style.Source);
        _stopped ??= error;
        return error;
    }

    /// <summary>Counts one element evaluated against the render's budget.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Count(Element element, RenderContext ctx)
    {
        if (++ctx.ElementsEvaluated > _maxElements)
        {
            ThrowOverBudget(element);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowOverBudget(Element element) => throw new RenderBudgetExceededException(element.Line);

    private void RenderChildren(IReadOnlyList<Element> elements, RenderContext ctx, List<Blob> output)
    {
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            Count(element, ctx);
            if (element is ChooseElement choose)
            {
                // A choose adds the chosen branch's output directly to the enclosing element.
                if (ChooseBranch(choose, ctx) is { } branch)
                {
                    RenderChildren(branch.Children, ctx, output);
                }

                continue;
            }

            if (Render(element, ctx) is { } blob)
            {
                output.Add(blob);
            }
        }
    }

    private Blob? Render(Element element, RenderContext ctx)
    {
        if (element is LabelElement label)
        {
            // Labels do not count as a nesting level (nor take display), as in citeproc-js. An author-only cite keeps
            // them (see below).
            return RenderLabel(label, ctx, null);
        }

        // A sort macro that holds a date sorts by its dates alone: everything else is dropped.
        if (ctx.DateSortKeys is not null && element is not (DateElement or GroupElement or TextElement { MacroName: not null }))
        {
            if (element is NamesElement names)
            {
                ctx.VariablesCalled += names.Variables.Count;
            }

            return null;
        }

        // An author-only cite keeps the first thing that renders (the author, or what stands in for it) and drops
        // every name, date, number and text after it, as citeproc-js does.
        var authorOnly = ctx.Input.AuthorOnly
                         && element is NamesElement or DateElement or NumberElement or TextElement { MacroName: null };
        if (authorOnly && ctx.AuthorOnlyDone)
        {
            // citeproc-js drops these from the output only: a group still counts what they render, so a label beside
            // one stays ("McDonald and O'Brien, no." for a group of the label and number). The locator is
            // not rendered at all in an author-only cite.
            if (element is TextElement { Variable: "locator" } or NumberElement { Variable: "locator" })
            {
                ctx.VariablesCalled++;
                return null;
            }

            ctx.Nesting++;
            try
            {
                _ = element switch
                {
                    TextElement t => RenderText(t, ctx),
                    NumberElement n => RenderNumber(n, ctx),
                    DateElement d => RenderDate(d, ctx),
                    NamesElement n => RenderNames(n, ctx, null),
                    _ => null,
                };
            }
            finally
            {
                ctx.Nesting--;
            }

            return null;
        }

        var topLevel = ctx.Nesting == 0;
        ctx.Nesting++;
        Blob? blob;
        try
        {
            blob = element switch
            {
                TextElement t => RenderText(t, ctx),
                NumberElement n => RenderNumber(n, ctx),
                DateElement d => RenderDate(d, ctx),
                NamesElement n => RenderNames(n, ctx, null),
                GroupElement g => RenderGroup(g, ctx),
                _ => null,
            };
        }
        finally
        {
            ctx.Nesting--;
        }

        if (authorOnly && blob is not null && element is NamesElement or DateElement or TextElement { Variable: not null })
        {
            ctx.AuthorOnlyDone = true;
        }

        // Numbers end a sentence start too: a term after them keeps its case.
        if (blob is not null && element is NumberElement or TextElement { Variable: not null })
        {
            ctx.Found.TermPredecessor = true;
        }

        if (!topLevel)
        {
            return blob;
        }

        // Only elements directly in the layout take display (citeproc-js ignores it deeper down); with
        // second-field-align the first of them is the left column and the rest the right.
        if (ctx.Input.Mode == RenderMode.Bibliography && Style.Bibliography?.SecondFieldAlign is SecondFieldAlign.Flush or SecondFieldAlign.Margin)
        {
            if (!ctx.FirstFieldSeen)
            {
                ctx.FirstFieldSeen = true;
                return blob is null ? null : Wrap(blob, Display.LeftMargin, firstField: true);
            }

            return blob;
        }

        return blob is not null && element.Decor.Display != Display.None ? Wrap(blob, element.Decor.Display, firstField: false) : blob;
    }

    private static Blob Wrap(Blob blob, Display display, bool firstField)
    {
        var wrapper = Blob.Node();
        wrapper.Display = display;
        wrapper.FirstField = firstField;
        wrapper.Add(blob);
        return wrapper;
    }

    private Blob? RenderGroup(GroupElement group, RenderContext ctx)
    {
        var blob = new Blob();
        ApplyDecor(blob, group.Decor);
        if (RenderAsGroup(group.Children, blob, ctx) is not { } children)
        {
            return null;
        }

        blob.Children = children;
        blob.Delimiter = group.Delimiter ?? string.Empty;
        return blob;
    }

    /// <summary>
    /// Renders the children of a group or a macro call (<paramref name="blob"/>, decorated, not yet filled) the way
    /// citeproc-js renders both: when they called variables and every one was empty, the whole is suppressed, terms
    /// included (null); when they printed something, that counts as a rendered variable for the group around.
    /// </summary>
    private List<Blob>? RenderAsGroup(IReadOnlyList<Element> elements, Blob blob, RenderContext ctx)
    {
        var called = ctx.VariablesCalled;
        var rendered = ctx.VariablesRendered;
        var scope = ctx.Scope;
        ctx.Scope = scope.Push(blob.Decorations);
        var children = RenderScratch(elements, ctx);
        ctx.Scope = scope;
        if (children is null || (ctx.VariablesCalled > called && ctx.VariablesRendered == rendered))
        {
            return null;
        }

        // A group or macro that printed something (even terms alone) counts, for the group around it, as a variable
        // that rendered: citeproc-js marks the enclosing group's variable as a success.
        if (ctx.VariablesRendered == rendered)
        {
            ctx.VariablesCalled = Math.Max(ctx.VariablesCalled, called + 1);
            ctx.VariablesRendered++;
        }

        return children;
    }

    [ThreadStatic]
    private static Stack<List<Blob>>? t_scratch;

    /// <summary>
    /// Renders elements into a reused buffer and returns them as a list of their own, sized to fit, or
    /// <see langword="null"/> when nothing rendered: groups and macros that end up suppressed allocate nothing.
    /// </summary>
    private List<Blob>? RenderScratch(IReadOnlyList<Element> elements, RenderContext ctx)
    {
        var pool = t_scratch ??= new Stack<List<Blob>>();
        var buffer = pool.Count > 0 ? pool.Pop() : new List<Blob>(8);
        try
        {
            RenderChildren(elements, ctx, buffer);
            return buffer.Count == 0 ? null : [.. buffer];
        }
        finally
        {
            buffer.Clear();
            pool.Push(buffer);
        }
    }

    private Blob? RenderMacroCall(TextElement text, RenderContext ctx)
    {
        if (text.Macro is null)
        {
            return null;
        }

        if (++ctx.MacroDepth > MaxMacroDepth)
        {
            ctx.MacroDepth = 0;
            throw new CslException($"Macros are nested more than {MaxMacroDepth} deep.", new Diagnostics.SourceLocation(Style.Source, null, text.Line, 0));
        }

        try
        {
            // citeproc-js expands a macro as a real group: when it calls variables and all are empty, it vanishes.
            var blob = new Blob();
            ApplyDecor(blob, text.Decor);

            // In a sort key, a macro holding a date renders its dates alone, even when another macro calls it.
            var dateOnly = ctx.Input.Mode == RenderMode.Sort && ctx.DateSortKeys is null && HasOwnDate(text.Macro);
            if (dateOnly)
            {
                ctx.DateSortKeys = [];
            }

            var children = RenderAsGroup(text.Macro.Children, blob, ctx);
            if (dateOnly)
            {
                ctx.DateSortKeys = null;
            }

            if (children is null)
            {
                return null;
            }

            // citeproc-js nests the macro's output in a plain level under the one carrying the call's affixes; the
            // extra level matters to punctuation reconciliation (a "." inside and ". " on the call keep their space).
            blob.Children = [new Blob { Children = children }];

            // citeproc-js applies a macro call's strip-periods to the text inside, but not its text-case.
            if (text.Decor.StripPeriods)
            {
                StripPeriodsInLeaves(blob);
            }

            return blob;
        }
        catch (RenderBudgetExceededException e)
        {
            e.Chain.Add(text.Macro.Name);
            throw;
        }
        finally
        {
            ctx.MacroDepth--;
        }
    }

    private static void ApplyDecor(Blob blob, Decor decor)
    {
        blob.Decorations = Decorations.From(decor.Formatting, decor.Quotes);
        blob.Prefix = decor.Prefix;
        blob.Suffix = decor.Suffix;
    }
}
