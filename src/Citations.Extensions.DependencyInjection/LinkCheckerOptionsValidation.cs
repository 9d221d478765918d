using Citations.Links;
using Microsoft.Extensions.Options;

namespace Citations.Extensions.DependencyInjection;

/// <summary>
/// Validates bound <see cref="LinkCheckerOptions"/> with the checker's own rules (<see cref="LinkCheckerOptions.Validate"/>:
/// the ranges of <see cref="LinkCheckerOptions.MinimumTimeout"/>, <see cref="LinkCheckerOptions.MaximumDuration"/> and
/// <see cref="LinkCheckerOptions.MaximumMaxAge"/>), reporting every problem at once.
/// </summary>
internal sealed class LinkCheckerOptionsValidation : IValidateOptions<LinkCheckerOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkCheckerOptions options)
    {
        try
        {
            options.Clone().Validate();
            return ValidateOptionsResult.Success;
        }
        catch (LinkOptionsException e)
        {
            return ValidateOptionsResult.Fail(e.Errors.Select(error => $"{nameof(LinkCheckerOptions)}: {error}"));
        }
    }
}
