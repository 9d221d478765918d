using System.Globalization;
using System.Text;

namespace Citations.Cli.Commands;

/// <summary>
/// Writes JSON exactly as JavaScript's <c>JSON.stringify(value, null, 2)</c> does for objects of string arrays, so that
/// <c>citations format --json</c> can be diffed byte for byte with <c>render.js --json</c>: only quotes, backslashes and
/// control characters are escaped (<c>\n</c> style where JavaScript has one, else lower-case <c>\u001f</c>), and lone
/// surrogates become <c>\udxxx</c>.
/// </summary>
internal static class ScriptJson
{
    public static string Write(IReadOnlyList<(string Name, IReadOnlyList<string> Values)> properties)
    {
        var sb = new StringBuilder("{\n");
        for (var p = 0; p < properties.Count; p++)
        {
            var (name, values) = properties[p];
            sb.Append("  ");
            AppendString(sb, name);
            sb.Append(": ");
            if (values.Count == 0)
            {
                sb.Append("[]");
            }
            else
            {
                sb.Append("[\n");
                for (var i = 0; i < values.Count; i++)
                {
                    sb.Append("    ");
                    AppendString(sb, values[i]);
                    sb.Append(i + 1 < values.Count ? ",\n" : "\n");
                }

                sb.Append("  ]");
            }

            sb.Append(p + 1 < properties.Count ? ",\n" : "\n");
        }

        return sb.Append('}').ToString();
    }

    private static void AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        Escape(sb, c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        Escape(sb, c);
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static void Escape(StringBuilder sb, char c) => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
