using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace PhiAnalyzers.Engine;

/// <summary>
/// The abstract value of the flow lattice: the set of origins whose PHI a value may carry (empty: no PHI),
/// plus, for tuples, one value per element. Join is set union (elementwise for tuples). Immutable.
/// </summary>
internal sealed class PhiValue : IEquatable<PhiValue>
{
    /// <summary>Concrete origins kept per value; more add nothing to a report and only cost time.</summary>
    private const int MaxConcreteOrigins = 6;

    public static readonly PhiValue Empty = new(ImmutableArray<PhiOrigin>.Empty, default);

    private PhiValue(ImmutableArray<PhiOrigin> origins, ImmutableArray<PhiValue> elements)
    {
        Origins = origins;
        Elements = elements;
    }

    /// <summary>Sorted, distinct.</summary>
    public ImmutableArray<PhiOrigin> Origins { get; }

    /// <summary>Per-element values of a tuple; default when the value is not a tracked tuple.</summary>
    public ImmutableArray<PhiValue> Elements { get; }

    public bool IsEmpty => Origins.IsEmpty && (Elements.IsDefault || Elements.All(e => e.IsEmpty));

    public bool HasConcrete => Origins.Any(o => !o.IsParameter) || (!Elements.IsDefault && Elements.Any(e => e.HasConcrete));

    public static PhiValue Of(PhiOrigin origin) => new(ImmutableArray.Create(origin), default);

    public static PhiValue Tuple(ImmutableArray<PhiValue> elements) => new(ImmutableArray<PhiOrigin>.Empty, elements);

    /// <summary>The value with tuple structure flattened: what the tuple carries as a whole.</summary>
    public PhiValue Flatten()
    {
        if (Elements.IsDefault)
        {
            return this;
        }

        var result = new PhiValue(Origins, default);
        foreach (var e in Elements)
        {
            result = result.Join(e.Flatten());
        }

        return result;
    }

    public PhiValue Element(int index)
    {
        if (!Elements.IsDefault && index >= 0 && index < Elements.Length)
        {
            return Elements[index].Join(new PhiValue(Origins, default));
        }

        return new PhiValue(Origins, default);
    }

    public PhiValue Join(PhiValue other)
    {
        if (ReferenceEquals(this, other) || other.IsEmptyFast)
        {
            return this;
        }

        if (IsEmptyFast)
        {
            return other;
        }

        var origins = Union(Origins, other.Origins);
        ImmutableArray<PhiValue> elements = default;
        if (!Elements.IsDefault && !other.Elements.IsDefault && Elements.Length == other.Elements.Length)
        {
            var b = ImmutableArray.CreateBuilder<PhiValue>(Elements.Length);
            for (var i = 0; i < Elements.Length; i++)
            {
                b.Add(Elements[i].Join(other.Elements[i]));
            }

            elements = b.MoveToImmutable();
        }
        else if (!Elements.IsDefault || !other.Elements.IsDefault)
        {
            // Shapes differ: keep what both carry, without structure.
            origins = Union(origins, Flatten().Origins);
            origins = Union(origins, other.Flatten().Origins);
        }

        return new PhiValue(origins, elements);
    }

    private bool IsEmptyFast => Origins.IsEmpty && Elements.IsDefault;

    /// <summary>Replaces parameter origins by the values the caller passed; keeps concrete origins.</summary>
    public PhiValue Substitute(Func<int, PhiValue> parameterValue)
    {
        if (!Elements.IsDefault)
        {
            // A tuple keeps its shape: each element is substituted on its own, what the whole carries stays whole.
            var whole = new PhiValue(Origins, default).Substitute(parameterValue).Flatten();
            return new PhiValue(whole.Origins, Elements.Select(e => e.Substitute(parameterValue)).ToImmutableArray());
        }

        var result = Empty;
        var concrete = ImmutableArray.CreateBuilder<PhiOrigin>();
        foreach (var o in Flatten().Origins)
        {
            if (o.IsParameter)
            {
                result = result.Join(parameterValue(o.ParameterOrdinal));
            }
            else
            {
                concrete.Add(o);
            }
        }

        return concrete.Count == 0 ? result : result.Join(new PhiValue(concrete.ToImmutable(), default));
    }

    public PhiValue WithoutParameters()
    {
        var flat = Flatten();
        return flat.Origins.Any(o => o.IsParameter) ? new PhiValue(flat.Origins.Where(o => !o.IsParameter).ToImmutableArray(), default) : flat;
    }

    public IEnumerable<PhiOrigin> ConcreteOrigins => Flatten().Origins.Where(o => !o.IsParameter);

    private static ImmutableArray<PhiOrigin> Union(ImmutableArray<PhiOrigin> a, ImmutableArray<PhiOrigin> b)
    {
        if (b.IsEmpty)
        {
            return a;
        }

        if (a.IsEmpty)
        {
            return b;
        }

        var builder = ImmutableArray.CreateBuilder<PhiOrigin>(a.Length + b.Length);
        int i = 0, j = 0, concrete = 0;
        while (i < a.Length || j < b.Length)
        {
            PhiOrigin next;
            if (j >= b.Length || (i < a.Length && a[i].CompareTo(b[j]) < 0))
            {
                next = a[i++];
            }
            else if (i >= a.Length || b[j].CompareTo(a[i]) < 0)
            {
                next = b[j++];
            }
            else
            {
                next = a[i++];
                j++;
            }

            if (!next.IsParameter)
            {
                if (concrete == MaxConcreteOrigins)
                {
                    continue;
                }

                concrete++;
            }

            builder.Add(next);
        }

        if (builder.Count == a.Length)
        {
            return a;
        }

        return builder.ToImmutable();
    }

    public bool Equals(PhiValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || !Origins.SequenceEqual(other.Origins))
        {
            return false;
        }

        if (Elements.IsDefault || other.Elements.IsDefault)
        {
            return Elements.IsDefault == other.Elements.IsDefault;
        }

        return Elements.SequenceEqual(other.Elements);
    }

    public override bool Equals(object? obj) => Equals(obj as PhiValue);

    public override int GetHashCode() => Origins.Length;

    public override string ToString() => IsEmpty ? "clean" : string.Join(", ", Flatten().Origins);
}
