using Citations.Links.Checking;

namespace Citations.Links.Tests.Checking;

[TestClass]
public sealed class HostSchedulerTests
{
    [TestMethod]
    public async Task TakeAsync_HostAtLimit_OtherHostsServedFirst()
    {
        var work = new[] { ("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1") };
        var scheduler = new HostScheduler<string>(work, perHost: 1);

        var first = await scheduler.TakeAsync(CancellationToken.None);
        var second = await scheduler.TakeAsync(CancellationToken.None);
        var third = scheduler.TakeAsync(CancellationToken.None);
        await Task.Delay(50);

        Assert.AreEqual("a1", first?.Item);
        Assert.AreEqual("b1", second?.Item);
        Assert.IsFalse(third.IsCompleted, "a is at its limit");
        scheduler.Complete("a");
        Assert.AreEqual("a2", (await third.WaitAsync(TimeSpan.FromSeconds(5)))?.Item);
    }

    [TestMethod]
    public async Task TakeAsync_AllHandedOut_NullForEveryWorker()
    {
        var scheduler = new HostScheduler<string>([("a", "a1")], perHost: 2);

        var item = await scheduler.TakeAsync(CancellationToken.None);
        var end1 = await scheduler.TakeAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var end2 = await scheduler.TakeAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.AreEqual("a1", item?.Item);
        Assert.IsNull(end1);
        Assert.IsNull(end2);
    }
}
