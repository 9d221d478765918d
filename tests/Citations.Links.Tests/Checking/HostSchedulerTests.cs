using Citations.Links.Checking;

namespace Citations.Links.Tests.Checking;

[TestClass]
public sealed class HostSchedulerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [TestMethod]
    public async Task TakeAsync_HostAtLimit_OtherHostsServedFirst()
    {
        var work = new[] { ("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1") };
        var scheduler = new HostScheduler<string>(work, perHost: 1);

        var first = await scheduler.TakeAsync(CancellationToken.None);
        var second = await scheduler.TakeAsync(CancellationToken.None);
        var third = scheduler.TakeAsync(CancellationToken.None).AsTask();

        Assert.AreEqual("a1", first?.Item);
        Assert.AreEqual("b1", second?.Item);
        Assert.IsFalse(third.IsCompleted, "a is at its limit");
        scheduler.Complete("a");
        Assert.AreEqual("a2", (await third.WaitAsync(Bound))?.Item);
    }

    [TestMethod]
    public async Task TakeAsync_AllHandedOut_NullForEveryWorker()
    {
        var scheduler = new HostScheduler<string>([("a", "a1")], perHost: 2);

        var item = await scheduler.TakeAsync(CancellationToken.None);
        var end1 = await scheduler.TakeAsync(CancellationToken.None).AsTask().WaitAsync(Bound);
        var end2 = await scheduler.TakeAsync(CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.AreEqual("a1", item?.Item);
        Assert.IsNull(end1);
        Assert.IsNull(end2);
    }

    [TestMethod]
    public async Task CompleteAndTakeAsync_FreedSlot_TakenAtOnceByTheCompletingWorker()
    {
        var scheduler = new HostScheduler<string>([("a", "a1"), ("a", "a2"), ("a", "a3")], perHost: 1);
        var first = await scheduler.TakeAsync(CancellationToken.None);
        var waiting = scheduler.TakeAsync(CancellationToken.None).AsTask();

        var next = scheduler.CompleteAndTakeAsync(first!.Value.Host, CancellationToken.None);

        Assert.IsTrue(next.IsCompletedSuccessfully, "no wait, no thread hop");
        Assert.AreEqual("a2", next.Result?.Item);
        Assert.IsFalse(waiting.IsCompleted, "the host is at its limit again");
        Assert.AreEqual("a3", (await scheduler.CompleteAndTakeAsync("a", CancellationToken.None))?.Item);
        Assert.IsFalse(waiting.IsCompleted);
        Assert.IsNull(await scheduler.CompleteAndTakeAsync("a", CancellationToken.None), "everything is handed out");
        Assert.IsNull(await waiting.WaitAsync(Bound), "the waiting worker hears the end too");
    }

    [TestMethod]
    public async Task TakeAsync_WaiterCancelled_ItemGoesToTheNextWaiter()
    {
        var scheduler = new HostScheduler<string>([("a", "a1"), ("a", "a2")], perHost: 1);
        await scheduler.TakeAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = scheduler.TakeAsync(cancel.Token).AsTask();
        var patient = scheduler.TakeAsync(CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        scheduler.Complete("a");

        await Assert.ThrowsAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound));
        Assert.AreEqual("a2", (await patient.WaitAsync(Bound))?.Item);
    }

    [TestMethod]
    public async Task TakeAsync_ManyWorkersManyHosts_EveryItemOnceAndLimitKept()
    {
        var work = Enumerable.Range(0, 400).Select(i => ("h" + (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), i)).ToArray();
        var scheduler = new HostScheduler<int>(work, perHost: 3);
        var running = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        var overLimit = 0;

        var workers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            var next = await scheduler.TakeAsync(CancellationToken.None);
            while (next is { } taken)
            {
                if (running.AddOrUpdate(taken.Host, 1, (_, n) => n + 1) > 3)
                {
                    Interlocked.Increment(ref overLimit);
                }

                seen.Add(taken.Item);
                await Task.Yield();
                running.AddOrUpdate(taken.Host, 0, (_, n) => n - 1);
                next = await scheduler.CompleteAndTakeAsync(taken.Host, CancellationToken.None);
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(20));

        CollectionAssert.AreEquivalent(Enumerable.Range(0, 400).ToArray(), seen.ToArray());
        Assert.AreEqual(0, overLimit);
    }
}
