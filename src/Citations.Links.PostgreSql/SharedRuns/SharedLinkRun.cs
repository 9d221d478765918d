using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Citations.Links.Checking;
using Npgsql;

namespace Citations.Links.PostgreSql.SharedRuns;

/// <summary>
/// One worker's part in a shared run: many workers (processes, machines) given the same links check them together
/// through one PostgreSQL database. The first worker enqueues the run's URLs; each worker leases hosts
/// (<c>SELECT … FOR UPDATE SKIP LOCKED</c>), checks the leased hosts' URLs with its own <see cref="LinkChecker"/> and
/// records each result as it comes; a host is checked by one worker at a time, so the checker's per-host limits hold
/// across workers. A worker that dies loses its leases when they expire and another takes its hosts; a URL gets one
/// result in the run however often it was taken. See the package README ("Shared runs").
/// </summary>
/// <remarks>One <see cref="CheckAsync"/> at a time per instance; <see cref="ReadAsync(CancellationToken)"/> may run at any time.</remarks>
public sealed class SharedLinkRun
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SharedRunOptions _options;

    /// <summary>Creates a worker for the run <paramref name="name"/> in the database of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database (the caller owns it).</param>
    /// <param name="name">The run's name: workers given the same name join one run.</param>
    /// <param name="options">Leases and waits; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The name is empty, longer than 200 characters or holds control characters.</exception>
    /// <exception cref="LinkOptionsException">An option is out of its range.</exception>
    public SharedLinkRun(NpgsqlDataSource dataSource, string name, SharedRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(name);
        if (ProblemWithName(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        _options = options ?? new SharedRunOptions();
        _options.Validate();
        _dataSource = dataSource;
        Name = name;
        WorkerName = _options.WorkerName ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>The run's name.</summary>
    public string Name { get; }

    /// <summary>This worker's name in the run's tables.</summary>
    public string WorkerName { get; }

    /// <summary>What is wrong with a run name (empty, longer than 200 characters, control characters), or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    public static string? ProblemWithName(string name)
        => string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Any(char.IsControl)
            ? "A run name is 1 to 200 characters, not only spaces, without control characters."
            : null;

    /// <summary>
    /// Joins the run (creating it and enqueuing its URLs when it does not exist yet) and works on it until every URL
    /// of the run has its result, yielding each result this worker recorded, once it is committed.
    /// </summary>
    /// <param name="checker">Checks this worker's share; its per-host concurrency and interval hold for the whole run (every worker must use the same).</param>
    /// <param name="targets">The run's links: every worker of a run is given the same (after the checker's exclusions and remaps).</param>
    /// <param name="progress">Told after each result this worker records: the run's URL count, those done when it joined plus its own, its own broken ones.</param>
    /// <param name="cancellationToken">Stops this worker; its leased hosts are taken by another worker when the leases expire.</param>
    /// <exception cref="SharedRunException">The database cannot be reached, holds a newer schema, the run has other links or limits, or the run stalled.</exception>
    public async IAsyncEnumerable<LinkCheckResult> CheckAsync(LinkChecker checker, IEnumerable<LinkTarget> targets, IProgress<LinkCheckProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(targets);
        var (work, invalid) = WorkItem.Group(targets.Where(t => !checker.Rules.Excludes(t.Url)), checker.Rules.Remap);
        var urls = new List<RunUrl>(work.Count + invalid.Count);
        urls.AddRange(work.Select(w => new RunUrl(w.Key, w.Host, null)));
        urls.AddRange(invalid.GroupBy(r => r.Url, StringComparer.Ordinal)
            .Select(g => new RunUrl(g.Key, string.Empty, g.First() with { Targets = [.. g.SelectMany(r => r.Targets)] })));
        if (urls.Count > SharedRunOptions.MaximumUrls)
        {
            throw new SharedRunException($"A shared run holds at most {SharedRunOptions.MaximumUrls} URLs; this one has {urls.Count}.");
        }

        var store = await JoinAsync(urls, checker.Options, cancellationToken).ConfigureAwait(false);
        var byKey = work.ToDictionary(w => w.Key, StringComparer.Ordinal);
        var channel = Channel.CreateBounded<LinkCheckResult>(new BoundedChannelOptions(256) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var worker = new RunWorker(store, checker, byKey, _options, channel.Writer);
        var running = Task.Run(async () =>
        {
            try
            {
                await worker.RunAsync(stop.Token).ConfigureAwait(false);
                channel.Writer.TryComplete();
            }
            catch (NpgsqlException e)
            {
                // A database restart or a lost connection: what is recorded stays; this worker's hosts go to another
                // worker (or to this command run again) when their leases expire.
                channel.Writer.TryComplete(new SharedRunException(
                    $"The run '{Name}' lost its database ({e.Message}); the results recorded so far are kept: run the worker again to go on.", e));
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        var completed = store.DoneAtJoin;
        var broken = 0;
        try
        {
            await foreach (var result in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                completed++;
                broken += result.IsBroken ? 1 : 0;
                progress?.Report(new LinkCheckProgress(store.Urls, Math.Min(completed, store.Urls), broken, result));
                yield return result;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(false);
        }
    }

    /// <summary>The run as the database has it now (every result recorded so far, by any worker), or <see langword="null"/> when there is no such run.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SharedRunException">The database cannot be reached, or holds a result this program cannot read.</exception>
    public Task<SharedRunStatus?> ReadAsync(CancellationToken cancellationToken = default) => ReadAsync(_dataSource, Name, cancellationToken);

    /// <summary>The run <paramref name="name"/> as the database has it now, or <see langword="null"/> when there is no such run.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="name">The run's name.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SharedRunException">The database cannot be reached, or holds a result this program cannot read.</exception>
    public static async Task<SharedRunStatus?> ReadAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return await SharedRunStore.ReadAsync(dataSource, name, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new SharedRunException($"The run '{name}' could not be read from the database: {e.Message}", e);
        }
    }

    private async Task<SharedRunStore> JoinAsync(List<RunUrl> urls, LinkCheckerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await SharedRunSchema.EnsureAsync(_dataSource, cancellationToken).ConfigureAwait(false);
            return await SharedRunStore.JoinAsync(_dataSource, Name, urls, options.PerHostConcurrency, options.PerHostMinimumInterval, WorkerName,
                _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new SharedRunException($"The run '{Name}' could not be joined: {e.Message}", e);
        }
    }

    /// <summary>
    /// The worker's loop: keeps up to <c>GlobalConcurrency / PerHostConcurrency</c> hosts leased, each checked by its own
    /// task; renews the leases; stops once no URL of the run is open.
    /// </summary>
    private sealed class RunWorker(SharedRunStore store, LinkChecker checker, Dictionary<string, WorkItem> byKey, SharedRunOptions options,
        ChannelWriter<LinkCheckResult> results)
    {
        /// <summary>The most statements a worker's host tasks run at once (so at most this many pooled connections, plus the loop's and the heartbeat's).</summary>
        public const int MaxStatements = 8;

        private readonly Dictionary<string, HostTask> _hosts = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();
        private readonly SemaphoreSlim _statements = new(MaxStatements, MaxStatements);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var slots = Math.Max(1, checker.Options.GlobalConcurrency / checker.Options.PerHostConcurrency);
            using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var heartbeat = Task.Run(() => HeartbeatAsync(stopHeartbeat.Token), CancellationToken.None);
            try
            {
                await WorkAsync(slots, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await stopHeartbeat.CancelAsync().ConfigureAwait(false);
                await heartbeat.ConfigureAwait(false);
                HostTask[] left;
                lock (_lock)
                {
                    left = [.. _hosts.Values];
                }

                foreach (var host in left)
                {
                    await host.CancelAsync().ConfigureAwait(false);
                }

                await Task.WhenAll(left.Select(h => h.Task)).ConfigureAwait(false);
            }
        }

        private async Task WorkAsync(int slots, CancellationToken cancellationToken)
        {
            var stall = Stopwatch.StartNew();
            var lastRemaining = -1L;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int running;
                lock (_lock)
                {
                    running = _hosts.Count;
                }

                if (running < slots)
                {
                    var sentAt = Stopwatch.GetTimestamp();
                    foreach (var host in await store.ClaimHostsAsync(slots - running, cancellationToken).ConfigureAwait(false))
                    {
                        Start(host, sentAt, cancellationToken);
                    }
                }

                Task[] tasks;
                lock (_lock)
                {
                    tasks = [.. _hosts.Values.Select(h => h.Task)];
                }

                if (tasks.Length == 0)
                {
                    var remaining = await store.RemainingAsync(cancellationToken).ConfigureAwait(false);
                    if (remaining == 0)
                    {
                        return;
                    }

                    if (remaining != lastRemaining)
                    {
                        lastRemaining = remaining;
                        stall.Restart();
                    }
                    else if (stall.Elapsed > options.StallTimeout)
                    {
                        throw new SharedRunException($"The run stalled: {remaining} URL(s) have had no result for {options.StallTimeout} while other workers hold their hosts.");
                    }

                    await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // A finished host makes room at once; otherwise look again after the poll interval (hosts freed by expired leases).
                await Task.WhenAny(tasks.Append(Task.Delay(options.PollInterval, cancellationToken))).ConfigureAwait(false);
                foreach (var task in tasks.Where(t => t.IsFaulted))
                {
                    await task.ConfigureAwait(false);
                }
            }
        }

        private void Start(string host, long claimSentAt, CancellationToken cancellationToken)
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var entry = new HostTask(stop, claimSentAt);
            lock (_lock)
            {
                _hosts[host] = entry;
            }

            entry.Task = Task.Run(async () =>
            {
                try
                {
                    await CheckHostAsync(host, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The lease was lost or the worker stops: the host's open URLs go to whoever holds it next.
                }
                finally
                {
                    lock (_lock)
                    {
                        _hosts.Remove(host);
                    }

                    stop.Dispose();
                }
            }, CancellationToken.None);
        }

        private async Task CheckHostAsync(string host, CancellationToken cancellationToken)
        {
            // Bounded: each take records at least one result or ends the loop.
            var maxTakes = (store.Urls / options.UrlsPerTake) + 2;
            for (var take = 0; take < maxTakes; take++)
            {
                var keys = await LimitedAsync(() => store.TakeUrlsAsync(host, options.UrlsPerTake, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (keys.Count == 0)
                {
                    break;
                }

                if (take > 0 && checker.Options.PerHostMinimumInterval > TimeSpan.Zero)
                {
                    // The checker keeps the interval within one call; this keeps it between the calls of one host.
                    await Task.Delay(checker.Options.PerHostMinimumInterval, cancellationToken).ConfigureAwait(false);
                }

                var targets = new List<LinkTarget>();
                foreach (var key in keys)
                {
                    if (!byKey.TryGetValue(key, out var item))
                    {
                        throw new SharedRunException($"The run holds the URL {key}, which this worker's links do not have: give every worker of a run the same inputs.");
                    }

                    targets.AddRange(item.Targets);
                }

                var recorded = 0;
                await foreach (var result in checker.CheckAsync(targets, null, cancellationToken).ConfigureAwait(false))
                {
                    if (await LimitedAsync(() => store.RecordAsync(result.Url, result, cancellationToken), cancellationToken).ConfigureAwait(false))
                    {
                        recorded++;
                        await results.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (recorded == 0)
                {
                    break;
                }
            }

            await LimitedAsync(async () =>
            {
                await store.ReleaseAsync(host, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }

        private async Task<T> LimitedAsync<T>(Func<Task<T>> statement, CancellationToken cancellationToken)
        {
            await _statements.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await statement().ConfigureAwait(false);
            }
            finally
            {
                _statements.Release();
            }
        }

        /// <summary>
        /// Renews the leases every quarter lease; a host whose lease was not confirmed for three quarters of a lease (by
        /// this worker's clock, counted from before the confirming statement was sent) is stopped, so its requests end
        /// before the database lets another worker take it.
        /// </summary>
        private async Task HeartbeatAsync(CancellationToken cancellationToken)
        {
            var every = options.LeaseDuration / 4;
            var deadline = options.LeaseDuration * 3 / 4;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                    var sentAt = Stopwatch.GetTimestamp();
                    IReadOnlyList<string>? held = null;
                    try
                    {
                        held = await store.RenewAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (NpgsqlException)
                    {
                        // The database is out of reach: the local deadline below stops the hosts in time.
                    }

                    List<HostTask> lost = [];
                    lock (_lock)
                    {
                        foreach (var (host, task) in _hosts)
                        {
                            if (held is not null && held.Contains(host, StringComparer.Ordinal))
                            {
                                task.ConfirmedAt = sentAt;
                            }
                            else if ((held is not null && task.ConfirmedAt < sentAt) || Stopwatch.GetElapsedTime(task.ConfirmedAt) > deadline)
                            {
                                // Not renewed (a host claimed after the statement was sent may be missing from its answer, and is kept).
                                lost.Add(task);
                            }
                        }
                    }

                    foreach (var task in lost)
                    {
                        await task.CancelAsync().ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private sealed class HostTask(CancellationTokenSource stop, long confirmedAt)
    {
        /// <summary>When the statement that last confirmed the lease was sent (a <see cref="Stopwatch"/> timestamp).</summary>
        public long ConfirmedAt { get; set; } = confirmedAt;

        public Task Task { get; set; } = Task.CompletedTask;

        /// <summary>Stops the host's work; nothing when it already ended.</summary>
        public async Task CancelAsync()
        {
            try
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The host's task ended on its own meanwhile.
            }
        }
    }
}
