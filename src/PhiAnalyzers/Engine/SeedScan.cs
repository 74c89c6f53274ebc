using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PhiAnalyzers.Engine;

/// <summary>
/// Decides from syntax and declared symbols alone (no body is bound) whether a body may touch PHI on its own, for
/// the hot set (<see cref="QuietBodies"/>). A body may when it names something whose declaration involves PHI
/// (<see cref="PhiSignatures.SeedNames"/>). A name that many types declare (<c>Add</c>, <c>_items</c>) would make
/// most bodies candidates, so an occurrence is dismissed when its target is known without binding and does not
/// involve PHI: an unqualified name that is a member of the enclosing types (and no local), or a member accessed on
/// <c>this</c>, <c>base</c>, a parameter or a field or property of the enclosing types, whose declared type has
/// members of that name and none involves PHI (and no PHI-involving extension method has it). Anything else counts.
/// </summary>
internal sealed class SeedScan
{
    private readonly PhiSignatures _signatures;
    private readonly HashSet<string> _seedNames;
    private readonly Dictionary<(ITypeSymbol, string), List<ISymbol>> _members = new(new TypeAndName());
    private readonly Dictionary<(ITypeSymbol, string), List<ISymbol>> _enclosing = new(new TypeAndName());

    private sealed class TypeAndName : IEqualityComparer<(ITypeSymbol Type, string Name)>
    {
        public bool Equals((ITypeSymbol Type, string Name) x, (ITypeSymbol Type, string Name) y)
            => SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && string.Equals(x.Name, y.Name, StringComparison.Ordinal);

        public int GetHashCode((ITypeSymbol Type, string Name) obj)
            => unchecked((SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 31) + StringComparer.Ordinal.GetHashCode(obj.Name));
    }

    private readonly SyntaxTypes _types;

    public SeedScan(PhiSignatures signatures, HashSet<string> seedNames, Compilation compilation)
    {
        _signatures = signatures;
        _seedNames = seedNames;
        _types = new SyntaxTypes(compilation);
    }

    /// <summary>
    /// What the occurrences of <paramref name="name"/> in <paramref name="body"/> may mean: the symbols (by their
    /// keys: original definitions, a property's or event's accessors too) passed to <paramref name="meant"/>; false
    /// when some occurrence's meaning is not known without binding.
    /// </summary>
    /// <param name="positions">The start positions of the identifier tokens of that name in the body, as the index
    /// recorded them (positions outside the body are skipped).</param>
    /// <param name="lexed">The body's tree is one <see cref="BodyLexer"/> reads: what it declares is searched for in its text (<see cref="Declarations.Searched"/>).</param>
    public bool Meanings(SyntaxNode body, ISymbol owner, string name, IEnumerable<int> positions, Action<ISymbol> meant, bool lexed = false)
    {
        var collected = new BodyNames();
        var names = new HashSet<string>(StringComparer.Ordinal) { name };
        foreach (var position in positions)
        {
            if (!body.Span.Contains(position))
            {
                continue;
            }

            var token = body.FindToken(position);
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.SpanStart != position || token.ValueText != name)
            {
                continue;
            }

            Collect(token, body, names, collected);
        }

        if (collected.Named is not { } named)
        {
            return true;
        }

        var context = new Context(owner, body, this, lexed && !_declarations.ContainsKey(body) ? SearchedDeclarations(body) : null);
        var known = true;
        foreach (var simple in named)
        {
            if (Resolve(simple, context, out _) is not { } members)
            {
                known = false;
                continue;
            }

            foreach (var member in members)
            {
                meant(member is IMethodSymbol method ? PhiWorld.CallKey(method) : member.OriginalDefinition);
                switch (member.OriginalDefinition)
                {
                    case IPropertySymbol property:
                        Meant(property.GetMethod, meant);
                        Meant(property.SetMethod, meant);
                        break;
                    case IEventSymbol @event:
                        Meant(@event.AddMethod, meant);
                        Meant(@event.RemoveMethod, meant);
                        break;
                }
            }
        }

        return known;
    }

    /// <summary>
    /// What a pass over a body would collect for the seed names (<see cref="Visit"/>, <see cref="VisitIdentifier"/>),
    /// from the positions of the identifiers of those names in the body's text alone: each is looked up, none of the
    /// body's other nodes is visited. A position that holds no such identifier token counts as is.
    /// </summary>
    internal static BodyNames NamesAt(SyntaxNode body, List<int> positions, HashSet<string> names)
    {
        var collected = new BodyNames();
        foreach (var position in positions)
        {
            var token = body.FindToken(position);
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.SpanStart != position || !names.Contains(token.ValueText))
            {
                collected.Other = true;
            }
            else
            {
                Collect(token, body, names, collected);
            }
        }

        return collected;
    }

    /// <summary>What a pass over the body collects at one identifier token of the names looked for: its simple name (<see cref="Visit"/>), or the token as such (<see cref="VisitIdentifier"/>).</summary>
    private static void Collect(SyntaxToken token, SyntaxNode body, HashSet<string> names, BodyNames into)
    {
        if (token.Parent is SimpleNameSyntax simple && simple.Identifier == token)
        {
            Visit(simple, body, names, into);
        }
        else
        {
            VisitIdentifier(token, body, names, into);
        }
    }

    private static void Meant(IMethodSymbol? accessor, Action<ISymbol> meant)
    {
        if (accessor is not null)
        {
            meant(accessor);
        }
    }

    /// <summary>
    /// What one pass over a body (or <see cref="NamesAt"/>) collects for <see cref="MayTouchPhi"/>: the simple names of
    /// the names looked for. Most bodies name none of them, so what a body declares is collected only when one does
    /// (<see cref="Declarations"/>).
    /// </summary>
    internal sealed class BodyNames
    {
        public List<SimpleNameSyntax>? Named;

        /// <summary>Another identifier token of the names (a label, a tuple element's name) occurs.</summary>
        public bool Other;
    }

    /// <summary>
    /// What a body declares: per local name (locals, parameters of the owner, its lambdas and local functions, range
    /// variables), the type syntax of each of its declarations (null: a declaration whose type the syntax does not
    /// show, such as <c>var x = F()</c>); and the type parameters it declares (of its local functions).
    /// </summary>
    internal sealed class Declarations
    {
        /// <summary>Per local name, its declarations; in a searched set (<see cref="Searched"/>), only the names looked up so far.</summary>
        private Dictionary<string, List<TypeSyntax?>> Locals { get; } = new(StringComparer.Ordinal);

        private HashSet<string>? TypeParameters { get; set; }

        private readonly SyntaxNode? _body;
        private readonly char[]? _text;
        private readonly int _offset;

        /// <summary>The names a searched set has looked up (each found from the places its name is spelled).</summary>
        private HashSet<string>? _looked;

        public Declarations()
        {
        }

        private Declarations(SyntaxNode body, char[] text, int offset)
        {
            _body = body;
            _text = text;
            _offset = offset;
        }

        /// <summary>
        /// What a body declares, looked up per name where the body's text spells it instead of by a pass over the
        /// body's nodes: a declaration of a name is an identifier token of that name. <paramref name="text"/> holds the
        /// body's text, its first character at index <paramref name="offset"/> (the body's position minus that index is
        /// the same for every character). Only for a tree <see cref="BodyLexer"/> reads, where an identifier's name is
        /// what the text spells (no Unicode escapes). Valid while <paramref name="text"/> holds the body.
        /// </summary>
        public static Declarations Searched(SyntaxNode body, char[] text, int offset) => new(body, text, offset);

        /// <summary>The declarations of a local name (locals, parameters, range variables, local functions); null when the body declares none.</summary>
        public List<TypeSyntax?>? Of(string name)
        {
            Look(name);
            return Locals.TryGetValue(name, out var types) ? types : null;
        }

        /// <summary>Whether the body declares a type parameter of that name (of a local function).</summary>
        public bool IsTypeParameter(string name)
        {
            Look(name);
            return TypeParameters?.Contains(name) == true;
        }

        private void Look(string name)
        {
            if (_text is null || name.Length == 0 || !(_looked ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
            {
                return;
            }

            var span = _body!.Span;
            var shift = span.Start - _offset;
            for (var i = _offset; i + name.Length <= _offset + span.Length; i++)
            {
                if (_text[i] != name[0] || (i > _offset && IsNamePart(_text[i - 1]))
                    || (i + name.Length < _offset + span.Length && IsNamePart(_text[i + name.Length])) || !Spells(i, name))
                {
                    continue;
                }

                var position = i + shift;
                if (i > _offset && _text[i - 1] == '@')
                {
                    position--; // a verbatim identifier's token starts at its @
                }

                // An identifier token that a declaration node holds directly is the name it declares; Note knows those
                // nodes and passes over any other parent.
                var found = _body.FindToken(position);
                if (found.IsKind(SyntaxKind.IdentifierToken) && found.SpanStart == position && found.ValueText == name && found.Parent is { } parent)
                {
                    Note(parent);
                }
            }
        }

        /// <summary>A character that may continue an identifier: a name spelled right after or before one is part of a longer one.</summary>
        private static bool IsNamePart(char ch)
            => ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (ch > 127 && char.IsLetterOrDigit(ch));

        private bool Spells(int at, string name)
        {
            for (var k = 1; k < name.Length; k++)
            {
                if (_text![at + k] != name[k])
                {
                    return false;
                }
            }

            return true;
        }

        public static Declarations Of(SyntaxNode body)
        {
            var declarations = new Declarations();
            foreach (var node in body.DescendantNodesAndSelf())
            {
                declarations.Note(node);
            }

            return declarations;
        }

        /// <summary>Notes what one node of the body declares (a pass over the body that visits its nodes anyway calls this for each, instead of <see cref="Of"/>).</summary>
        public void Note(SyntaxNode node)
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator:
                    Add(declarator.Identifier.ValueText, DeclaredType(declarator));
                    break;
                case SingleVariableDesignationSyntax designation:
                    Add(designation.Identifier.ValueText, DeclaredType(designation));
                    break;
                case ParameterSyntax parameter:
                    Add(parameter.Identifier.ValueText, parameter.Type);
                    break;
                case ForEachStatementSyntax each:
                    Add(each.Identifier.ValueText, each.Type.IsVar ? null : each.Type);
                    break;
                case CatchDeclarationSyntax @catch:
                    Add(@catch.Identifier.ValueText, @catch.Type);
                    break;
                case LocalFunctionStatementSyntax function:
                    Add(function.Identifier.ValueText, null);
                    break;
                case TypeParameterSyntax typeParameter:
                    if (_text is null || _looked?.Contains(typeParameter.Identifier.ValueText) == true)
                    {
                        (TypeParameters ??= new HashSet<string>(StringComparer.Ordinal)).Add(typeParameter.Identifier.ValueText);
                    }

                    break;
                case FromClauseSyntax or LetClauseSyntax or JoinClauseSyntax or JoinIntoClauseSyntax or QueryContinuationSyntax:
                    foreach (var token in node.ChildTokens())
                    {
                        if (token.IsKind(SyntaxKind.IdentifierToken))
                        {
                            Add(token.ValueText, null);
                        }
                    }

                    break;
            }
        }

        private void Add(string name, TypeSyntax? type)
        {
            if (_text is not null && _looked?.Contains(name) != true)
            {
                return; // a searched set keeps the names it looked up, each complete
            }

            if (!Locals.TryGetValue(name, out var types))
            {
                Locals[name] = types = new List<TypeSyntax?>(1);
            }

            types.Add(type);
        }
    }

    /// <summary>One node of a body's pass: a simple name of one of <paramref name="names"/> is collected.</summary>
    internal static void Visit(SyntaxNode node, SyntaxNode body, HashSet<string> names, BodyNames into)
    {
        if (node is SimpleNameSyntax simple && names.Contains(simple.Identifier.ValueText))
        {
            (into.Named ??= new List<SimpleNameSyntax>()).Add(simple);
        }
    }

    /// <summary>
    /// The type a local's declaration shows without binding: its declared type, or for <c>var</c> the type its
    /// initializer names (<c>new T(...)</c>, a cast, <c>as T</c>); null when the syntax does not show it.
    /// </summary>
    private static TypeSyntax? DeclaredType(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { } type } } declarator:
                return type.IsVar ? InitializerType(declarator.Initializer?.Value) : type;
            case SingleVariableDesignationSyntax { Parent: DeclarationPatternSyntax { Type: { } type } }:
                return type.IsVar ? null : type;
            case SingleVariableDesignationSyntax { Parent: RecursivePatternSyntax { Type: { } type } }:
                return type;
            case SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Type: { } type } }:
                return type.IsVar ? null : type;
            default:
                return null;
        }
    }

    private static TypeSyntax? InitializerType(ExpressionSyntax? value)
        => value switch
        {
            ObjectCreationExpressionSyntax creation => creation.Type,
            ArrayCreationExpressionSyntax array => array.Type,
            CastExpressionSyntax cast => cast.Type,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression, Right: TypeSyntax type } => type,
            ParenthesizedExpressionSyntax parenthesized => InitializerType(parenthesized.Expression),
            _ => null,
        };

    /// <summary>
    /// One identifier token of a body's pass: one of the names that is not a simple name nor a declaration seen by
    /// <see cref="Visit"/> (a label, an attribute's target...) is counted as is.
    /// </summary>
    internal static void VisitIdentifier(SyntaxToken token, SyntaxNode body, HashSet<string> names, BodyNames into)
    {
        if (!into.Other && token.Parent is { } parent && parent != body
            && parent is not (SimpleNameSyntax or VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ParameterSyntax or ForEachStatementSyntax
                or CatchDeclarationSyntax or LocalFunctionStatementSyntax or FromClauseSyntax or LetClauseSyntax or JoinClauseSyntax or JoinIntoClauseSyntax
                or QueryContinuationSyntax or TypeParameterSyntax or TupleElementSyntax)
            && names.Contains(token.ValueText))
        {
            into.Other = true;
        }
    }

    /// <summary>Whether a body, from what one pass over it collected (<see cref="Visit"/> with the seed names), may touch PHI on its own.</summary>
    /// <param name="declarations">What the body declares when the caller has it (<see cref="Declarations.Searched"/>); else collected from the body's nodes when needed.</param>
    public bool MayTouchPhi(BodyNames collected, SyntaxNode body, ISymbol owner, Declarations? declarations = null)
        => MayRefer(collected, body, owner, _signatures.Involves, declarations);

    /// <summary>The seed names (<see cref="PhiSignatures.SeedNames"/>) this scan looks for.</summary>
    public HashSet<string> SeedNames => _seedNames;

    private bool MayRefer(BodyNames collected, SyntaxNode body, ISymbol owner, Func<ISymbol, bool> relevant, Declarations? declarations)
    {
        if (collected.Other)
        {
            return true; // another identifier of those names (a label, a tuple element's name): counted as is
        }

        var named = collected.Named;
        if (named is null)
        {
            return false;
        }

        var context = new Context(owner, body, this, declarations);
        foreach (var simple in named)
        {
            if (!Dismissed(simple, context, relevant))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Context
    {
        private readonly SyntaxNode _body;
        private readonly SeedScan _scan;
        private Declarations? _declarations;

        public Context(ISymbol owner, SyntaxNode body, SeedScan scan, Declarations? declarations = null)
        {
            Owner = owner;
            _body = body;
            _scan = scan;
            _declarations = declarations;
            Type = owner.ContainingType;
        }

        /// <summary>What the body declares, collected when first asked (once per body and scan).</summary>
        private Declarations Declared => _declarations ??= _scan.DeclarationsOf(_body);

        public ISymbol Owner { get; }

        public INamedTypeSymbol? Type { get; }

        public bool IsLocal(string name) => Declared.Of(name) is not null;

        /// <summary>
        /// The type of a local (or parameter) when every declaration of that name in the body shows the same type in
        /// syntax; null when one does not (<c>var x = F()</c>, a lambda's parameter) or when they differ.
        /// </summary>
        public ITypeSymbol? LocalType(string name)
        {
            if (Declared.Of(name) is not { } declared)
            {
                return null;
            }

            if (declared.Count == 1 && declared[0]?.Parent is ParameterSyntax { Parent.Parent: { } declaration } && declaration == _body && Parameter(name) is { } own)
            {
                return own.Type; // the owner's own parameter: its symbol is at hand
            }

            ITypeSymbol? result = null;
            foreach (var syntax in declared)
            {
                if (syntax is null || MentionsTypeParameter(syntax) || _scan._types.Resolve(syntax, _body) is not { } type
                    || (result is not null && !SymbolEqualityComparer.Default.Equals(result, type)))
                {
                    return null;
                }

                result = type;
            }

            return result;
        }

        /// <summary>A type parameter the body declares (a local function's) is not in scope where <see cref="SyntaxTypes"/> resolves.</summary>
        private bool MentionsTypeParameter(TypeSyntax syntax)
            => syntax.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && Declared.IsTypeParameter(t.ValueText));

        /// <summary>The primary-constructor parameter of that name an enclosing type captures, when exactly one does.</summary>
        public IParameterSymbol? CapturedParameter(string name)
        {
            IParameterSymbol? found = null;
            for (var type = Type; type is not null; type = type.ContainingType)
            {
                foreach (var parameter in _scan.PrimaryParameters(type))
                {
                    if (parameter.Name == name)
                    {
                        if (found is not null)
                        {
                            return null;
                        }

                        found = parameter;
                    }
                }
            }

            return found;
        }

        public IParameterSymbol? Parameter(string name)
            => Owner is IMethodSymbol method ? method.Parameters.FirstOrDefault(p => p.Name == name) : null;

        /// <summary>Whether an enclosing type has a primary-constructor parameter of that name (a body may read it by its bare name).</summary>
        public bool CapturesParameter(string name)
        {
            for (var type = Type; type is not null; type = type.ContainingType)
            {
                foreach (var parameter in _scan.PrimaryParameters(type))
                {
                    if (parameter.Name == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    private readonly Dictionary<INamedTypeSymbol, IParameterSymbol[]> _primaryParameters = new(SymbolEqualityComparer.Default);

    private readonly Dictionary<SyntaxNode, Declarations> _declarations = new();

    /// <summary>The text of the body <see cref="SearchedDeclarations"/> last copied (one body at a time: the scan runs on one thread).</summary>
    private char[] _bodyText = new char[1024];

    /// <summary>What a body declares, searched for in its text, copied once for the body (<see cref="Declarations.Searched"/>).</summary>
    private Declarations SearchedDeclarations(SyntaxNode body)
    {
        var span = body.Span;
        if (_bodyText.Length < span.Length)
        {
            _bodyText = new char[Math.Max(span.Length, _bodyText.Length * 2)];
        }

        body.SyntaxTree.GetText().CopyTo(span.Start, _bodyText, 0, span.Length);
        return Declarations.Searched(body, _bodyText, 0);
    }

    /// <summary>Keeps what a body declares, collected by a pass over the body made for other reasons (so <see cref="DeclarationsOf"/> need not walk it again).</summary>
    internal void Remember(SyntaxNode body, Declarations declarations) => _declarations[body] = declarations;

    private Declarations DeclarationsOf(SyntaxNode body)
    {
        if (!_declarations.TryGetValue(body, out var declarations))
        {
            _declarations[body] = declarations = Declarations.Of(body);
        }

        return declarations;
    }

    /// <summary>The parameters of a type's primary constructor (none when it has none), looked up once per type.</summary>
    private IParameterSymbol[] PrimaryParameters(INamedTypeSymbol type)
    {
        if (!_primaryParameters.TryGetValue(type, out var parameters))
        {
            parameters = type.InstanceConstructors
                .Where(c => c.Parameters.Length > 0 && c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
                .SelectMany(c => c.Parameters)
                .ToArray();
            _primaryParameters[type] = parameters;
        }

        return parameters;
    }

    /// <summary>Whether this occurrence of a name is known, without binding, not to mean a relevant member.</summary>
    private bool Dismissed(SimpleNameSyntax simple, Context context, Func<ISymbol, bool> relevant)
    {
        if (Resolve(simple, context, out var receiver) is not { } members)
        {
            return false;
        }

        if (receiver is not null && (_signatures.Mentions(receiver) || _signatures.IsPhiExtensionName(simple.Identifier.ValueText)))
        {
            return false; // a receiver whose type involves PHI, or an extension method that does
        }

        return !members.Any(relevant);
    }

    /// <summary>
    /// The members an occurrence of a name can mean, when that is known without binding: a member accessed on a
    /// receiver of known declared type (<paramref name="receiver"/>: that type), or an unqualified name that is a
    /// member of the enclosing types and no local. Empty: a local or parameter. Null: not known.
    /// </summary>
    private List<ISymbol>? Resolve(SimpleNameSyntax simple, Context context, out ITypeSymbol? receiver)
    {
        receiver = null;
        var name = simple.Identifier.ValueText;
        if (simple.Parent is MemberAccessExpressionSyntax access && access.Name == simple)
        {
            receiver = ReceiverType(access.Expression, context);
            if (receiver is null || receiver.TypeKind is TypeKind.TypeParameter or TypeKind.Dynamic or TypeKind.Error)
            {
                return null;
            }

            var found = Members(receiver, name);

            // No member of that name: an extension method, or code that does not compile; either way not known.
            return found.Count == 0 ? null : found;
        }

        if (simple.Parent is MemberBindingExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax
            || simple.Parent is NameEqualsSyntax or NameColonSyntax || SyntaxFacts.IsInTypeOnlyContext(simple) || simple.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax }
            || simple.Ancestors().TakeWhile(a => a is ExpressionSyntax or BaseExpressionColonSyntax).Any(a => a is BaseExpressionColonSyntax))
        {
            // A qualifier, a type, an initializer's member, a property pattern's member: its target is not known here.
            return null;
        }

        // An unqualified name: a local or parameter (whose PHI, if any, came from an expression or a signature that is
        // looked at on its own), a captured primary-constructor parameter, or a member of the enclosing types.
        var members = EnclosingMembers(context.Type, name);
        if (members.Count == 0)
        {
            return (context.IsLocal(name) || context.Parameter(name) is not null) && !context.CapturesParameter(name) ? members : null;
        }

        // A local, or a primary-constructor parameter (which initializers see before the member), sharing the name
        // with a member: which one an occurrence means needs binding.
        return context.IsLocal(name) || context.CapturesParameter(name) ? null : members;
    }

    /// <summary>The declared type of a receiver that needs no binding: this, base, a parameter, a field or property of the enclosing types.</summary>
    private ITypeSymbol? ReceiverType(ExpressionSyntax receiver, Context context)
    {
        switch (receiver)
        {
            case ThisExpressionSyntax:
                return context.Type;
            case BaseExpressionSyntax:
                return context.Type?.BaseType;
            case IdentifierNameSyntax identifier:
                var name = identifier.Identifier.ValueText;
                if (context.IsLocal(name))
                {
                    // A local or parameter (a method's own parameters are declared in the scanned syntax too).
                    return context.LocalType(name);
                }

                if (context.Parameter(name) is { } parameter)
                {
                    return parameter.Type;
                }

                var members = EnclosingMembers(context.Type, name);
                if (members.Count == 0)
                {
                    // A captured primary-constructor parameter, when no member of the name hides it.
                    return context.CapturedParameter(name)?.Type;
                }

                return members.Count == 1 ? members[0] switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                } : null;
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member }:
                var own = EnclosingMembers(context.Type, member.Identifier.ValueText);
                return own.Count == 1 ? own[0] switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                } : null;
            default:
                return null;
        }
    }

    /// <summary>Members named <paramref name="name"/> of the enclosing types and their bases (what an unqualified name can mean).</summary>
    private List<ISymbol> EnclosingMembers(INamedTypeSymbol? type, string name)
    {
        if (type is null)
        {
            return new List<ISymbol>();
        }

        var key = (type, name);
        if (!_enclosing.TryGetValue(key, out var result))
        {
            result = new List<ISymbol>();
            for (var outer = type; outer is not null; outer = outer.ContainingType)
            {
                result.AddRange(Members(outer, name));
            }

            _enclosing[key] = result;
        }

        return result;
    }

    /// <summary>
    /// Members of that name that a member access on a value of the type, or an unqualified name inside it, can bind to
    /// (cached: one scan asks the same ones often): the type's own and its base classes'; an interface's base
    /// interfaces' too. A class's or struct's interfaces are not searched, as C#'s member lookup does not search them: a
    /// member it implements implicitly is its own, one it implements explicitly (or a default interface member) cannot
    /// be named on it. Listing an interface's members of every constructed class (<c>List&lt;Order&gt;</c>) built their
    /// substituted interfaces, a seventh of the seed decisions' time.
    /// </summary>
    private List<ISymbol> Members(ITypeSymbol type, string name)
    {
        var key = (type, name);
        if (!_members.TryGetValue(key, out var result))
        {
            result = new List<ISymbol>();
            for (var t = type; t is not null; t = t.BaseType)
            {
                result.AddRange(t.GetMembers(name));
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                foreach (var baseInterface in type.AllInterfaces)
                {
                    result.AddRange(baseInterface.GetMembers(name));
                }
            }

            _members[key] = result;
        }

        return result;
    }
}

/// <summary>
/// Resolves the type syntax of a declaration inside a body to its symbol without binding the body: the type alone is
/// bound speculatively at the body's start, in a model of its own (never the analyzer driver's cached model, which the
/// compiler fills with its own binding). One instance per hot-set build, used on one thread.
/// </summary>
internal sealed class SyntaxTypes
{
    private readonly Compilation _compilation;
    private SemanticModel? _model;
    private readonly Dictionary<(SyntaxNode Scope, string Text), ITypeSymbol?> _resolved = new();

    public SyntaxTypes(Compilation compilation) => _compilation = compilation;

    /// <summary>The type <paramref name="type"/> names in <paramref name="body"/>; null when it does not bind to a named or array type.</summary>
    public ITypeSymbol? Resolve(TypeSyntax type, SyntaxNode body)
    {
        var text = type.ToString();
        var scope = Scope(body);
        if (_resolved.TryGetValue((scope, text), out var known))
        {
            return known;
        }

        if (_model is null || _model.SyntaxTree != body.SyntaxTree)
        {
            _model = QuietBodies.WalkModel(_compilation, body.SyntaxTree);
        }

        var resolved = _model.GetSpeculativeTypeInfo(BodyStart(body), SyntaxFactory.ParseTypeName(text), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        if (resolved is null || resolved.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Dynamic)
        {
            resolved = null;
        }

        _resolved[(scope, text)] = resolved;
        return resolved;
    }

    /// <summary>
    /// The node within which a type name binds the same at every body's start: the enclosing type declaration (its
    /// members, type parameters and the file's usings are what a name can mean there), or the body itself when it
    /// declares type parameters of its own or has no enclosing type.
    /// </summary>
    private static SyntaxNode Scope(SyntaxNode body)
    {
        if (body is MethodDeclarationSyntax { TypeParameterList: not null } or CompilationUnitSyntax)
        {
            return body;
        }

        for (var node = body.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax)
            {
                return node;
            }
        }

        return body;
    }

    /// <summary>A position inside the body's member where its types are in scope (the method's type parameters too).</summary>
    private static int BodyStart(SyntaxNode body)
        => body switch
        {
            BaseMethodDeclarationSyntax method => ((SyntaxNode?)method.Body ?? method.ExpressionBody)?.SpanStart ?? method.SpanStart,
            AccessorDeclarationSyntax accessor => ((SyntaxNode?)accessor.Body ?? accessor.ExpressionBody)?.SpanStart ?? accessor.SpanStart,
            CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().FirstOrDefault()?.SpanStart ?? unit.SpanStart,
            _ => body.SpanStart,
        };
}
