using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Links.Tests.Infrastructure;

/// <summary>One URL of the labelled corpus and what a careful reader would say of it.</summary>
/// <param name="Behaviour">What kind of site and page it is (the row of the per-behaviour table).</param>
/// <param name="Url">The URL.</param>
/// <param name="Expected">The right verdict without rendering.</param>
/// <param name="ExpectedRendered">The right verdict with rendering.</param>
/// <param name="Title">The title it is cited under, if any.</param>
/// <param name="Changed">Whether the page no longer resembles that title.</param>
public sealed record CorpusEntry(string Behaviour, string Url, LinkVerdict Expected, LinkVerdict ExpectedRendered, string? Title = null, bool Changed = false);

/// <summary>
/// The labelled corpus: small sites of our own on 127.0.0.1, one Kestrel server (one port) per site, each built the way
/// a kind of site on the web is: classic pages with real 404s, a catch-all "not found" template, redirects of missing
/// pages to the front page, two client-rendered apps (a shell for every path, content built by a script from a JSON
/// API), login walls, parked and for-sale domains, and pages whose title changed. URLs use addresses, not names, so the
/// same corpus can be given to other checkers.
/// </summary>
public sealed class CorpusSites : IAsyncDisposable
{
    private const string AppScript = """
        (async function () {
          var root = document.getElementById('root') || document.getElementById('app');
          var answer = await fetch('/api/page?path=' + encodeURIComponent(location.pathname));
          if (answer.status === 200) {
            var page = await answer.json();
            document.title = page.title + ' | Dashboards';
            root.innerHTML = '<h1></h1><p></p>';
            root.querySelector('h1').textContent = page.title;
            root.querySelector('p').textContent = page.body;
          } else if (answer.status === 401) {
            location.href = '/login?next=' + encodeURIComponent(location.pathname);
          } else if (root.id === 'root') {
            document.title = 'Page not found | Dashboards';
            root.innerHTML = '<h1>Page not found</h1><p>Sorry, there is nothing at this address.</p>';
          } else {
            root.innerHTML = '<h2>Nothing to show</h2><p>We looked everywhere, but this view has no data. Go back to the overview and pick another view.</p>';
          }
        })();
        """;

    private static readonly Dictionary<string, (string Title, string Body)> AppPages = new(StringComparer.Ordinal)
    {
        ["/dash/sales"] = ("Sales by region", "Sales grew in the north and fell in the south; the west held steady through the quarter."),
        ["/dash/users"] = ("Active users", "Weekly active users rose to twelve thousand after the spring release of the mobile client."),
        ["/dash/traffic"] = ("Traffic sources", "Search brings most visitors, followed by newsletters, social media and direct visits."),
        ["/view/alpha"] = ("Alpha station readings", "Temperature, humidity and wind speed measured hourly at the alpha station since March."),
        ["/view/beta"] = ("Beta river levels", "The beta river rose two metres during the storm and returned to normal within a week."),
        ["/view/gamma"] = ("Gamma air quality", "Fine particle counts near the gamma school stayed under the limit on all but three days."),
    };

    private readonly List<WebApplication> _apps = [];
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);

    private CorpusSites()
    {
    }

    /// <summary>Every URL of the corpus with its labels.</summary>
    public IReadOnlyList<CorpusEntry> Entries { get; private set; } = [];

    /// <summary>Starts every site.</summary>
    public static async Task<CorpusSites> StartAsync()
    {
        var sites = new CorpusSites();
        await sites.AddAsync("classic", Classic);
        await sites.AddAsync("catchall", CatchAll);
        await sites.AddAsync("rootredirect", RootRedirect);
        await sites.AddAsync("app-one", context => App(context, "root"));
        await sites.AddAsync("app-two", context => App(context, "app"));
        await sites.AddAsync("members", Members);
        await sites.AddAsync("parked-sale", ParkedSale);
        await sites.AddAsync("parked-ads", ParkedAds);
        await sites.AddAsync("parked-lander", ParkedLander);
        await sites.AddAsync("drift", Drift);
        sites.Entries = sites.Label();
        await sites.AddAsync("index", context => Page(context, "Corpus", string.Join("\n", sites.Entries.Select(e => $"<p><a href=\"{e.Url}\">{e.Behaviour}</a></p>"))));
        return sites;
    }

    /// <summary>A page that links to every URL of the corpus (for checkers that take a page to crawl).</summary>
    public string IndexUrl => Url("index", "/");

    /// <summary>A URL on a site.</summary>
    public string Url(string site, string path) => $"http://127.0.0.1:{_ports[site]}{path}";

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    private List<CorpusEntry> Label()
    {
        const LinkVerdict alive = LinkVerdict.Alive, gone = LinkVerdict.Gone, soft404 = LinkVerdict.Soft404;
        const LinkVerdict unverifiable = LinkVerdict.Unverifiable, parked = LinkVerdict.Parked;
        var entries = new List<CorpusEntry>();
        void Add(string behaviour, string site, string path, LinkVerdict expected, LinkVerdict? rendered = null, string? title = null, bool changed = false)
            => entries.Add(new CorpusEntry(behaviour, Url(site, path), expected, rendered ?? expected, title, changed));

        foreach (var name in (string[])["budget", "census", "transit"])
        {
            Add("classic page", "classic", "/articles/" + name, alive);
            Add("classic missing page (404)", "classic", "/articles/old-" + name, gone);
        }

        foreach (var name in (string[])["install", "upgrade", "backup"])
        {
            Add("page on a catch-all host", "catchall", "/guides/" + name, alive);
            Add("soft 404: not-found template", "catchall", "/guides/retired-" + name, soft404);
            Add("soft 404: redirect to the front page", "rootredirect", "/news/item-" + name, soft404);
        }

        Add("page on a catch-all host", "rootredirect", "/", alive);
        foreach (var path in (string[])["/dash/sales", "/dash/users", "/dash/traffic", "/view/alpha", "/view/beta", "/view/gamma"])
        {
            Add("client-rendered page that exists", path.StartsWith("/dash", StringComparison.Ordinal) ? "app-one" : "app-two", path, unverifiable, alive);
        }

        foreach (var path in (string[])["/dash/closed-1", "/dash/closed-2", "/view/removed-1", "/view/removed-2"])
        {
            Add("client-rendered page that does not exist", path.StartsWith("/dash", StringComparison.Ordinal) ? "app-one" : "app-two", path, unverifiable, soft404);
        }

        Add("client-rendered front page", "app-one", "/", alive);
        Add("client-rendered front page", "app-two", "/", alive);
        Add("client-rendered front page", "app-one", "/index.html", alive);

        foreach (var name in (string[])["q1", "q2", "q3"])
        {
            Add("login wall", "members", "/reports/" + name, unverifiable);
        }

        Add("login wall", "members", "/account/settings", unverifiable);
        Add("login wall", "classic", "/private/report-1", unverifiable);
        Add("login wall", "classic", "/private/report-2", unverifiable);

        foreach (var site in (string[])["parked-sale", "parked-ads", "parked-lander"])
        {
            Add("parked or for-sale domain", site, "/", parked);
            Add("parked or for-sale domain", site, "/docs/guide", parked);
            Add("parked or for-sale domain", site, "/blog/2021/annual-letter", parked);
        }

        Add("title kept (site name, case, subtitle)", "drift", "/pages/1", alive, title: "Annual Report 2023");
        Add("title kept (site name, case, subtitle)", "drift", "/pages/2", alive, title: "Drug overdose deaths in the United States, 2003–2023");
        Add("title kept (site name, case, subtitle)", "drift", "/pages/3", alive, title: "Nationwide encounters");
        Add("title changed (repurposed page)", "drift", "/pages/4", alive, title: "Opioid overdose deaths by state", changed: true);
        Add("title changed (repurposed page)", "drift", "/pages/5", alive, title: "Municipal water quality report", changed: true);
        Add("title changed (repurposed page)", "drift", "/pages/6", alive, title: "Census of agriculture: farm counts by county", changed: true);
        return entries;
    }

    private async Task AddAsync(string name, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        _apps.Add(app);
        _ports[name] = new Uri(app.Urls.First()).Port;
    }

    private static Task Page(HttpContext context, string title, string body, int status = 200, string head = "")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!doctype html><html><head><title>{WebUtility.HtmlEncode(title)}</title>{head}</head><body>{body}</body></html>");
    }

    private static string Article(string heading, string topic)
        => $"<header><a href=\"/\">Home</a></header><main><h1>{WebUtility.HtmlEncode(heading)}</h1>"
           + $"<p>This page reports on {topic}. The figures below were collected by the office over several years and are revised each spring.</p>"
           + $"<p>Readers can download the tables about {topic}, read the methods, and write to the authors with questions.</p></main>";

    private static string LoginForm(string next)
        => "<main><h1>Sign in</h1><form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\""
           + WebUtility.HtmlEncode(next) + "\"><label>Email <input name=\"email\"></label><label>Password <input type=\"password\" name=\"password\"></label>"
           + "<button>Sign in</button></form><p>Members only. Forgot your password?</p></main>";

    private static Task Classic(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/articles/budget" or "/articles/census" or "/articles/transit")
        {
            var topic = path["/articles/".Length..];
            return Page(context, $"The {topic} in figures | Classic Office", Article($"The {topic} in figures", "the " + topic));
        }

        if (path.StartsWith("/private/", StringComparison.Ordinal))
        {
            context.Response.Redirect("/users/sign_in?return_to=" + Uri.EscapeDataString(path));
            return Task.CompletedTask;
        }

        if (path == "/users/sign_in")
        {
            return Page(context, "Sign in | Classic Office", LoginForm(context.Request.Query["return_to"].ToString()));
        }

        if (path == "/")
        {
            return Page(context, "Classic Office", Article("Classic Office", "the office's work"));
        }

        return Page(context, "Not found | Classic Office", "<h1>Not found</h1>", 404);
    }

    private static Task CatchAll(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/guides/install" or "/guides/upgrade" or "/guides/backup" or "/")
        {
            var topic = path == "/" ? "the handbook" : path["/guides/".Length..];
            return Page(context, $"How to {topic} | Handbook", Article("How to " + topic, "how to " + topic + " the server"));
        }

        return Page(context, "Page not found – Handbook", "<h1>Oops</h1><p>Sorry, the page you asked for is not here. Try the search box.</p>");
    }

    private static Task RootRedirect(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/")
        {
            return Page(context, "City News", Article("City News", "the city council and its decisions"));
        }

        context.Response.Redirect("/");
        return Task.CompletedTask;
    }

    private static Task App(HttpContext context, string mount)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/static/app.js")
        {
            context.Response.ContentType = "text/javascript";
            return context.Response.WriteAsync(AppScript);
        }

        if (path == "/api/page")
        {
            var asked = context.Request.Query["path"].ToString();
            if (asked is "/" or "/index.html")
            {
                asked = mount == "root" ? "/dash/sales" : "/view/alpha";
            }

            if (!AppPages.TryGetValue(asked, out var page) || (mount == "root") != asked.StartsWith("/dash/", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 404;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { title = page.Title, body = page.Body }));
        }

        // Every other path: the same shell.
        var noscript = mount == "app" ? "<noscript>We're sorry but this app doesn't work properly without JavaScript enabled. Please enable it to continue.</noscript>" : string.Empty;
        return Page(context, "Dashboards", noscript + $"<div id=\"{mount}\"></div>", head: "<script defer src=\"/static/app.js\"></script>");
    }

    private static Task Members(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/login")
        {
            return Page(context, "Log in – Members", LoginForm(context.Request.Query["next"].ToString()));
        }

        if (path == "/account/settings")
        {
            return Page(context, "Members", LoginForm(path), 401);
        }

        if (path == "/")
        {
            return Page(context, "Members", Article("Members", "the association's members"));
        }

        context.Response.Redirect("/login?next=" + Uri.EscapeDataString(path));
        return Task.CompletedTask;
    }

    private static Task ParkedSale(HttpContext context)
        => Page(context, "parked-sale.example", "<h1>parked-sale.example</h1><p>This domain may be for sale!</p>"
                                                + "<p><a href=\"https://dan.com/buy-domain/parked-sale.example\">Make an offer</a></p>");

    private static Task ParkedAds(HttpContext context)
        => Page(context, "parked-ads.example", "<div id=\"ads\"></div><h2>Related searches</h2><ul><li>Cheap flights</li><li>Car insurance</li><li>Online degree</li></ul>"
                                               + "<p>Copyright 2025 parked-ads.example. All rights reserved.</p>",
            head: "<script src=\"https://www.google.com/adsense/domains/caf.js\"></script>");

    private static Task ParkedLander(HttpContext context)
    {
        if (context.Request.Path.Value == "/lander")
        {
            return Page(context, "Loading", "<div id=\"root\"></div>", head: "<script>window.park = 'ok';</script>");
        }

        context.Response.Redirect("/lander");
        return Task.CompletedTask;
    }

    private static Task Drift(HttpContext context)
    {
        var (title, heading) = context.Request.Path.Value switch
        {
            "/pages/1" => ("2023 Annual Report: Results and Outlook | Drift Agency", "Annual report 2023"),
            "/pages/2" => ("Products - Data Briefs - Number 491 - Drug Overdose Deaths in the United States, 2003-2023", "Drug Overdose Deaths in the United States, 2003–2023"),
            "/pages/3" => ("Nationwide Encounters | U.S. Customs and Border Protection", "Nationwide Encounters"),
            "/pages/4" => ("Best online casino bonuses 2025 | Lucky Spins", "Claim your welcome bonus"),
            "/pages/5" => ("Drift Agency | Careers", "Join our team"),
            "/pages/6" => ("Domain names, hosting and email | Webhost", "Everything your website needs"),
            _ => (null, null),
        };
        return title is null
            ? Page(context, "Not found", "<h1>Not found</h1>", 404)
            : Page(context, title, Article(heading!, "the subject of this page"));
    }
}
