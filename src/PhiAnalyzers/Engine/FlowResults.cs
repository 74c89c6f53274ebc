using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PhiAnalyzers.Catalog;

namespace PhiAnalyzers.Engine;

/// <summary>PHI that reaches a sink: found in one method, either directly or through a callee that forwards a parameter to it.</summary>
internal sealed class SinkHit
{
    public SinkHit(SinkKinds kind, string display, IOperation operation, IOperation innerOperation, PhiValue value, GuardKinds guards, IOperation? dataOperation)
    {
        Kind = kind;
        Display = display;
        Operation = operation;
        InnerOperation = innerOperation;
        Value = value;
        Guards = guards;
        DataOperation = dataOperation;
    }

    public SinkKinds Kind { get; }

    /// <summary>The sink as named in messages; a chain such as <c>ReportWriter.Write -> ILogger.LogInformation</c> when forwarded.</summary>
    public string Display { get; }

    /// <summary>Where to report: the sink call itself, or the call of the project's method that forwards PHI to it.</summary>
    public IOperation Operation { get; }

    /// <summary>The library (or attributed) sink call at the end of the chain; rules inspect its receiver.</summary>
    public IOperation InnerOperation { get; }

    public PhiValue Value { get; }

    /// <summary>Guard calls (e.g. an audit append) made on every path before the sink.</summary>
    public GuardKinds Guards { get; }

    /// <summary>The argument expression that carried the PHI at <see cref="Operation"/>, when one did.</summary>
    public IOperation? DataOperation { get; }

    public SinkHit With(PhiValue value, GuardKinds guards) => new(Kind, Display, Operation, InnerOperation, value, guards, DataOperation);
}

/// <summary>
/// What the engine learned about one body: the method summary (return, out/ref parameters, fields written,
/// parameters forwarded to sinks, all in terms of parameter origins) and the sinks PHI reaches in it.
/// </summary>
internal sealed class FlowResult
{
    public static readonly FlowResult Empty = new(PhiValue.Empty, ImmutableArray<PhiValue>.Empty, ImmutableDictionary<ISymbol, PhiValue>.Empty.WithComparers(SymbolEqualityComparer.Default), ImmutableArray<SinkHit>.Empty);

    public FlowResult(PhiValue returnValue, ImmutableArray<PhiValue> parametersAtExit, ImmutableDictionary<ISymbol, PhiValue> fieldWrites, ImmutableArray<SinkHit> sinks)
    {
        Return = returnValue;
        ParametersAtExit = parametersAtExit;
        FieldWrites = fieldWrites;
        Sinks = sinks;
    }

    public PhiValue Return { get; }

    /// <summary>Value of each parameter at exit, by ordinal (what out/ref arguments receive).</summary>
    public ImmutableArray<PhiValue> ParametersAtExit { get; }

    /// <summary>Fields, properties and captured primary-constructor parameters written, with what.</summary>
    public ImmutableDictionary<ISymbol, PhiValue> FieldWrites { get; }

    public ImmutableArray<SinkHit> Sinks { get; }

    public IEnumerable<SinkHit> ConcreteSinks(SinkKinds kind)
    {
        foreach (var hit in Sinks)
        {
            if ((hit.Kind & kind) != 0 && hit.Value.HasConcrete)
            {
                yield return hit;
            }
        }
    }
}
