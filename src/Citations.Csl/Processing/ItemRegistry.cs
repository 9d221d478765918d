using System.Globalization;
using Citations.Csl.Disambiguation;
using Citations.Csl.Evaluation;
using Citations.Csl.Styles;
using Citations.CslData;

namespace Citations.Csl.Processing;

/// <summary>
/// The items of one session: every item the caller gave, and those registered (cited, in first-cite order, or all of
/// them for a bibliography). Settling the registry sorts the registered items as the bibliography does, works out
/// their disambiguation and gives them citation numbers. Not thread-safe; one per session.
/// </summary>
internal sealed class ItemRegistry
{
    private readonly StyleRuntime _runtime;
    private readonly SortKeys _sortKeys;
    private readonly RangeRunner _runner;
    private readonly DisambiguationPass _disambiguation;
    private readonly Dictionary<string, CslItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredItem> _registered = new(StringComparer.Ordinal);
    private readonly List<RegisteredItem> _order = [];
    private List<RegisteredItem>? _sorted;
    private int _versions;

    /// <summary>The name registry's revision when the registry was last settled.</summary>
    private int _settledRevision;

    /// <param name="runtime">The style.</param>
    /// <param name="sortKeys">Builds the bibliography's sort keys.</param>
    /// <param name="cites">Renders the ambiguous cites.</param>
    /// <param name="runner">Runs independent work on the machine's cores.</param>
    /// <param name="items">Every item the session may register.</param>
    /// <param name="document">Whether the session is a document's (citations edited one by one).</param>
    public ItemRegistry(StyleRuntime runtime, SortKeys sortKeys, AmbiguousCites cites, RangeRunner runner, IEnumerable<CslItem> items, bool document)
    {
        _runtime = runtime;
        _sortKeys = sortKeys;
        _runner = runner;
        // citeproc-js runs a group of look-alikes again when a document's edit first cites one of them, in note styles
        // testing disambiguate="true" (where it counts each item's citations).
        var twice = document && runtime.Style.Class == CslStyleClass.Note && runtime.HasDisambiguateCondition && runtime.TracksPositions;
        _disambiguation = new DisambiguationPass(runtime, cites, sortKeys, runner, CompareBibliographyOrder, twice);
        Names = new NameRegistry(runtime.Style);
        foreach (var item in items)
        {
            _items.TryAdd(item.Id.Text, NoteFields.Apply(item));
        }
    }

    /// <summary>The names seen in the registered items' cites (for the given-name rules), as last settled.</summary>
    public NameRegistry Names { get; private set; }

    /// <summary>Bumped whenever the registered items are settled again (sorted, disambiguated, numbered).</summary>
    public int Generation { get; private set; }

    private CslStyle Style => _runtime.Style;

    /// <summary>The registered item with this id, or <see langword="null"/>.</summary>
    public RegisteredItem? Find(string id) => _registered.GetValueOrDefault(id);

    /// <summary>Whether the item is in the item list (so that a cite may name it).</summary>
    public bool IsKnown(string id) => _items.ContainsKey(id);

    /// <summary>Registers every item of the list, in the order given.</summary>
    public void RegisterAll() => Register(_items.Keys);

    /// <summary>
    /// Makes the registered items exactly these, in this (first-cite) order, unless they already are. Returns
    /// whether anything changed.
    /// </summary>
    public bool SyncRegistration(IReadOnlyList<string> ids)
    {
        if (ids.Count == _order.Count)
        {
            var same = true;
            for (var i = 0; i < ids.Count && same; i++)
            {
                same = string.Equals(_order[i].Item.Id.Text, ids[i], StringComparison.Ordinal);
            }

            if (same)
            {
                return false;
            }
        }

        var keep = new HashSet<string>(ids, StringComparer.Ordinal);
        _order.RemoveAll(e => !keep.Contains(e.Item.Id.Text));
        foreach (var id in _registered.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _registered.Remove(id);
        }

        Register(ids);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        _order.Sort((a, b) => position.GetValueOrDefault(a.Item.Id.Text).CompareTo(position.GetValueOrDefault(b.Item.Id.Text)));
        for (var i = 0; i < _order.Count; i++)
        {
            _order[i].Seq = i + 1;
        }

        _sorted = null;
        return true;
    }

    /// <summary>Registers items (in first-cite order) that are in the item list.</summary>
    private void Register(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (_registered.ContainsKey(id) || !_items.TryGetValue(id, out var item))
            {
                continue;
            }

            var entry = new RegisteredItem(item, _order.Count + 1);
            _registered[id] = entry;
            _order.Add(entry);
        }

        _sorted = null;
    }

    /// <summary>
    /// Settles the registry again when renders since it was settled added names to the name registry (a first cite
    /// showing more names than its ambiguous cite): a citation formatted on its own then sees what it would alone.
    /// </summary>
    public void ResettleIfNamesAdded()
    {
        if (_sorted is not null && Names.Revision != _settledRevision)
        {
            _sorted = null;
        }
    }

    /// <summary>The registered items in bibliography order, settled: disambiguated and numbered.</summary>
    public IReadOnlyList<RegisteredItem> Sorted()
    {
        if (_sorted is not null)
        {
            return _sorted;
        }

        var sorted = new List<RegisteredItem>(_order);
        var keys = Style.Bibliography?.Sort ?? [];
        if (keys.Count > 0)
        {
            foreach (var entry in sorted)
            {
                entry.BibliographyKeys = _sortKeys.Deferred(keys, entry.Item, RenderMode.Bibliography, entry.Seq);
            }

            // Every comparison needs the first key: build those up front, on the machine's cores for a long list.
            _runner.ForEachRange(sorted.Count, () => 0, (none, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    _ = sorted[i].BibliographyKeys![0];
                }

                return 0;
            });
        }

        var (names, ambiguousCites) = _disambiguation.Run(_order);
        Names = names;
        _settledRevision = names.Revision;
        if (keys.Count > 0)
        {
            sorted.Sort(CompareBibliographyOrder);
        }

        // Numbers follow the bibliography order, unless that order is itself by citation number.
        var byCitationNumber = keys.Any(k => k.Variable == "citation-number");
        for (var i = 0; i < sorted.Count; i++)
        {
            sorted[i].CitationNumber = byCitationNumber ? sorted[i].Seq : i + 1;
        }

        if (byCitationNumber && keys.FirstOrDefault(k => k.Variable == "citation-number") is { Descending: true })
        {
            for (var i = 0; i < sorted.Count; i++)
            {
                sorted[i].CitationNumber = sorted.Count - i;
            }
        }

        // A citation number shapes a cite only where the citation layout prints it (citeproc-js's numeric update
        // mode): elsewhere a renumbered item's cites are not rendered again (a changed citation order is seen by the
        // document anyway, through the citation's sorted cites).
        var numbersShapeCites = _runtime.CitationPrintsNumbers;
        for (var i = 0; i < _order.Count; i++)
        {
            var entry = _order[i];
            var number = numbersShapeCites ? entry.CitationNumber.ToString(CultureInfo.InvariantCulture) : string.Empty;
            var signature = string.Concat(number, "|", ambiguousCites[i], "|", entry.Disambiguation.Fingerprint());
            if (!string.Equals(signature, entry.Signature, StringComparison.Ordinal))
            {
                entry.Signature = signature;
                entry.Version = ++_versions;
            }
        }

        Generation++;
        _sorted = sorted;
        return sorted;
    }

    /// <summary>The bibliography's order: by the style's sort keys, ties (and an unsorted bibliography) in first-cite order.</summary>
    private int CompareBibliographyOrder(IDisambiguatedItem a, IDisambiguatedItem b)
    {
        var keys = Style.Bibliography?.Sort ?? [];
        if (keys.Count > 0 && a.BibliographyKeys is not null && b.BibliographyKeys is not null)
        {
            var cmp = SortKeys.Compare(a.BibliographyKeys, b.BibliographyKeys, keys);
            if (cmp != 0)
            {
                return cmp;
            }
        }

        return a.Seq.CompareTo(b.Seq);
    }
}
