using Citations.Csl.Disambiguation;
using Citations.Csl.Evaluation;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Processing;

/// <summary>
/// Writes the citations of a session: sorts a citation's cites as the style says (keeping one author's cites
/// together where citeproc-js does), renders each cite with its affixes and position, and hands them to the
/// <see cref="CiteCollapser"/> to be joined. Not thread-safe; one per session.
/// </summary>
internal sealed class CitationWriter
{
    private readonly StyleRuntime _runtime;
    private readonly Renderer _renderer;
    private readonly SortKeys _sortKeys;
    private readonly ItemRegistry _registry;
    private readonly AmbiguousCites _ambiguousCites;
    private readonly BlobWriter _writer;
    private readonly CiteCollapser _collapser;
    private readonly Dictionary<RegisteredItem, (int Generation, string? Author)> _authorStrings = [];

    public CitationWriter(StyleRuntime runtime, Renderer renderer, SortKeys sortKeys, ItemRegistry registry, AmbiguousCites ambiguousCites, CslOutputFormat format)
    {
        _runtime = runtime;
        _renderer = renderer;
        _sortKeys = sortKeys;
        _registry = registry;
        _ambiguousCites = ambiguousCites;
        _writer = runtime.NewWriter(format);
        _collapser = new CiteCollapser(runtime, format, _writer);
    }

    private CslStyle Style => _runtime.Style;

    /// <summary>
    /// Renders a citation on its own: each cite is a first cite unless it gives its position. Every citation is
    /// rendered against the settled disambiguation of the registered items, as if no other had been rendered before
    /// it (see <see cref="ItemRegistry.ResettleIfNamesAdded"/>).
    /// </summary>
    public string RenderStandalone(CslCitation citation, out CslException? failure)
    {
        _registry.ResettleIfNamesAdded();
        _registry.Sorted();
        var cites = citation.Cites.Select(c => c with { PositionFlags = c.Position is { } p ? (int)Positions.Forced(p, c.NearNote) : 0 }).ToList();
        _standalone = true;
        try
        {
            return Render(citation with { Cites = cites }, out failure);
        }
        finally
        {
            _standalone = false;
        }
    }

    /// <summary>
    /// Whether a standalone citation is being rendered: like citeproc-js's <c>makeCitationCluster</c>, it sorts its
    /// cites by their keys alone, without the grouped sort (cites of one author together) that a document's
    /// citations get, as citeproc-js's <c>processCitationCluster</c> does.
    /// </summary>
    private bool _standalone;

    /// <summary>The citation's cites (registered items only) in the order the citation sort gives.</summary>
    public List<CslCite> SortCitesOf(CslCitation citation) => SortedCites(citation).ConvertAll(c => c.Cite);

    /// <summary>The citation's cites of registered items, with their items, in the order the citation sort gives.</summary>
    private List<(RegisteredItem Entry, CslCite Cite)> SortedCites(CslCitation citation)
    {
        var section = Style.Citation!;
        var cites = new List<(RegisteredItem Entry, CslCite Cite)>(citation.Cites.Count);
        foreach (var cite in citation.Cites)
        {
            if (_registry.Find(cite.Id) is { } entry)
            {
                cites.Add((entry, cite));
            }
        }

        return section.Sort.Count > 0 && cites.Count > 1 ? SortCites(cites, section) : cites;
    }

    /// <summary>Renders a citation whose cites carry their positions, against the settled registry.</summary>
    /// <param name="citation">The citation.</param>
    /// <param name="failure">Set when the style could not render one of its cites (a runaway style): the citation is
    /// then empty.</param>
    public string Render(CslCitation citation, out CslException? failure)
    {
        failure = null;
        try
        {
            return Render(citation);
        }
        catch (CslException e)
        {
            failure = e;
            return string.Empty;
        }
    }

    private string Render(CslCitation citation)
    {
        var section = Style.Citation!;
        var cites = SortedCites(citation);
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
                SuppressAuthor = cite.SuppressAuthor,
                AuthorOnly = cite.AuthorOnly,
            };
            var ctx = new RenderContext(new RenderInput
            {
                Item = entry.Item,
                Mode = RenderMode.Citation,
                Cite = info,
                Disambiguation = entry.Disambiguation,
                CitationNumber = entry.CitationNumber,
                NameRegistry = _registry.Names,
                Scope = DecorationScope.ForLayout(Decorations.From(layout.Decor.Formatting, false)),
                Cluster = cluster,
                CollapsesCites = section.Collapse != Collapse.None,
                TermPredecessor = termPredecessor,
            });
            var prefix = string.IsNullOrEmpty(cite.Prefix) ? null : _renderer.RenderCitePrefix(cite.Prefix, ctx);
            var content = _renderer.RenderLayout(layout, ctx);
            if (prefix is not null)
            {
                content.Children!.Insert(0, prefix);
            }

            if (!string.IsNullOrEmpty(cite.Suffix))
            {
                content.Add(_renderer.RenderCiteSuffix(cite.Suffix, ctx));
            }

            if (cite.AuthorOnly)
            {
                // citeproc-js writes an author-only cite without decorations: no formatting, no quotes.
                content.ClearDecorations();
            }

            cluster.LastYears = [.. ctx.Found.YearsUsed];
            termPredecessor = ctx.Found.TermPredecessor;
            rendered.Add(new RenderedCite(content, cite, ctx.Found.HaveCollapsed, ctx.Found.UseCiteGroupDelimiter));
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

        var result = _collapser.Join(nonEmpty, section, layout);
        if (!authorOnly)
        {
            var decorations = Decorations.From(layout.Decor.Formatting, false);
            if (decorations.HasAny && result.Length > 0)
            {
                result = _writer.Decorate(result, decorations);
            }
        }

        return result.Length == 0 ? "[CSL STYLE ERROR: reference with no printed form.]" : result;
    }

    private List<(RegisteredItem Entry, CslCite Cite)> SortCites(List<(RegisteredItem Entry, CslCite Cite)> cites, CitationSection section)
    {
        // Cites whose keys tie keep the order the citation gives them (citeproc-js sorts them stably): two works of
        // one author and year keep that order, whatever their year suffixes.
        var keyed = cites.Select((c, i) => (c.Entry, c.Cite, Keys: _sortKeys.Deferred(section.Sort, c.Entry.Item, RenderMode.Citation, c.Entry.CitationNumber, SortDisambiguation(c.Entry.Disambiguation), _registry.Names), Position: i)).ToList();
        keyed.Sort((a, b) =>
        {
            var cmp = SortKeys.Compare(a.Keys, b.Keys, section.Sort);
            return cmp != 0 ? cmp : a.Position.CompareTo(b.Position);
        });
        if (!_runtime.CitationGroupsByAuthor || _standalone)
        {
            return keyed.Select(k => (k.Entry, k.Cite)).ToList();
        }

        // Grouped sort (citeproc-js): cites by the same author come together, each group where its first cite
        // sorts. Sort by author string then the keys; then each cite gets its run's first key with its own index
        // appended, and that one string orders the cites (as citeproc-js concatenates and compares them).
        var firstKey = section.Sort[0];
        var withAuthors = keyed.Select(k => (k.Entry, k.Cite, k.Keys, k.Position, Author: AuthorString(k.Entry))).ToList();
        withAuthors.Sort((a, b) =>
        {
            var cmp = _sortKeys.ComparePrepared(a.Author, b.Author, firstKey.Descending);
            if (cmp != 0)
            {
                return cmp;
            }

            cmp = SortKeys.Compare(a.Keys, b.Keys, section.Sort);
            return cmp != 0 ? cmp : a.Position.CompareTo(b.Position);
        });
        var runs = new List<(string? Lead, int Index, (RegisteredItem, CslCite) Cite)>(withAuthors.Count);
        string? lead = null;
        string? lastAuthor = null;
        for (var i = 0; i < withAuthors.Count; i++)
        {
            if (i == 0 || withAuthors[i].Author != lastAuthor)
            {
                lead = withAuthors[i].Keys.Text(0);
                lastAuthor = withAuthors[i].Author;
            }

            runs.Add((lead, i, (withAuthors[i].Entry, withAuthors[i].Cite)));
        }

        runs.Sort((a, b) =>
        {
            var cmp = _sortKeys.CompareGroupKeys(a.Lead, a.Index, b.Lead, b.Index, firstKey.Descending);
            return cmp != 0 ? cmp : a.Index.CompareTo(b.Index);
        });
        return runs.Select(r => r.Cite).ToList();
    }

    /// <summary>
    /// What a cite's sort keys see of its disambiguation: only the year suffix. citeproc-js builds citation sort keys
    /// with an empty disambiguation request, so names and given names added to tell cites apart (a "C." before
    /// "Yılmaz") never enter the keys; names show as the key's or citation's et-al options and the style say.
    /// </summary>
    private static DisambiguationState? SortDisambiguation(DisambiguationState? state)
        => state?.YearSuffixIndex is { } index ? new DisambiguationState { YearSuffixIndex = index } : null;

    /// <summary>The plain text of the names an item's cite leads with (its ambiguous cite, as disambiguated).</summary>
    private string? AuthorString(RegisteredItem entry)
    {
        if (_authorStrings.TryGetValue(entry, out var known) && known.Generation == _registry.Generation)
        {
            return known.Author;
        }

        var author = _ambiguousCites.LeadingNamesText(entry, _registry.Names);
        _authorStrings[entry] = (_registry.Generation, author);
        return author;
    }
}
