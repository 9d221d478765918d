using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Citations.Extensions.DependencyInjection;

/// <summary>Registers CSL formatting with an application's services.</summary>
public static class CitationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="CslProcessorCache"/>: styles from a folder and the embedded ones, processors
    /// built once per style, format and language, one thread per call by default. The options are bound from
    /// <paramref name="configuration"/> (for example the section <c>Citations:Csl</c>), changed by
    /// <paramref name="configure"/>, and validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="CslServiceOptions"/>; none when <see langword="null"/>.</param>
    /// <param name="configure">Changes the options after binding; none when <see langword="null"/>.</param>
    /// <returns>The options builder, for more configuration.</returns>
    public static OptionsBuilder<CslServiceOptions> AddCitations(this IServiceCollection services, IConfiguration? configuration = null, Action<CslServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CslServiceOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CslServiceOptions>, CslServiceOptionsValidation>());
        services.TryAddSingleton<CslProcessorCache>();
        return options;
    }

    /// <summary>Lists every problem of the options (the check above only says whether there is one).</summary>
    private sealed class CslServiceOptionsValidation : IValidateOptions<CslServiceOptions>
    {
        public ValidateOptionsResult Validate(string? name, CslServiceOptions options)
        {
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
