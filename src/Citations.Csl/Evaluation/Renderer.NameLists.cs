using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;

namespace Citations.Csl.Evaluation;

/// <summary>
/// One list of names: how many it shows (et-al, et-al-use-last, widened by disambiguation), how they are joined
/// ("and", delimiter-precedes-last), and the given-name level disambiguation asks for each name.
/// </summary>
internal sealed partial class Renderer
{
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

    private Blob? RenderNameList(IReadOnlyList<CslName> list, NameElement nameElement, NameOptions options, EtAlElement? etAl, RenderContext ctx, AuthorNames? recording)
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
        var registry = ctx.Input.NameRegistry;
        if (ctx.Input.Mode == RenderMode.Sort)
        {
            // A sort key files its names (SortKeys.RegisterNames); only a citation's keys read the registry, for the
            // floor the global given-name rules set (citeproc-js renders its citation keys without disambiguation).
            registry?.Add(itemId, person, nameIndex);
            registry = ctx.Input.SortNameFloors;
        }
        else if (ctx.Input.Mode != RenderMode.Bibliography || registry is { FilesPerItem: true })
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
}
