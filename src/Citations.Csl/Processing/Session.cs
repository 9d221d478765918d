using System.Text;
using Citations.Csl.Evaluation;
using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Csl.Processing;

/// <summary>
/// The state of formatting one document: the registered items (in citation order), their sort keys, citation numbers
/// and disambiguation settings. Not thread-safe; a processor creates one per call.
/// </summary>
internal sealed class Session
{
    private readonly CslProcessor _processor;
    private readonly StyleRuntime _runtime;
    private readonly Renderer _renderer;
    private readonly SortKeys _sortKeys;
    private readonly BlobWriter _writer;
    private readonly BlobWriter _probeWriter;
    private readonly Dictionary<string, CslItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _registered = new(StringComparer.Ordinal);
    private readonly List<Entry> _order = [];
    private List<Entry>? _sorted;

    public Session(CslProcessor processor, IEnumerable<CslItem> items)
    {
        _processor = processor;
        _runtime = processor.Runtime;
        _renderer = new Renderer(_runtime);
        _sortKeys = new SortKeys(_renderer);
        _writer = NewWriter(processor.Format);
        _probeWriter = NewWriter(CslOutputFormat.Text);
        _names = new NameRegistry(processor.Style);
        foreach (var item in items)
        {
            _items.TryAdd(item.Id.Text, NoteFields.Apply(item));
        }
    }

    private CslStyle Style => _runtime.Style;

    internal sealed class Entry(CslItem item, int seq)
    {
        public CslItem Item { get; } = item;

        public int Seq { get; set; } = seq;

        public int CitationNumber { get; set; }

        public SortKeys.Lazy? BibliographyKeys { get; set; }

        public DisambiguationState Disambiguation { get; set; } = new();

        /// <summary>The item's ambiguous cite as last computed (it reflects the names registry).</summary>
        public string? ProbeText { get; set; }

        /// <summary>Everything about the entry that shapes its cites, as last computed.</summary>
        public string? Signature { get; set; }

        /// <summary>Bumped whenever <see cref="Signature"/> changes: cites of this item must be rendered again.</summary>
        public int Version { get; set; }
    }


    private int _versions;

    /// <summary>Bumped whenever the registered items are re-sorted and re-disambiguated.</summary>
    public int Generation { get; private set; }

    /// <summary>The registered entry of an item, or <see langword="null"/>.</summary>
    public Entry? Find(string id) => _registered.GetValueOrDefault(id);

    /// <summary>Whether the style gives the item to any cite (it is in the item list).</summary>
    public bool IsKnown(string id) => _items.ContainsKey(id);

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

        UpdateItems(ids);
        return true;
    }

    public void RegisterAll() => Register(_items.Keys);

    /// <summary>Makes the registered set exactly these items, in this order.</summary>
    private void UpdateItems(IReadOnlyList<string> wanted)
    {
        var keep = new HashSet<string>(wanted, StringComparer.Ordinal);
        _order.RemoveAll(e => !keep.Contains(e.Item.Id.Text));
        foreach (var id in _registered.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _registered.Remove(id);
        }

        Register(wanted);
        var position = wanted.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        _order.Sort((a, b) => position.GetValueOrDefault(a.Item.Id.Text).CompareTo(position.GetValueOrDefault(b.Item.Id.Text)));
        for (var i = 0; i < _order.Count; i++)
        {
            _order[i].Seq = i + 1;
        }

        _sorted = null;
    }

    /// <summary>Registers items (in first-cite order) that are in the item list.</summary>
    private void Register(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (_registered.ContainsKey(id))
            {
                continue;
            }

            if (!_items.TryGetValue(id, out var item))
            {
                continue;
            }

            var entry = new Entry(item, _order.Count + 1);
            _registered[id] = entry;
            _order.Add(entry);
        }

        _sorted = null;
    }

    /// <summary>The registered entries in bibliography order, with citation numbers assigned.</summary>
    public IReadOnlyList<Entry> Sorted()
    {
        if (_sorted is not null)
        {
            return _sorted;
        }

        var sorted = new List<Entry>(_order);
        var keys = Style.Bibliography?.Sort ?? [];
        if (keys.Count > 0)
        {
            foreach (var entry in sorted)
            {
                entry.BibliographyKeys = _sortKeys.Deferred(keys, entry.Item, RenderMode.Bibliography, entry.Seq);
            }

            // Every comparison needs the first key: build those up front, on the machine's cores for a long list.
            ForEachRange(sorted.Count, () => 0, (none, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    _ = sorted[i].BibliographyKeys![0];
                }

                return 0;
            });
        }

        Disambiguate();
        _settledRevision = _names.Revision;
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

        foreach (var entry in sorted)
        {
            var signature = string.Concat(entry.CitationNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", entry.ProbeText, "|", entry.Disambiguation.Fingerprint());
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

    private int CompareBibliographyOrder(Entry a, Entry b)
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

    private NameRegistry _names;

    /// <summary>The names registry's revision when disambiguation was last settled.</summary>
    private int _settledRevision;

    /// <summary>
    /// Renders a citation on its own: each cite is a first cite unless it gives its position. Every citation is
    /// rendered against the settled disambiguation of the registered items, as if no other had been rendered before
    /// it: when earlier renders added names to the registry, disambiguation is settled again.
    /// </summary>
    public string RenderStandalone(CslCitation citation)
    {
        if (_sorted is not null && _names.Revision != _settledRevision)
        {
            _sorted = null;
        }

        Sorted();
        var cites = citation.Cites.Select(c => c with { PositionFlags = c.Position is { } p ? (int)Positions.Forced(p, c.NearNote) : 0 }).ToList();
        return RenderCitation(citation with { Cites = cites });
    }

    /// <summary>
    /// Works out every registered item's disambiguation: the names registry, the ambiguous cite of each item, and
    /// for each group of items whose ambiguous cites coincide, the settings that tell them apart.
    /// </summary>
    private void Disambiguate()
    {
        _names = new NameRegistry(Style);
        foreach (var entry in _order)
        {
            entry.Disambiguation = new DisambiguationState();
        }

        // Under the by-cite rule the registry files names per item, and without add-givenname its answers never
        // depend on what else it holds: either way an item's renders do not depend on other items' renders, so the
        // ambiguous cites and the groups' disambiguation may run on the machine's cores.
        var independent = Style.Citation is { GivenNameRule: GivenNameRule.ByCite } or { DisambiguateAddGivenName: false };
        var initial = new Disambiguator.ProbeResult[_order.Count];
        if (independent)
        {
            ForEachRange(_order.Count, () => NewWriter(CslOutputFormat.Text), (writer, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    initial[i] = Probe(_order[i], null, writer);
                }

                return 0;
            });
        }
        else
        {
            // Names are compared across items (a global given-name rule): a first pass fills the registry, a second
            // computes each item's ambiguous cite with it complete. Which names a cite shows does not depend on the
            // registry, so the complete registry is the same whatever order the first pass runs in, and that pass
            // may run on the machine's cores. Each first render is kept with the registry answers it got: when the
            // complete registry gives the same answers, the second render would be the same and is skipped.
            var lookups = new List<NameRegistry.Lookup>[_order.Count];
            ForEachRange(_order.Count, () => NewWriter(CslOutputFormat.Text), (writer, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    lookups[i] = [];
                    initial[i] = Probe(_order[i], null, writer, lookups[i]);
                }

                return 0;
            });
            for (var i = 0; i < _order.Count; i++)
            {
                if (!_names.StillAnswers(lookups[i]))
                {
                    initial[i] = Probe(_order[i], null, _probeWriter);
                }
            }
        }

        var groups = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        var groupOrder = new List<List<Entry>>();
        for (var i = 0; i < _order.Count; i++)
        {
            var entry = _order[i];
            var probe = initial[i];
            entry.ProbeText = probe.Text;
            var settings = probe.Settings.Clone();
            settings.IsRequest = true;
            entry.Disambiguation = settings;
            if (!groups.TryGetValue(probe.Text, out var group))
            {
                group = [];
                groups[probe.Text] = group;
                groupOrder.Add(group);
            }

            group.Add(entry);
        }

        if (!Disambiguator.Applies(Style.Citation!, _runtime.HasDisambiguateCondition))
        {
            return;
        }

        // Under the primary-name rules the registry holds first names only, and the cites registered them all: the
        // wider renders of disambiguation show more names or given names of the same lists, never another first name,
        // unless a disambiguate condition switches to other variables. The registry is then settled, and the groups
        // independent of one another too.
        var settled = independent || (Style.Citation is { GivenNameRule: GivenNameRule.PrimaryName or GivenNameRule.PrimaryNameWithInitials } && !_runtime.HasDisambiguateCondition);
        var ambiguous = groupOrder.Where(g => g.Count > 1).ToList();
        var parallel = settled && ambiguous.Sum(g => g.Count) >= ParallelThreshold;
        if (parallel)
        {
            // Groups are independent; the largest (whose work grows with the square of their size) go first.
            ambiguous.Sort((a, b) => b.Count.CompareTo(a.Count));
        }

        ForEachRange(
            ambiguous.Count,
            () => new GroupWorker(this, NewWriter(CslOutputFormat.Text)),
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
    }

    /// <summary>Disambiguates groups of look-alike items one after another, with its own writer and render cache.</summary>
    private sealed class GroupWorker
    {
        private readonly Session _session;
        private readonly BlobWriter _writer;
        private readonly Disambiguator _disambiguator;

        // The disambiguation algorithm renders the same item under the same settings many times over in large
        // groups of look-alikes; within a group the result depends on nothing else, so each is rendered once.
        private readonly Dictionary<(Entry, string), Disambiguator.ProbeResult> _probes = [];

        public GroupWorker(Session session, BlobWriter writer)
        {
            _session = session;
            _writer = writer;
            _disambiguator = new Disambiguator(session.Style.Citation!, session._runtime.HasDisambiguateCondition, CachedProbe, (e, config) => e.Disambiguation = config, session.CompareBibliographyOrder);
        }

        public void Run(List<Entry> group)
        {
            _disambiguator.Run(group);

            // A group's renders serve that group only (each item is in one group): let them go.
            _probes.Clear();
        }

        private Disambiguator.ProbeResult CachedProbe(Entry entry, DisambiguationState? request)
        {
            if (request is null)
            {
                return _session.Probe(entry, null, _writer);
            }

            var key = (entry, (request.IsRequest ? "R" : "-") + request.Fingerprint());
            if (!_probes.TryGetValue(key, out var result))
            {
                // The disambiguator only reads a result (it clones what it keeps), so one object serves every hit.
                result = _session.Probe(entry, request, _writer);
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

    /// <summary>The context of an item's ambiguous cite: a subsequent, near-note cite without locator or affixes.</summary>
    private RenderContext ProbeContext(Entry entry, DisambiguationState state, List<NameRegistry.Lookup>? log = null)
        => new(entry.Item, RenderMode.Citation, new CiteInfo { Position = CitePosition.Subsequent | CitePosition.NearNote }, state)
        {
            CitationNumber = entry.CitationNumber,
            NameRegistry = _names,
            RegistryLog = log,
            IsProbe = true,
        };

    /// <summary>Renders an item's "ambiguous cite": its subsequent citation form, as plain text, under a configuration.</summary>
    private Disambiguator.ProbeResult Probe(Entry entry, DisambiguationState? request, BlobWriter? writer = null, List<NameRegistry.Lookup>? log = null)
    {
        var ctx = ProbeContext(entry, request ?? new DisambiguationState(), log);
        var blob = _renderer.RenderLayout(Style.Citation!.Layout, ctx);
        PunctuationAdjuster.Adjust(blob, _runtime.Locale.PunctuationInQuote);
        var text = (writer ?? _probeWriter).Write(blob);
        var settings = ctx.Settings.Clone();
        settings.Disambiguate = request?.Disambiguate ?? 0;
        if (request is not null)
        {
            // Like citeproc-js, the request records what the render actually used.
            request.Names = [.. settings.Names];
            request.Givens = settings.Givens.Select(g => new List<int>(g)).ToList();
        }

        return new Disambiguator.ProbeResult(text, settings, [.. ctx.NamesMax], ctx.DisambiguateCount, ctx.DisambiguateMax);
    }

    public CslBibliography MakeBibliography()
    {
        var section = Style.Bibliography;
        var entries = new List<CslBibliographyEntry>();
        if (section is null)
        {
            return new CslBibliography(_processor.Format, entries, [], false, null, 1, 1);
        }

        var selected = Sorted();

        // Entries render independently (disambiguation is settled by now, and an entry adds names only to a registry
        // that files them per item), so a long list is rendered in ranges on the machine's cores. Subsequent-author-substitute compares each entry with the one
        // before: within a range that is the previous entry; a range's first entry waits until the ranges before it
        // are done.
        var texts = new string?[selected.Count];
        var errors = new CslException?[selected.Count];
        var warnings = new List<Diagnostic>();
        var ranges = ForEachRange(selected.Count, () => NewWriter(_processor.Format), (writer, start, end) =>
        {
            var range = new RangeState(writer);
            for (var i = start; i < end; i++)
            {
                var done = RenderEntryContent(selected[i], section);
                if (done.Error is not null)
                {
                    errors[i] = done.Error;
                    continue;
                }

                if (!range.HasEntry)
                {
                    range.HasEntry = true;
                    range.First = (i, done);
                }
                else
                {
                    SubstituteAuthor(range.LastKeys, done.LeadingNames, section);
                    texts[i] = done.Content is { } content ? WriteEntry(content, section.Layout, writer) : null;
                }

                range.LastKeys = LeadingKeys(done.LeadingNames);
            }

            return range;
        });

        List<string>? lastKeys = null;
        foreach (var range in ranges)
        {
            if (!range.HasEntry)
            {
                continue;
            }

            var (index, first) = range.First;
            SubstituteAuthor(lastKeys, first.LeadingNames, section);
            texts[index] = first.Content is { } content ? WriteEntry(content, section.Layout, range.Writer) : null;
            lastKeys = range.LastKeys;
        }

        for (var i = 0; i < selected.Count; i++)
        {
            if (errors[i] is { } e)
            {
                warnings.Add(new Diagnostic(DiagnosticSeverity.Error, CslDiagnosticCodes.EntryNotFormatted, $"Item '{selected[i].Item.Id.Text}' could not be formatted: {e.Problem}", e.Location));
                continue;
            }

            var text = texts[i];
            if (text is null && _runtime.CitationPrintsNumbers)
            {
                // A numbered list keeps its numbering: an entry that renders nothing is shown as an error line.
                text = _processor.Format.BibliographyEntry(_processor.Format.Escape(
                    $"{entries.Count + 1}. [CSL STYLE ERROR: reference with no printed form.]"));
            }

            if (text is not null)
            {
                entries.Add(new CslBibliographyEntry(selected[i].Item.Id.Text, text));
            }
        }

        var align = section.SecondFieldAlign switch
        {
            SecondFieldAlign.Flush => "flush",
            SecondFieldAlign.Margin => "margin",
            _ => null,
        };
        return new CslBibliography(_processor.Format, entries, warnings, section.HangingIndent, align, section.LineSpacing, section.EntrySpacing);
    }

    /// <summary>An entry's output tree before subsequent-author-substitute and writing, or the error that stopped it.</summary>
    private readonly record struct RenderedEntry(Blob? Content, AuthorNames? LeadingNames, CslException? Error);

    /// <summary>Below this many entries a bibliography is rendered on one thread (starting workers would cost more).</summary>
    private const int ParallelThreshold = 512;

    /// <summary>What rendering a range of entries leaves for the ranges after it.</summary>
    private sealed class RangeState(BlobWriter writer)
    {
        public BlobWriter Writer { get; } = writer;

        /// <summary>Whether an entry of the range rendered (without error).</summary>
        public bool HasEntry { get; set; }

        /// <summary>The range's first entry, kept unwritten until the entry before it is known.</summary>
        public (int Index, RenderedEntry Entry) First { get; set; }

        /// <summary>The leading names of the range's last entry (subsequent-author-substitute compares with them).</summary>
        public List<string>? LastKeys { get; set; }
    }

    /// <summary>
    /// Runs <paramref name="body"/> over [0, count) in contiguous ranges and returns the ranges' results in order: on
    /// the calling thread alone (one range) for short work or when one thread is allowed, else on up to
    /// <see cref="CslProcessor.MaxDegreeOfParallelism"/> threads taking ranges in turn. Each thread works with its own
    /// state from <paramref name="newState"/> (a writer, say). The first failure is rethrown as itself.
    /// </summary>
    /// <param name="count">How many items.</param>
    /// <param name="newState">Makes a thread's state.</param>
    /// <param name="body">Works through one range [start, end) with a thread's state.</param>
    /// <param name="parallel">Whether the work may spread over threads; by default when <paramref name="count"/> reaches <see cref="ParallelThreshold"/>.</param>
    /// <param name="rangeSize">Items per range; by default small enough to keep the threads busy when items cost unequally.</param>
    private List<T> ForEachRange<TState, T>(int count, Func<TState> newState, Func<TState, int, int, T> body, bool? parallel = null, int rangeSize = 0)
    {
        var workers = _processor.MaxDegreeOfParallelism;
        if (!(parallel ?? count >= ParallelThreshold) || workers < 2 || count < 2)
        {
            return [body(newState(), 0, count)];
        }

        var size = rangeSize > 0 ? rangeSize : Math.Max(64, count / (workers * 8));
        var results = new T[(count + size - 1) / size];
        try
        {
            Parallel.For(
                0,
                results.Length,
                new ParallelOptions { MaxDegreeOfParallelism = workers },
                newState,
                (r, _, state) =>
                {
                    results[r] = body(state, r * size, Math.Min(count, (r + 1) * size));
                    return state;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Fail as the sequential loop would: with the first error itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return [.. results];
    }

    private BlobWriter NewWriter(CslOutputFormat format)
    {
        var locale = _runtime.Locale;
        return new BlobWriter(format, locale.OpenQuote, locale.CloseQuote, locale.OpenInnerQuote, locale.CloseInnerQuote);
    }

    /// <summary>Renders an entry's layout. Reads the session's settled state only, so entries may render concurrently.</summary>
    private RenderedEntry RenderEntryContent(Entry entry, BibliographySection section)
    {
        try
        {
            var ctx = new RenderContext(entry.Item, RenderMode.Bibliography, CiteInfo.Empty, entry.Disambiguation)
            {
                CitationNumber = entry.CitationNumber,
                NameRegistry = _names,
                Scope = DecorationScope.Empty.Push(Decorations.From(section.Layout.Decor.Formatting, section.Layout.Decor.Quotes)),
            };
            var content = _renderer.RenderLayout(section.Layout, ctx);
            return new RenderedEntry(content.Children!.Count == 0 ? null : content, ctx.LeadingNames, null);
        }
        catch (CslException e)
        {
            return new RenderedEntry(null, null, e);
        }
    }

    /// <summary>Puts the layout's affixes and formatting on an entry's content, reconciles punctuation and writes it.</summary>
    private string? WriteEntry(Blob content, Layout layout, BlobWriter writer)
    {
        // When the layout's first element is displayed, or the second field is aligned, the layout suffix goes inside
        // the last block, as citeproc-js does.
        var aligned = Style.Bibliography!.SecondFieldAlign != SecondFieldAlign.None && content.Children![^1].Display == Display.RightInline;
        if (aligned || (layout.Children.Count > 0 && layout.Children[0].Decor.Display != Display.None && content.Children![^1].Display != Display.None))
        {
            content.Children![^1].Suffix = layout.Decor.Suffix;
        }
        else
        {
            content.Suffix = layout.Decor.Suffix;
        }

        if (layout.Decor.Prefix.Length > 0)
        {
            content.Children![0].Prefix = layout.Decor.Prefix + content.Children[0].Prefix;
        }

        var root = Blob.Node();
        root.Decorations = Decorations.From(layout.Decor.Formatting, layout.Decor.Quotes);
        root.Add(content);
        PunctuationAdjuster.Adjust(root, _runtime.Locale.PunctuationInQuote);
        var text = writer.Write(root);
        return text.Length == 0 ? null : _processor.Format.BibliographyEntry(text);
    }

    /// <summary>The citation's cites (registered items only) in the order the citation sort gives.</summary>
    public List<CslCite> SortCitesOf(CslCitation citation)
    {
        var section = Style.Citation!;
        var cites = citation.Cites.Where(c => _registered.ContainsKey(c.Id)).Select(c => (_registered[c.Id], c)).ToList();
        if (section.Sort.Count > 0 && cites.Count > 1)
        {
            cites = SortCites(cites, section);
        }

        return cites.Select(c => c.Item2).ToList();
    }

    /// <summary>The keys subsequent-author-substitute compares an entry's leading names by (null when it has none).</summary>
    private static List<string>? LeadingKeys(AuthorNames? names) => names is null || names.Keys.Count == 0 ? null : names.Keys;

    /// <summary>
    /// Replaces names repeated from the previous entry (whose leading-name keys are <paramref name="previous"/>) by
    /// the style's subsequent-author-substitute string.
    /// </summary>
    private static void SubstituteAuthor(List<string>? previous, AuthorNames? names, BibliographySection section)
    {
        if (section.SubsequentAuthorSubstitute is not { } substitute || LeadingKeys(names) is null)
        {
            return;
        }

        if (!names!.Eligible || previous is null)
        {
            return;
        }

        switch (section.SubsequentAuthorSubstituteRule)
        {
            case SubsequentAuthorSubstituteRule.CompleteAll:
                if (previous.SequenceEqual(names.Keys, StringComparer.Ordinal))
                {
                    names.Container.Children!.Clear();
                    names.Container.Delimiter = string.Empty;
                    names.Container.Add(Blob.Leaf(substitute));
                    if (names.Label is not null)
                    {
                        names.Container.Add(names.Label);
                    }
                }

                break;
            case SubsequentAuthorSubstituteRule.CompleteEach:
                if (previous.SequenceEqual(names.Keys, StringComparer.Ordinal))
                {
                    foreach (var blob in names.NameBlobs)
                    {
                        Replace(blob, substitute);
                    }
                }

                break;
            default:
                for (var i = 0; i < names.NameBlobs.Count && i < names.Keys.Count; i++)
                {
                    if (i >= previous.Count || previous[i] != names.Keys[i])
                    {
                        break;
                    }

                    Replace(names.NameBlobs[i], substitute);
                    if (section.SubsequentAuthorSubstituteRule == SubsequentAuthorSubstituteRule.PartialFirst)
                    {
                        break;
                    }
                }

                break;
        }

        static void Replace(Blob blob, string text)
        {
            blob.Text = null;
            blob.Children = [Blob.Leaf(text)];
        }
    }

    public string RenderCitation(CslCitation citation)
    {
        var section = Style.Citation!;
        var cites = new List<(Entry Entry, CslCite Cite)>();
        foreach (var cite in citation.Cites)
        {
            if (_registered.TryGetValue(cite.Id, out var entry))
            {
                cites.Add((entry, cite));
            }
        }

        if (section.Sort.Count > 0 && cites.Count > 1)
        {
            cites = SortCites(cites, section);
        }

        if (cites.Count > 0 && cites[0].Cite.AuthorOnly)
        {
            // A narrative citation shows the first cite's author alone, without the layout's affixes.
            cites = [cites[0]];
        }

        var authorOnly = cites.Count > 0 && cites[0].Cite.AuthorOnly;
        var layout = section.Layout;
        var cluster = new ClusterState();
        var rendered = new List<RenderedCite>();
        var termPredecessor = false;
        foreach (var (entry, cite) in cites)
        {
            var info = new CiteInfo
            {
                Position = (CitePosition)cite.PositionFlags,
                FirstReferenceNoteNumber = cite.FirstReferenceNoteNumber,
                Locator = cite.Locator,
                Label = cite.Label,
                Prefix = cite.Prefix,
                Suffix = cite.Suffix,
                SuppressAuthor = cite.SuppressAuthor,
                AuthorOnly = cite.AuthorOnly,
                NoteNumber = citation.NoteNumber,
            };
            var ctx = new RenderContext(entry.Item, RenderMode.Citation, info, entry.Disambiguation)
            {
                CitationNumber = entry.CitationNumber,
                NameRegistry = _names,
                Scope = DecorationScope.ForLayout(Decorations.From(layout.Decor.Formatting, false)),
                Cluster = cluster,
                HaveCollapsed = section.Collapse != Collapse.None,
                TermPredecessor = termPredecessor,
            };
            Blob? prefixBlob = null;
            if (!string.IsNullOrEmpty(cite.Prefix))
            {
                var prefix = PrefixWithSpace(cite.Prefix);
                prefixBlob = _renderer.MakeAffix(prefix, ctx);

                // The prefix is not cite content: the author still comes first for suppress-author.
                ctx.TextsMade = 0;

                // A prefix ending a sentence ("He said so. ") lets a following term start with a capital.
                var trimmed = prefix.Trim();
                var test = System.Text.RegularExpressions.Regex.Replace(prefix, "<[^>]+>", string.Empty).TrimEnd('"', '\'', '\u201d', '\u2019', '\u00bb', '\u202f', '\u00a0', ' ');
                if (test.Length > 0 && test[^1] is ':' or '.' or ';' or '!' or '?' && trimmed.Contains(' ', StringComparison.Ordinal))
                {
                    ctx.TermPredecessor = false;
                }
            }

            var content = _renderer.RenderLayout(layout, ctx);
            if (prefixBlob is not null)
            {
                content.Children!.Insert(0, prefixBlob);
            }

            if (!string.IsNullOrEmpty(cite.Suffix))
            {
                content.Add(_renderer.MakeAffix(SuffixWithSpace(cite.Suffix), ctx));
            }

            cluster.LastYears = [.. ctx.YearsUsed];
            termPredecessor = ctx.TermPredecessor;
            rendered.Add(new RenderedCite(content, cite, ctx.HaveCollapsed, ctx.UseCiteGroupDelimiter));
        }

        var layoutSuffix = layout.Decor.Suffix;
        if (layoutSuffix.Length > 0 && layoutSuffix[0] is ':' or '.' or ';' or '!' or '?')
        {
            layoutSuffix = layoutSuffix[..1];
        }

        var nonEmpty = rendered.Where(r => r.Blob.Children!.Count > 0).ToList();
        if (nonEmpty.Count == 0)
        {
            // citeproc-js's two ways of saying a citation printed nothing: deliberately (the author suppressed) or not.
            return rendered.Any(r => r.Cite.SuppressAuthor || r.Cite.AuthorOnly) ? "[NO_PRINTED_FORM]" : "[CSL STYLE ERROR: reference with no printed form.]";
        }

        if (!authorOnly)
        {
            nonEmpty[^1].Blob.Suffix = layoutSuffix;
            nonEmpty[0].Blob.Prefix = layout.Decor.Prefix;
        }

        var enclosing = new BlobWriter.Enclosing().With(Decorations.From(layout.Decor.Formatting, false));
        var collapseKind = section.Collapse switch
        {
            Collapse.CitationNumber => NumberKind.CitationNumber,
            Collapse.YearSuffix or Collapse.YearSuffixRanged when section.DisambiguateAddYearSuffix => NumberKind.YearSuffix,
            _ => NumberKind.Plain,
        };
        var pieces = new List<CitePiece>(nonEmpty.Count);
        foreach (var cite in nonEmpty)
        {
            PunctuationAdjuster.Adjust(cite.Blob, _runtime.Locale.PunctuationInQuote);
            pieces.Add(SplitTail(cite, collapseKind, enclosing));
        }

        var result = JoinCites(pieces, nonEmpty, section, layout);
        if (!authorOnly)
        {
            var decorations = Decorations.From(layout.Decor.Formatting, false);
            if (decorations.HasAny && result.Length > 0)
            {
                result = DecorateRaw(result, decorations);
            }
        }

        return result.Length == 0 ? "[CSL STYLE ERROR: reference with no printed form.]" : result;
    }

    private sealed record RenderedCite(Blob Blob, CslCite Cite, bool HaveCollapsed, bool UseCiteGroupDelimiter);

    /// <summary>A cite's output split around a trailing number that may collapse with the next cites' numbers.</summary>
    private sealed record CitePiece(string Prefix, string Head, string? Tail, int Number, string After, string Suffix)
    {
        public bool IsPure => Tail is not null && Head.Length == 0 && After.Length == 0;
    }

    private List<(Entry Entry, CslCite Cite)> SortCites(List<(Entry Entry, CslCite Cite)> cites, CitationSection section)
    {
        var keyed = cites.Select(c => (c.Entry, c.Cite, Keys: _sortKeys.Deferred(section.Sort, c.Entry.Item, RenderMode.Citation, c.Entry.CitationNumber, c.Entry.Disambiguation))).ToList();
        keyed.Sort((a, b) =>
        {
            var cmp = SortKeys.Compare(a.Keys, b.Keys, section.Sort);
            return cmp != 0 ? cmp : a.Entry.Seq.CompareTo(b.Entry.Seq);
        });
        if (!_runtime.CitationGroupsByAuthor)
        {
            return keyed.Select(k => (k.Entry, k.Cite)).ToList();
        }

        // Grouped sort (citeproc-js): cites by the same author come together, each group where its first cite
        // sorts. Sort by author string then the keys, and order the runs of one author by their first key.
        var firstKey = section.Sort[0];
        var withAuthors = keyed.Select(k => (k.Entry, k.Cite, k.Keys, Author: AuthorString(k.Entry))).ToList();
        withAuthors.Sort((a, b) =>
        {
            var cmp = _sortKeys.CompareValues(a.Author, b.Author, firstKey.Descending);
            if (cmp != 0)
            {
                return cmp;
            }

            cmp = SortKeys.Compare(a.Keys, b.Keys, section.Sort);
            return cmp != 0 ? cmp : a.Entry.Seq.CompareTo(b.Entry.Seq);
        });
        var runs = new List<(byte[] Lead, int Index, (Entry, CslCite) Cite)>(withAuthors.Count);
        byte[] lead = [];
        string? lastAuthor = null;
        for (var i = 0; i < withAuthors.Count; i++)
        {
            if (i == 0 || withAuthors[i].Author != lastAuthor)
            {
                lead = withAuthors[i].Keys[0];
                lastAuthor = withAuthors[i].Author;
            }

            runs.Add((lead, i, (withAuthors[i].Entry, withAuthors[i].Cite)));
        }

        runs.Sort((a, b) =>
        {
            var cmp = SortKeys.CompareKey(a.Lead, b.Lead, firstKey.Descending);
            return cmp != 0 ? cmp : a.Index.CompareTo(b.Index);
        });
        return runs.Select(r => r.Cite).ToList();
    }

    private readonly Dictionary<Entry, (int Generation, string Author)> _authorStrings = [];

    /// <summary>The plain text of the names an item's cite leads with (its ambiguous cite, as disambiguated).</summary>
    private string AuthorString(Entry entry)
    {
        if (_authorStrings.TryGetValue(entry, out var known) && known.Generation == Generation)
        {
            return known.Author;
        }

        var ctx = ProbeContext(entry, entry.Disambiguation);
        _renderer.RenderLayout(Style.Citation!.Layout, ctx);
        var author = SortKeys.Plain(ctx.FirstNames) ?? string.Empty;
        _authorStrings[entry] = (Generation, author);
        return author;
    }

    /// <summary>
    /// Separates a cite's last number (a citation number or year suffix the style collapses) from the rest of its
    /// output, as citeproc-js keeps such numbers apart until the cites are joined.
    /// </summary>
    private CitePiece SplitTail(RenderedCite cite, NumberKind kind, BlobWriter.Enclosing enclosing)
    {
        // The cite's own affixes (the layout's on the first and last cite) stay outside what collapses.
        var blob = cite.Blob;
        var prefix = _processor.Format.Escape(blob.Prefix);
        var suffix = _processor.Format.Escape(blob.Suffix);
        var (savedPrefix, savedSuffix) = (blob.Prefix, blob.Suffix);
        blob.Prefix = blob.Suffix = string.Empty;
        try
        {
            return SplitInner(blob, kind, enclosing, prefix, suffix);
        }
        finally
        {
            (blob.Prefix, blob.Suffix) = (savedPrefix, savedSuffix);
        }
    }

    private CitePiece SplitInner(Blob blob, NumberKind kind, BlobWriter.Enclosing enclosing, string prefix, string suffix)
    {
        if (kind != NumberKind.Plain && FindTail(blob, kind) is { } tail)
        {
            const string Sentinel = "\u0001";
            var saved = (tail.Text, tail.Prefix, tail.Suffix, tail.Decorations);
            tail.Text = Sentinel;
            tail.Prefix = string.Empty;
            tail.Suffix = string.Empty;
            tail.Decorations = default;
            var whole = _writer.Write(blob, enclosing);
            (tail.Text, tail.Prefix, tail.Suffix, tail.Decorations) = saved;
            var at = whole.IndexOf(Sentinel, StringComparison.Ordinal);
            if (at >= 0)
            {
                var tailText = _writer.Write(tail);
                return new CitePiece(prefix, whole[..at], tailText, tail.NumericValue, whole[(at + Sentinel.Length)..], suffix);
            }
        }

        return new CitePiece(prefix, _writer.Write(blob, enclosing), null, 0, string.Empty, suffix);
    }

    /// <summary>The cite's last leaf, if it is a number of the kind given and nothing formatted encloses it.</summary>
    private static Blob? FindTail(Blob blob, NumberKind kind)
    {
        var node = blob;
        var top = true;
        while (node.Children is { Count: > 0 } children)
        {
            if (!top && (node.Suffix.Length > 0 || node.Decorations.HasAny || node.Display != Display.None))
            {
                return null;
            }

            top = false;
            node = children[^1];
        }

        return node.Text is not null && node.IsNumeric && node.Kind == kind && !node.Decorations.HasAny ? node : null;
    }

    private enum NumberStatus : byte { Start, Successor, SuccessorOfSuccessor, Seen, Suppress, End }

    /// <summary>Joins rendered cites with their delimiters, collapsing runs of consecutive numbers into ranges.</summary>
    private string JoinCites(List<CitePiece> pieces, List<RenderedCite> cites, CitationSection section, Layout layout)
    {
        var layoutDelimiter = layout.Delimiter ?? string.Empty;
        var delimiters = new string[pieces.Count];
        for (var i = 1; i < pieces.Count; i++)
        {
            delimiters[i] = SpliceDelimiter(section, layoutDelimiter, cites[i - 1], cites[i]);
        }

        // Status of each number in a run (citeproc-js's numeric blobs): consecutive numbers collapse to a range when the
        // style has a range delimiter for them, otherwise they are joined by the successor delimiter.
        var status = new NumberStatus[pieces.Count];
        var ranged = section.Collapse is Collapse.CitationNumber or Collapse.YearSuffixRanged;
        var start = true;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Tail is null)
            {
                start = true;
                continue;
            }

            var next = i + 1 < pieces.Count && pieces[i + 1].IsPure && pieces[i + 1].Prefix.Length == 0 ? pieces[i + 1] : null;
            if (start)
            {
                status[i] = NumberStatus.Start;
                if (next is not null)
                {
                    status[i + 1] = next.Number == pieces[i].Number + 1 ? NumberStatus.Successor : NumberStatus.Seen;
                }

                start = next is null;
            }
            else if (next is null || next.Number != pieces[i].Number + 1)
            {
                if (status[i] == NumberStatus.SuccessorOfSuccessor)
                {
                    status[i] = NumberStatus.End;
                }

                if (next is not null)
                {
                    status[i + 1] = NumberStatus.Seen;
                }

                start = next is null;
            }
            else
            {
                if (status[i] is NumberStatus.Start or NumberStatus.Seen)
                {
                    status[i + 1] = NumberStatus.Successor;
                }
                else if (status[i] is NumberStatus.Successor or NumberStatus.SuccessorOfSuccessor)
                {
                    if (ranged)
                    {
                        status[i + 1] = NumberStatus.SuccessorOfSuccessor;
                        status[i] = NumberStatus.Suppress;
                    }
                    else
                    {
                        status[i + 1] = NumberStatus.Successor;
                    }
                }
            }
        }

        var rangeDelimiter = _runtime.Locale.Term("citation-range-delimiter") ?? "\u2013";
        var successorDelimiter = section.Collapse == Collapse.CitationNumber
            ? layoutDelimiter
            : section.CiteGroupDelimiter ?? section.YearSuffixDelimiter ?? layoutDelimiter;
        var format = _processor.Format;
        var sb = new StringBuilder();
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var inRun = piece.IsPure && status[i] is NumberStatus.Successor or NumberStatus.SuccessorOfSuccessor or NumberStatus.Suppress or NumberStatus.End;
            if (inRun)
            {
                switch (status[i])
                {
                    case NumberStatus.Suppress:
                        sb.Append(piece.Suffix);
                        continue;
                    case NumberStatus.End:
                        sb.Append(format.Escape(rangeDelimiter)).Append(piece.Tail).Append(piece.Suffix);
                        continue;
                    case NumberStatus.Successor:
                    case NumberStatus.SuccessorOfSuccessor:
                        sb.Append(format.Escape(successorDelimiter)).Append(piece.Tail).Append(piece.Suffix);
                        continue;
                }
            }

            var text = piece.Prefix + piece.Head + piece.Tail + piece.After + piece.Suffix;
            if (text.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0 && i > 0)
            {
                // A cite that is only a year suffix follows with the year-suffix delimiter, when the style sets one.
                var delimiter = piece.IsPure && section.Collapse is Collapse.YearSuffix or Collapse.YearSuffixRanged && section.YearSuffixDelimiter is { } ysd
                    ? ysd
                    : delimiters[i];
                sb.Append(format.Escape(delimiter));
            }

            sb.Append(text);
        }

        return sb.ToString();
    }

    /// <summary>The delimiter before a cite: the layout's, shortened after punctuating cite affixes, or the collapse delimiters.</summary>
    private string SpliceDelimiter(CitationSection section, string layoutDelimiter, RenderedCite previous, RenderedCite current)
    {
        string delimiter;
        if (section.AfterCollapseDelimiter is { } afterCollapse)
        {
            if (!string.IsNullOrEmpty(previous.Cite.Locator))
            {
                delimiter = afterCollapse;
            }
            else if (previous.HaveCollapsed && !current.HaveCollapsed)
            {
                delimiter = afterCollapse;
            }
            else if (!previous.HaveCollapsed && !current.HaveCollapsed && section.Collapse != Collapse.YearSuffix)
            {
                delimiter = afterCollapse;
            }
            else
            {
                delimiter = layoutDelimiter;
            }
        }
        else if (current.UseCiteGroupDelimiter && section.CiteGroupDelimiter is not null)
        {
            delimiter = section.CiteGroupDelimiter;
        }
        else if (current.HaveCollapsed && Style.Class == CslStyleClass.InText && !_runtime.CitationPrintsNumbers)
        {
            delimiter = ", ";
        }
        else
        {
            delimiter = layoutDelimiter;
        }

        return SpliceDelimiter(delimiter, previous.Cite, current.Cite);
    }

    private string DecorateRaw(string text, Decorations decorations)
    {
        var f = _processor.Format;
        if (decorations.FontStyle == FontStyle.Italic)
        {
            text = f.Format(CslFormatting.Italic, text);
        }
        else if (decorations.FontStyle == FontStyle.Oblique)
        {
            text = f.Format(CslFormatting.Oblique, text);
        }

        if (decorations.FontVariant == FontVariant.SmallCaps)
        {
            text = f.Format(CslFormatting.SmallCaps, text);
        }

        if (decorations.FontWeight == FontWeight.Bold)
        {
            text = f.Format(CslFormatting.Bold, text);
        }

        if (decorations.TextDecoration == TextDecoration.Underline)
        {
            text = f.Format(CslFormatting.Underline, text);
        }

        if (decorations.VerticalAlign == VerticalAlign.Superscript)
        {
            text = f.Format(CslFormatting.Superscript, text);
        }
        else if (decorations.VerticalAlign == VerticalAlign.Subscript)
        {
            text = f.Format(CslFormatting.Subscript, text);
        }

        return text;
    }

    /// <summary>The delimiter between two cites, shortened when the first cite's suffix or the second's prefix already punctuates.</summary>
    private static string SpliceDelimiter(string delimiter, CslCite preceding, CslCite current)
    {
        var precedingEndsInPunctuation = !string.IsNullOrEmpty(preceding.Suffix) && preceding.Suffix[^1] is ';' or '.' or ',';
        var currentStartsWithPunctuation = string.IsNullOrEmpty(preceding.Suffix) && !string.IsNullOrEmpty(current.Prefix) && current.Prefix[0] is ';' or '.' or ',';
        if (!precedingEndsInPunctuation && !currentStartsWithPunctuation)
        {
            return delimiter;
        }

        var space = delimiter.IndexOf(' ', StringComparison.Ordinal);
        return space >= 0 && !currentStartsWithPunctuation ? delimiter[space..] : string.Empty;
    }

    private static string PrefixWithSpace(string prefix)
    {
        var test = System.Text.RegularExpressions.Regex.Replace(prefix, "<[^>]+>", string.Empty);
        test = test.TrimEnd('"', '\'', '\u201d', '\u2019', '\u00bb', '\u202f', '\u00a0', ' ');
        var last = test.Length > 0 ? test[^1] : '\0';
        var space = test.Length > 0 && (last is '.' or ';' or '&' or ':' or '!' or '?' or ')' or ']' or ',' || char.IsAsciiDigit(last) || Scripts.IsRomanesqueLetter(last))
            ? " "
            : string.Empty;
        return System.Text.RegularExpressions.Regex.Replace(prefix + space, "\\s+", " ");
    }

    private static string SuffixWithSpace(string suffix)
        => Scripts.StartsRomanesque(suffix) || suffix[0] is '[' or '(' ? " " + suffix : suffix;
}
