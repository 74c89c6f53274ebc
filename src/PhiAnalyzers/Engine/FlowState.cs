using System.Collections.Generic;
using PhiAnalyzers.Catalog;

namespace PhiAnalyzers.Engine;

/// <summary>
/// The dataflow state at a program point: PHI values of locals, parameters and flow captures (may-analysis, union
/// at joins) and the guard calls made on every path so far (must-analysis, intersection at joins).
/// </summary>
internal sealed class FlowState
{
    private readonly Dictionary<object, PhiValue> _values;

    public FlowState()
    {
        _values = new Dictionary<object, PhiValue>();
    }

    private FlowState(Dictionary<object, PhiValue> values, GuardKinds guards)
    {
        _values = new Dictionary<object, PhiValue>(values);
        Guards = guards;
    }

    public GuardKinds Guards { get; set; }

    public FlowState Clone() => new(_values, Guards);

    public PhiValue Get(object key) => _values.TryGetValue(key, out var v) ? v : PhiValue.Empty;

    public bool Contains(object key) => _values.ContainsKey(key);

    public void Set(object key, PhiValue value)
    {
        if (value.IsEmpty)
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value;
        }
    }

    /// <summary>Joins <paramref name="other"/> into this state (first join copies guards).</summary>
    public void JoinWith(FlowState other, bool first)
    {
        foreach (var pair in other._values)
        {
            _values[pair.Key] = _values.TryGetValue(pair.Key, out var mine) ? mine.Join(pair.Value) : pair.Value;
        }

        Guards = first ? other.Guards : Guards & other.Guards;
    }

    /// <summary>
    /// Applies what a region changed, from its state at <paramref name="before"/> to <paramref name="after"/>: keys
    /// whose value differs take the value after; the others keep this state's own value.
    /// </summary>
    public void ApplyChanges(FlowState before, FlowState after)
    {
        foreach (var pair in after._values)
        {
            if (!before._values.TryGetValue(pair.Key, out var old) || !old.Equals(pair.Value))
            {
                _values[pair.Key] = pair.Value;
            }
        }

        foreach (var pair in before._values)
        {
            if (!after._values.ContainsKey(pair.Key))
            {
                _values.Remove(pair.Key);
            }
        }
    }

    public bool SameAs(FlowState other)
    {
        if (Guards != other.Guards || _values.Count != other._values.Count)
        {
            return false;
        }

        foreach (var pair in _values)
        {
            if (!other._values.TryGetValue(pair.Key, out var theirs) || !pair.Value.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }
}
