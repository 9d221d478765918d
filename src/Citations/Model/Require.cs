namespace Citations.Model;

/// <summary>Argument checks for the model's constructors and initialisers, returning the value so they fit in one expression.</summary>
internal static class Require
{
    public static string NotBlank(string? value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        return value;
    }

    public static T NotNull<T>(T? value, string parameterName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        return value;
    }

    public static TEnum Defined<TEnum>(TEnum value, string parameterName)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"Not a defined {typeof(TEnum).Name} value.");
        }

        return value;
    }
}
