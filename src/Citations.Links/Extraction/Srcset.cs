namespace Citations.Links.Extraction;

/// <summary>The image candidates of a <c>srcset</c> attribute, as the HTML standard splits them.</summary>
internal static class Srcset
{
    /// <summary>
    /// The URL of every candidate: candidates are separated by commas, a URL runs to the next whitespace (so a URL may
    /// contain commas, as <c>data:</c> URLs do) less any commas it ends with, and its descriptors (<c>2x</c>,
    /// <c>640w</c>) run to the next comma outside parentheses.
    /// </summary>
    public static List<string> Urls(string value)
    {
        var urls = new List<string>();
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && (IsSpace(value[i]) || value[i] == ','))
            {
                i++;
            }

            if (i >= value.Length)
            {
                break;
            }

            var start = i;
            while (i < value.Length && !IsSpace(value[i]))
            {
                i++;
            }

            var end = i;
            if (value[end - 1] == ',')
            {
                // "a.png, b.png": commas at the end of the URL end the candidate, which then has no descriptors.
                while (end > start && value[end - 1] == ',')
                {
                    end--;
                }
            }
            else
            {
                var inParentheses = false;
                while (i < value.Length && (inParentheses || value[i] != ','))
                {
                    inParentheses = value[i] == '(' || (inParentheses && value[i] != ')');
                    i++;
                }
            }

            if (end > start)
            {
                urls.Add(value[start..end]);
            }
        }

        return urls;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
}
