namespace Citations.Csl.Locales;

/// <summary>Asks several providers in order; the first that has a locale wins.</summary>
internal sealed class CombinedLocaleProvider : CslLocaleProvider
{
    private readonly CslLocaleProvider[] _providers;

    public CombinedLocaleProvider(CslLocaleProvider[] providers) => _providers = providers;

    public override string Description => string.Join(", then ", _providers.Select(p => p.Description));

    /// <inheritdoc/>
    /// <remarks>A provider that cannot have the locale now (<see cref="CslLocaleUnavailableException"/>) does not stop
    /// the search: the next ones are asked, and the first such failure is thrown only when none has it.</remarks>
    public override CslLocale? Find(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        CslLocaleUnavailableException? failure = null;
        foreach (var provider in _providers)
        {
            try
            {
                if (provider.Find(language) is { } locale)
                {
                    return locale;
                }
            }
            catch (CslLocaleUnavailableException e)
            {
                failure ??= e;
            }
        }

        return failure is null ? null : throw failure;
    }

    public override async ValueTask<CslLocale?> FindAsync(string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        CslLocaleUnavailableException? failure = null;
        foreach (var provider in _providers)
        {
            try
            {
                if (await provider.FindAsync(language, cancellationToken).ConfigureAwait(false) is { } locale)
                {
                    return locale;
                }
            }
            catch (CslLocaleUnavailableException e)
            {
                failure ??= e;
            }
        }

        return failure is null ? null : throw failure;
    }

    public override string? PrimaryDialect(string language)
        => _providers.Select(p => p.PrimaryDialect(language)).FirstOrDefault(d => d is not null);
}
