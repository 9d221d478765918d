namespace Citations.Model;

/// <summary>
/// The sources of an article indexed by id, with breadth-first walks over what each relies on. Built once per article
/// and cached; safe to share between threads because it is never changed after construction.
/// </summary>
internal sealed class SourceGraph
{
    private readonly Dictionary<string, Source> _byId = new(StringComparer.Ordinal);

    public SourceGraph(IReadOnlyList<Source> sources)
    {
        foreach (var source in sources)
        {
            _byId.TryAdd(source.Id, source);
        }
    }

    public Source? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<Source> Dependencies(string sourceId)
    {
        var result = new List<Source>();
        if (Find(sourceId) is not { } start)
        {
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var queue = new Queue<Source>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var current))
        {
            foreach (var id in current.ReliesOn)
            {
                if (seen.Add(id) && Find(id) is { } next)
                {
                    result.Add(next);
                    queue.Enqueue(next);
                }
            }
        }

        return result;
    }

    public IReadOnlyList<Source>? ShortestChain(string sourceId, Func<Source, bool> match)
    {
        if (Find(sourceId) is not { } start)
        {
            return null;
        }

        // Breadth-first, remembering how each source was reached, so the first match is at the shortest distance.
        var cameFrom = new Dictionary<string, Source?>(StringComparer.Ordinal) { [start.Id] = null };
        var queue = new Queue<Source>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var current))
        {
            if (match(current))
            {
                var chain = new List<Source>();
                for (Source? s = current; s is not null; s = cameFrom[s.Id])
                {
                    chain.Add(s);
                }

                chain.Reverse();
                return chain;
            }

            foreach (var id in current.ReliesOn)
            {
                if (!cameFrom.ContainsKey(id) && Find(id) is { } next)
                {
                    cameFrom[id] = current;
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }
}
