using Citations.Csl.Evaluation;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Disambiguation;

/// <summary>
/// Works out the disambiguation of every registered item of a session: fills the name registry, renders each item's
/// ambiguous cite, groups the items whose ambiguous cites coincide, and runs the <see cref="Disambiguator"/> on each
/// group. Independent work runs on the machine's cores (<see cref="RangeRunner"/>); the result is the same either way.
/// </summary>
/// <param name="runtime">The style.</param>
/// <param name="cites">Renders the ambiguous cites.</param>
/// <param name="sortKeys">Files the names of the bibliography's sort keys.</param>
/// <param name="runner">Runs independent work on the machine's cores.</param>
/// <param name="bibliographyOrder">The bibliography's order (year suffixes follow it).</param>
/// <param name="runsGroupsTwice">
/// Whether each group of look-alikes is disambiguated a second time, from where the first run left it: what
/// citeproc-js does in a document of a note style testing <c>disambiguate="true"</c>, where every newly cited item has
/// its group run again (its number of citations is then first known).
/// </param>
internal sealed class DisambiguationPass(StyleRuntime runtime, AmbiguousCites cites, SortKeys sortKeys, RangeRunner runner, Comparison<IDisambiguatedItem> bibliographyOrder, bool runsGroupsTwice)
{
    private CslStyle Style => runtime.Style;

    /// <summary>
    /// Settles the disambiguation of <paramref name="items"/> (in registration order): sets each item's
    /// <see cref="IDisambiguatedItem.Disambiguation"/>, and returns the name registry later renders consult and each
    /// item's ambiguous cite as first rendered (what decides which items look alike).
    /// </summary>
    public (NameRegistry Names, string[] AmbiguousCites) Run(IReadOnlyList<IDisambiguatedItem> items)
    {
        var names = new NameRegistry(Style);
        foreach (var item in items)
        {
            item.Disambiguation = new DisambiguationState();
        }

        // Under the by-cite rule the registry files names per item, and without add-givenname its answers never
        // depend on what else it holds: either way an item's renders do not depend on other items' renders, so the
        // ambiguous cites and the groups' disambiguation may run on the machine's cores.
        var independent = Style.Citation is { GivenNameRule: GivenNameRule.ByCite } or { DisambiguateAddGivenName: false };
        var initial = new ProbeResult[items.Count];
        if (independent)
        {
            runner.ForEachRange(items.Count, () => runtime.NewWriter(CslOutputFormat.Text), (writer, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    initial[i] = cites.Render(items[i], null, names, writer);
                }

                return 0;
            });
        }
        else
        {
            // The names the bibliography's sort keys show are filed first, as citeproc-js files them when it sorts the
            // items it registers: an editor or translator the cites never show still calls for given names.
            if (Style.Bibliography is { Sort.Count: > 0 } bibliography)
            {
                foreach (var item in items)
                {
                    sortKeys.RegisterNames(bibliography.Sort, item.Item, item.Seq, names);
                }
            }

            // Names are compared across items (a global given-name rule): a first pass fills the registry, a second
            // computes each item's ambiguous cite with it complete. Which names a cite shows does not depend on the
            // registry, so the complete registry is the same whatever order the first pass runs in, and that pass
            // may run on the machine's cores. Each first render is kept with the registry answers it got: when the
            // complete registry gives the same answers, the second render would be the same and is skipped.
            runner.ForEachRange(items.Count, () => runtime.NewWriter(CslOutputFormat.Text), (writer, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    initial[i] = cites.Render(items[i], null, names, writer, recordLookups: true);
                }

                return 0;
            });
            var writer = runtime.NewWriter(CslOutputFormat.Text);
            for (var i = 0; i < items.Count; i++)
            {
                if (!names.StillAnswers(initial[i].RegistryLookups!))
                {
                    initial[i] = cites.Render(items[i], null, names, writer);
                }
            }
        }

        var texts = new string[items.Count];
        var groups = new Dictionary<string, List<IDisambiguatedItem>>(StringComparer.Ordinal);
        var groupOrder = new List<List<IDisambiguatedItem>>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var probe = initial[i];
            texts[i] = probe.Text;
            var settings = probe.Settings.Clone();
            settings.IsRequest = true;
            item.Disambiguation = settings;
            if (!groups.TryGetValue(probe.Text, out var group))
            {
                group = [];
                groups[probe.Text] = group;
                groupOrder.Add(group);
            }

            group.Add(item);
        }

        if (!Disambiguator.Applies(Style.Citation!, runtime.HasDisambiguateCondition))
        {
            return (names, texts);
        }

        // Under the primary-name rules the registry holds first names only, and the cites registered them all: the
        // wider renders of disambiguation show more names or given names of the same lists, never another first name,
        // unless a disambiguate condition switches to other variables. The registry is then settled, and the groups
        // independent of one another too.
        var settled = independent || (Style.Citation is { GivenNameRule: GivenNameRule.PrimaryName or GivenNameRule.PrimaryNameWithInitials } && !runtime.HasDisambiguateCondition);
        var ambiguous = groupOrder.Where(g => g.Count > 1).ToList();
        var parallel = settled && ambiguous.Sum(g => g.Count) >= RangeRunner.ParallelThreshold;
        if (parallel)
        {
            // Groups are independent; the largest (whose work grows with the square of their size) go first.
            ambiguous.Sort((a, b) => b.Count.CompareTo(a.Count));
        }

        runner.ForEachRange(
            ambiguous.Count,
            () => new GroupWorker(cites, names, runtime.NewWriter(CslOutputFormat.Text), Style.Citation!, runtime.HasDisambiguateCondition, bibliographyOrder, runsGroupsTwice),
            (worker, start, end) =>
            {
                for (var g = start; g < end; g++)
                {
                    worker.Run(ambiguous[g]);
                }

                return 0;
            },
            parallel,
            rangeSize: 1);
        return (names, texts);
    }

    /// <summary>Disambiguates groups of look-alike items one after another, with its own writer and render cache.</summary>
    private sealed class GroupWorker
    {
        private readonly AmbiguousCites _cites;
        private readonly NameRegistry _names;
        private readonly BlobWriter _writer;
        private readonly Disambiguator _disambiguator;
        private readonly bool _twice;

        // The disambiguation algorithm renders the same item under the same settings many times over in large
        // groups of look-alikes; within a group the result depends on nothing else, so each is rendered once.
        private readonly Dictionary<(IDisambiguatedItem, string), ProbeResult> _probes = [];

        public GroupWorker(AmbiguousCites cites, NameRegistry names, BlobWriter writer, CitationSection citation, bool hasDisambiguateCondition, Comparison<IDisambiguatedItem> bibliographyOrder, bool twice)
        {
            _twice = twice;
            _cites = cites;
            _names = names;
            _writer = writer;
            _disambiguator = new Disambiguator(citation, hasDisambiguateCondition, CachedProbe, (e, config) => e.Disambiguation = config, bibliographyOrder);
        }

        public void Run(List<IDisambiguatedItem> group)
        {
            _disambiguator.Run(group);
            if (_twice)
            {
                _disambiguator.Run(group, fromCurrent: true);
            }

            // A group's renders serve that group only (each item is in one group): let them go.
            _probes.Clear();
        }

        private ProbeResult CachedProbe(IDisambiguatedItem item, DisambiguationState? request)
        {
            if (request is null)
            {
                return _cites.Render(item, null, _names, _writer);
            }

            var key = (item, (request.IsRequest ? "R" : "-") + request.Fingerprint());
            if (!_probes.TryGetValue(key, out var result))
            {
                // The disambiguator only reads a result (it clones what it keeps), so one object serves every hit.
                result = _cites.Render(item, request, _names, _writer);
                _probes[key] = result;
                return result;
            }

            // Replay what a render records on the request.
            if (!request.Names.SequenceEqual(result.Settings.Names))
            {
                request.Names = [.. result.Settings.Names];
            }

            if (!SameGivens(request.Givens, result.Settings.Givens))
            {
                request.Givens = result.Settings.Givens.Select(g => new List<int>(g)).ToList();
            }

            return result;
        }

        private static bool SameGivens(List<List<int>> a, List<List<int>> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!a[i].SequenceEqual(b[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
