namespace Citations.Links.Checking;

/// <summary>
/// Hands out work so that no host gets more than its share at once while other hosts wait: hosts take turns, and a
/// host at its limit is skipped until one of its items completes. Keeps every global worker busy whenever any host
/// has room.
/// </summary>
/// <typeparam name="T">The work item.</typeparam>
/// <remarks>Thread-safe.</remarks>
internal sealed class HostScheduler<T>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HostQueue> _hosts = new(StringComparer.Ordinal);
    private readonly Queue<HostQueue> _ready = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly int _perHost;
    private int _pending;

    public HostScheduler(IEnumerable<(string Host, T Item)> work, int perHost)
    {
        _perHost = perHost;
        foreach (var (host, item) in work)
        {
            if (!_hosts.TryGetValue(host, out var queue))
            {
                _hosts[host] = queue = new HostQueue(host) { InReady = true };
                _ready.Enqueue(queue);
            }

            queue.Pending.Enqueue(item);
            _pending++;
        }
    }

    /// <summary>
    /// Takes the next item whose host has room, waiting while every host with pending work is at its limit;
    /// <see langword="null"/> once every item has been handed out.
    /// </summary>
    public async Task<(string Host, T Item)?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_ready.TryDequeue(out var queue))
                {
                    var item = queue.Pending.Dequeue();
                    _pending--;
                    queue.Running++;
                    queue.InReady = queue.Pending.Count > 0 && queue.Running < _perHost;
                    if (queue.InReady)
                    {
                        _ready.Enqueue(queue);
                    }

                    return (queue.Host, item);
                }

                if (_pending == 0)
                {
                    // Wake the next waiter too, so that every worker sees the end.
                    _signal.Release();
                    return null;
                }
            }

            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks an item of a host done, making room for the host's next item.</summary>
    public void Complete(string host)
    {
        lock (_lock)
        {
            var queue = _hosts[host];
            queue.Running--;
            if (!queue.InReady && queue.Pending.Count > 0 && queue.Running < _perHost)
            {
                queue.InReady = true;
                _ready.Enqueue(queue);
            }
        }

        _signal.Release();
    }

    private sealed class HostQueue(string host)
    {
        public string Host { get; } = host;

        public Queue<T> Pending { get; } = new();

        public int Running { get; set; }

        public bool InReady { get; set; }
    }
}
