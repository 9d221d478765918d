using System.Globalization;

namespace Citations.Links.Pages;

/// <summary>Signals of a login wall: the page is behind a sign-in the checker does not have.</summary>
/// <remarks>
/// <para>The signals (names as in reports): <c>sign-in-redirect</c> (a redirect to a sign-in path such as
/// <c>/login</c>, <c>/signin</c>, <c>/users/sign_in</c>, <c>/sso</c>, <c>/oauth/authorize</c>, or to a sign-in host such as
/// <c>login.</c>, <c>accounts.</c>, <c>auth.</c>), <c>return-parameter</c> (that redirect carries a parameter such as
/// <c>next</c>, <c>returnUrl</c>, <c>continue</c> that points back at the cited page), <c>auth-status</c> (401 or 403),
/// <c>login-form</c> (a form with a password field), <c>sign-in-words</c> ("sign in", "log in", "members only"… in the
/// title or main heading).</para>
/// <para>A login wall is a sign-in redirect that asks to come back or lands on a login form; a 401 or 403 that shows a
/// login form; or a page whose title or heading asks to sign in over a login form, with little else on it.</para>
/// </remarks>
internal static class LoginWallSignals
{
    /// <summary>A page with a login form and more visible text than this is a real page that happens to offer a sign-in.</summary>
    public const int MaxLoginPageText = 2000;

    private static readonly string[] SignInSegments =
    [
        "login", "log-in", "log_in", "signin", "sign-in", "sign_in", "logon", "authenticate", "sso", "oauth", "oauth2", "saml", "cas",
        "serviceLogin", "wp-login.php", "auth", "authorize", "idp", "sign_on", "signon",
    ];

    private static readonly string[] SignInHostLabels = ["login", "logon", "signin", "accounts", "account", "auth", "sso", "idp"];

    private static readonly HashSet<string> ReturnParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "next", "return", "returnurl", "return_url", "returnto", "return_to", "redirect", "redirect_uri", "redirect_url", "redirectto",
        "redirect_to", "continue", "from", "service", "dest", "destination", "goto", "came_from", "target", "backurl", "back", "successurl", "relaystate", "origin", "r",
    };

    private static readonly string[] SignInWords =
    [
        "sign in", "sign-in", "signin", "log in", "log-in", "login", "logon", "sign on", "members only", "member login", "authentication required",
        "please authenticate", "subscriber login", "access denied",
    ];

    /// <summary>Looks for the signals of a login wall; returns them and whether together they make one.</summary>
    /// <param name="answer">What the check saw.</param>
    public static (IReadOnlyList<PageSignal> Signals, bool IsLoginWall) Find(PageAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var signals = new List<PageSignal>(4);
        var signInRedirect = answer.Redirects.FirstOrDefault(IsSignInUrl);
        var returns = false;
        if (signInRedirect is not null)
        {
            signals.Add(new PageSignal("sign-in-redirect", "redirects to " + DisplayText.Url(UrlNormalizer.Display(signInRedirect))));
            if (ReturnParameter(signInRedirect, answer.Cited) is { } parameter)
            {
                returns = true;
                signals.Add(new PageSignal("return-parameter", DisplayText.Escape(ShellSignals.Shorten(parameter)) + " points back at the cited page"));
            }
        }

        var authStatus = answer.Status is 401 or 403;
        if (authStatus)
        {
            signals.Add(new PageSignal("auth-status", string.Create(CultureInfo.InvariantCulture, $"HTTP {answer.Status}")));
        }

        var markup = answer.Markup;
        var form = markup is { PasswordFields: > 0, Forms: > 0 };
        if (form)
        {
            signals.Add(new PageSignal("login-form", "a form with a password field"));
        }

        var words = markup is null ? null : SignInWordsIn(markup.Title) ?? SignInWordsIn(markup.Heading);
        if (words is not null)
        {
            signals.Add(new PageSignal("sign-in-words", "\"" + DisplayText.Escape(ShellSignals.Shorten(words)) + "\""));
        }

        var wall = (signInRedirect is not null && (returns || form))
                   || (authStatus && form)
                   || (form && words is not null && markup!.VisibleText.Length < MaxLoginPageText && answer.Status is >= 200 and < 300);
        return (signals, wall);
    }

    /// <summary>Whether a URL is a sign-in page: a sign-in path segment, or a host whose first label names sign-in.</summary>
    internal static bool IsSignInUrl(Uri url)
    {
        foreach (var segment in url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Array.Exists(SignInSegments, s => segment.Equals(s, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        var host = url.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && host.Count(c => c == '.') >= 2 && Array.Exists(SignInHostLabels, l => host.AsSpan(0, dot).Equals(l, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The <c>name=value</c> of a return parameter of <paramref name="signIn"/> that points at the cited page, or <see langword="null"/>.</summary>
    internal static string? ReturnParameter(Uri signIn, Uri cited)
    {
        var query = signIn.Query.TrimStart('?');
        var path = cited.AbsolutePath.TrimEnd('/');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !ReturnParameters.Contains(pair[..equals]))
            {
                continue;
            }

            var value = Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (path.Length == 0 ? value.Length > 0 : value.Contains(path, StringComparison.OrdinalIgnoreCase))
            {
                return pair[..equals] + "=" + value;
            }
        }

        return null;
    }

    private static string? SignInWordsIn(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        return Array.Exists(SignInWords, w => lower.Contains(w, StringComparison.Ordinal)) ? text : null;
    }
}
