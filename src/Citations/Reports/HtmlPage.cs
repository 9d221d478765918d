using System.Globalization;
using System.Text;

namespace Citations.Reports;

/// <summary>
/// The shell every HTML report of the libraries shares (the claim-coverage report here, the link-check and history
/// reports of Citations.Links): one self-contained file with its style sheet and script inline, a content security
/// policy that forbids every request (so it opens offline and cannot reach anything even if a page text slipped
/// through), a layout readable on a phone, and the sorting and filtering the tables offer.
/// </summary>
/// <remarks>
/// <para>Conventions the script relies on: a table with class <c>sortable</c> sorts on a click of a column's header
/// button (numbers by value when the cell has <c>data-sort</c>, else as text); a <c>fieldset</c> with class
/// <c>filter</c> holds check boxes whose <c>value</c> is a verdict, and hides the elements (rows, or a folded
/// <c>details</c> of alive links) whose <c>data-verdict</c> is unchecked. A <c>details</c> with class <c>fold</c>
/// holds rows that are fine (alive links), closed, inside a <c>noscript</c> with class <c>later</c>: with scripting on,
/// the browser keeps that markup as one piece of text (no element is made for it) and the script builds the rows the
/// first time the fold is opened; with scripting off, they are ordinary rows. This keeps a page of 10,000 links quick
/// to open while the file still holds every row. A table with class <c>fixed</c> has a fixed layout
/// (its columns sized by its header, not by every row). Without the script every row shows, in the writer's
/// order. The content security policy allows this one script by its hash, no other.</para>
/// <para>Thread-safe; pure functions.</para>
/// </remarks>
internal static class HtmlPage
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        "&<>\"'\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>Colours chosen for a contrast of at least 4.5:1 (WCAG AA) against their backgrounds.</summary>
    private const string StyleSheet = """
        :root{color-scheme:light;--fg:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--head:#eef1f5;--link:#0b4fa8}
        *{box-sizing:border-box}
        body{margin:0 auto;padding:1rem;max-width:80rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:#fff}
        h1{font-size:1.6rem;margin:.2rem 0 .8rem}h2{font-size:1.25rem;margin:1.6rem 0 .6rem}
        a{color:var(--link);overflow-wrap:anywhere}
        .table{overflow-x:auto;margin:.5rem 0 1rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word;min-width:4.5rem}
        th{background:var(--head)}td.num,th.num{text-align:right}
        th button{all:inherit;cursor:pointer;border:0;padding:0;background:none}
        th button:focus-visible{outline:2px solid var(--link)}
        th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
        .verdict{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-weight:600;white-space:nowrap}
        .good{background:#d7f0dc;color:#0f4d1c}.bad{background:#fbdada;color:#7a0b0b}.unsure{background:#fff0c2;color:#5c4300}.none{background:#e6e6e6;color:#333}
        .muted{color:var(--muted)}ul.plain{margin:0;padding-left:1.1rem}
        fieldset.filter{border:1px solid var(--line);margin:.5rem 0;padding:.3rem .6rem}
        fieldset.filter label{margin-right:1rem;white-space:nowrap}
        svg{max-width:100%;height:auto}
        table.fixed{table-layout:fixed;min-width:36rem}table.fixed th,table.fixed td{min-width:0}
        details.fold{margin:.5rem 0 1rem}details.fold>summary{cursor:pointer;font-weight:600}
        @media (max-width:40rem){body{padding:.5rem;font-size:15px}th,td{padding:.25rem .3rem}}
        """;

    /// <summary>
    /// Sorting and filtering; a few lines, no library, nothing loaded. At load it only turns the column headers into
    /// buttons; the rows are touched when a header is clicked (each row's key read once per sort) or a box changes.
    /// </summary>
    private const string Script = """
        function sortable(t){
          var heads=t.tHead?t.tHead.rows[0].cells:[];
          Array.prototype.forEach.call(heads,function(th,i){
            var b=document.createElement('button');b.type='button';b.textContent=th.textContent;th.textContent='';th.appendChild(b);
            b.addEventListener('click',function(){
              var asc=th.getAttribute('aria-sort')!=='ascending';
              Array.prototype.forEach.call(heads,function(o){o.removeAttribute('aria-sort')});
              th.setAttribute('aria-sort',asc?'ascending':'descending');
              var body=t.tBodies[0],keyed=Array.prototype.map.call(body.rows,function(r,n){var c=r.cells[i],k='';if(c){var s=c.getAttribute('data-sort');k=s!==null&&s!==''&&!isNaN(s)?Number(s):c.textContent.trim().toLowerCase()}return {r:r,k:k,n:n}});
              keyed.sort(function(x,y){var a=x.k,b2=y.k;var r=(typeof a==='number'&&typeof b2==='number')?a-b2:String(a).localeCompare(String(b2));return (asc?r:-r)||x.n-y.n});
              var f=document.createDocumentFragment();keyed.forEach(function(e){f.appendChild(e.r)});body.appendChild(f);
            });
          });
        }
        document.querySelectorAll('table.sortable').forEach(sortable);
        document.querySelectorAll('details.fold').forEach(function(d){
          d.addEventListener('toggle',function(){
            var n=d.querySelector('noscript.later');if(!d.open||!n)return;
            var w=document.createElement('div');w.innerHTML=n.textContent;
            var f=document.createDocumentFragment();while(w.firstChild)f.appendChild(w.firstChild);
            n.replaceWith(f);d.querySelectorAll('table.sortable').forEach(sortable);
          });
        });
        document.querySelectorAll('fieldset.filter input[type=checkbox]').forEach(function(box){
          box.addEventListener('change',function(){
            var shown={};document.querySelectorAll('fieldset.filter input[type=checkbox]').forEach(function(b){shown[b.value]=b.checked});
            document.querySelectorAll('[data-verdict]').forEach(function(r){r.hidden=shown[r.getAttribute('data-verdict')]===false});
          });
        });
        """;

    /// <summary>The script as the page carries it, and its hash for the content security policy (no other script may run).</summary>
    private static readonly string ScriptElementText = "\n" + Script + "\n";

    private static readonly string ScriptHash = "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ScriptElementText)));

    /// <summary>
    /// Text as HTML: <c>&amp; &lt; &gt; " '</c> written as entities, line breaks and other C0 controls (bar tab) shown as
    /// <c>\xHH</c>; everything else as it is (the page is UTF-8), so <c>×</c> and <c>“</c> stay readable in the source.
    /// </summary>
    /// <param name="text">The text.</param>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                < ' ' and not '\t' => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>An <c>href</c> value for a URL, or <see langword="null"/> when it is not an absolute http(s) URL (so no <c>javascript:</c> link can be made).</summary>
    /// <param name="url">The URL.</param>
    public static string? Href(string? url)
        => url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? Encode(uri.AbsoluteUri)
            : null;

    /// <summary>Writes the start of the page, up to and including <c>&lt;main&gt;</c>.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="title">The page's title (encoded here).</param>
    public static void Begin(TextWriter output, string title)
    {
        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '" + ScriptHash + "'; img-src data:\">\n");
        output.Write("<title>");
        output.Write(Encode(title));
        output.Write("</title>\n<style>\n");
        output.Write(StyleSheet);
        output.Write("\n</style>\n</head>\n<body>\n<main>\n");
    }

    /// <summary>Writes the end of the page: the script and the closing tags.</summary>
    /// <param name="output">Where to write.</param>
    public static void End(TextWriter output)
    {
        output.Write("</main>\n<script>");
        output.Write(ScriptElementText);
        output.Write("</script>\n</body>\n</html>\n");
    }
}
