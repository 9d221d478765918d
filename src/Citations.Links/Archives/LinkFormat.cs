using System.Globalization;

namespace Citations.Links.Archives;

/// <summary>One link of an RFC 6690 link-format document or an RFC 8288 <c>Link</c> header, as Memento TimeMaps and TimeGates use them.</summary>
/// <param name="Target">The link target as written.</param>
/// <param name="Relations">The <c>rel</c> values, such as <c>memento</c> or <c>first memento</c> split into words.</param>
/// <param name="Datetime">The <c>datetime</c> parameter, if present and valid.</param>
internal sealed record LinkEntry(string Target, IReadOnlyList<string> Relations, DateTimeOffset? Datetime);

/// <summary>A small, bounded parser of link-format text: <c>&lt;uri&gt;; rel="memento"; datetime="…", …</c>.</summary>
internal static class LinkFormat
{
    public static List<LinkEntry> Parse(string text)
    {
        var entries = new List<LinkEntry>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('<', i);
            if (open < 0)
            {
                break;
            }

            var close = text.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }

            var target = text[(open + 1)..close].Trim();
            i = close + 1;
            var relations = new List<string>();
            DateTimeOffset? datetime = null;
            while (i < text.Length)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i >= text.Length || text[i] != ';')
                {
                    break;
                }

                i++;
                var nameStart = i;
                while (i < text.Length && text[i] is not '=' and not ';' and not ',')
                {
                    i++;
                }

                var name = text[nameStart..i].Trim();
                var value = string.Empty;
                if (i < text.Length && text[i] == '=')
                {
                    i++;
                    while (i < text.Length && char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }

                    if (i < text.Length && text[i] == '"')
                    {
                        var end = text.IndexOf('"', i + 1);
                        end = end < 0 ? text.Length : end;
                        value = text[(i + 1)..end];
                        i = Math.Min(text.Length, end + 1);
                    }
                    else
                    {
                        var start = i;
                        while (i < text.Length && text[i] is not ';' and not ',')
                        {
                            i++;
                        }

                        value = text[start..i].Trim();
                    }
                }

                if (name.Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    relations.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
                else if (name.Equals("datetime", StringComparison.OrdinalIgnoreCase)
                         && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    datetime = parsed;
                }
            }

            entries.Add(new LinkEntry(target, relations, datetime));
        }

        return entries;
    }
}
