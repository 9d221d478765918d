using System.Globalization;
using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;

namespace Citations.Csl.Evaluation;

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
        var options = nameElement.Options.InheritFrom(ctx.Input.Mode == RenderMode.Citation || (ctx.Input.Mode == RenderMode.Sort && ctx.Input.SortKey is null && false)
            ? _runtime.CitationNameOptions
            : SectionOptions(ctx));

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
            ApplyDecor(countBlob, names.Decor);
            return countBlob;
        }

        var container = Blob.Node();
        ApplyDecor(container, names.Decor);
        var scope = ctx.Scope;
        ctx.Scope = scope.Push(container.Decorations);
        foreach (var (variable, list) in lists)
        {
            var listBlob = RenderNameList(variable, list, nameElement, options, etAl, ctx, recording);
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
            foreach (var element in SubstituteCandidates(names.Substitute, ctx))
            {
                ctx.SubstituteKey = null;
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
                    blob = Render(element, ctx);
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
                foreach (var variable in _runtime.VariablesOf(element))
                {
                    ctx.Substituted.Add(variable);
                }

                var wrapper = Blob.Node();
                ApplyDecor(wrapper, names.Decor);
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
                    ctx.Found.LeadingNames = new AuthorNames { Container = wrapper, Eligible = eligible };
                    ctx.Found.LeadingNames.Keys.Add(raw);
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

    /// <summary>The variables an element can render (through macros and nested elements).</summary>
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

    /// <summary>How many names a list shows: the et-al rules, widened by disambiguation (as citeproc-js constrains names).</summary>
    private (int Shown, bool EtAl, bool UseLast) Truncation(int count, NameOptions options, RenderContext ctx, int listIndex)
    {
        var etAlMin = options.EtAlMin;
        var useFirst = options.EtAlUseFirst;
        var useLast = options.EtAlUseLast ?? false;
        if (ctx.Input.Mode == RenderMode.Citation && (ctx.Input.Cite.Position != CitePosition.First || ctx.Input.IsProbe))
        {
            etAlMin = options.EtAlSubsequentMin ?? etAlMin;
            useFirst = options.EtAlSubsequentUseFirst ?? useFirst;
        }

        if (ctx.Input.SortKey is { } key)
        {
            etAlMin = key.NamesMin ?? etAlMin;
            useFirst = key.NamesUseFirst ?? useFirst;
            useLast = key.NamesUseLast ?? useLast;
        }

        var requested = ctx.Input.Disambiguation.IsRequest && listIndex < ctx.Input.Disambiguation.Names.Count ? ctx.Input.Disambiguation.Names[listIndex] : (int?)null;
        int? discretionary = etAlMin;
        if (requested is { } r && useFirst is { } uf && r > uf)
        {
            discretionary = etAlMin is { } min && count < min ? count : r;
        }
        else if (etAlMin is { } min && count >= min)
        {
            discretionary = useFirst;
        }

        if (useLast && etAlMin is { } m2 && discretionary > m2 - 2)
        {
            discretionary = m2 - 2;
        }

        var sane = etAlMin is null || useFirst is null || etAlMin >= useFirst;
        var shown = count;
        if (sane && discretionary is { } d && count > d && d >= 0)
        {
            shown = d;
        }

        // With et-al-use-last the last name is kept as well: cutting just one name shows them all (no et-al, no ellipsis).
        if (useLast && shown == count - 1)
        {
            shown = count;
        }

        var truncated = shown < count;
        var ellipsis = truncated && useLast && shown <= count - 2;
        return (shown, truncated && !ellipsis, ellipsis);
    }

    private Blob? RenderNameList(string variable, IReadOnlyList<CslName> list, NameElement nameElement, NameOptions options, EtAlElement? etAl, RenderContext ctx, AuthorNames? recording)
    {
        var listIndex = ctx.NameListIndex++;
        var (shown, useEtAl, useEllipsis) = Truncation(list.Count, options, ctx, listIndex);
        if (ctx.Input.Mode != RenderMode.Sort)
        {
            while (ctx.Found.Settings.Names.Count <= listIndex)
            {
                ctx.Found.Settings.Names.Add(0);
            }

            ctx.Found.Settings.Names[listIndex] = useEllipsis ? shown + 1 : shown;
            ctx.Found.NamesMax.Add(list.Count);
        }
        var delimiter = options.Delimiter ?? ", ";

        var blobs = new List<Blob>();
        var prepared = new List<PersonName?>();
        for (var i = 0; i < list.Count; i++)
        {
            if (i >= shown && !(useEllipsis && i == list.Count - 1))
            {
                continue;
            }

            var person = Prepare(list[i]);
            prepared.Add(person);
            var givenLevel = GivenLevel(ctx, listIndex, i, person, options);
            var blob = person.IsLiteral
                ? RenderLiteralName(person, nameElement, ctx)
                : RenderPersonalName(person, nameElement, options, i, givenLevel, ctx);
            if (blob is not null)
            {
                blobs.Add(blob);
                if (recording is not null)
                {
                    recording.NameBlobs.Add(blob.Children is { Count: 1 } inner && !person.IsLiteral ? inner[0] : blob);
                    recording.Keys.Add(person.IsLiteral
                        ? person.Literal!
                        : string.Concat(person.NonDroppingParticle, person.Family, person.Given, person.DroppingParticle, person.Suffix));
                }
            }
        }

        if (blobs.Count == 0)
        {
            return null;
        }

        if (ctx.Input.Mode == RenderMode.Sort)
        {
            return Join(blobs, delimiter, null);
        }

        if (useEtAl)
        {
            var etAlTerm = Locale.Term(etAl?.Term ?? "et-al") ?? string.Empty;
            var joined = Join(blobs, delimiter, null)!;
            if (etAlTerm.Length == 0)
            {
                return joined;
            }

            var precedes = options.DelimiterPrecedesEtAl ?? DelimiterPrecedes.Contextual;
            var prefixSingle = " ";
            var prefixMultiple = delimiter;
            if (precedes == DelimiterPrecedes.Always)
            {
                prefixSingle = delimiter;
            }
            else if (precedes == DelimiterPrecedes.Never)
            {
                prefixMultiple = " ";
            }
            else if (precedes == DelimiterPrecedes.AfterInvertedName)
            {
                prefixSingle = delimiter;
                prefixMultiple = " ";
            }

            if (!Scripts.StartsRomanesque(etAlTerm))
            {
                prefixSingle = prefixSingle == " " ? string.Empty : prefixSingle;
                prefixMultiple = prefixMultiple == " " ? string.Empty : prefixMultiple;
            }

            var etAlBlob = MakeText(etAlTerm, etAl?.Decor ?? Decor.Empty, ctx, isTerm: true);
            etAlBlob.Prefix = blobs.Count > 1 ? prefixMultiple : prefixSingle;
            etAlBlob.Suffix = string.Empty;
            // citeproc-js wraps a list ending in et-al in cs:name's affixes and formatting once more (besides each name).
            var node = Blob.Node();
            node.Prefix = nameElement.Decor.Prefix;
            node.Suffix = nameElement.Decor.Suffix;
            node.Decorations = Decorations.From(nameElement.Decor.Formatting, nameElement.Decor.Quotes);
            node.Add(joined);
            node.Add(etAlBlob);
            return node;
        }

        if (useEllipsis)
        {
            Blob? final = null;
            if (blobs.Count > 1)
            {
                final = Blob.Leaf("\u2026");
                final.Prefix = blobs.Count > 2 ? delimiter : " ";
                final.Suffix = " ";
                AfterInvertedName(final, blobs, delimiter, options);
            }

            return Join(blobs, delimiter, final);
        }

        var lastIsInstitution = prepared.Count > 0 && prepared[^1] is { IsLiteral: true };
        return Join(blobs, delimiter, AndJoin(blobs, delimiter, options, ctx, lastIsInstitution));
    }

    private Blob? AndJoin(List<Blob> blobs, string delimiter, NameOptions options, RenderContext ctx, bool lastIsInstitution)
    {
        if (blobs.Count < 2)
        {
            return null;
        }

        // citeproc-js joins a list ending in an institution by its institution rules: delimiter-precedes-last comes
        // only from the style, citation or bibliography, and after-inverted-name is not applied to the term's prefix.
        var precedesLast = lastIsInstitution
            ? SectionOptions(ctx).DelimiterPrecedesLast switch
            {
                DelimiterPrecedes.AfterInvertedName => DelimiterPrecedes.Contextual,
                var v => v ?? DelimiterPrecedes.Contextual,
            }
            : options.DelimiterPrecedesLast ?? DelimiterPrecedes.Contextual;

        var multiple = blobs.Count > 2;
        Blob final;
        if (options.And is AndMode.Text or AndMode.Symbol)
        {
            var term = options.And == AndMode.Text ? Locale.Term("and") ?? "and" : "&";
            string prefixSingle, prefixMultiple, suffix;
            if (Scripts.StartsRomanesque(term))
            {
                prefixSingle = " ";
                prefixMultiple = delimiter;
                suffix = " ";
            }
            else
            {
                prefixSingle = prefixMultiple = suffix = string.Empty;
            }

            switch (precedesLast)
            {
                case DelimiterPrecedes.Always:
                    prefixSingle = delimiter;
                    break;
                case DelimiterPrecedes.Never:
                    if (prefixMultiple.Length > 0)
                    {
                        prefixMultiple = " ";
                    }

                    break;
                case DelimiterPrecedes.AfterInvertedName:
                    if (prefixSingle.Length > 0)
                    {
                        prefixSingle = delimiter;
                    }

                    if (prefixMultiple.Length > 0)
                    {
                        prefixMultiple = " ";
                    }

                    break;
            }

            final = MakeText(term, Decor.Empty, ctx, isTerm: true);
            final.Prefix = multiple ? prefixMultiple : prefixSingle;
            final.Suffix = suffix;
        }
        else if (delimiter.Length > 0)
        {
            final = Blob.Leaf(delimiter);
        }
        else
        {
            return null;
        }

        AfterInvertedName(final, blobs, delimiter, options);
        return final;
    }

    private static void AfterInvertedName(Blob final, List<Blob> blobs, string delimiter, NameOptions options)
    {
        if (options.DelimiterPrecedesLast == DelimiterPrecedes.AfterInvertedName && blobs.Count > 1 && blobs[^2].IsInverted())
        {
            final.Prefix = delimiter;
        }
    }

    /// <summary>
    /// Joins name parts the way citeproc-js does: the delimiter goes on the suffix of each part but the last. The
    /// list becomes the children of the returned node (callers hand over a list they no longer change).
    /// </summary>
    private static Blob? Join(List<Blob> items, string delimiter, Blob? finalJoin)
    {
        if (items.Count == 0)
        {
            return null;
        }

        if (items.Count == 2)
        {
            if (finalJoin is null)
            {
                // A name part whose suffix already ends in a space (a non-breaking one, say) takes no other.
                if (!(delimiter == " " && items[0].Suffix.Length > 0 && char.IsWhiteSpace(items[0].Suffix[^1])))
                {
                    items[0].Suffix += delimiter;
                }
            }
            else
            {
                items.Insert(1, finalJoin);
            }
        }
        else if (items.Count > 2)
        {
            // Every part but the last takes the delimiter; with a final join ("and"), the one before it does not.
            var offset = finalJoin is null ? 0 : 1;
            for (var i = 0; i < items.Count - 1 - offset; i++)
            {
                items[i].Suffix += delimiter;
            }

            if (finalJoin is not null)
            {
                items.Insert(items.Count - 1, finalJoin);
            }
        }

        return new Blob { Children = items };
    }

    private static Blob? JoinParts(string delimiter, Blob? first, Blob? second, Blob? third = null)
    {
        var count = (Usable(first) ? 1 : 0) + (Usable(second) ? 1 : 0) + (Usable(third) ? 1 : 0);
        if (count == 0)
        {
            return null;
        }

        var list = new List<Blob>(count);
        if (Usable(first))
        {
            list.Add(first);
        }

        if (Usable(second))
        {
            list.Add(second);
        }

        if (Usable(third))
        {
            list.Add(third);
        }

        return Join(list, delimiter, null);

        static bool Usable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Blob? part) => part is not null && !part.IsEmpty;
    }

    /// <summary>
    /// The given-name level disambiguation asks for (0 none, 1 initials, 2 full), worked out as citeproc-js does from
    /// the requested settings and the document's name registry; the level used is recorded in the render's settings.
    /// </summary>
    private int GivenLevel(RenderContext ctx, int listIndex, int nameIndex, PersonName person, NameOptions options)
    {
        if (person.IsLiteral || (person.Given.Length == 0 && person.Family.Length == 0))
        {
            return 0;
        }

        var citation = Style.Citation;
        var rule = citation?.GivenNameRule ?? GivenNameRule.ByCite;
        var form = options.Form ?? NameForm.Long;
        var itemId = ctx.Input.Item.Id.Text;
        var registry = ctx.Input.Mode == RenderMode.Sort ? null : ctx.Input.NameRegistry;
        if (ctx.Input.Mode != RenderMode.Bibliography || registry is { FilesPerItem: true })
        {
            // A bibliography entry adds its names to the registry only where the registry files names per item (the
            // by-cite rule): an entry then never changes another's answers, so entries can render concurrently.
            // The registries of the global rules are settled by the cites.
            registry?.Add(itemId, person, nameIndex);
        }

        var floor = registry?.Evaluate(itemId, person, nameIndex, 0, form, options.InitializeWith, ctx.Found.RegistryLookups) ?? 0;
        int level;
        var request = ctx.Input.Disambiguation;
        if (request.IsRequest)
        {
            var value = listIndex < request.Givens.Count && nameIndex < request.Givens[listIndex].Count ? request.Givens[listIndex][nameIndex] : floor;
            if (value == 1 && rule == GivenNameRule.ByCite && (options.InitializeWith is null || person.Given.Length == 0))
            {
                value = 2;
            }

            level = value;
            if (citation?.DisambiguateAddGivenName == true && person.Given.Length > 0 && registry is not null)
            {
                level = registry.Evaluate(itemId, person, nameIndex, level, form, options.InitializeWith, ctx.Found.RegistryLookups);
            }
        }
        else
        {
            level = floor;
        }

        // A first cite shows at least what its subsequent form needs.
        if (!ctx.Input.IsProbe && ctx.Input.Mode == RenderMode.Citation && ctx.Input.Cite.Position == CitePosition.First && floor > level)
        {
            level = floor;
        }

        if (ctx.Input.Mode != RenderMode.Sort)
        {
            var givens = ctx.Found.Settings.Givens;
            while (givens.Count <= listIndex)
            {
                givens.Add([]);
            }

            while (givens[listIndex].Count <= nameIndex)
            {
                givens[listIndex].Add(0);
            }

            givens[listIndex][nameIndex] = level;
        }

        return level;
    }

    /// <summary>Names as prepared for rendering (particles parsed out), once per name object: the result depends on the name alone.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CslName, PersonName> Prepared = new();

    private static PersonName Prepare(CslName name) => Prepared.GetValue(name, PrepareName);

    private static PersonName PrepareName(CslName name)
    {
        var person = new PersonName
        {
            Family = name.Family ?? string.Empty,
            Given = name.Given ?? string.Empty,
            NonDroppingParticle = name.NonDroppingParticle,
            DroppingParticle = name.DroppingParticle,
            Suffix = name.Suffix,
            CommaSuffix = name.CommaSuffix is { IsTruthy: true },
            StaticOrdering = name.StaticOrdering is { IsTruthy: true },
        };

        if (name.Literal is not null && name.Family is null && name.Given is null)
        {
            person.Literal = name.Literal;
            return person;
        }

        if (name.Extensions.TryGetValue("isInstitution", out var inst) && inst.ValueKind == System.Text.Json.JsonValueKind.True
            && person.Given.Length == 0 && person.Family.Length > 0)
        {
            person.Literal = person.Family;
            return person;
        }

        var parseNames = name.ParseNames is not { } p || p.IsTruthy;
        var noParse = !parseNames;
        if (person.Family.Length > 1 && person.Family[0] == '"' && person.Family[^1] == '"')
        {
            person.Family = person.Family[1..^1];
            noParse = true;
        }

        if (!noParse && person.NonDroppingParticle is null && person.Family.Length > 0 && person.Given.Length > 0)
        {
            ParticleParser.Parse(person);
        }

        if (!person.StaticOrdering)
        {
            person.StaticOrdering = Romanesque(person) == 1;
        }

        return person;
    }

    /// <summary>2: Latin-like script; 1: mixed (family non-Latin, given Latin) or a ja/zh item; 0: non-Latin.</summary>
    private static int Romanesque(PersonName name, string? itemLanguage = null)
    {
        var result = Scripts.HasRomanesque(name.Family.Replace("\"", string.Empty, StringComparison.Ordinal)) ? 2 : 0;
        if (result == 0 && Scripts.StartsRomanesque(name.Given))
        {
            result = 1;
        }

        if (result == 2 && itemLanguage is { Length: >= 2 } lang && lang[..2] is "ja" or "zh")
        {
            result = 1;
        }

        return result;
    }

    /// <summary>An institution: formatting and text-case from cs:name, overridden by the family name-part, as citeproc-js does.</summary>
    private Blob? RenderLiteralName(PersonName name, NameElement element, RenderContext ctx)
    {
        var nameFormatting = element.Decor.Formatting;
        var family = element.Family?.Decor;
        var formatting = new Formatting
        {
            FontStyle = family?.Formatting.FontStyle is { } fs and not FontStyle.None ? fs : nameFormatting.FontStyle,
            FontVariant = family?.Formatting.FontVariant is { } fv and not FontVariant.None ? fv : nameFormatting.FontVariant,
            FontWeight = family?.Formatting.FontWeight is { } fw and not FontWeight.None ? fw : nameFormatting.FontWeight,
            TextDecoration = family?.Formatting.TextDecoration is { } td and not TextDecoration.None ? td : nameFormatting.TextDecoration,
        };
        var textCase = family?.TextCase is { } tc and not TextCase.None ? tc : element.Decor.TextCase;
        var blob = MakeText(name.Literal!, new Decor { Formatting = formatting, TextCase = textCase }, ctx, isTerm: false);
        return blob;
    }

    private Blob? NamePart(string? text, NamePartElement? part, RenderContext ctx)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var decor = part is null ? Decor.Empty : part.Decor with { Prefix = string.Empty, Suffix = string.Empty, Display = Display.None };
        if (part is not null && decor.TextCase == TextCase.Title && !IsEnglishItem(ctx))
        {
            decor = decor with { TextCase = TextCase.None };
        }

        return MakeText(text, decor, ctx, isTerm: false);
    }

    private Blob? RenderPersonalName(PersonName name, NameElement element, NameOptions options, int index, int requestedLevel, RenderContext ctx)
    {
        var form = options.Form ?? NameForm.Long;
        var initializeWith = options.InitializeWith;
        var hasInitializeWith = initializeWith is not null;
        var givenRule = Style.Citation?.GivenNameRule ?? GivenNameRule.ByCite;
        var defaultLevel = form != NameForm.Long ? 0 : hasInitializeWith ? 1 : 2;
        var level = Math.Max(requestedLevel, defaultLevel);
        if (givenRule is GivenNameRule.AllNamesWithInitials or GivenNameRule.PrimaryNameWithInitials)
        {
            hasInitializeWith = true;
        }

        var givenText = name.Given;
        if (level == 1 && name.Family.Length > 0)
        {
            if (hasInitializeWith)
            {
                givenText = NameParts.InitializeWith(givenText, initializeWith ?? string.Empty, normalizeOnly: options.Initialize == false, Style.InitializeWithHyphen);
            }
        }

        if (element.Given?.Decor.StripPeriods == true)
        {
            givenText = givenText.Replace(".", string.Empty, StringComparison.Ordinal);
        }

        var given = level == 0 ? null : NamePart(givenText, element.Given, ctx);
        var droppingParticleText = Strip(name.DroppingParticle, element.Given);
        var nonDroppingParticleText = Strip(name.NonDroppingParticle, element.Family);
        if (ctx.Input.Mode == RenderMode.Sort)
        {
            // Particles sort without their apostrophe ("d’Wander" sorts as "d Wander").
            droppingParticleText = RemoveFirstApostrophe(droppingParticleText);
            nonDroppingParticleText = RemoveFirstApostrophe(nonDroppingParticleText);
        }

        var droppingParticle = NamePart(droppingParticleText, element.Given, ctx);
        var family = NamePart(Strip(name.Family, element.Family), element.Family, ctx);
        var nonDroppingParticle = NamePart(nonDroppingParticleText, element.Family, ctx);
        Blob? suffix = null;
        if (!string.IsNullOrEmpty(name.Suffix))
        {
            var suffixText = name.Suffix;
            if (initializeWith is not null)
            {
                suffixText = NameParts.InitializeWith(suffixText, initializeWith, normalizeOnly: true, Style.InitializeWithHyphen);
            }

            suffixText = Strip(suffixText, element.Family)!;
            var toSuffix = string.Empty;
            if (suffixText.EndsWith('.'))
            {
                suffixText = suffixText[..^1];
                toSuffix = ".";
            }

            if (suffixText.Length > 0)
            {
                suffix = MakeText(suffixText, Decor.Empty, ctx, isTerm: false);
                suffix.Suffix = toSuffix + suffix.Suffix;
            }
        }

        if (given is null)
        {
            droppingParticle = null;
            suffix = null;
        }

        var sortSeparator = options.SortSeparator ?? ", ";
        var suffixSeparator = name.CommaSuffix ? ", " : " ";
        var romanesque = Romanesque(name, ctx.Input.Item.GetText("language"));
        var nbsp = Style.DefaultLocale is { Length: >= 2 } dl && dl[..2] is "fr" or "ru" or "cs" ? "\u00a0" : " ";
        var hyphenatedParticle = name.NonDroppingParticle is { Length: > 0 } ndp && ndp[^1] is '\u2019' or '\'' or '-' or ' ';
        var familyDecor = element.Family?.Decor;
        var givenDecor = element.Given?.Decor;

        Blob? blob;
        if (romanesque == 0)
        {
            blob = JoinParts(string.Empty, nonDroppingParticle, family, given);
        }
        else if (romanesque == 1 || name.StaticOrdering)
        {
            var merged = JoinParts(nbsp, nonDroppingParticle, family);
            blob = JoinParts(" ", merged, given);
        }
        else if (ctx.Input.Mode == RenderMode.Sort)
        {
            // Sort keys: family first, parts joined as citeproc-js joins them ("|" between family and given).
            if (Style.DemoteNonDroppingParticle == DemoteParticle.Never)
            {
                var merged = JoinParts(nbsp, nonDroppingParticle, family);
                merged = JoinParts(" ", merged, droppingParticle);
                merged = JoinParts("|", merged, given);
                blob = JoinParts(" ", merged, suffix);
            }
            else
            {
                var second = JoinParts(" ", given, droppingParticle, nonDroppingParticle);
                var merged = JoinParts("|", family, second);
                blob = JoinParts(" ", merged, suffix);
            }
        }
        else if (options.NameAsSortOrder == NameAsSortOrder.All || (options.NameAsSortOrder == NameAsSortOrder.First && index == 0))
        {
            // "first" inverts the first name of every name variable rendered (not only the cite's first list), as citeproc-js does.
            if (name.Given is "Lord" or "Lady")
            {
                sortSeparator = ", ";
            }

            if (Style.DemoteNonDroppingParticle == DemoteParticle.DisplayAndSort)
            {
                var second = JoinParts(name.CommaDroppingParticle + " ", given, droppingParticle);
                second = JoinParts(" ", second, nonDroppingParticle);
                SetAffixes(second, givenDecor);
                SetAffixes(family, familyDecor);
                var merged = JoinParts(sortSeparator, family, second);
                blob = JoinParts(sortSeparator, merged, suffix);
            }
            else
            {
                var first = JoinParts(hyphenatedParticle ? string.Empty : nbsp, nonDroppingParticle, family);
                SetAffixes(first, familyDecor);
                var second = JoinParts(name.CommaDroppingParticle + " ", given, droppingParticle);
                SetAffixes(second, givenDecor);
                var merged = JoinParts(sortSeparator, first, second);
                blob = JoinParts(sortSeparator, merged, suffix);
            }

            if (blob is not null)
            {
                blob.Inverted = true;
            }
        }
        else
        {
            if (name.DroppingParticle is { Length: > 0 } dp && family is not null && name.NonDroppingParticle is null
                && dp[^1] is '\'' or '\u02bc' or '\u2019' or '-' && dp[..^1] != "de")
            {
                family = JoinParts(string.Empty, droppingParticle, family);
                droppingParticle = null;
            }

            Blob? second;
            if (hyphenatedParticle)
            {
                second = JoinParts(string.Empty, nonDroppingParticle, family);
                second = JoinParts(nbsp, droppingParticle, second);
            }
            else
            {
                second = JoinParts(nbsp, droppingParticle, nonDroppingParticle, family);
            }

            second = JoinParts(suffixSeparator, second, suffix);
            SetAffixes(second, familyDecor);
            SetAffixes(given, givenDecor);
            var commaDroppingParticle = second is not null && second.Prefix.Length > 0 ? string.Empty : name.CommaDroppingParticle;
            var space = initializeWith is not null && (initializeWith.Contains('\u00a0', StringComparison.Ordinal) || initializeWith.Contains('\ufeff', StringComparison.Ordinal)) && level == 1
                ? nbsp
                : " ";
            blob = JoinParts(commaDroppingParticle + space, given, second);
        }

        if (blob is null)
        {
            return null;
        }

        // cs:name's own affixes and formatting wrap each personal name.
        var wrapper = Blob.Node();
        wrapper.Prefix = element.Decor.Prefix;
        wrapper.Suffix = element.Decor.Suffix;
        wrapper.Decorations = Decorations.From(element.Decor.Formatting, element.Decor.Quotes);
        wrapper.Inverted = blob.Inverted;
        wrapper.Add(blob);
        return wrapper;
    }

    private static string? RemoveFirstApostrophe(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var index = text.IndexOfAny(['\'', '\u2019']);
        return index < 0 ? text : text.Remove(index, 1);
    }

    private static string? Strip(string? text, NamePartElement? part)
        => text is not null && part?.Decor.StripPeriods == true ? text.Replace(".", string.Empty, StringComparison.Ordinal) : text;

    private static void SetAffixes(Blob? blob, Decor? decor)
    {
        if (blob is null || decor is null)
        {
            return;
        }

        blob.Prefix = decor.Prefix;
        blob.Suffix = decor.Suffix;
    }

    /// <summary>Renders a name variable as a sort key: every name family-first, no et-al term.</summary>
    internal Blob? RenderSortNames(string variable, RenderContext ctx, RenderMode section)
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

    /// <summary>Whether a macro holds a date element itself (not through other macros), as citeproc-js flags it.</summary>
    internal static bool HasOwnDate(Macro macro) => HasOwnDate(macro.Children);

    private static bool HasOwnDate(IReadOnlyList<Element> elements)
    {
        foreach (var element in elements)
        {
            var found = element switch
            {
                DateElement => true,
                GroupElement g => HasOwnDate(g.Children),
                NamesElement { Substitute: { } sub } => HasOwnDate(sub),
                ChooseElement c => c.Branches.Any(b => HasOwnDate(b.Children)),
                _ => false,
            };
            if (found)
            {
                return true;
            }
        }

        return false;
    }
}
