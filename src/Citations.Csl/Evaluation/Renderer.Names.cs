using System.Globalization;
using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;

namespace Citations.Csl.Evaluation;

/// <summary>
/// cs:names: the name variables of an element, their labels, the substitute that stands in when they are empty, the
/// names recorded for subsequent-author-substitute and, in citations, the author dropped by suppress-author or
/// collapsing (the in-walk part of collapsing; <c>CiteCollapser</c> joins the cites). Name lists and single names are
/// in <c>Renderer.NameLists.cs</c> and <c>Renderer.PersonalNames.cs</c>.
/// </summary>
internal sealed partial class Renderer
{
    private static readonly NameElement DefaultName = new();

    private Blob? RenderNames(NamesElement names, RenderContext ctx, NamesElement? parent)
    {
        // A shorthand cs:names takes the options of the substitute's cs:names even inside a cs:choose.
        parent ??= ctx.SubstituteParent;
        var nameElement = names.Name ?? (names.IsShorthand ? parent?.Name : null) ?? DefaultName;
        var etAl = names.Name is null && names.IsShorthand ? parent?.EtAl : names.EtAl;
        var label = names.IsShorthand ? parent?.Label : names.Label;
        var labelBefore = names.IsShorthand ? parent?.LabelBeforeName ?? false : names.LabelBeforeName;
        var options = nameElement.Options.InheritFrom(SectionOptions(ctx));

        // A shorthand substitute (an empty cs:names) stands for its parent with other variables, as in citeproc-js:
        // the parent's affixes and formatting wrap it, its own are not used.
        var decor = names.IsShorthand && parent is not null ? Decor.Empty : names.Decor;

        var textsBefore = ctx.TextsMade;

        // The first cs:names of a bibliography entry is recorded for subsequent-author-substitute.
        var record = ctx.Input.Mode == RenderMode.Bibliography && !ctx.NamesRecorded;
        var eligible = ctx.TextsMade == 0;
        if (record)
        {
            ctx.NamesRecorded = true;
        }

        // Which variables have names.
        var lists = new List<(string Variable, IReadOnlyList<CslName> Names)>();
        for (var vi = 0; vi < names.Variables.Count; vi++)
        {
            var variable = names.Variables[vi];
            ctx.VariablesCalled++;
            if (ctx.IsSuppressed(variable))
            {
                continue;
            }

            if (ctx.Input.Item.GetNames(variable) is { Count: > 0 } list)
            {
                lists.Add((variable, list));
            }
        }

        // Two name variables holding the same people render once under a combined term ("editortranslator"),
        // when the names element has a label and the locale defines that term.
        string? commonTerm = null;
        if (lists.Count == 2 && names.Variables.Count == 2 && label is not null)
        {
            var combined = string.Concat(names.Variables.Order(StringComparer.Ordinal));
            if (!string.IsNullOrEmpty(Locale.Term(combined, label.Form)) && SamePeople(lists[0].Names, lists[1].Names))
            {
                commonTerm = combined;
                lists.RemoveAt(1);
            }
        }

        if (lists.Count == 0)
        {
            var consumed = ctx.Substituted is null || !ctx.Input.Cite.SuppressAuthor ? ctx.Substituted : new HashSet<string>(ctx.Substituted, StringComparer.Ordinal);
            var substituted = RenderSubstitute(names, ctx, record ? eligible : null);

            // What stands in for the author is suppressed with it (suppress-author); as citeproc-js never renders
            // it, the variables it used stay available to the rest of the cite.
            if (substituted is not null && ctx.Input.Mode == RenderMode.Citation && !ctx.Input.IsProbe && !ctx.FirstNamesHandled && !ctx.InSubstitute)
            {
                ctx.FirstNamesHandled = true;
                substituted = CollapseAuthor(substituted, ctx, textsBefore);
                if (substituted is null && ctx.Input.Cite.SuppressAuthor)
                {
                    ctx.Substituted = consumed;
                }
            }

            return substituted;
        }

        var recording = record ? new AuthorNames { Container = Blob.Node(), Eligible = eligible } : null;

        if (options.Form == NameForm.Count)
        {
            var total = 0;
            foreach (var (variable, list) in lists)
            {
                var (shown, _, _) = Truncation(list.Count, options, ctx, ctx.NameListIndex++);
                total += shown;
            }

            ctx.VariablesRendered++;
            if (total == 0)
            {
                return null;
            }

            var countBlob = new Blob { Text = total.ToString(CultureInfo.InvariantCulture), IsNumeric = true, NumericValue = total };
            ApplyDecor(countBlob, decor);
            return countBlob;
        }

        var container = Blob.Node();
        ApplyDecor(container, decor);
        var scope = ctx.Scope;
        ctx.Scope = scope.Push(container.Decorations);
        foreach (var (variable, list) in lists)
        {
            var listBlob = RenderNameList(list, nameElement, options, etAl, ctx, recording);
            if (listBlob is null)
            {
                continue;
            }

            ctx.VariablesRendered++;
            if (label is not null && ctx.Input.Mode != RenderMode.Sort)
            {
                var plural = list.Count > 1;
                var labelBlob = RenderNameLabel(label, commonTerm ?? variable, plural, ctx);
                if (labelBlob is not null)
                {
                    var withLabel = Blob.Node();
                    if (recording is not null)
                    {
                        recording.Label ??= labelBlob;
                    }

                    if (labelBefore)
                    {
                        withLabel.Add(labelBlob);
                        withLabel.Add(listBlob);
                    }
                    else
                    {
                        withLabel.Add(listBlob);
                        withLabel.Add(labelBlob);
                    }

                    listBlob = withLabel;
                }
            }

            container.Add(listBlob);
        }

        ctx.Scope = scope;
        if (container.Children!.Count == 0)
        {
            return null;
        }

        container.Delimiter = names.Delimiter ?? options.NamesDelimiter ?? string.Empty;
        Blob? result = container;
        ctx.Found.FirstNames ??= result;
        // Names standing in for an empty outer names element are handled by that element, as a whole.
        if (ctx.Input.Mode == RenderMode.Citation && !ctx.Input.IsProbe && !ctx.FirstNamesHandled && !ctx.InSubstitute)
        {
            ctx.FirstNamesHandled = true;
            result = CollapseAuthor(result, ctx, textsBefore);
        }
        if (recording is not null)
        {
            ctx.Found.LeadingNames = new AuthorNames { Container = container, Eligible = recording.Eligible, Label = recording.Label };
            ctx.Found.LeadingNames.NameBlobs.AddRange(recording.NameBlobs);
            ctx.Found.LeadingNames.Keys.AddRange(recording.Keys);
        }

        // Names printed while standing in for the author are not printed again, not even later in the same
        // substitute (citeproc-js).
        if (ctx.InSubstitute)
        {
            ctx.Substituted ??= new HashSet<string>(StringComparer.Ordinal);
            foreach (var (variable, _) in lists)
            {
                ctx.Substituted.Add(variable);
            }
        }

        return result;
    }

    /// <summary>
    /// Drops the author of a cite when asked (suppress-author) or when it repeats the previous cite's author in a
    /// collapsing style, and tracks whether the cite continues a same-author run, as citeproc-js does.
    /// </summary>
    private Blob? CollapseAuthor(Blob result, RenderContext ctx, int textsBefore)
    {
        var citation = Style.Citation!;
        var suppressAuthor = ctx.Input.Cite.SuppressAuthor && textsBefore == 0;
        if (citation.Collapse == Collapse.None && citation.CiteGroupDelimiter is null || ctx.Input.Cluster is null)
        {
            return suppressAuthor ? null : result;
        }

        var text = SortKeys.Plain(result) ?? string.Empty;
        if (text == ctx.Input.Cluster.LastNames)
        {
            if (citation.CiteGroupDelimiter is not null)
            {
                ctx.Found.UseCiteGroupDelimiter = true;
            }

            return ctx.Input.Cite.SuppressAuthor || citation.Collapse != Collapse.None ? null : result;
        }

        ctx.Input.Cluster.LastNames = text;
        ctx.Found.HaveCollapsed = false;
        ctx.Found.UseCiteGroupDelimiter = false;
        return suppressAuthor ? null : result;
    }

    private static bool SamePeople(IReadOnlyList<CslName> a, IReadOnlyList<CslName> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].NonDroppingParticle != b[i].NonDroppingParticle || a[i].Family != b[i].Family || a[i].Given != b[i].Given
                || a[i].DroppingParticle != b[i].DroppingParticle || a[i].Suffix != b[i].Suffix || a[i].Literal != b[i].Literal)
            {
                return false;
            }
        }

        return true;
    }

    private NameOptions SectionOptions(RenderContext ctx)
        => ctx.Input.Mode == RenderMode.Citation || (ctx.Input.Mode == RenderMode.Sort && ctx.Input.SortSection == RenderMode.Citation)
            ? _runtime.CitationNameOptions
            : _runtime.BibliographyNameOptions;

    private Blob? RenderSubstitute(NamesElement names, RenderContext ctx, bool? recordEligible)
    {
        if (names.Substitute is null || ctx.InSubstitute)
        {
            return null;
        }

        ctx.SubstituteParent = names;
        try
        {
            var rendered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in SubstituteCandidates(names.Substitute, ctx))
            {
                ctx.SubstituteKey = null;
                rendered.Clear();
                Blob? blob;
                if (element is NamesElement inner)
                {
                    // Names standing in for the author are what subsequent-author-substitute compares.
                    if (recordEligible is not null && ctx.Found.LeadingNames is null)
                    {
                        ctx.NamesRecorded = false;
                    }

                    blob = RenderNames(inner, ctx, names);
                    ctx.NamesRecorded = true;
                }
                else
                {
                    Count(element, ctx);
                    ctx.SubstituteRendered = rendered;
                    try
                    {
                        blob = Render(element, ctx);
                    }
                    finally
                    {
                        ctx.SubstituteRendered = null;
                    }
                }

                if (blob is null)
                {
                    // A term stands in even when the locale defines it as empty: substitution ends with it.
                    if (element is TextElement { Term: not null })
                    {
                        return null;
                    }

                    continue;
                }

                // Whatever a substitute rendered is not rendered again in this cite.
                ctx.Substituted ??= new HashSet<string>(StringComparer.Ordinal);
                ctx.Substituted.UnionWith(rendered);

                // A cs:names with a cs:name of its own replaces the parent, affixes and formatting too (citeproc-js).
                var wrapper = Blob.Node();
                if (element is not NamesElement { IsShorthand: false })
                {
                    ApplyDecor(wrapper, names.Decor);
                }

                wrapper.Add(blob);

                // A substituted text variable (a title standing in for the author) is compared too; for a macro, citeproc-js
                // compares the first text variable it rendered and replaces the macro's whole output.
                var raw = element switch
                {
                    TextElement { Variable: { } v } => GetVariableText(v, VariableForm.Long, ctx),
                    TextElement { Macro: not null } => ctx.SubstituteKey,
                    _ => null,
                };
                if (recordEligible is { } eligible && ctx.Found.LeadingNames is null && raw is not null)
                {
                    // It counts as one name: every rule replaces it whole (citeproc-js replaces the substitute's output).
                    ctx.Found.LeadingNames = new AuthorNames { Container = wrapper, Eligible = eligible };
                    ctx.Found.LeadingNames.Keys.Add(raw);
                    ctx.Found.LeadingNames.NameBlobs.Add(wrapper);
                }

                return wrapper;
            }

            return null;
        }
        finally
        {
            ctx.SubstituteParent = null;
        }
    }

    /// <summary>
    /// The elements a cs:substitute tries in turn. A cs:choose is not one candidate: the children of its matching branch
    /// are tried one by one (citeproc-js guards each element at the substitute's level, and a choose adds no level;
    /// a group does), so in <c>&lt;if&gt;&lt;names variable="editor"/&gt;&lt;names variable="translator"/&gt;&lt;/if&gt;</c>
    /// the translator is not printed when the editor was.
    /// </summary>
    private IEnumerable<Element> SubstituteCandidates(IReadOnlyList<Element> elements, RenderContext ctx)
    {
        foreach (var element in elements)
        {
            if (element is not ChooseElement choose)
            {
                yield return element;
            }
            else if (ChooseBranch(choose, ctx) is { } branch)
            {
                foreach (var inner in SubstituteCandidates(branch.Children, ctx))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The label of a name variable (its term, singular or plural as the names and the label ask).</summary>
    private Blob? RenderNameLabel(LabelElement label, string variable, bool plural, RenderContext ctx)
    {
        plural = label.Plural switch
        {
            PluralMode.Always => true,
            PluralMode.Never => false,
            _ => plural,
        };
        var term = Locale.Term(variable, label.Form, plural);
        return string.IsNullOrEmpty(term) ? null : MakeText(term, label.Decor, ctx, isTerm: true);
    }

    /// <summary>Renders a name variable as a sort key: every name family-first, no et-al term.</summary>
    internal Blob? RenderSortNames(string variable, RenderContext ctx)
    {
        var names = new NamesElement
        {
            Variables = [variable],
            Name = new NameElement
            {
                Options = new NameOptions { NameAsSortOrder = NameAsSortOrder.All, SortSeparator = " " },
            },
        };
        return RenderNames(names, ctx, null);
    }
}
