namespace Citations.Links.Pages;

/// <summary>Signals of a parked or for-sale domain: the host answers an advertising or sale page instead of its content.</summary>
/// <remarks>
/// <para>The signals (names as in reports): <c>parking-service</c> (a redirect to, or a script, frame, link or refresh
/// from, a domain parking or domain sale service, Google's parked-domain ad script <c>/adsense/domains/caf.js</c>, or a
/// redirect to a <c>/lander</c> parking path), <c>parking-phrase</c> ("this domain is parked", "related searches",
/// "sponsored listings"…), <c>for-sale-phrase</c> ("this domain may be for sale", "buy this domain", "make an offer"…),
/// <c>same-as-random-path</c> (a random path on the host gets the same page), <c>little-text</c> (under
/// <see cref="SmallPage"/> characters).</para>
/// <para>A domain is parked when the answer redirects to a parking or sale service or loads something from one, or when
/// a parking or for-sale phrase is on a page that every path gets, or on a small page that speaks of a domain (an
/// article about domain sales is long and has its own URL). A mere link to a sale marketplace is shown as a signal but
/// decides nothing. It is for sale when a for-sale phrase or a sale marketplace is among the signals, parked otherwise.</para>
/// </remarks>
internal static class ParkingSignals
{
    /// <summary>A page with a parking phrase and less text than this is a parking page even if paths differ.</summary>
    public const int SmallPage = 3000;

    /// <summary>Domains of parking services (advertising pages on unused domains).</summary>
    private static readonly string[] ParkingServices =
    [
        "sedoparking.com", "parkingcrew.net", "bodis.com", "above.com", "parklogic.com", "domainsponsor.com", "dsparking.com", "skenzo.com",
        "trafficz.com", "fabulous.com", "rookmedia.net", "searchvity.com", "voodoo.com", "smartname.com", "parkingpage.namecheap.com",
        "domainparking.ru", "parked.com", "park.io", "cashparking.com", "teaminternet.com",
    ];

    /// <summary>Domains of domain marketplaces (sale landers).</summary>
    private static readonly string[] SaleServices =
    [
        "dan.com", "afternic.com", "hugedomains.com", "sedo.com", "undeveloped.com", "buydomains.com", "domainmarket.com", "efty.com", "atom.com",
        "sav.com", "brandbucket.com", "squadhelp.com", "domainagents.com", "uniregistry.com", "flippa.com",
    ];

    private static readonly string[] ParkingPhrases =
    [
        "this domain is parked", "this domain has been parked", "parked free", "parked domain", "domain parking", "this web page is parked",
        "this page is parked", "related searches", "sponsored listings", "this domain has expired", "this domain name has expired",
        "domain has expired and is parked", "renew this domain", "this page is provided courtesy of",
    ];

    private static readonly string[] SalePhrases =
    [
        "this domain may be for sale", "this domain is for sale", "domain is for sale", "domain name is for sale", "domain may be for sale",
        "buy this domain", "make an offer", "this domain is available", "available for purchase", "inquire about this domain",
        "get this domain", "purchase this domain", "is for sale!", "owner may be interested in selling", "listed for sale",
    ];

    /// <summary>Looks for the signals of a parked or for-sale domain; returns them and which of the two the page is, if either.</summary>
    /// <param name="answer">What the check saw.</param>
    public static (IReadOnlyList<PageSignal> Signals, VerdictReason? Kind) Find(PageAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var signals = new List<PageSignal>(4);
        var sale = false;
        var (service, decisive) = ServiceIn(answer, ref sale);
        if (service is not null)
        {
            signals.Add(new PageSignal("parking-service", service));
        }

        var markup = answer.Markup;
        var text = markup is null ? string.Empty : ((markup.Title ?? string.Empty) + " \n " + markup.VisibleText).ToLowerInvariant();
        var parkingPhrase = Array.Find(ParkingPhrases, p => text.Contains(p, StringComparison.Ordinal));
        if (parkingPhrase is not null)
        {
            signals.Add(new PageSignal("parking-phrase", "\"" + parkingPhrase + "\""));
        }

        var salePhrase = Array.Find(SalePhrases, p => text.Contains(p, StringComparison.Ordinal)
                                                      && (p.Contains("domain", StringComparison.Ordinal) || text.Contains("domain", StringComparison.Ordinal)));
        if (salePhrase is not null)
        {
            sale = true;
            signals.Add(new PageSignal("for-sale-phrase", "\"" + salePhrase + "\""));
        }

        var phrase = parkingPhrase is not null || salePhrase is not null;
        var same = answer.RandomPath == RandomPathMatch.Same;
        if (phrase && same)
        {
            signals.Add(new PageSignal("same-as-random-path", answer.Comparison ?? "a random path on the host gets the same page"));
        }

        var small = markup is not null && markup.VisibleText.Length < SmallPage && text.Contains("domain", StringComparison.Ordinal);
        if (phrase && small)
        {
            signals.Add(new PageSignal("little-text", markup!.VisibleText.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters of visible text, about a domain"));
        }

        var parked = decisive || (phrase && (same || small));
        return (parked ? signals : [], parked ? (sale ? VerdictReason.ForSale : VerdictReason.Parked) : null);
    }

    /// <summary>
    /// The parking or sale service the answer involves, in words, and whether that alone decides (a redirect to it or
    /// something loaded from it, not a mere link); sets <paramref name="sale"/> for a marketplace.
    /// </summary>
    private static (string? Service, bool Decisive) ServiceIn(PageAnswer answer, ref bool sale)
    {
        foreach (var hop in answer.Redirects)
        {
            if (Service(hop.Host) is { } name)
            {
                sale |= Array.IndexOf(SaleServices, name) >= 0;
                return ("redirects to " + name, true);
            }

            if (IsLander(hop))
            {
                return ("redirects to " + DisplayText.Url(UrlNormalizer.Display(hop)) + ", a parking lander path", true);
            }
        }

        foreach (var address in answer.Markup?.LoadedAddresses ?? [])
        {
            if (address.Contains("/adsense/domains/caf.js", StringComparison.OrdinalIgnoreCase))
            {
                return ("loads Google's parked-domain ad script (/adsense/domains/caf.js)", true);
            }

            if (Uri.TryCreate(answer.Final, address, out var url) && url.Scheme is "http" or "https")
            {
                if (Service(url.Host) is { } name)
                {
                    sale |= Array.IndexOf(SaleServices, name) >= 0;
                    return ("loads " + DisplayText.Url(ShellSignals.Shorten(UrlNormalizer.Display(url))) + " from " + name, true);
                }

                if (IsLander(url) && address == answer.Markup!.RefreshTarget)
                {
                    return ("refreshes to " + DisplayText.Url(UrlNormalizer.Display(url)) + ", a parking lander path", true);
                }
            }
        }

        foreach (var address in answer.Markup?.LinkedAddresses ?? [])
        {
            if (Uri.TryCreate(answer.Final, address, out var url) && url.Scheme is "http" or "https" && Service(url.Host) is { } name)
            {
                sale |= Array.IndexOf(SaleServices, name) >= 0;
                return ("links to " + name, false);
            }
        }

        return (null, false);
    }

    private static bool IsLander(Uri url) => url.AbsolutePath.TrimEnd('/').Equals("/lander", StringComparison.OrdinalIgnoreCase);

    /// <summary>The service domain a host belongs to (the domain itself or a subdomain of it), or <see langword="null"/>.</summary>
    private static string? Service(string host)
    {
        foreach (var list in (ReadOnlySpan<string[]>)[ParkingServices, SaleServices])
        {
            foreach (var domain in list)
            {
                if (host.Equals(domain, StringComparison.OrdinalIgnoreCase)
                    || (host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[^(domain.Length + 1)] == '.'))
                {
                    return domain;
                }
            }
        }

        return null;
    }
}
