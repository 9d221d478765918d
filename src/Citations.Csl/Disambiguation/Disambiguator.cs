using Citations.Csl.Styles;

namespace Citations.Csl.Disambiguation;

/// <summary>
/// Makes cites that render alike distinguishable, in the order CSL prescribes and citeproc-js implements: add names
/// (and given names or initials, cite by cite), then a year suffix, then the <c>disambiguate="true"</c> condition.
/// Works on a group of items whose "ambiguous cites" (the subsequent form, without year suffix) are identical, by
/// re-rendering them with wider settings; nothing is reparsed.
/// </summary>
internal sealed class Disambiguator
{
    /// <summary>Renders an item's ambiguous cite under a configuration and reports the settings the render used.</summary>
    public delegate ProbeResult Probe(IDisambiguatedItem item, DisambiguationState? request);

    private enum Mode : byte { Names, Years, ExtraText }

    private readonly Probe _probe;
    private readonly Action<IDisambiguatedItem, DisambiguationState> _register;
    private readonly Comparison<IDisambiguatedItem> _bibliographyOrder;
    private readonly List<Mode> _modes;
    private readonly CitationSection _citation;

    private List<(DisambiguationState Base, List<IDisambiguatedItem> Items)> _lists = [];
    private DisambiguationState _base = new();
    private DisambiguationState _better = new();
    private readonly Dictionary<IDisambiguatedItem, List<int>> _maxNames = [];
    private int _modeIndex;
    private int? _namesMax;
    private int? _namesetsMax;
    private int? _givensMax;
    private int _gnameset;
    private int _gname;
    private bool _initGivens;
    private int _listPos;
    private (int Previous, int Current) _clashes;
    private List<IDisambiguatedItem> _partners = [];
    private List<IDisambiguatedItem> _nonpartners = [];
    private ProbeResult? _lastProbe;

    public Disambiguator(CitationSection citation, bool hasDisambiguateCondition, Probe probe, Action<IDisambiguatedItem, DisambiguationState> register, Comparison<IDisambiguatedItem> bibliographyOrder)
    {
        _citation = citation;
        _probe = probe;
        _register = register;
        _bibliographyOrder = bibliographyOrder;
        _modes = ModesOf(citation, hasDisambiguateCondition);
    }

    /// <summary>The modes a style's citation asks for, in the order they are tried.</summary>
    private static List<Mode> ModesOf(CitationSection citation, bool hasDisambiguateCondition)
    {
        var modes = new List<Mode>();
        if (citation.DisambiguateAddNames || (citation.DisambiguateAddGivenName && citation.GivenNameRule == GivenNameRule.ByCite))
        {
            modes.Add(Mode.Names);
        }

        if (citation.DisambiguateAddYearSuffix)
        {
            modes.Add(Mode.Years);
        }

        if (hasDisambiguateCondition)
        {
            modes.Add(Mode.ExtraText);
        }

        return modes;
    }

    /// <summary>Whether a style's citation asks for any disambiguation (the modes the constructor sets up).</summary>
    public static bool Applies(CitationSection citation, bool hasDisambiguateCondition) => ModesOf(citation, hasDisambiguateCondition).Count > 0;

    /// <summary>Disambiguates one group of items whose ambiguous cites are identical, in registration order.</summary>
    /// <param name="group">The items.</param>
    /// <param name="fromCurrent">
    /// Whether to start from the first item's current disambiguation rather than the style's defaults, as citeproc-js
    /// does whenever it runs a group again: its first item's cite, rendered as that item now stands, gives the names
    /// the run may add.
    /// </param>
    public void Run(List<IDisambiguatedItem> group, bool fromCurrent = false)
    {
        if (_modes.Count == 0 || !InitVars(group, fromCurrent))
        {
            return;
        }

        _initGivens = true;
        var guard = 0;
        while (_lists.Count > 0 && guard++ < 10_000)
        {
            _gnameset = 0;
            _gname = 0;
            _clashes = (1, 0);
            while (_lists[0].Items.Count > 0 && guard++ < 10_000)
            {
                _listPos = 0;
                var maxed = Increment();
                Scan(_lists[0]);
                Evaluate(maxed);
            }

            _lists.RemoveAt(0);
        }
    }

    private bool InitVars(List<IDisambiguatedItem> ids, bool fromCurrent)
    {
        _lists = [];
        _maxNames.Clear();
        _base = null!;
        _better = null!;
        if (ids.Count == 0)
        {
            return false;
        }

        GetCiteData(ids[0], fromCurrent ? ids[0].Disambiguation.Clone() : null);
        var first = ids[0];
        if (ids.Count > 1)
        {
            var bundles = new List<(List<int> Max, IDisambiguatedItem Entry)> { (_maxNames[first], first) };
            for (var i = 1; i < ids.Count; i++)
            {
                GetCiteData(ids[i], _base);
                bundles.Add((_maxNames[ids[i]], ids[i]));
            }

            // citeproc-js orders by the name counts compared as strings, then by id.
            bundles.Sort((a, b) =>
            {
                var cmp = string.CompareOrdinal(string.Join(',', a.Max), string.Join(',', b.Max));
                return cmp != 0 ? cmp : string.CompareOrdinal(a.Entry.Item.Id.Text, b.Entry.Item.Id.Text);
            });
            _lists.Add((_base, bundles.Select(b => b.Entry).ToList()));
            first = _lists[0].Items[0];
        }

        _modeIndex = 0;
        _namesMax = _maxNames[first].Count > 0 ? _maxNames[first][0] : null;
        _base.Pad();
        _better.Pad();
        _base.YearSuffixIndex = null;
        _base.Disambiguate = 0;
        _better.YearSuffixIndex = null;
        _better.Disambiguate = 0;
        _givensMax = _citation.GivenNameRule == GivenNameRule.ByCite && _citation.DisambiguateAddGivenName ? 2 : null;
        return true;
    }

    private void GetCiteData(IDisambiguatedItem entry, DisambiguationState? request)
    {
        if (_maxNames.ContainsKey(entry))
        {
            return;
        }

        var probe = _probe(entry, request);
        var settings = probe.Settings;
        _maxNames[entry] = probe.NamesMax;
        entry.Disambiguation.Givens = settings.Givens.Select(g => new List<int>(g)).ToList();
        _namesetsMax = entry.Disambiguation.Names.Count - 1;
        if (_base is null)
        {
            _base = settings.Clone();
            _better = settings.Clone();
        }

        if (settings.Names.Count < _base.Names.Count)
        {
            _base = settings.Clone();
        }

        for (var i = 0; i < settings.Names.Count && i < _base.Names.Count; i++)
        {
            if (settings.Names[i] > _base.Names[i])
            {
                while (_base.Givens.Count <= i)
                {
                    _base.Givens.Add([]);
                }

                _base.Givens[i] = new List<int>(settings.Givens.Count > i ? settings.Givens[i] : []);
                _base.Names[i] = settings.Names[i];
                _better.Names = [.. _base.Names];
                _better.Givens = _base.Givens.Select(g => new List<int>(g)).ToList();
                _base.Pad();
                _better.Pad();
            }
        }

        _better.Givens = _base.Givens.Select(g => new List<int>(g)).ToList();
    }

    private bool Increment()
    {
        if (_initGivens)
        {
            _initGivens = false;
            return false;
        }

        var mode = _modes[_modeIndex];
        if (mode == Mode.ExtraText)
        {
            _base.Disambiguate++;
            _better.Disambiguate++;
            return false;
        }

        if (mode != Mode.Names)
        {
            return false;
        }

        var incrementNames = _givensMax is null;
        var incrementNamesets = _namesMax is null;
        if (_givensMax is { } givensMax)
        {
            if (_base.Givens.Count > 0 && _gnameset < _base.Givens.Count && _gname < _base.Givens[_gnameset].Count && _base.Givens[_gnameset][_gname] < givensMax)
            {
                _base.Givens[_gnameset][_gname]++;
            }
            else
            {
                incrementNames = true;
            }
        }

        if (_namesMax is { } namesMax && incrementNames)
        {
            if (_citation.DisambiguateAddNames)
            {
                incrementNamesets = false;
                if (_gname < namesMax)
                {
                    while (_base.Names.Count <= _gnameset)
                    {
                        _base.Names.Add(0);
                    }

                    _base.Names[_gnameset]++;
                    _gname++;
                }
                else
                {
                    incrementNamesets = true;
                }
            }
            else
            {
                incrementNamesets = true;
            }
        }

        if (_namesetsMax is { } namesetsMax && incrementNamesets && _gnameset < namesetsMax)
        {
            _gnameset++;
            while (_base.Names.Count <= _gnameset)
            {
                _base.Names.Add(0);
            }

            _base.Names[_gnameset] = 1;
            _gname = 0;
        }

        var givenUndefined = _gnameset >= _base.Givens.Count || _gname >= _base.Givens[_gnameset].Count;
        return (_namesetsMax is null || _namesetsMax == -1 || _gnameset == _namesetsMax)
               && (!_citation.DisambiguateAddNames || _namesMax is null || _gname == _namesMax)
               && (_givensMax is null || givenUndefined || _base.Givens[_gnameset][_gname] == _givensMax);
    }

    private void Scan((DisambiguationState Base, List<IDisambiguatedItem> Items) list)
    {
        var item = list.Items[0];
        var request = _base;
        request.IsRequest = true;
        _lastProbe = _probe(item, request);
        var itemCite = _lastProbe.Text;
        _partners = [item];
        _nonpartners = [];
        var clashes = 0;
        for (var i = 1; i < list.Items.Count; i++)
        {
            var other = list.Items[i];
            _lastProbe = _probe(other, request);
            if (_lastProbe.Text == itemCite)
            {
                clashes++;
                _partners.Add(other);
            }
            else
            {
                _nonpartners.Add(other);
            }
        }

        _clashes = (_clashes.Current, clashes);
    }

    private void Evaluate(bool maxed)
    {
        switch (_modes[_modeIndex])
        {
            case Mode.Names:
                DisambiguateNames(maxed);
                break;
            case Mode.Years:
                DisambiguateYears();
                break;
            default:
                DisambiguateExtraText();
                break;
        }

        if (maxed)
        {
            if (_modeIndex < _modes.Count - 1)
            {
                _modeIndex++;
            }
            else
            {
                SetList(_listPos + 1, (_base, []));
            }
        }
    }

    private void SetList(int index, (DisambiguationState Base, List<IDisambiguatedItem> Items) value)
    {
        if (index < _lists.Count)
        {
            _lists[index] = value;
        }
        else
        {
            _lists.Add(value);
        }
    }

    private void Register(IDisambiguatedItem entry, DisambiguationState config)
    {
        var clone = config.Clone();
        clone.IsRequest = true;
        _register(entry, clone);
    }

    private void CaptureStepToBase()
    {
        if (_citation.GivenNameRule == GivenNameRule.ByCite && _base.Givens.Count > 0
            && _gnameset < _base.Givens.Count && _gname < _base.Givens[_gnameset].Count)
        {
            if (_better.Givens.Count < _base.Givens.Count)
            {
                _better.Givens = _base.Givens.Select(g => new List<int>(g)).ToList();
            }

            while (_better.Givens[_gnameset].Count <= _gname)
            {
                _better.Givens[_gnameset].Add(0);
            }

            _better.Givens[_gnameset][_gname] = _base.Givens[_gnameset][_gname];
        }

        while (_better.Names.Count <= _gnameset)
        {
            _better.Names.Add(0);
        }

        _better.Names[_gnameset] = _gnameset < _base.Names.Count ? _base.Names[_gnameset] : 0;
    }

    private void DisambiguateNames(bool maxed)
    {
        if (_clashes.Current == 0 && _nonpartners.Count == 1)
        {
            CaptureStepToBase();
            Register(_nonpartners[0], _better);
            Register(_partners[0], _better);
            _lists[_listPos] = (_better, []);
        }
        else if (_clashes.Current == 0)
        {
            CaptureStepToBase();
            Register(_partners[0], _better);
            _lists[_listPos] = (_better, _nonpartners);
            if (_nonpartners.Count > 0)
            {
                _initGivens = true;
            }
        }
        else if (_nonpartners.Count == 1)
        {
            CaptureStepToBase();
            Register(_nonpartners[0], _better);
            _lists[_listPos] = (_better, _partners);
        }
        else if (_clashes.Current < _clashes.Previous)
        {
            CaptureStepToBase();
            _lists[_listPos] = (_better, _partners);
            _lists.Add((_better, _nonpartners));
        }
        else if (maxed)
        {
            _lists[_listPos] = (_better, _nonpartners);
            _lists.Add((_better, _partners));
            if (_modeIndex == _modes.Count - 1)
            {
                foreach (var partner in _partners)
                {
                    Register(partner, _better);
                }

                _lists[_listPos] = (_better, []);
            }
        }
    }

    private void DisambiguateYears()
    {
        var tokens = new List<IDisambiguatedItem>();
        if (_clashes.Current > 0)
        {
            tokens.AddRange(_lists[_listPos].Items.OrderBy(e => e.Seq));
        }

        tokens.Sort(_bibliographyOrder);
        var config = _lists[_listPos].Base;
        for (var i = 0; i < tokens.Count; i++)
        {
            config.YearSuffixIndex = i;
            Register(tokens[i], config);
        }

        _lists[_listPos] = (_better, []);
    }

    private void DisambiguateExtraText()
    {
        var done = _clashes.Current == 0 && _nonpartners.Count < 2;
        var count = _lastProbe?.DisambiguateCount ?? 0;
        var max = _lastProbe?.DisambiguateMax ?? 0;
        if (!done && (_base.Disambiguate == 0 || count != max))
        {
            _modeIndex = 0;
            _base.Disambiguate = count;
            _better.Disambiguate = count;
            if (_base.Disambiguate == 0)
            {
                _initGivens = true;
                _base.Disambiguate = 1;
            }
            else
            {
                DisambiguateNames(false);
            }
        }
        else if (done || count == max)
        {
            var config = _lists[_listPos].Base;
            if (done || _modeIndex == _modes.Count - 1)
            {
                foreach (var item in _lists[_listPos].Items)
                {
                    Register(item, config);
                }

                _lists[_listPos] = (_better, []);
            }
            else
            {
                _modeIndex = _modes.Count - 1;
                config.Disambiguate = Math.Max(config.Disambiguate, 1);
                foreach (var item in _lists[_listPos].Items)
                {
                    Register(item, config);
                }
            }
        }
    }
}
