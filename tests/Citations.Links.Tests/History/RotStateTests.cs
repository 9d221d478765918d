using Citations.Links.History;

namespace Citations.Links.Tests.History;

/// <summary>The rot state machine alone: no database, no server, no checker.</summary>
[TestClass]
public sealed class RotStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly RotPolicy ThreeInThreeDays = new() { Failures = 3, MinimumSpacing = TimeSpan.FromDays(3) };

    /// <summary>Runs checks given as "verdict@hours" (hours after <see cref="T0"/>).</summary>
    private static RotState Run(RotPolicy policy, params string[] checks)
    {
        RotState? state = null;
        foreach (var check in checks)
        {
            var (name, hours) = (check.Split('@')[0], double.Parse(check.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.IsTrue(LinkVerdictExtensions.TryParseReportName(name, out var verdict), name);
            var at = T0.AddHours(hours);
            state = state is null ? RotState.First(verdict, at, policy) : state.Next(verdict, at, policy);
        }

        return state!;
    }

    [TestMethod]
    [DataRow(0, false, new[] { "gone@0" }, 1)]
    [DataRow(1, false, new[] { "gone@0", "gone@1" }, 1)]
    [DataRow(2, false, new[] { "gone@0", "gone@71.99" }, 1)]
    [DataRow(3, false, new[] { "gone@0", "gone@72" }, 2)]
    [DataRow(4, true, new[] { "gone@0", "gone@72", "gone@144" }, 3)]
    [DataRow(5, true, new[] { "gone@0", "server-error@72", "timed-out@144", "unreachable@216" }, 4)]
    [DataRow(6, false, new[] { "gone@0", "gone@72", "gone@143" }, 2)]
    [DataRow(7, true, new[] { "soft-404@0", "gone@1", "gone@73", "gone@145" }, 3)]
    [DataRow(8, false, new[] { "gone@0", "gone@72", "alive@100", "gone@144" }, 1)]
    [DataRow(9, false, new[] { "gone@0", "gone@72", "redirected@100" }, 0)]
    [DataRow(10, false, new[] { "alive@0" }, 0)]
    public void Next_FailuresOverTime_SpacedFailuresCountedAndRotAtThePolicy(int row, bool rot, string[] checks, int spaced)
    {
        var state = Run(ThreeInThreeDays, checks);

        Assert.AreEqual(spaced, state.SpacedFailures, $"row {row}");
        Assert.AreEqual(rot, state.IsRot(ThreeInThreeDays), $"row {row}");
        Assert.AreEqual(checks.Length, state.Checks, $"row {row}");
    }

    [TestMethod]
    [DataRow("blocked")]
    [DataRow("inconclusive")]
    [DataRow("not-allowed")]
    [DataRow("invalid-url")]
    public void Next_VerdictThatSaysNothingAboutThePage_OnlyCountedAsACheck(string neutral)
    {
        var before = Run(ThreeInThreeDays, "gone@0", "gone@72");

        var after = before.Next(LinkVerdictExtensions.TryParseReportName(neutral, out var v) ? v : throw new AssertFailedException(neutral), T0.AddHours(200), ThreeInThreeDays);

        Assert.AreEqual(before with { Checks = 3, LastCheckedAt = T0.AddHours(200), LastVerdict = v }, after);
    }

    [TestMethod]
    public void Next_NeutralCheckBetweenFailures_DoesNotResetOrCount()
    {
        var state = Run(ThreeInThreeDays, "gone@0", "blocked@72", "inconclusive@100", "gone@144", "gone@216");

        Assert.AreEqual(3, state.SpacedFailures);
        Assert.IsTrue(state.IsRot(ThreeInThreeDays));
    }

    [TestMethod]
    public void Next_Failing_FirstSeenFailingIsTheFirstFailureSinceAlive()
    {
        var state = Run(ThreeInThreeDays, "alive@0", "gone@10", "gone@11", "gone@90");

        Assert.AreEqual(T0.AddHours(10), state.FirstSeenFailing);
        Assert.AreEqual(T0, state.LastSeenAlive);
        Assert.AreEqual(T0.AddHours(90), state.LastSpacedFailure);
    }

    [TestMethod]
    public void Next_AliveAgain_FailureMemoryCleared()
    {
        var state = Run(ThreeInThreeDays, "gone@0", "gone@72", "gone@144", "alive@150");

        Assert.AreEqual(new RotState(4, T0, T0.AddHours(150), LinkVerdict.Alive, T0.AddHours(150), null, 0, null), state);
    }

    [TestMethod]
    public void Next_ZeroSpacing_EveryFailureCounts()
    {
        var policy = new RotPolicy { Failures = 2, MinimumSpacing = TimeSpan.Zero };

        var state = Run(policy, "gone@0", "gone@0", "gone@0.01");

        Assert.AreEqual(3, state.SpacedFailures);
        Assert.IsTrue(state.IsRot(policy));
    }

    [TestMethod]
    [DataRow(1, true)]
    [DataRow(2, true)]
    [DataRow(3, false)]
    public void IsRot_SameStateUnderAnotherPolicy_DecidedByThatPolicy(int failures, bool expected)
    {
        var state = Run(ThreeInThreeDays, "gone@0", "gone@72");

        Assert.AreEqual(expected, state.IsRot(new RotPolicy { Failures = failures }));
    }

    [TestMethod]
    public void ToSummary_State_EveryFieldCarried()
    {
        var state = Run(ThreeInThreeDays, "alive@0", "gone@24", "gone@96", "gone@168");

        var summary = state.ToSummary("https://a.example/", ThreeInThreeDays);

        Assert.AreEqual(new LinkHistorySummary("https://a.example/", 4, T0, T0.AddHours(168), LinkVerdict.Gone, T0, T0.AddHours(24), 3, true), summary);
    }
}
