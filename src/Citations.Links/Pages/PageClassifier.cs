namespace Citations.Links.Pages;

/// <summary>
/// Tells what kind of page an answer is: a parked or for-sale domain, a login wall, a client-rendered shell, or an
/// ordinary page. Pure: a function of what the check saw, so every rule is tested directly.
/// </summary>
/// <remarks>
/// Order: parked first (parking pages are often script-built and may offer a sign-in, but the domain has gone to
/// someone else, which matters most), then a login wall, then a shell. A shell decides only when a random path got the
/// same page or could not be compared; on a front page, or on a host that answers 404 for a random path, the server
/// knows its routes and the page is taken as real.
/// </remarks>
internal static class PageClassifier
{
    /// <summary>Classifies an answer.</summary>
    /// <param name="answer">What the check saw.</param>
    public static PageClass Classify(PageAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var (parking, parked) = ParkingSignals.Find(answer);
        if (parked is { } kind)
        {
            return new PageClass(kind, parking);
        }

        var (login, wall) = LoginWallSignals.Find(answer);
        if (wall)
        {
            return new PageClass(VerdictReason.LoginRequired, login);
        }

        if (answer.Markup is { } markup && answer.Status is >= 200 and < 300
            && answer.RandomPath is RandomPathMatch.Same or RandomPathMatch.Unknown)
        {
            var (shell, isShell) = ShellSignals.Find(markup);
            if (isShell)
            {
                var signals = shell.ToList();
                signals.Add(answer.RandomPath == RandomPathMatch.Same
                    ? new PageSignal("same-as-random-path", answer.Comparison ?? "a random path on the host gets the same page")
                    : new PageSignal("no-comparison", answer.Comparison ?? "a random path on the host could not be compared"));
                return new PageClass(VerdictReason.ClientRendered, signals);
            }
        }

        return PageClass.Ordinary;
    }
}
