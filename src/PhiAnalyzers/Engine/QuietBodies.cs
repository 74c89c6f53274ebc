using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PhiAnalyzers.Engine;

/// <summary>
/// Which bodies, members and methods of a compilation can have anything to do with concrete PHI: an
/// over-approximation computed once per compilation, before any control-flow graph is built, so that the dataflow
/// runs only where PHI can be. Most code of a service touches no PHI, and this is what keeps the analyzers cheap on it.
/// <para>
/// The facts of a body are what its operations show: what it reads (fields, properties, captured primary-constructor
/// parameters), what it writes, which project methods it calls, and whether it touches PHI on its own (a <c>[Phi]</c>
/// member, parameter or method, a value of a PHI-bearing type, a catalog source such as <c>Detokenize</c>). Then a
/// least fixpoint, linear in the size of that graph:
/// </para>
/// <list type="bullet">
/// <item>a body is <em>hot</em> when it touches PHI on its own, reads a hot member, or calls a hot method;</item>
/// <item>a method <em>receives</em> PHI when it has parameters and a hot or receiving body calls it;</item>
/// <item>a member is <em>hot</em> when a hot or receiving body writes it (a record's or primary constructor's
/// parameters are written by whoever calls that constructor).</item>
/// </list>
/// <para>
/// Only the bodies the fixpoint may need are bound and walked, found from syntax: a syntax-only index lists, per
/// tree, each body and the identifiers (and name-less uses such as <c>foreach</c> or an indexer) it contains. A body
/// can touch PHI on its own only if it names something whose declaration involves PHI, or its owner's signature or
/// type does (<see cref="PhiSignatures"/>); it can read a hot member or call a hot method only if it shows that
/// member's or method's name (or the marker of a use without one). The bodies it does walk are bound in a model of
/// its own without nullable analysis (<see cref="WalkModel"/>). Binding every body up front in the driver's model cost
/// a 50k-method build about 30%: each body was bound twice (the compiler binds it again to emit it, where the
/// driver otherwise reuses the compiler's binding), with nullable analysis. Tests check that the guided fixpoint
/// equals the one over every body.
/// </para>
/// <para>
/// The facts of a syntax tree name symbols by stable ids (documentation-comment ids), not by symbol objects, so a later
/// compilation reuses them for every tree it shares with the earlier one as long as no declaration anywhere changed
/// (<see cref="DeclarationStampOf"/>): after an edit inside a method body, as in an IDE, only the edited tree is bound
/// and walked again; the fixpoint itself is cheap.
/// </para>
/// </summary>
internal sealed class QuietBodies
{
    private readonly PhiWorld _world;
    private readonly object _gate = new();
    private volatile HotSet? _hot;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, string> _ids = new(SymbolEqualityComparer.Default);

    public QuietBodies(PhiWorld world) => _world = world;

    /// <summary>Builds the hot set now, if no request built it yet.</summary>
    public void Prepare(CancellationToken cancellationToken) => Hot(cancellationToken);

    /// <summary>Whether the body (or initializer) of <paramref name="owner"/> cannot hold concrete PHI.</summary>
    public bool IsQuiet(ISymbol owner, CancellationToken cancellationToken)
        => Hot(cancellationToken).IsQuietBody(Id(owner));

    /// <summary>Whether a project method's body cannot hold concrete PHI (library and bodiless methods: true).</summary>
    public bool IsQuietMethod(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!MethodFlow.IsAnalyzable(method))
        {
            return true;
        }

        var hot = Hot(cancellationToken);
        var id = Id(method);
        return hot.IsQuietBody(id) || (!hot.HasBody(id) && _world.FindBody(method, cancellationToken) is null);
    }

    /// <summary>Whether a field, property or captured primary-constructor parameter of the project may hold concrete PHI.</summary>
    public bool MayHold(ISymbol member, CancellationToken cancellationToken)
        => Hot(cancellationToken).IsHotMember(Id(member));

    /// <summary>
    /// The bodies (by the syntax that owns each) that may hold or be handed PHI and write <paramref name="member"/> in
    /// their own code: assign it, pass it by ref or out, write into what it holds, initialize it, or create the record
    /// whose positional property it is. A body that may not writes no PHI; so these are all the writers that matter.
    /// </summary>
    public IReadOnlyList<SyntaxNode> CarryingWriters(ISymbol member, CancellationToken cancellationToken)
        => Hot(cancellationToken).WritersOf(Id(member));

    /// <summary>The bodies that may hold or be handed PHI and call <paramref name="method"/> (or create its type), by the syntax that owns each.</summary>
    public IReadOnlyList<SyntaxNode> CarryingCallers(IMethodSymbol method, CancellationToken cancellationToken)
        => Hot(cancellationToken).CallersOf(Id(PhiWorld.CallKey(method)));

    /// <summary>Whether code may use a member of this name without naming it (see <see cref="Markers"/>).</summary>
    internal static bool IsUsedByMarker(string name) => Markers.ContainsKey(name);

    /// <summary>
    /// For tests: the hot bodies, receiving methods and hot members (sorted, one per line) as the syntax-guided build
    /// finds them, and as a build that walks every body finds them. The two must be equal.
    /// </summary>
    internal static (string Guided, string Exhaustive) DescribeBuilds(PhiWorld world, CancellationToken cancellationToken)
        => (Describe(HotSet.Build(world, cancellationToken)), Describe(HotSet.Build(world, cancellationToken, exhaustive: true)));

    /// <summary>For tests: the ids of the bodies the syntax marks as seeds (the ones the guided build walks to find what touches PHI on its own), sorted.</summary>
    internal static IReadOnlyList<string> DescribeSeeds(PhiWorld world, CancellationToken cancellationToken)
        => HotSet.Seeds(world, cancellationToken);

    /// <summary>
    /// For tests: what the index notes for each tree of the compilation when read from the text and when walked node by
    /// node, one line per body and token ("body token", "body token @position", "seed body"), and the trees the lexer
    /// gives up on. The text's lines must include the nodes' (it may note more), and the seeds must be the same.
    /// </summary>
    internal static (ISet<string> FromText, ISet<string> FromNodes, IReadOnlyList<string> TreesWalked) DescribeIndexes(PhiWorld world, CancellationToken cancellationToken)
        => HotSet.DescribeIndexes(world, cancellationToken);

    private static string Describe(HotSet set)
        => string.Join("\n", set.HotBodies.Select(b => "hot " + b)
            .Concat(set.ReceivingMethods.Select(m => "receives " + m))
            .Concat(set.HotMembers.Select(m => "member " + m))
            .OrderBy(s => s, StringComparer.Ordinal));

    /// <summary>A symbol's stable id: the one the hot-set build made for it when it did (most bodies' owners), or made once here.</summary>
    private string Id(ISymbol symbol)
        => _hot?.IdOf(Key(symbol)) ?? _ids.GetOrAdd(symbol, s => StableId.Of(Key(s)));

    private static ISymbol Key(ISymbol symbol)
        => symbol is IMethodSymbol method ? (method.PartialImplementationPart ?? method).OriginalDefinition : symbol.OriginalDefinition;

    private HotSet Hot(CancellationToken cancellationToken)
    {
        if (_hot is { } hot)
        {
            return hot;
        }

        lock (_gate)
        {
            if (_hot is { } built)
            {
                return built;
            }

            // A cancelled build leaves nothing behind: the next request starts it again.
            var started = EngineCounters.Start();
            _hot = HotSet.Build(_world, cancellationToken);
            EngineCounters.Time("hot.build", started);
            return _hot;
        }
    }

    /// <summary>What one body does that matters to the fixpoint, by stable ids (compact: kept per tree across compilations).</summary>
    private sealed class BodyFacts
    {
        public static readonly BodyFacts None = new(false, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<bool>());

        public BodyFacts(bool touchesPhi, string[] reads, string[] writes, string[] writeNames, string[] calls, bool[] callTakesParameters)
        {
            TouchesPhi = touchesPhi;
            Reads = reads;
            Writes = writes;
            WriteNames = writeNames;
            Calls = calls;
            CallTakesParameters = callTakesParameters;
        }

        public bool TouchesPhi { get; }

        public string[] Reads { get; }

        public string[] Writes { get; }

        /// <summary>Per written member, the name it is read by in code ("[]" for an indexer).</summary>
        public string[] WriteNames { get; }

        /// <summary>Project methods called; <see cref="CallTakesParameters"/> says which take parameters (so a call can hand them PHI).</summary>
        public string[] Calls { get; }

        public bool[] CallTakesParameters { get; }

        public static BodyFacts Merge(BodyFacts a, BodyFacts b)
        {
            var writes = a.Writes.Concat(b.Writes).ToArray();
            return new BodyFacts(
                a.TouchesPhi || b.TouchesPhi,
                a.Reads.Concat(b.Reads).Distinct(StringComparer.Ordinal).ToArray(),
                writes,
                a.WriteNames.Concat(b.WriteNames).ToArray(),
                a.Calls.Concat(b.Calls).ToArray(),
                a.CallTakesParameters.Concat(b.CallTakesParameters).ToArray());
        }
    }

    /// <summary>The facts of one body while its operations are walked.</summary>
    private sealed class BodyBuilder
    {
        public bool TouchesPhi;
        public readonly HashSet<string> Reads = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> Writes = new(StringComparer.Ordinal);
        public readonly Dictionary<string, bool> Calls = new(StringComparer.Ordinal);

        public BodyFacts Freeze()
            => new(TouchesPhi, Reads.ToArray(), Writes.Keys.ToArray(), Writes.Values.ToArray(), Calls.Keys.ToArray(), Calls.Values.ToArray());
    }

    /// <summary>
    /// One body of a tree as the syntax shows it: its owner's stable id, the names a call to it goes by, and whether
    /// it may touch PHI on its own. Its operations are walked (<see cref="Facts"/>) only when the fixpoint needs them.
    /// </summary>
    private sealed class BodyEntry
    {
        public BodyEntry(SyntaxNode owner, SyntaxNode body, string id, string[] callTokens, bool seed)
        {
            Owner = owner;
            Body = body;
            Id = id;
            CallTokens = callTokens;
            Seed = seed;
        }

        public SyntaxNode Owner { get; }

        public SyntaxNode Body { get; }

        public string Id { get; }

        /// <summary>The tokens (names or syntax markers) in the bodies that may call this one; <see cref="AnyBody"/>: any body may.</summary>
        public string[] CallTokens { get; }

        /// <summary>
        /// The body may touch PHI on its own: its owner's signature or containing type involves PHI, or it names
        /// something that may (<see cref="SeedScan"/>). Only such bodies are walked to find the fixpoint's seeds.
        /// </summary>
        public bool Seed { get; }

        /// <summary>The walked facts; null until bound (the fixpoint runs under one lock, so no race).</summary>
        public BodyFacts? Facts { get; set; }
    }

    /// <summary>
    /// The bodies of one tree and, per identifier (or syntax marker, see <see cref="Markers"/>), the bodies it occurs
    /// in. Built from syntax plus each owner's declared symbol (no body is bound), under a declaration stamp.
    /// </summary>
    private sealed class TreeIndex
    {
        public TreeIndex(DeclarationStampOf stamp, BodyEntry[] bodies, Dictionary<string, Occurrences> byToken, bool lexed)
        {
            Stamp = stamp;
            Bodies = bodies;
            ByToken = byToken;
            Lexed = lexed;
        }

        public DeclarationStampOf Stamp { get; }

        /// <summary>Whether <see cref="BodyLexer"/> read the tree (its identifiers' names are spelled as they are, so a body's declarations can be searched for in its text).</summary>
        public bool Lexed { get; }

        public BodyEntry[] Bodies { get; }

        public Dictionary<string, Occurrences> ByToken { get; }

        private readonly Dictionary<string, BodyMeaning[]> _meanings = new(StringComparer.Ordinal);

        /// <summary>What a name means in this tree's bodies, worked out once under this index's stamp.</summary>
        /// <param name="resolve">Works it out from this index, the name's occurrences here and the name (a static
        /// function with its state passed in: asked for every tree, a capturing lambda would cost an allocation each).</param>
        public BodyMeaning[] MeaningsOf<TState>(string name, Occurrences occurrences, TState state, Func<TState, TreeIndex, Occurrences, string, BodyMeaning[]> resolve)
        {
            lock (_meanings)
            {
                if (!_meanings.TryGetValue(name, out var meanings))
                {
                    _meanings[name] = meanings = resolve(state, this, occurrences, name);
                }

                return meanings;
            }
        }
    }

    /// <summary>
    /// Where one identifier (or marker) occurs in a tree: the bodies (by index, each once, in order) and, per body, the
    /// start positions of the identifier's tokens, so that working out what the name means there visits those tokens
    /// and not the whole body again.
    /// </summary>
    private sealed class Occurrences
    {
        // One array for both, in the order noted: a body as ~index (negative), then its token positions. Most names
        // occur in a few bodies of a tree, and a tree has hundreds of names: lists per name and body would dominate
        // the index's size.
        private int[] _items = new int[4];
        private int _count;
        private int _lastBody = -1;

        /// <summary>Records an occurrence in <paramref name="body"/> (bodies are noted in order); a negative position records only the body.</summary>
        public void Add(int body, int position)
        {
            if (body != _lastBody)
            {
                Append(~body);
                _lastBody = body;
            }

            if (position >= 0)
            {
                Append(position);
            }
        }

        private void Append(int item)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            _items[_count++] = item;
        }

        /// <summary>The bodies (by index in the tree, each once, in order).</summary>
        public IEnumerable<int> Bodies
        {
            get
            {
                for (var i = 0; i < _count; i++)
                {
                    if (_items[i] < 0)
                    {
                        yield return ~_items[i];
                    }
                }
            }
        }

        /// <summary>Each body with the token positions recorded in it.</summary>
        public List<(int Body, List<int> Positions)> ByBody()
        {
            var result = new List<(int Body, List<int> Positions)>();
            for (var i = 0; i < _count; i++)
            {
                if (_items[i] < 0)
                {
                    result.Add((~_items[i], new List<int>()));
                }
                else
                {
                    result[result.Count - 1].Positions.Add(_items[i]);
                }
            }

            return result;
        }
    }

    /// <summary>
    /// What a name's occurrences in one body may mean: the ids of the symbols they may be (<see cref="Known"/>), and,
    /// when some occurrence's meaning is not known without binding, the ids of the body's enclosing types.
    /// </summary>
    private sealed class BodyMeaning
    {
        public BodyMeaning(string body, string[] known, string[]? enclosingTypes)
        {
            Body = body;
            Known = known;
            EnclosingTypes = enclosingTypes;
        }

        public string Body { get; }

        public string[] Known { get; }

        /// <summary>Null when every occurrence's meaning is known.</summary>
        public string[]? EnclosingTypes { get; }
    }

    /// <summary>Per-tree index and facts, shared by the compilations that contain the tree (reused only under the same stamp).</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<TreeIndex?>> Indexes = new();

    /// <summary>Per-tree using aliases (syntax only), each with the names its target mentions.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, List<(string Alias, HashSet<string> Names)>> Aliases = new();

    private static List<(string Alias, HashSet<string> Names)> AliasesOf(SyntaxTree tree)
    {
        var aliases = new List<(string Alias, HashSet<string> Names)>();
        foreach (var directive in tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
        {
            if (directive.Alias is { } alias)
            {
                var names = new HashSet<string>(
                    directive.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Parent is not IdentifierNameSyntax { Parent: NameEqualsSyntax }).Select(t => t.ValueText),
                    StringComparer.Ordinal);
                aliases.Add((alias.Name.Identifier.ValueText, names));
            }
        }

        return aliases;
    }

    /// <summary>The names, plus every using alias (of any tree: global usings reach them all) whose target mentions one.</summary>
    private static HashSet<string> WithAliases(IEnumerable<string> names, List<(string Alias, HashSet<string> Names)> aliases)
    {
        var result = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (var (alias, mentioned) in aliases)
        {
            if (mentioned.Overlaps(result))
            {
                result.Add(alias);
            }
        }

        return result;
    }

    /// <summary>The token that stands for "any body": a use with no name or marker in syntax (an operator, a conversion).</summary>
    private const string AnyBody = "*";

    /// <summary>
    /// Members that code uses without naming them, and the syntax marker (recorded in a body's tokens) that a use of
    /// each implies: <c>foreach</c> calls <c>GetEnumerator</c>, <c>await</c> calls <c>GetAwaiter</c>, a deconstruction
    /// calls <c>Deconstruct</c>, a collection initializer calls <c>Add</c>, and so on.
    /// </summary>
    private static readonly Dictionary<string, string[]> Markers = new(StringComparer.Ordinal)
    {
        ["GetEnumerator"] = new[] { "foreach" },
        ["GetAsyncEnumerator"] = new[] { "foreach" },
        ["MoveNext"] = new[] { "foreach" },
        ["MoveNextAsync"] = new[] { "foreach" },
        ["Current"] = new[] { "foreach" },
        ["Dispose"] = new[] { "foreach", "using" },
        ["DisposeAsync"] = new[] { "foreach", "using" },
        ["GetAwaiter"] = new[] { "await" },
        ["GetResult"] = new[] { "await" },
        ["IsCompleted"] = new[] { "await" },
        ["OnCompleted"] = new[] { "await" },
        ["UnsafeOnCompleted"] = new[] { "await" },
        ["Deconstruct"] = new[] { "deconstruct" },
        ["Add"] = new[] { "init" },
        ["Length"] = new[] { "[]" },
        ["Count"] = new[] { "[]" },
        ["Slice"] = new[] { "[]" },
        ["AppendLiteral"] = new[] { "$" },
        ["AppendFormatted"] = new[] { "$" },
        ["GetPinnableReference"] = new[] { "fixed" },
        ["Select"] = new[] { "query" },
        ["SelectMany"] = new[] { "query" },
        ["Where"] = new[] { "query" },
        ["Join"] = new[] { "query" },
        ["GroupJoin"] = new[] { "query" },
        ["OrderBy"] = new[] { "query" },
        ["OrderByDescending"] = new[] { "query" },
        ["ThenBy"] = new[] { "query" },
        ["ThenByDescending"] = new[] { "query" },
        ["GroupBy"] = new[] { "query" },
        ["Cast"] = new[] { "query" },
    };

    /// <summary>The marker each of <see cref="BodyLexer.Mark"/> stands for in the index (by the enum's value).</summary>
    private static readonly string?[] MarkerNames = { null, "foreach", "using", "await", "query", "init", "deconstruct", "[]", "$", "fixed", "new()", null };

    /// <summary>The syntax markers (tokens that are not names) in the bodies' indexes.</summary>
    private static readonly HashSet<string> MarkerTokens = new(
        Markers.Values.SelectMany(m => m).Concat(new[] { "new()" }),
        StringComparer.Ordinal);

    /// <summary>The syntax marker a node stands for in a body's tokens (see <see cref="Markers"/>), if any.</summary>
    private static string? MarkerOf(SyntaxNode node) => node switch
    {
        CommonForEachStatementSyntax => "foreach",
        SpreadElementSyntax => "foreach",
        UsingStatementSyntax => "using",
        LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } => "using",
        AwaitExpressionSyntax => "await",
        QueryExpressionSyntax => "query",
        InitializerExpressionSyntax init when init.IsKind(SyntaxKind.CollectionInitializerExpression) || init.IsKind(SyntaxKind.ComplexElementInitializerExpression) => "init",
        CollectionExpressionSyntax => "init",
        AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } => "deconstruct",
        PositionalPatternClauseSyntax => "deconstruct",
        ElementAccessExpressionSyntax or ElementBindingExpressionSyntax or ImplicitElementAccessSyntax => "[]",
        RangeExpressionSyntax or ListPatternSyntax or SlicePatternSyntax => "[]",
        PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.IndexExpression) => "[]",
        InterpolatedStringExpressionSyntax => "$",
        FixedStatementSyntax => "fixed",
        ImplicitObjectCreationExpressionSyntax => "new()",
        _ => null,
    };

    /// <summary>The tokens a use of a member named <paramref name="name"/> may show in a body: the name and its markers.</summary>
    private static string[] UseTokens(string name)
        => Markers.TryGetValue(name, out var markers) ? markers.Concat(new[] { name }).ToArray() : new[] { name };

    /// <summary>Per-tree hash of everything but the bodies of methods and accessors.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<long>> DeclarationHashes = new();

    /// <summary>
    /// The declaration stamp of one compilation (<see cref="Compute"/>), computed only when it is compared with
    /// another compilation's: a build in csc makes one compilation and never needs it (hashing every declaration of a
    /// 50k-method project costs about 0.3 s); an IDE's next compilation computes both once, to see whether the trees'
    /// indexes made under this one still hold. It holds its compilation weakly: the stamps kept with the last seed names
    /// and the trees' indexes (statics, which live on in the compiler server and the IDE) must not keep a whole
    /// compilation in memory. A compilation collected before its stamp was computed compares as changed, so what was
    /// made under it is made again.
    /// </summary>
    internal sealed class DeclarationStampOf
    {
        private static readonly ConditionalWeakTable<Compilation, DeclarationStampOf> Stamps = new();

        // Not cancellable: a later compilation's build may be the one to compute it. PublicationOnly: a computation that
        // throws is not kept, so one failure cannot make every later comparison in the process throw. Null: the
        // compilation was collected before anyone asked.
        private readonly Lazy<long?> _value;

        private DeclarationStampOf(Compilation compilation)
        {
            var weak = new WeakReference<Compilation>(compilation);
            _value = new Lazy<long?>(
                () => weak.TryGetTarget(out var target) ? Compute(target, CancellationToken.None) : null,
                LazyThreadSafetyMode.PublicationOnly);
        }

        /// <summary>The one stamp of a compilation.</summary>
        public static DeclarationStampOf Of(Compilation compilation) => Stamps.GetValue(compilation, c => new DeclarationStampOf(c));

        /// <summary>
        /// Whether code inside unchanged bodies binds the same under both (the same compilation's needs no hashing; one
        /// whose compilation is gone unhashed is taken as changed).
        /// </summary>
        public bool SameAs(DeclarationStampOf other)
            => ReferenceEquals(this, other) || (_value.Value is { } mine && other._value.Value is { } theirs && mine == theirs);

        /// <summary>
        /// A hash of what decides how the code inside bodies binds: every tree's text outside method and accessor bodies
        /// (types, members, signatures, attributes, usings, initializers), the references and the options. Two
        /// compilations with the same stamp bind an unchanged body to the same symbols.
        /// </summary>
        private static long Compute(Compilation compilation, CancellationToken cancellationToken)
        {
            var hash = Fnv.Start;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var box = DeclarationHashes.GetValue(tree, t => new StrongBox<long>(DeclarationHash(t, cancellationToken)));
                hash = Fnv.Add(hash, box.Value);
            }

            foreach (var reference in compilation.References)
            {
                hash = Fnv.Add(hash, reference.Display ?? "");
            }

            // The options that change how code binds (not Options.GetHashCode(): in csc it reaches resolvers that do not
            // implement it).
            var options = compilation.Options;
            hash = Fnv.Add(hash, (long)options.NullableContextOptions);
            hash = Fnv.Add(hash, (long)options.OutputKind);
            hash = Fnv.Add(hash, (long)options.MetadataImportOptions);
            if (options is Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions csharp)
            {
                hash = Fnv.Add(hash, string.Join(";", csharp.Usings));
            }

            return Fnv.Add(hash, compilation.AssemblyName ?? "");
        }
    }

    private static long DeclarationHash(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var hash = Fnv.Add(Fnv.Start, tree.FilePath ?? "");
        // Not descending into a body leaves out its tokens, braces and arrow included.
        foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens(n => !IsBody(n)))
        {
            hash = Fnv.Add(Fnv.Add(hash, token.RawKind), token.Text);
        }

        return hash;
    }

    /// <summary>A method's or accessor's body (block or arrow): what an edit may change without touching declarations.</summary>
    private static bool IsBody(SyntaxNode? node)
        => node is BlockSyntax or ArrowExpressionClauseSyntax
           && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax;

    private static class Fnv
    {
        public const long Start = unchecked((long)14695981039346656037UL);

        public static long Add(long hash, long value)
        {
            for (var i = 0; i < 8; i++)
            {
                hash = unchecked((hash ^ ((value >> (i * 8)) & 0xFF)) * 1099511628211L);
            }

            return hash;
        }

        public static long Add(long hash, string text)
        {
            foreach (var c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211L);
            }

            return unchecked((hash ^ 0xFF) * 1099511628211L);
        }
    }

    /// <summary>
    /// <c>Compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis)</c> where the running
    /// compiler has it (Roslyn 4.9 and later; this assembly builds against 4.8).
    /// </summary>
    private static readonly Func<Compilation, SyntaxTree, SemanticModel>? NoNullableModel = CreateNoNullableModel();

    private static Func<Compilation, SyntaxTree, SemanticModel>? CreateNoNullableModel()
    {
        try
        {
            var optionsType = typeof(Compilation).Assembly.GetType("Microsoft.CodeAnalysis.SemanticModelOptions");
            var method = optionsType is null ? null : typeof(Compilation).GetMethod("GetSemanticModel", new[] { typeof(SyntaxTree), optionsType });
            if (method is null || !Enum.IsDefined(optionsType!, "DisableNullableAnalysis"))
            {
                return null;
            }

            var disable = Enum.Parse(optionsType!, "DisableNullableAnalysis");
            return (compilation, tree) => (SemanticModel)method.Invoke(compilation, new[] { tree, disable })!;
        }
        catch (Exception e) when (e is System.Reflection.AmbiguousMatchException or ArgumentException or MemberAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The model the hot-set walk binds bodies in. The walk needs symbols and types, not nullable states: a model
    /// without nullable analysis binds a body for about half the cost. It is not the driver's cached model, so in a
    /// build the driver still hands the rules the compiler's own binding of each body.
    /// </summary>
    internal static SemanticModel WalkModel(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RS1030
        return NoNullableModel?.Invoke(compilation, tree) ?? compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    /// <summary>The seed names of the last compilation built, under its declaration stamp.</summary>
    private static StampedNames? s_seedNames;

    private sealed class StampedNames
    {
        public StampedNames(DeclarationStampOf stamp, HashSet<string> names, HashSet<string> projectNames)
        {
            Stamp = stamp;
            Names = names;
            ProjectNames = projectNames;
            Table = new NameTable(projectNames, names);
        }

        /// <summary>Both sets, for <see cref="BodyLexer"/>.</summary>
        public NameTable Table { get; }

        public DeclarationStampOf Stamp { get; }

        public HashSet<string> Names { get; }

        /// <summary>The identifiers the index keeps (<see cref="QuietBodies.ProjectNames"/>).</summary>
        public HashSet<string> ProjectNames { get; }
    }

    /// <summary>
    /// The identifiers by which code can use a member, method or type of the project: every source type's name (an
    /// attribute's without its suffix too), its members' names (an explicit implementation's simple name too) and its
    /// primary constructor's parameters, and every using alias. A hot member or method can only show in a body as one
    /// of these (or as a marker), so the index keeps no other identifier: locals, parameters, library members.
    /// </summary>
    private static HashSet<string> ProjectNames(Compilation compilation, List<(string Alias, HashSet<string> Names)> aliases, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var containers = new Stack<INamespaceOrTypeSymbol>();
        containers.Push(compilation.Assembly.GlobalNamespace);
        while (containers.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var container = containers.Pop();
            if (container is INamespaceSymbol ns)
            {
                foreach (var child in ns.GetNamespaceMembers())
                {
                    containers.Push(child);
                }
            }

            foreach (var type in container.GetTypeMembers())
            {
                containers.Push(type);
                names.Add(type.Name);
                if (AttributeShortName(type.Name) is { } shortName)
                {
                    names.Add(shortName);
                }

                foreach (var name in type.MemberNames)
                {
                    names.Add(name);
                    if (name.LastIndexOf('.') is var dot and >= 0)
                    {
                        names.Add(name.Substring(dot + 1));
                    }
                }

                foreach (var ctor in type.InstanceConstructors)
                {
                    if (ctor.Parameters.Length > 0 && ctor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax))
                    {
                        foreach (var parameter in ctor.Parameters)
                        {
                            names.Add(parameter.Name);
                        }
                    }
                }
            }
        }

        foreach (var (alias, _) in aliases)
        {
            names.Add(alias);
        }

        return names;
    }

    /// <summary>The name an attribute type is also written by (<c>Phi</c> for <c>PhiAttribute</c>), or null.</summary>
    private static string? AttributeShortName(string typeName)
        => typeName.EndsWith("Attribute", StringComparison.Ordinal) && typeName.Length > "Attribute".Length
            ? typeName.Substring(0, typeName.Length - "Attribute".Length)
            : null;

    private sealed class HotSet
    {
        private readonly HashSet<string> _bodies = new(StringComparer.Ordinal);

        /// <summary>The ids the build made, by symbol (key symbols); only read once the set is built.</summary>
        private Dictionary<ISymbol, string>? _ids;

        public string? IdOf(ISymbol key) => _ids is not null && _ids.TryGetValue(key, out var id) ? id : null;
        private readonly HashSet<string> _hotBodies = new(StringComparer.Ordinal);
        private readonly HashSet<string> _receiving = new(StringComparer.Ordinal);
        private readonly HashSet<string> _hotMembers = new(StringComparer.Ordinal);

        /// <summary>A body the index does not list (it cannot be looked at) counts as not quiet.</summary>
        public bool IsQuietBody(string owner) => _bodies.Contains(owner) && !_hotBodies.Contains(owner);

        public bool HasBody(string owner) => _bodies.Contains(owner);

        public bool Receives(string method) => _receiving.Contains(method);

        public bool IsHotMember(string member) => _hotMembers.Contains(member);

        private readonly Dictionary<string, List<SyntaxNode>> _writers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<SyntaxNode>> _callers = new(StringComparer.Ordinal);

        public IReadOnlyList<SyntaxNode> WritersOf(string member) => _writers.TryGetValue(member, out var owners) ? owners : Array.Empty<SyntaxNode>();

        public IReadOnlyList<SyntaxNode> CallersOf(string method) => _callers.TryGetValue(method, out var owners) ? owners : Array.Empty<SyntaxNode>();

        private static void AddOwners(Dictionary<string, List<SyntaxNode>> map, string key, List<BodyEntry> entries)
        {
            if (!map.TryGetValue(key, out var owners))
            {
                map[key] = owners = new List<SyntaxNode>(entries.Count);
            }

            foreach (var entry in entries)
            {
                owners.Add(entry.Owner);
            }
        }

        internal IEnumerable<string> HotBodies => _hotBodies;

        internal IEnumerable<string> HotMembers => _hotMembers;

        internal IEnumerable<string> ReceivingMethods => _receiving;

        /// <param name="exhaustive">Walk every body instead of the candidates the syntax points at (for tests: the lazy set must equal it).</param>
        public static HotSet Build(PhiWorld world, CancellationToken cancellationToken, bool exhaustive = false)
        {
            var compilation = world.Compilation;
            var started = EngineCounters.Start();
            var stamp = DeclarationStampOf.Of(compilation);
            var trees = compilation.SyntaxTrees.ToArray();
            var aliases = trees.SelectMany(t => Aliases.GetValue(t, AliasesOf)).ToList();
            EngineCounters.Time("hot.aliases", started);
            var signatures = new PhiSignatures(world.Catalog);
            // The seed names depend on declarations only: an edit inside a body (an IDE's usual edit) reuses them.
            if (s_seedNames is not { } seedNames || !seedNames.Stamp.SameAs(stamp))
            {
                // The seed names read every member's signature. In a build, compilation start can run ahead of the
                // compiler's declaration pass; asking symbol by symbol then completes them one at a time, at several
                // times the cost of the compiler's own pass over the same symbols (bench/README.md, --cold-declarations).
                // So run that pass first: the compilation keeps its result, the compiler reuses it, and where it has
                // already run this returns at once.
                var declarations = EngineCounters.Start();
                _ = compilation.GetDeclarationDiagnostics(cancellationToken);
                EngineCounters.Time("hot.declarations", declarations);
                s_seedNames = seedNames = new StampedNames(
                    stamp, WithAliases(signatures.SeedNames(compilation, cancellationToken), aliases), ProjectNames(compilation, aliases, cancellationToken));
            }

            EngineCounters.Time("hot.aliasesAndSeedNames", started);
            started = EngineCounters.Start();
            var scan = new SeedScan(signatures, seedNames.Names, compilation);
            // One string per symbol for all the trees indexed and walked here (the facts are kept, so duplicates would add up).
            var ids = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
            var symbols = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
            string IdOf(ISymbol symbol)
            {
                if (!ids.TryGetValue(symbol, out var text))
                {
                    ids[symbol] = text = StableId.Of(symbol);
                    symbols[text] = symbol;
                }

                return text;
            }

            ISymbol? SymbolOf(string id) => symbols.TryGetValue(id, out var symbol) ? symbol : StableId.Resolve(id, compilation);

            var indexes = new TreeIndex[trees.Length];
            var lexer = new BodyLexer(seedNames.Table);
            // The owner symbols of the bodies indexed here, so that the solver need not ask the model for them again
            // (a reused tree's come from the model: its entries are kept across compilations, symbols are not).
            var owners = new Dictionary<BodyEntry, ISymbol>();
            for (var i = 0; i < trees.Length; i++)
            {
                var box = Indexes.GetValue(trees[i], _ => new StrongBox<TreeIndex?>());
                if (box.Value is not { } index || !index.Stamp.SameAs(stamp))
                {
                    EngineCounters.Count("hot.treesIndexed");
                    index = Index(world, trees[i], stamp, signatures, scan, seedNames, lexer, IdOf, cancellationToken, owners);
                    box.Value = index;
                }

                indexes[i] = index;
            }

            EngineCounters.Time("hot.index", started);
            started = EngineCounters.Start();
            var set = new HotSet();
            new Solver(world, set, indexes, aliases, scan, IdOf, SymbolOf, owners, exhaustive, cancellationToken).Run();
            set._ids = ids;
            EngineCounters.Time("hot.solve", started);
            EngineCounters.Count("hot.hotBodies", set._hotBodies.Count);
            EngineCounters.Count("hot.hotMembers", set._hotMembers.Count);
            EngineCounters.Count("hot.receiving", set._receiving.Count);
            return set;
        }

        /// <summary>For the test hooks: what <see cref="Build"/> computes before indexing, never taken from or left in its caches (the compilation's stamp is its one stamp).</summary>
        private static (DeclarationStampOf Stamp, PhiSignatures Signatures, StampedNames Names, SeedScan Scan) Fresh(PhiWorld world, CancellationToken cancellationToken)
        {
            var compilation = world.Compilation;
            var stamp = DeclarationStampOf.Of(compilation);
            var signatures = new PhiSignatures(world.Catalog);
            var aliases = compilation.SyntaxTrees.SelectMany(t => Aliases.GetValue(t, AliasesOf)).ToList();
            var names = new StampedNames(stamp, WithAliases(signatures.SeedNames(compilation, cancellationToken), aliases), ProjectNames(compilation, aliases, cancellationToken));
            return (stamp, signatures, names, new SeedScan(signatures, names.Names, compilation));
        }

        internal static (ISet<string> FromText, ISet<string> FromNodes, IReadOnlyList<string> TreesWalked) DescribeIndexes(PhiWorld world, CancellationToken cancellationToken)
        {
            var compilation = world.Compilation;
            var (stamp, signatures, names, scan) = Fresh(world, cancellationToken);
            var lexer = new BodyLexer(names.Table);
            var fromText = new HashSet<string>(StringComparer.Ordinal);
            var fromNodes = new HashSet<string>(StringComparer.Ordinal);
            var walked = new List<string>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!lexer.Lex(tree.GetText(cancellationToken)))
                {
                    walked.Add(tree.FilePath);
                }

                Lines(Index(world, tree, stamp, signatures, scan, names, lexer, StableId.Of, cancellationToken), fromText);
                Lines(Index(world, tree, stamp, signatures, scan, names, lexer: null, StableId.Of, cancellationToken), fromNodes);
            }

            return (fromText, fromNodes, walked);
        }

        private static void Lines(TreeIndex index, HashSet<string> into)
        {
            foreach (var body in index.Bodies.Where(b => b.Seed))
            {
                into.Add("seed " + body.Id);
            }

            foreach (var pair in index.ByToken)
            {
                foreach (var (body, positions) in pair.Value.ByBody())
                {
                    var id = index.Bodies[body].Id;
                    into.Add(id + " " + pair.Key);
                    foreach (var position in positions)
                    {
                        into.Add(id + " " + pair.Key + " @" + position);
                    }
                }
            }
        }

        internal static IReadOnlyList<string> Seeds(PhiWorld world, CancellationToken cancellationToken)
        {
            var compilation = world.Compilation;
            var (stamp, signatures, names, scan) = Fresh(world, cancellationToken);
            var lexer = new BodyLexer(names.Table);
            return compilation.SyntaxTrees
                .SelectMany(t => Index(world, t, stamp, signatures, scan, names, lexer, StableId.Of, cancellationToken).Bodies)
                .Where(b => b.Seed)
                .Select(b => b.Id)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>
        /// Lists the bodies of a tree with the identifiers and markers each contains; binds none of them. The tree's
        /// text is read by <see cref="BodyLexer"/>, and only a body that shows a seed name has its nodes walked (for the
        /// seed decision); a tree the lexer cannot read is walked node by node (<paramref name="lexer"/> null: every tree).
        /// </summary>
        private static TreeIndex Index(
            PhiWorld world,
            SyntaxTree tree,
            DeclarationStampOf stamp,
            PhiSignatures signatures,
            SeedScan scan,
            StampedNames names,
            BodyLexer? lexer,
            Func<ISymbol, string> id,
            CancellationToken cancellationToken,
            Dictionary<BodyEntry, ISymbol>? ownerSymbols = null)
        {
            // The compilation's own model (in a build, the analyzer driver's cached one); declared symbols only here.
#pragma warning disable RS1030
            var model = world.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            var root = tree.GetRoot(cancellationToken);
            var owners = new List<(SyntaxNode Owner, SyntaxNode Body, ISymbol Symbol)>();
            foreach (var (owner, node) in BodyRoots(root))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (PhiWorld.OwnerSymbol(model, owner, cancellationToken) is { } symbol)
                {
                    owners.Add((owner, node, Key(symbol)));
                }
            }

            var byToken = new Dictionary<string, Occurrences>(StringComparer.Ordinal);
            void Note(string token, int body, int position)
            {
                if (!byToken.TryGetValue(token, out var occurrences))
                {
                    byToken[token] = occurrences = new Occurrences();
                }

                occurrences.Add(body, position);
            }

            // A constructor calls its base's (implicitly or by base(...)) or its own type's (this(...)): noted after the
            // constructor's own tokens, as each body's notes come in order.
            void BodyDone(int index)
            {
                if (owners[index].Owner is not ConstructorDeclarationSyntax { Parent: TypeDeclarationSyntax type })
                {
                    return;
                }

                if (names.ProjectNames.Contains(type.Identifier.ValueText))
                {
                    Note(type.Identifier.ValueText, index, -1);
                }

                foreach (var baseType in type.BaseList?.Types ?? default)
                {
                    foreach (var name in baseType.Type.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
                    {
                        if (names.ProjectNames.Contains(name.ValueText))
                        {
                            Note(name.ValueText, index, -1);
                        }
                    }
                }
            }

            var lexing = EngineCounters.Start();
            var lexed = owners.Count > 0 && lexer is not null && lexer.Lex(tree.GetText(cancellationToken));
            EngineCounters.Time("hot.index.lex", lexing);
            if (!lexed && owners.Count > 0 && lexer is not null)
            {
                EngineCounters.Count("hot.index.treesWalked"); // the lexer gave up on it
            }

            var seeds = lexed
                ? FromText(lexer!, owners, signatures, scan, Note, BodyDone)
                : FromNodes(owners, signatures, scan, names.ProjectNames, Note, BodyDone);
            var bodies = new BodyEntry[owners.Count];
            for (var i = 0; i < owners.Count; i++)
            {
                var (owner, node, symbol) = owners[i];
                bodies[i] = new BodyEntry(owner, node, id(symbol), CallTokens(symbol), seeds[i]);
                if (ownerSymbols is not null)
                {
                    ownerSymbols[bodies[i]] = symbol;
                }
            }

            return new TreeIndex(stamp, bodies, byToken, lexed);
        }

        /// <summary>The index's notes and seed decisions from the lexed text: each body's tokens are those within its span.</summary>
        private static bool[] FromText(
            BodyLexer lexer, List<(SyntaxNode Owner, SyntaxNode Body, ISymbol Symbol)> owners, PhiSignatures signatures, SeedScan scan, Action<string, int, int> note, Action<int> bodyDone)
        {
            var tokens = lexer.Tokens;
            var table = lexer.Names;
            var seeds = new bool[owners.Count];
            var others = lexer.Scratch;
            var seedPositions = new List<int>();
            for (var index = 0; index < owners.Count; index++)
            {
                var (_, node, symbol) = owners[index];
                var span = node.Span;
                // A compilation unit with top-level statements is a body holding the whole file.
                var t = FirstAtOrAfter(tokens, node is CompilationUnitSyntax ? 0 : span.Start);

                var declaresAnonymous = false;
                var showsSeedName = false;
                others.Clear();
                seedPositions.Clear();
                for (; t < tokens.Count && tokens[t].Position < span.End; t++)
                {
                    var token = tokens[t];
                    if (token.Marker == BodyLexer.Mark.Anonymous)
                    {
                        declaresAnonymous = true;
                    }
                    else if (token.Marker != BodyLexer.Mark.None)
                    {
                        note(MarkerNames[(int)token.Marker]!, index, -1);
                    }
                    else if (token.Slot >= 0)
                    {
                        var flags = table.FlagsAt(token.Slot);
                        if ((flags & NameTable.Project) != 0)
                        {
                            note(table.NameAt(token.Slot), index, token.Position);
                        }
                        else
                        {
                            others.Add(token);
                        }

                        if ((flags & NameTable.Seed) != 0)
                        {
                            showsSeedName = true;
                            seedPositions.Add(token.Position);
                        }
                    }
                    else
                    {
                        others.Add(token);
                    }
                }

                if (declaresAnonymous)
                {
                    foreach (var other in others)
                    {
                        var name = other.Slot >= 0 ? table.NameAt(other.Slot) : new string(lexer.Text, other.Start, other.Length);
                        if (other.Position != other.Start || SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None)
                        {
                            note(name, index, other.Position);
                        }
                    }
                }

                bodyDone(index);
                // The text shows every identifier the nodes do (and maybe more): a body that shows no seed name names
                // nothing that involves PHI.
                var signatureSeed = signatures.SignatureInvolvesPhi(symbol);
                if (!signatureSeed && showsSeedName)
                {
                    EngineCounters.Count("hot.index.seedWalks");
                }

                // What the seed decision needs is looked up from the positions of the body's seed names, and what the
                // body declares is searched for by name in its text: none of its nodes is walked.
                seeds[index] = signatureSeed
                               || (showsSeedName && scan.MayTouchPhi(SeedScan.NamesAt(node, seedPositions, scan.SeedNames), node, symbol, SeedScan.Declarations.Searched(node, lexer.Text, node.SpanStart)));
            }

            return seeds;
        }

        /// <summary>
        /// The first token at or after a position. Bodies come in syntax order, which is not always the text's (a
        /// property's initializer is listed before its accessors), so each body finds its first token on its own.
        /// </summary>
        private static int FirstAtOrAfter(List<BodyLexer.Token> tokens, int position)
        {
            int low = 0, high = tokens.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (tokens[mid].Position < position)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        /// <summary>The index's notes and seed decisions from a walk over every node and token of each body.</summary>
        private static bool[] FromNodes(
            List<(SyntaxNode Owner, SyntaxNode Body, ISymbol Symbol)> owners, PhiSignatures signatures, SeedScan scan, HashSet<string> projectNames, Action<string, int, int> note, Action<int> bodyDone)
        {
            var seeds = new bool[owners.Count];
            // The identifiers of the current body that name nothing declared at type level; kept for the body's end, as
            // an anonymous type declares members inside the body (and only that body can use them).
            var others = new List<(string Name, int Position)>();
            for (var index = 0; index < owners.Count; index++)
            {
                var (_, node, symbol) = owners[index];
                // One pass over the body: its identifiers and markers for the index, and what the seed scan needs.
                var signatureSeed = signatures.SignatureInvolvesPhi(symbol);
                var collected = new SeedScan.BodyNames();
                var declarations = signatureSeed ? null : new SeedScan.Declarations();
                var declaresAnonymous = false;
                others.Clear();
                foreach (var descendant in node.DescendantNodesAndTokensAndSelf())
                {
                    if (descendant.IsToken)
                    {
                        if (descendant.AsToken().IsKind(SyntaxKind.IdentifierToken))
                        {
                            var name = descendant.AsToken().ValueText;
                            if (projectNames.Contains(name))
                            {
                                note(name, index, descendant.SpanStart);
                            }
                            else
                            {
                                others.Add((name, descendant.SpanStart));
                            }

                            if (!signatureSeed)
                            {
                                SeedScan.VisitIdentifier(descendant.AsToken(), node, scan.SeedNames, collected);
                            }
                        }

                        continue;
                    }

                    var child = descendant.AsNode()!;
                    if (MarkerOf(child) is { } marker)
                    {
                        note(marker, index, -1);
                    }

                    declaresAnonymous |= child is AnonymousObjectCreationExpressionSyntax;

                    if (!signatureSeed)
                    {
                        SeedScan.Visit(child, node, scan.SeedNames, collected);
                        declarations?.Note(child);
                    }
                }

                if (declarations is not null)
                {
                    scan.Remember(node, declarations);
                }

                if (declaresAnonymous)
                {
                    foreach (var (name, position) in others)
                    {
                        note(name, index, position);
                    }
                }

                bodyDone(index);
                seeds[index] = signatureSeed || scan.MayTouchPhi(collected, node, symbol);
            }

            return seeds;
        }

        /// <summary>How a call to a body's owner shows in the calling body's syntax.</summary>
        private static string[] CallTokens(ISymbol owner)
        {
            switch (owner)
            {
                case IMethodSymbol { MethodKind: MethodKind.Constructor } ctor:
                {
                    var type = ctor.ContainingType.Name;
                    return AttributeShortName(type) is { } shortName ? new[] { type, shortName, "new()" } : new[] { type, "new()" };
                }

                case IMethodSymbol { MethodKind: MethodKind.StaticConstructor or MethodKind.Destructor }:
                    return Array.Empty<string>(); // never called by code
                case IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion or MethodKind.BuiltinOperator }:
                    return new[] { AnyBody };
                case IMethodSymbol { AssociatedSymbol: IPropertySymbol { IsIndexer: true } }:
                    return new[] { "[]" };
                case IMethodSymbol { AssociatedSymbol: { } member }:
                    return UseTokens(member.Name);
                case IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation or MethodKind.ReducedExtension } method:
                    return UseTokens(SimpleName(method.Name));
                case IMethodSymbol:
                    return new[] { AnyBody };
                default:
                    return Array.Empty<string>(); // an initializer writes its member, and is not called
            }
        }

        private static string SimpleName(string name)
        {
            var dot = name.LastIndexOf('.');
            return dot < 0 ? name : name.Substring(dot + 1);
        }

        /// <summary>The least fixpoint over hot bodies, receiving methods and hot members, walking bodies as it needs them.</summary>
        private sealed class Solver
        {
            private readonly PhiWorld _world;
            private readonly HotSet _set;
            private readonly TreeIndex[] _trees;
            private readonly Func<ISymbol, string> _id;
            private readonly bool _exhaustive;
            private readonly CancellationToken _cancellationToken;
            private readonly Dictionary<string, List<BodyEntry>> _byId = new(StringComparer.Ordinal);
            private readonly Dictionary<string, BodyFacts> _facts = new(StringComparer.Ordinal);
            private readonly Dictionary<string, string> _memberNames = new(StringComparer.Ordinal);
            private readonly List<(string Alias, HashSet<string> Names)> _aliases;
            private readonly SeedScan _scan;
            private readonly Func<string, ISymbol?> _symbolOf;
            private readonly Dictionary<BodyEntry, ISymbol> _owners;
            private readonly Dictionary<string, NameMeanings> _meanings = new(StringComparer.Ordinal);
            private readonly Stack<string> _hotBodies = new();
            private readonly Stack<string> _receiving = new();
            private readonly Stack<string> _hotMembers = new();

            public Solver(
                PhiWorld world,
                HotSet set,
                TreeIndex[] trees,
                List<(string Alias, HashSet<string> Names)> aliases,
                SeedScan scan,
                Func<ISymbol, string> id,
                Func<string, ISymbol?> symbolOf,
                Dictionary<BodyEntry, ISymbol> owners,
                bool exhaustive,
                CancellationToken cancellationToken)
            {
                _world = world;
                _owners = owners;
                _scan = scan;
                _symbolOf = symbolOf;
                _set = set;
                _trees = trees;
                _id = id;
                _exhaustive = exhaustive;
                _cancellationToken = cancellationToken;
                foreach (var tree in trees)
                {
                    foreach (var body in tree.Bodies)
                    {
                        if (!_byId.TryGetValue(body.Id, out var list))
                        {
                            _byId[body.Id] = list = new List<BodyEntry>(1);
                        }

                        list.Add(body);
                        set._bodies.Add(body.Id);
                    }
                }

                _aliases = aliases;
            }

            public void Run()
            {
                // Seeds: the bodies that touch PHI on their own. Only those the syntax marks as able to can; the walk
                // confirms.
                foreach (var tree in _trees)
                {
                    foreach (var body in tree.Bodies)
                    {
                        if ((_exhaustive || body.Seed) && Facts(body.Id).TouchesPhi && _set._hotBodies.Add(body.Id))
                        {
                            _hotBodies.Push(body.Id);
                        }
                    }
                }

                while (_hotBodies.Count + _receiving.Count + _hotMembers.Count > 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (_hotMembers.Count > 0)
                    {
                        // Whoever reads a hot member may hold PHI.
                        var member = _hotMembers.Pop();
                        foreach (var reader in Candidates(UseTokens(_memberNames[member]), member))
                        {
                            if (!_set._hotBodies.Contains(reader) && Facts(reader).Reads.Contains(member, StringComparer.Ordinal))
                            {
                                _set._hotBodies.Add(reader);
                                _hotBodies.Push(reader);
                            }
                        }

                        continue;
                    }

                    var isHot = _hotBodies.Count > 0;
                    var owner = isHot ? _hotBodies.Pop() : _receiving.Pop();
                    if (!_byId.TryGetValue(owner, out var entries))
                    {
                        continue;
                    }

                    // What a hot or receiving body writes, and what it passes to the methods it calls, may be PHI.
                    var facts = Facts(owner);
                    for (var i = 0; i < facts.Writes.Length; i++)
                    {
                        if (_set._hotMembers.Add(facts.Writes[i]))
                        {
                            _memberNames[facts.Writes[i]] = facts.WriteNames[i];
                            _hotMembers.Push(facts.Writes[i]);
                        }
                    }

                    for (var i = 0; i < facts.Calls.Length; i++)
                    {
                        if (facts.CallTakesParameters[i] && _set._receiving.Add(facts.Calls[i]))
                        {
                            _receiving.Push(facts.Calls[i]);
                        }
                    }

                    if (!isHot)
                    {
                        continue;
                    }

                    // Whoever calls a hot method may get PHI back from it.
                    foreach (var caller in Candidates(entries[0].CallTokens, owner))
                    {
                        if (!_set._hotBodies.Contains(caller) && Facts(caller).Calls.Contains(owner, StringComparer.Ordinal))
                        {
                            _set._hotBodies.Add(caller);
                            _hotBodies.Push(caller);
                        }
                    }
                }

                // What the bodies that may carry PHI write and call, for the flow engine's field values: every other
                // body writes and passes nothing that is PHI.
                foreach (var owner in _set._hotBodies.Union(_set._receiving, StringComparer.Ordinal))
                {
                    if (!_byId.TryGetValue(owner, out var entries))
                    {
                        continue;
                    }

                    var facts = Facts(owner);
                    foreach (var written in facts.Writes)
                    {
                        AddOwners(_set._writers, written, entries);
                    }

                    foreach (var called in facts.Calls)
                    {
                        AddOwners(_set._callers, called, entries);
                    }
                }
            }

            /// <summary>
            /// The bodies whose syntax shows one of <paramref name="tokens"/> (or an alias of it), less those in which
            /// every occurrence of the name is known from declarations to mean another symbol than
            /// <paramref name="targetId"/>; every body for <see cref="AnyBody"/>.
            /// </summary>
            private IEnumerable<string> Candidates(string[] tokens, string targetId)
            {
                if (_exhaustive || tokens.Contains(AnyBody))
                {
                    return _byId.Keys.ToList();
                }

                var target = _symbolOf(targetId);
                var result = new HashSet<string>(StringComparer.Ordinal);
                foreach (var token in WithAliases(tokens, _aliases))
                {
                    if (MarkerTokens.Contains(token) || target is null or IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.ReducedExtension } or IMethodSymbol { IsExtensionMethod: true }
                        || target.ContainingType is { IsAnonymousType: true })
                    {
                        // A marker, an unknown target, a constructor (its callers name its type in type positions, or
                        // not at all for an implicit base() call), an extension method (callable on any receiver), an
                        // anonymous type's member (declared by a bare name): every body that shows the token.
                        result.UnionWith(MeaningsOf(token).All);
                    }
                    else if (target is IParameterSymbol parameter)
                    {
                        // A captured primary-constructor parameter: only inside its type's declarations.
                        if (parameter.ContainingType is { } type && MeaningsOf(token).UnknownByType.TryGetValue(_id(type.OriginalDefinition), out var inType))
                        {
                            result.UnionWith(inType);
                        }
                    }
                    else
                    {
                        var meanings = MeaningsOf(token);
                        result.UnionWith(meanings.Unknown);
                        if (meanings.Known.TryGetValue(targetId, out var meaning))
                        {
                            result.UnionWith(meaning);
                        }
                    }
                }

                return result;
            }

            /// <summary>
            /// Per name, the bodies it occurs in and what its occurrences there may mean: worked out once per name and
            /// tree, and kept with the tree's index (so an IDE edit works out only the edited tree's again).
            /// </summary>
            private NameMeanings MeaningsOf(string token)
            {
                if (_meanings.TryGetValue(token, out var known))
                {
                    return known;
                }

                var meanings = new NameMeanings();
                var isName = !MarkerTokens.Contains(token);
                foreach (var tree in _trees)
                {
                    if (!tree.ByToken.TryGetValue(token, out var occurrences))
                    {
                        continue;
                    }

                    if (!isName)
                    {
                        foreach (var i in occurrences.Bodies)
                        {
                            meanings.All.Add(tree.Bodies[i].Id);
                        }

                        continue;
                    }

                    var resolving = EngineCounters.Start();
                    var resolved = tree.MeaningsOf(token, occurrences, this, static (solver, index, found, name) => solver.Resolve(index, found, name));
                    EngineCounters.Time("hot.solve.meanings", resolving);
                    foreach (var body in resolved)
                    {
                        meanings.All.Add(body.Body);
                        foreach (var id in body.Known)
                        {
                            meanings.AddKnown(id, body.Body);
                        }

                        if (body.EnclosingTypes is { } types)
                        {
                            meanings.Unknown.Add(body.Body);
                            foreach (var type in types)
                            {
                                meanings.AddUnknownIn(type, body.Body);
                            }
                        }
                    }
                }

                return _meanings[token] = meanings;
            }

            /// <summary>What the occurrences of a name mean in each body of one tree that shows it.</summary>
            private BodyMeaning[] Resolve(TreeIndex tree, Occurrences occurrences, string token)
            {
                var bodies = occurrences.ByBody();
                EngineCounters.Count("hot.solve.meanings.bodies", bodies.Count);
                var result = new BodyMeaning[bodies.Count];
                SemanticModel? model = null;
                for (var k = 0; k < bodies.Count; k++)
                {
                    var body = tree.Bodies[bodies[k].Body];
                    if (!_owners.TryGetValue(body, out var owner))
                    {
#pragma warning disable RS1030
                        model ??= _world.Compilation.GetSemanticModel(body.Owner.SyntaxTree);
#pragma warning restore RS1030
                        owner = PhiWorld.OwnerSymbol(model, body.Owner, _cancellationToken);
                    }

                    var meant = new List<string>();
                    if (owner is not null && _scan.Meanings(body.Body, owner, token, bodies[k].Positions, symbol => meant.Add(_id(symbol)), tree.Lexed))
                    {
                        result[k] = new BodyMeaning(body.Id, meant.ToArray(), null);
                        continue;
                    }

                    var types = new List<string>();
                    for (var type = owner?.ContainingType; type is not null; type = type.ContainingType)
                    {
                        types.Add(_id(type.OriginalDefinition));
                    }

                    result[k] = new BodyMeaning(body.Id, meant.ToArray(), types.ToArray());
                }

                return result;
            }

            /// <summary>The facts of a body owner (all its bodies), walking those not walked yet.</summary>
            private BodyFacts Facts(string owner)
            {
                if (_facts.TryGetValue(owner, out var known))
                {
                    return known;
                }

                BodyFacts? merged = null;
                foreach (var entry in _byId.TryGetValue(owner, out var entries) ? entries : new List<BodyEntry>())
                {
                    if (entry.Facts is null)
                    {
                        var started = EngineCounters.Start();
                        entry.Facts = Walk(entry);
                        EngineCounters.Time("hot.solve.walk", started);
                    }

                    merged = merged is null ? entry.Facts : BodyFacts.Merge(merged, entry.Facts);
                }

                return _facts[owner] = merged ?? BodyFacts.None;
            }

            private BodyFacts Walk(BodyEntry entry)
            {
                // A model per walk: the body's binding is garbage once its facts are read, so the walk never holds
                // more than one bound body at a time.
                var model = WalkModel(_world.Compilation, entry.Owner.SyntaxTree);
                var symbol = _owners.TryGetValue(entry, out var known) ? known : PhiWorld.OwnerSymbol(model, entry.Owner, _cancellationToken);
                if (symbol is null || model.GetOperation(entry.Body, _cancellationToken) is not { } root)
                {
                    return BodyFacts.None;
                }

                symbol = Key(symbol);
                var body = new BodyBuilder();
                if (symbol is IFieldSymbol or IPropertySymbol)
                {
                    body.Writes[entry.Id] = symbol.Name; // an initializer writes its member
                }

                new Walker(_world.Catalog, symbol, body, _id).Walk(root, _cancellationToken);
                return body.Freeze();
            }
        }

        /// <summary>The bodies a name occurs in, and what its occurrences may mean.</summary>
        private sealed class NameMeanings
        {
            /// <summary>Every body the name (or marker) occurs in.</summary>
            public HashSet<string> All { get; } = new(StringComparer.Ordinal);

            /// <summary>Per symbol id (original definition), the bodies in which an occurrence may mean it.</summary>
            public Dictionary<string, HashSet<string>> Known { get; } = new(StringComparer.Ordinal);

            /// <summary>The bodies in which some occurrence's meaning is not known without binding.</summary>
            public HashSet<string> Unknown { get; } = new(StringComparer.Ordinal);

            /// <summary>The same, per enclosing type id of the body (a captured parameter is only visible inside its type).</summary>
            public Dictionary<string, HashSet<string>> UnknownByType { get; } = new(StringComparer.Ordinal);

            public void AddKnown(string symbol, string body)
            {
                if (!Known.TryGetValue(symbol, out var bodies))
                {
                    Known[symbol] = bodies = new HashSet<string>(StringComparer.Ordinal);
                }

                bodies.Add(body);
            }

            public void AddUnknownIn(string type, string body)
            {
                if (!UnknownByType.TryGetValue(type, out var bodies))
                {
                    UnknownByType[type] = bodies = new HashSet<string>(StringComparer.Ordinal);
                }

                bodies.Add(body);
            }
        }

        /// <summary>Every node of a tree that owns a body, with the node whose operation is that body.</summary>
        private static IEnumerable<(SyntaxNode Owner, SyntaxNode Body)> BodyRoots(SyntaxNode root)
        {
            if (root is CompilationUnitSyntax unit && unit.Members.Any(m => m is GlobalStatementSyntax))
            {
                yield return (unit, unit);
            }

            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax
                                                               or BasePropertyDeclarationSyntax or AccessorListSyntax or FieldDeclarationSyntax
                                                               or VariableDeclarationSyntax))
            {
                switch (node)
                {
                    case BaseMethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null:
                        yield return (node, node);
                        break;
                    case AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null:
                        yield return (node, node);
                        break;
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax:
                        yield return (node, node);
                        break;
                    case VariableDeclaratorSyntax { Initializer: { } init, Parent.Parent: FieldDeclarationSyntax }:
                        yield return (node, init);
                        break;
                    case PropertyDeclarationSyntax { Initializer: { } init }:
                        yield return (node, init);
                        break;
                }
            }
        }
    }

    /// <summary>Collects the facts of one body (lambdas and local functions included, as parts of it).</summary>
    private sealed class Walker
    {
        private readonly Catalog.PhiCatalog _catalog;
        private readonly ISymbol _owner;
        private readonly BodyBuilder _facts;
        private readonly Func<ISymbol, string> _id;

        public Walker(Catalog.PhiCatalog catalog, ISymbol owner, BodyBuilder facts, Func<ISymbol, string> id)
        {
            _catalog = catalog;
            _owner = owner;
            _facts = facts;
            _id = id;
        }

        public void Walk(IOperation root, CancellationToken cancellationToken)
        {
            if (_owner is IMethodSymbol method && method.Parameters.Any(p => _catalog.TryGetPhiKind(p, out _) || _catalog.IsPhiBearing(p.Type)))
            {
                _facts.TouchesPhi = true;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Visit(operation);
            }
        }

        private void Visit(IOperation operation)
        {
            if (operation.Type is { } type && _catalog.IsPhiBearing(type))
            {
                _facts.TouchesPhi = true;
            }

            switch (operation)
            {
                case IFieldReferenceOperation field:
                    Member(field.Field, operation);
                    break;
                case IPropertyReferenceOperation property:
                    Member(property.Property, operation);
                    if (property.Property.GetMethod is { } getter)
                    {
                        Call(getter);
                    }

                    if (property.Property.SetMethod is { } setter && IsWritten(operation))
                    {
                        Call(setter);
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    if (_catalog.TryGetPhiKind(parameter.Parameter, out _))
                    {
                        _facts.TouchesPhi = true;
                    }
                    else if (MethodFlow.IsCapturedByMember(parameter.Parameter, _owner))
                    {
                        // A captured primary-constructor parameter lives like a field.
                        var captured = _id(parameter.Parameter.OriginalDefinition);
                        _facts.Reads.Add(captured);
                        if (IsWritten(operation))
                        {
                            _facts.Writes[captured] = parameter.Parameter.Name;
                        }
                    }

                    break;
                case IInvocationOperation invocation:
                    Target(invocation.TargetMethod);
                    break;
                case IObjectCreationOperation { Constructor: { } constructor }:
                    Target(constructor);
                    break;
                case IMethodReferenceOperation reference:
                    Target(reference.Method);
                    break;

                // Calls that code makes without naming the method: an operator, a conversion, a foreach's
                // enumerator, a deconstruction's Deconstruct, an await's awaiter.
                case IConversionOperation { OperatorMethod: { } conversion }:
                    Target(conversion);
                    break;
                case IBinaryOperation { OperatorMethod: { } binary }:
                    Target(binary);
                    break;
                case IUnaryOperation { OperatorMethod: { } unary }:
                    Target(unary);
                    break;
                case ICompoundAssignmentOperation { OperatorMethod: { } compound }:
                    Target(compound);
                    break;
                case IIncrementOrDecrementOperation { OperatorMethod: { } increment }:
                    Target(increment);
                    break;
                case IForEachLoopOperation { Syntax: CommonForEachStatementSyntax loop } when operation.SemanticModel is { } model:
                    var each = model.GetForEachStatementInfo(loop);
                    Implicit(each.GetEnumeratorMethod);
                    Implicit(each.MoveNextMethod);
                    Implicit(each.CurrentProperty?.GetMethod);
                    break;
                case IDeconstructionAssignmentOperation { Syntax: AssignmentExpressionSyntax deconstruction } when operation.SemanticModel is { } model:
                    Deconstructs(model.GetDeconstructionInfo(deconstruction));
                    break;
                case IAwaitOperation { Syntax: AwaitExpressionSyntax awaited } when operation.SemanticModel is { } model:
                    var info = model.GetAwaitExpressionInfo(awaited);
                    Implicit(info.GetAwaiterMethod);
                    Implicit(info.GetResultMethod);
                    Implicit(info.IsCompletedProperty?.GetMethod);
                    break;
            }
        }

        private void Member(ISymbol member, IOperation reference)
        {
            if (_catalog.GetMemberPhi(member).IsPhi)
            {
                _facts.TouchesPhi = true;
                return;
            }

            if (!MethodFlow.IsInSource(member))
            {
                return;
            }

            var id = _id(member.OriginalDefinition);
            _facts.Reads.Add(id);
            if (IsWritten(reference))
            {
                _facts.Writes[id] = member is IPropertySymbol { IsIndexer: true } ? "[]" : member.Name;
            }
        }

        private void Target(IMethodSymbol method)
        {
            if (_catalog.TryGetPhiKind(method, out _) || _catalog.GetFacts(method).SourceDisplay is not null)
            {
                _facts.TouchesPhi = true;
                return;
            }

            if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
            {
                return; // walked in place, as part of this body
            }

            Call(method);
            if (method.MethodKind == MethodKind.Constructor && IsPrimaryConstructor(method))
            {
                // A record's or primary constructor's parameters are stored by the call itself: its arguments are
                // written to the positional properties and to the captured parameters.
                foreach (var parameter in method.Parameters)
                {
                    _facts.Writes[_id(parameter.OriginalDefinition)] = parameter.Name;
                }

                foreach (var property in method.ContainingType.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ParameterSyntax))
                    {
                        _facts.Writes[_id(property.OriginalDefinition)] = property.Name;
                    }
                }
            }
        }

        private void Implicit(IMethodSymbol? method)
        {
            if (method is not null)
            {
                Target(method);
            }
        }

        private void Deconstructs(DeconstructionInfo info)
        {
            Implicit(info.Method);
            foreach (var nested in info.Nested)
            {
                Deconstructs(nested);
            }
        }

        private void Call(IMethodSymbol method)
        {
            method = PhiWorld.CallKey(method);
            if (MethodFlow.IsAnalyzable(method))
            {
                _facts.Calls[_id(method)] = method.Parameters.Length > 0;
            }
        }

        private static bool IsPrimaryConstructor(IMethodSymbol constructor)
            => MethodFlow.IsInSource(constructor)
               && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);

        /// <summary>
        /// Whether a member reference is written: an assignment's target (also inside a deconstruction), a ref/out
        /// argument, an increment, or the receiver of a write or of a call with arguments (<c>Items.Add(x)</c>,
        /// <c>Home.City = x</c>, <c>Map[k] = x</c>), as the flow engine writes into receivers.
        /// </summary>
        private static bool IsWritten(IOperation reference)
        {
            var current = reference;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IAssignmentOperation assignment when assignment.Target == current:
                    case IIncrementOrDecrementOperation:
                        return true;
                    case IDeconstructionAssignmentOperation deconstruction when deconstruction.Target == current:
                        return true;
                    case IArgumentOperation argument:
                        return argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
                    case IInvocationOperation invocation when invocation.Instance == current:
                        return invocation.Arguments.Length > 0;
                    case ITupleOperation:
                    case IConversionOperation:
                    case IMemberReferenceOperation member when member.Instance == current:
                    case IArrayElementReferenceOperation element when element.ArrayReference == current:
                    case IImplicitIndexerReferenceOperation indexer when indexer.Instance == current:
                        current = parent;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }
    }
}

/// <summary>
/// A name for a symbol that is the same in every compilation that declares it the same way: its documentation-comment
/// id (a captured primary-constructor parameter: its constructor's id and its ordinal).
/// </summary>
internal static class StableId
{
    public static string Of(ISymbol symbol)
    {
        if (symbol is IParameterSymbol parameter)
        {
            return Of(parameter.ContainingSymbol) + "#" + parameter.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return DocumentationCommentId.CreateDeclarationId(symbol)
               ?? symbol.Kind + ":" + symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    /// <summary>The symbol an id names in <paramref name="compilation"/>, if it can be found.</summary>
    public static ISymbol? Resolve(string id, Compilation compilation)
    {
        var hash = id.LastIndexOf('#');
        if (hash > 0 && id.StartsWith("M:", StringComparison.Ordinal)
            && int.TryParse(id.Substring(hash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal))
        {
            return DocumentationCommentId.GetFirstSymbolForDeclarationId(id.Substring(0, hash), compilation) is IMethodSymbol method && ordinal < method.Parameters.Length
                ? method.Parameters[ordinal]
                : null;
        }

        return DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation);
    }
}
