namespace Citations.Links.Checking;

/// <summary>
/// Hands out work so that no host gets more than its share at once while other hosts wait: hosts take turns, and a
/// host at its limit is skipped until one of its items completes. Keeps every global worker busy whenever any host
/// has room.
/// </summary>
/// <typeparam name="T">The work item.</typeparam>
/// <remarks>
/// Thread-safe. A worker that completes an item takes its next one in the same step
/// (<see cref="CompleteAndTakeAsync"/>), on its own thread; only a worker that finds every host at its limit waits,
/// and it is woken by a completion that frees a slot it can use, or by the end of the work. No worker polls.
/// </remarks>
internal sealed class HostScheduler<T>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HostQueue> _hosts = new(StringComparer.Ordinal);
    private readonly Queue<HostQueue> _ready = new();
    private readonly Queue<Waiter> _waiters = new();
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
    public ValueTask<(string Host, T Item)?> TakeAsync(CancellationToken cancellationToken) => CompleteAndTakeAsync(null, cancellationToken);

    /// <summary>
    /// Marks an item of <paramref name="completedHost"/> done (when not <see langword="null"/>) and takes the next item,
    /// as <see cref="TakeAsync"/> does.
    /// </summary>
    public ValueTask<(string Host, T Item)?> CompleteAndTakeAsync(string? completedHost, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (completedHost is not null)
            {
                CompleteLocked(completedHost);
            }

            if (TryTakeLocked(out var next))
            {
                ServeWaitersLocked();
                return new ValueTask<(string Host, T Item)?>(next);
            }

            if (_pending == 0)
            {
                return new ValueTask<(string Host, T Item)?>(((string, T)?)null);
            }

            waiter = new Waiter();
            _waiters.Enqueue(waiter);
        }

        return new ValueTask<(string Host, T Item)?>(WaitAsync(waiter, cancellationToken));
    }

    /// <summary>Marks an item of a host done, making room for the host's next item (for a waiting worker, if any).</summary>
    public void Complete(string host)
    {
        lock (_lock)
        {
            CompleteLocked(host);
            ServeWaitersLocked();
        }
    }

    private async Task<(string Host, T Item)?> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        // Cancelling takes the lock, so a waiter is never both cancelled and handed an item.
        using var registration = cancellationToken.Register(static state =>
        {
            var (scheduler, waiter) = ((HostScheduler<T>, Waiter))state!;
            lock (scheduler._lock)
            {
                waiter.TrySetCanceled();
            }
        }, (this, waiter));
        return await waiter.Task.ConfigureAwait(false);
    }

    private void CompleteLocked(string host)
    {
        var queue = _hosts[host];
        queue.Running--;
        if (!queue.InReady && queue.Pending.Count > 0 && queue.Running < _perHost)
        {
            queue.InReady = true;
            _ready.Enqueue(queue);
        }
    }

    private bool TryTakeLocked(out (string Host, T Item) next)
    {
        if (!_ready.TryDequeue(out var queue))
        {
            next = default;
            return false;
        }

        var item = queue.Pending.Dequeue();
        _pending--;
        queue.Running++;
        queue.InReady = queue.Pending.Count > 0 && queue.Running < _perHost;
        if (queue.InReady)
        {
            _ready.Enqueue(queue);
        }

        next = (queue.Host, item);
        return true;
    }

    /// <summary>Hands ready items to waiting workers; once nothing is pending, tells every waiter the work is done.</summary>
    private void ServeWaitersLocked()
    {
        while (_waiters.TryPeek(out var waiter))
        {
            if (waiter.Task.IsCompleted)
            {
                _waiters.Dequeue();
                continue;
            }

            if (_ready.Count > 0)
            {
                _waiters.Dequeue();
                TryTakeLocked(out var next);
                waiter.TrySetResult(next);
            }
            else if (_pending == 0)
            {
                _waiters.Dequeue();
                waiter.TrySetResult(null);
            }
            else
            {
                return;
            }
        }
    }

    private sealed class Waiter() : TaskCompletionSource<(string Host, T Item)?>(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class HostQueue(string host)
    {
        public string Host { get; } = host;

        public Queue<T> Pending { get; } = new();

        public int Running { get; set; }

        public bool InReady { get; set; }
    }
}
