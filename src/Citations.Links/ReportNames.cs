using Citations.Serialization;

namespace Citations.Links;

/// <summary>
/// The names reports and the history database write for the link checker's enumerations: kebab case of the member
/// (<c>ConnectionRefused</c> → <c>connection-refused</c>), through the core's one naming helper. The history stores
/// these names, so <c>ReportNamesTests</c> pins them: renaming a member is a visible test failure.
/// </summary>
internal static class ReportNames
{
    /// <summary>Names of <see cref="LinkErrorKind"/>.</summary>
    public static readonly EnumNames<LinkErrorKind> ErrorKinds = EnumNames<LinkErrorKind>.KebabCase();

    /// <summary>Names of <see cref="RedirectKind"/>.</summary>
    public static readonly EnumNames<RedirectKind> RedirectKinds = EnumNames<RedirectKind>.KebabCase();

    /// <summary>Names of <see cref="VerdictReason"/> (an assessment's <c>reason</c>).</summary>
    public static readonly EnumNames<VerdictReason> VerdictReasons = EnumNames<VerdictReason>.KebabCase();
}
