using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;

namespace PhiAnalyzers.Engine;

/// <summary>
/// The names of interest to the hot-set index (<see cref="QuietBodies"/>), looked up by a span of characters, so the
/// index reads a tree's identifiers from its text without a string per identifier.
/// </summary>
internal sealed class NameTable
{
    /// <summary>A name by which code can use a project member, method or type.</summary>
    public const byte Project = 1;

    /// <summary>A seed name (<see cref="PhiSignatures.SeedNames"/>).</summary>
    public const byte Seed = 2;

    private readonly string?[] _names;
    private readonly byte[] _flags;
    private readonly int _mask;

    public NameTable(IEnumerable<string> project, IEnumerable<string> seeds)
    {
        var all = new Dictionary<string, byte>(StringComparer.Ordinal);
        foreach (var name in project)
        {
            all[name] = Project;
        }

        foreach (var name in seeds)
        {
            all[name] = (byte)((all.TryGetValue(name, out var flags) ? flags : 0) | Seed);
        }

        var size = 16;
        while (size < all.Count * 2)
        {
            size *= 2;
        }

        _names = new string?[size];
        _flags = new byte[size];
        _mask = size - 1;
        foreach (var pair in all)
        {
            var slot = Hash(pair.Key.ToCharArray(), 0, pair.Key.Length) & _mask;
            while (_names[slot] is not null)
            {
                slot = (slot + 1) & _mask;
            }

            _names[slot] = pair.Key;
            _flags[slot] = pair.Value;
        }
    }

    /// <summary>The slot of the name spelled by <paramref name="length"/> characters at <paramref name="start"/>; -1 when it is not in the table.</summary>
    [MethodImpl(HotPath.Optimized)]
    public int Find(char[] text, int start, int length)
    {
        var slot = Hash(text, start, length) & _mask;
        while (_names[slot] is { } name)
        {
            if (name.Length == length && Same(name, text, start))
            {
                return slot;
            }

            slot = (slot + 1) & _mask;
        }

        return -1;
    }

    public string NameAt(int slot) => _names[slot]!;

    public byte FlagsAt(int slot) => _flags[slot];

    [MethodImpl(HotPath.Optimized)]
    private static bool Same(string name, char[] text, int start)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != text[start + i])
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(HotPath.Optimized)]
    private static int Hash(char[] text, int start, int length)
    {
        unchecked
        {
            var hash = (int)2166136261;
            for (var i = start; i < start + length; i++)
            {
                hash = (hash ^ text[i]) * 16777619;
            }

            return hash & int.MaxValue;
        }
    }
}

/// <summary>
/// What the hot-set index needs from a tree's text, read by a lexer of its own instead of a walk over the syntax
/// nodes of every body: each identifier (where, and which name of a <see cref="NameTable"/> it is) and the syntax
/// markers a use without a name implies (<c>foreach</c>, <c>await</c>, an indexer...). It over-approximates: text the
/// compiler reads as something else (code in a disabled region, a format specifier, a contextual keyword) may add
/// identifiers or markers, which only makes more bodies candidates of the exact walk that follows. What it cannot
/// read as the compiler does (a conditional directive, a Unicode escape or formatting character in an identifier, a
/// character outside the Basic Multilingual Plane in code), it gives up on, and the index walks that tree's nodes.
/// </summary>
internal sealed class BodyLexer
{
    /// <summary>A marker token (see <see cref="Token.Marker"/>); <see cref="None"/> for an identifier.</summary>
    public enum Mark : byte
    {
        None,
        ForEach,
        Using,
        Await,
        Query,
        Init,
        Deconstruct,
        Index,
        Interpolation,
        Fixed,
        ImplicitNew,

        /// <summary>An anonymous object creation (<c>new { ... }</c>): the body declares members by bare names.</summary>
        Anonymous,
    }

    /// <summary>An identifier or marker at a position of the text.</summary>
    public struct Token
    {
        /// <summary>Where the token starts (an identifier's <c>@</c> included).</summary>
        public int Position;

        /// <summary>The identifier's characters (without <c>@</c>).</summary>
        public int Start;

        public int Length;

        /// <summary>The identifier's slot in the name table; -1 when it is not in it (or for a marker).</summary>
        public int Slot;

        public Mark Marker;
    }

    private readonly NameTable _names;
    private readonly List<Token> _tokens = new();
    private char[] _text = new char[4096];
    private int _length;
    private bool _atLineStart;

    // Context for the markers that depend on their neighbours: the previous token (Prev), whether it was `new`, the braces
    // open, and the braces open at the earliest `new` whose initializer may still follow (-1: none).
    private Prev _prev;
    private bool _afterNew;
    private int _braces;
    private int _newBraces;

    private enum Prev : byte
    {
        Other,
        Var,

        /// <summary>An identifier or a keyword that ends an operand or a type (not one after which an expression starts).</summary>
        Identifier,
        CloseParen,
        CloseBracket,
        GreaterThan,
        Question,
        Bang,
        Literal,

        /// <summary>A simple assignment's <c>=</c>.</summary>
        Assign,
    }

    /// <summary>Keywords after which an expression (so a collection expression) may start.</summary>
    private static readonly string[] ExpressionKeywords =
    {
        "return", "in", "yield", "await", "throw", "case", "is", "and", "or", "not", "when", "else", "select", "where",
        "let", "from", "on", "equals", "by", "into", "orderby", "group", "join", "with", "out", "ref",
    };

    public BodyLexer(NameTable names) => _names = names;

    /// <summary>The names the identifiers are looked up in.</summary>
    public NameTable Names => _names;

    /// <summary>The text last lexed (valid until the next <see cref="Lex"/>).</summary>
    public char[] Text => _text;

    /// <summary>The tokens of the text last lexed, in order.</summary>
    public List<Token> Tokens => _tokens;

    /// <summary>A list for the caller to reuse from tree to tree (a body's tokens kept for later).</summary>
    public List<Token> Scratch { get; } = new();

    /// <summary>Lexes a tree's text; false when the text has something this lexer does not read as the compiler does.</summary>
    [MethodImpl(HotPath.Optimized)]
    public bool Lex(Microsoft.CodeAnalysis.Text.SourceText text)
    {
        _tokens.Clear();
        _length = text.Length;
        if (_text.Length < _length)
        {
            _text = new char[Math.Max(_length, _text.Length * 2)];
        }

        text.CopyTo(0, _text, 0, _length);
        _atLineStart = true;
        _prev = Prev.Other;
        _afterNew = false;
        _braces = 0;
        _newBraces = -1;
        var i = 0;
        return Code(ref i, inHole: false) && i >= _length;
    }

    /// <summary>Code up to the end, or in an interpolation hole up to the <c>}</c> that closes it (left at it).</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool Code(ref int i, bool inHole)
    {
        var c = _text;
        var n = _length;
        var depth = 0;
        while (i < n)
        {
            var ch = c[i];
            if (ch == '\n' || ch == '\r' || ch == '\u2028' || ch == '\u2029' || ch == '\u0085')
            {
                _atLineStart = true;
                i++;
                continue;
            }

            if (IsSpace(ch))
            {
                i++;
                continue;
            }

            if (inHole && ch == '/' && i + 1 < n && (c[i + 1] == '/' || c[i + 1] == '*'))
            {
                return false; // a comment, or a format clause with slashes (text, not code): not read here
            }

            if (ch == '/' && i + 1 < n && c[i + 1] == '/')
            {
                while (i < n && !IsNewLine(c[i]))
                {
                    i++;
                }

                continue;
            }

            if (ch == '/' && i + 1 < n && c[i + 1] == '*')
            {
                var end = IndexOf(c, "*/", i + 2, n);
                i = end < 0 ? n : end + 2;
                continue;
            }

            if (ch == '#' && _atLineStart && !inHole)
            {
                if (!Directive(ref i))
                {
                    return false;
                }

                continue;
            }

            _atLineStart = false;
            if (IsAsciiLetter(ch) || ch == '_' || (ch == '@' && i + 1 < n && IsIdentifierStart(c[i + 1])) || (ch > 127 && IsIdentifierStart(ch)))
            {
                if (!Identifier(ref i))
                {
                    return false;
                }

                continue;
            }

            if (ch == '\\' || char.IsSurrogate(ch))
            {
                return false; // a Unicode escape starting an identifier, or a character this lexer does not classify
            }

            if (ch >= '0' && ch <= '9')
            {
                i++;
                while (i < n && (IsAsciiLetter(c[i]) || (c[i] >= '0' && c[i] <= '9') || c[i] == '_' || (c[i] == '.' && i + 1 < n && c[i + 1] >= '0' && c[i + 1] <= '9')))
                {
                    i++;
                }

                Other();
                _prev = Prev.Literal;
                continue;
            }

            switch (ch)
            {
                case '"':
                    if (!String(ref i, dollars: 0, verbatim: false))
                    {
                        return false;
                    }

                    Other();
                    _prev = Prev.Literal;
                    continue;
                case '@' when i + 1 < n && c[i + 1] == '"':
                    i++;
                    if (!String(ref i, dollars: 0, verbatim: true))
                    {
                        return false;
                    }

                    Other();
                    _prev = Prev.Literal;
                    continue;
                case '@' when i + 2 < n && c[i + 1] == '$':
                case '$':
                {
                    var start = i;
                    var verbatim = ch == '@';
                    var j = verbatim ? i + 1 : i;
                    var dollars = 0;
                    while (j < n && c[j] == '$')
                    {
                        dollars++;
                        j++;
                    }

                    if (!verbatim && j < n && c[j] == '@')
                    {
                        verbatim = true;
                        j++;
                    }

                    if (j < n && c[j] == '"')
                    {
                        Emit(start, Mark.Interpolation);
                        i = j;
                        if (!String(ref i, dollars, verbatim))
                        {
                            return false;
                        }

                        Other();
                        _prev = Prev.Literal;
                        continue;
                    }

                    i++;
                    Other();
                    continue;
                }

                case '\'':
                    i = CharLiteralEnd(i);
                    Other();
                    _prev = Prev.Literal;
                    continue;
                case '{':
                    if (_afterNew)
                    {
                        Emit(i, Mark.Anonymous);
                    }
                    else if (_newBraces >= 0
                             && ((_prev is Prev.CloseParen or Prev.Identifier or Prev.GreaterThan && !StartsObjectInitializer(i + 1)) || _prev == Prev.Assign))
                    {
                        // new T(...) { ... }, new T { ... }, new() { ... }: maybe a collection initializer; so may be a
                        // member's in an object initializer (new T { Items = { ... } }).
                        Emit(i, Mark.Init);
                    }

                    depth++;
                    _braces++;
                    i++;
                    Other();
                    continue;
                case '}':
                    if (inHole && depth == 0)
                    {
                        return true;
                    }

                    depth--;
                    _braces--;
                    if (_braces < _newBraces)
                    {
                        _newBraces = -1; // the block the `new` was in has ended
                    }

                    i++;
                    Other();
                    continue;
                case '(':
                    if (_afterNew)
                    {
                        Emit(i, Mark.ImplicitNew);
                    }
                    else if (_prev == Prev.Var)
                    {
                        Emit(i, Mark.Deconstruct); // var (a, b) = ...
                    }

                    i++;
                    Other();
                    continue;
                case ')':
                    i++;
                    Other();
                    _prev = Prev.CloseParen;
                    continue;
                case '=':
                    if (_prev == Prev.CloseParen && !(i + 1 < n && (c[i + 1] == '=' || c[i + 1] == '>')))
                    {
                        Emit(i, Mark.Deconstruct); // (a, b) = ...
                    }

                    i++;
                    var simple = true;
                    while (i < n && (c[i] == '=' || c[i] == '>'))
                    {
                        simple = false;
                        i++;
                    }

                    Other();
                    if (simple)
                    {
                        _prev = Prev.Assign;
                    }

                    continue;
                case '[':
                {
                    var j = i + 1;
                    while (j < n && (c[j] == ' ' || c[j] == '\t'))
                    {
                        j++;
                    }

                    // After `)` it may be a cast's: (IReadOnlyList<int>)[1, 2] is a collection expression.
                    var afterOperand = _prev is Prev.Identifier or Prev.CloseBracket or Prev.GreaterThan or Prev.Bang or Prev.Literal;
                    var rankOnly = j < n && (c[j] == ']' || c[j] == ',');
                    if (!(rankOnly && _prev is Prev.Identifier or Prev.GreaterThan or Prev.Question or Prev.CloseBracket))
                    {
                        Emit(i, Mark.Index); // not an array type's rank (T[], T[,])
                    }

                    if (!afterOperand)
                    {
                        Emit(i, Mark.Init); // a collection expression
                    }

                    i++;
                    Other();
                    continue;
                }

                case ']':
                    i++;
                    Other();
                    _prev = Prev.CloseBracket;
                    continue;
                case '>':
                    i++;
                    Other();
                    _prev = Prev.GreaterThan;
                    continue;
                case '?':
                    i++;
                    Other();
                    _prev = Prev.Question;
                    continue;
                case '!':
                    i++;
                    Other();
                    _prev = Prev.Bang;
                    continue;
                case '^':
                    Emit(i, Mark.Index);
                    i++;
                    Other();
                    continue;
                case '.' when i + 1 < n && c[i + 1] == '.':
                    Emit(i, Mark.Index);
                    Emit(i, Mark.ForEach); // a range, a slice pattern or a spread
                    i += 2;
                    Other();
                    continue;
                case ';':
                    if (_newBraces >= 0 && _braces <= _newBraces)
                    {
                        _newBraces = -1; // the statement the `new` was in has ended
                    }

                    i++;
                    Other();
                    continue;
                default:
                    i++;
                    Other();
                    continue;
            }
        }

        return !inHole;
    }

    /// <summary>Whether the text at <paramref name="i"/> (after an initializer's brace) starts with <c>Name =</c>: an object initializer.</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool StartsObjectInitializer(int i)
    {
        var c = _text;
        var n = _length;
        i = SkipTrivia(i);
        if (i < n && c[i] == '@')
        {
            i++;
        }

        if (i >= n || !IsIdentifierStart(c[i]))
        {
            return false;
        }

        while (i < n && (IsAsciiLetter(c[i]) || (c[i] >= '0' && c[i] <= '9') || c[i] == '_' || (c[i] > 127 && !char.IsSurrogate(c[i]) && SyntaxFacts.IsIdentifierPartCharacter(c[i]))))
        {
            i++;
        }

        i = SkipTrivia(i);
        return i + 1 < n && c[i] == '=' && c[i + 1] != '=' && c[i + 1] != '>'; // not x == y, nor a lambda x => y
    }

    /// <summary>Past white space and comments from <paramref name="i"/>.</summary>
    [MethodImpl(HotPath.Optimized)]
    private int SkipTrivia(int i)
    {
        var c = _text;
        var n = _length;
        while (i < n)
        {
            if (IsNewLine(c[i]) || IsSpace(c[i]))
            {
                i++;
            }
            else if (c[i] == '/' && i + 1 < n && c[i + 1] == '/')
            {
                while (i < n && !IsNewLine(c[i]))
                {
                    i++;
                }
            }
            else if (c[i] == '/' && i + 1 < n && c[i + 1] == '*')
            {
                var end = IndexOf(c, "*/", i + 2, n);
                i = end < 0 ? n : end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private void Other()
    {
        _prev = Prev.Other;
        _afterNew = false;
    }

    [MethodImpl(HotPath.Optimized)]
    private bool Identifier(ref int i)
    {
        var c = _text;
        var n = _length;
        var position = i;
        if (c[i] == '@')
        {
            i++;
        }

        var start = i;
        i++;
        while (i < n)
        {
            var ch = c[i];
            if (IsAsciiLetter(ch) || (ch >= '0' && ch <= '9') || ch == '_')
            {
                i++;
                continue;
            }

            if (ch == '\\' || char.IsSurrogate(ch))
            {
                return false;
            }

            if (ch > 127 && SyntaxFacts.IsIdentifierPartCharacter(ch))
            {
                if (char.GetUnicodeCategory(ch) == UnicodeCategory.Format)
                {
                    return false; // the compiler leaves formatting characters out of the name
                }

                i++;
                continue;
            }

            break;
        }

        var length = i - start;
        Other();
        _prev = Prev.Identifier;
        if (position == start && Keyword(start, length) is var keyword && keyword != Mark.None)
        {
            if (keyword == Mark.ImplicitNew)
            {
                _afterNew = true;
                if (_newBraces < 0 || _braces < _newBraces)
                {
                    _newBraces = _braces;
                }

                return true;
            }

            Emit(position, keyword);
        }

        if (position == start)
        {
            if (length == 3 && Is(start, "var"))
            {
                _prev = Prev.Var;
            }
            else if (length <= 7 && IsExpressionKeyword(start, length))
            {
                _prev = Prev.Other;
            }
        }

        _tokens.Add(new Token { Position = position, Start = start, Length = length, Slot = _names.Find(c, start, length), Marker = Mark.None });
        return true;
    }

    /// <summary>
    /// The marker a keyword stands for (<see cref="Mark.ImplicitNew"/> for <c>new</c>, whose marker depends on what
    /// follows), or <see cref="Mark.None"/>.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    private Mark Keyword(int start, int length)
    {
        switch (length)
        {
            case 2 when Is(start, "is"):
                return Mark.Deconstruct; // a positional pattern may follow
            case 3 when Is(start, "new"):
                return Mark.ImplicitNew;
            case 4 when Is(start, "case"):
                return Mark.Deconstruct;
            case 4 when Is(start, "from"):
                return Mark.Query;
            case 5 when Is(start, "using"):
                return Mark.Using;
            case 5 when Is(start, "await"):
                return Mark.Await;
            case 5 when Is(start, "fixed"):
                return Mark.Fixed;
            case 6 when Is(start, "switch"):
                return Mark.Deconstruct;
            case 7 when Is(start, "foreach"):
                return Mark.ForEach;
            default:
                return Mark.None;
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private bool IsExpressionKeyword(int start, int length)
    {
        foreach (var word in ExpressionKeywords)
        {
            if (word.Length == length && Is(start, word))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(HotPath.Optimized)]
    private bool Is(int start, string word)
    {
        for (var k = 0; k < word.Length; k++)
        {
            if (_text[start + k] != word[k])
            {
                return false;
            }
        }

        return true;
    }

    private void Emit(int position, Mark marker)
        => _tokens.Add(new Token { Position = position, Slot = -1, Marker = marker });

    /// <summary>A preprocessor directive: skipped to its line's end; false for a conditional one (which disables text).</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool Directive(ref int i)
    {
        var c = _text;
        var n = _length;
        var j = i + 1;
        while (j < n && (c[j] == ' ' || c[j] == '\t'))
        {
            j++;
        }

        var start = j;
        while (j < n && IsAsciiLetter(c[j]))
        {
            j++;
        }

        var length = j - start;
        if ((length == 2 && Is(start, "if")) || (length == 4 && (Is(start, "elif") || Is(start, "else"))))
        {
            return false;
        }

        while (j < n && !IsNewLine(c[j]))
        {
            j++;
        }

        i = j;
        return true;
    }

    /// <summary>A string literal starting at the quote at <paramref name="i"/>; <paramref name="i"/> ends after it.</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool String(ref int i, int dollars, bool verbatim)
    {
        var c = _text;
        var n = _length;
        var quotes = 0;
        while (!verbatim && i + quotes < n && c[i + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            return Raw(ref i, quotes, dollars);
        }

        i++; // the opening quote
        while (i < n)
        {
            var ch = c[i];
            if (ch == '"')
            {
                if (verbatim && i + 1 < n && c[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                i++;
                return true;
            }

            if (ch == '\\' && !verbatim)
            {
                i += 2;
                continue;
            }

            if (!verbatim && IsNewLine(ch))
            {
                return true; // an unterminated literal ends at the line's end
            }

            if (dollars > 0 && ch == '{')
            {
                if (i + 1 < n && c[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }

                i++;
                if (!Hole(ref i))
                {
                    return false;
                }

                continue;
            }

            i++;
        }

        return true;
    }

    /// <summary>A raw string literal (<paramref name="quotes"/> quotes open it; <paramref name="dollars"/> braces open a hole).</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool Raw(ref int i, int quotes, int dollars)
    {
        var c = _text;
        var n = _length;
        i += quotes;
        while (i < n)
        {
            var ch = c[i];
            if (ch == '"')
            {
                var run = 0;
                while (i + run < n && c[i + run] == '"')
                {
                    run++;
                }

                i += run;
                if (run >= quotes)
                {
                    return true;
                }

                continue;
            }

            if (dollars > 0 && ch == '{')
            {
                var run = 0;
                while (i + run < n && c[i + run] == '{')
                {
                    run++;
                }

                i += run;
                if (run >= dollars)
                {
                    if (!Hole(ref i))
                    {
                        return false;
                    }

                    // The hole's closing braces: as many as opened it.
                    for (var k = 1; k < dollars && i < n && c[i] == '}'; k++)
                    {
                        i++;
                    }
                }

                continue;
            }

            i++;
        }

        return true;
    }

    /// <summary>An interpolation hole's code, after its opening brace; <paramref name="i"/> ends after the closing one.</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool Hole(ref int i)
    {
        var atLineStart = _atLineStart;
        if (!Code(ref i, inHole: true))
        {
            return false;
        }

        _atLineStart = atLineStart;
        if (i < _length)
        {
            i++; // the closing brace
        }

        return true;
    }

    /// <summary>The end of a character literal at <paramref name="i"/>, or just past a quote that starts none.</summary>
    [MethodImpl(HotPath.Optimized)]
    private int CharLiteralEnd(int i)
    {
        var c = _text;
        var n = _length;
        if (i + 2 < n && c[i + 1] != '\\' && c[i + 2] == '\'' && !IsNewLine(c[i + 1]))
        {
            return i + 3;
        }

        if (i + 1 < n && c[i + 1] == '\\')
        {
            for (var j = i + 3; j < n && j <= i + 11; j++)
            {
                if (c[j] == '\'')
                {
                    return j + 1;
                }

                if (IsNewLine(c[j]))
                {
                    break;
                }
            }
        }

        return i + 1;
    }

    [MethodImpl(HotPath.Optimized)]
    private static int IndexOf(char[] text, string value, int from, int end)
    {
        for (var i = from; i + value.Length <= end; i++)
        {
            var k = 0;
            while (k < value.Length && text[i + k] == value[k])
            {
                k++;
            }

            if (k == value.Length)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>White space other than a line break, as the compiler reads it (U+FEFF and U+001A included).</summary>
    private static bool IsSpace(char ch)
        => ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v' || ch == '\u001A' || (ch > 127 && (char.IsWhiteSpace(ch) || ch == '\uFEFF'));

    private static bool IsNewLine(char ch) => ch == '\n' || ch == '\r' || ch == '\u2028' || ch == '\u2029' || ch == '\u0085';

    private static bool IsAsciiLetter(char ch) => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');

    private static bool IsIdentifierStart(char ch)
        => IsAsciiLetter(ch) || ch == '_' || (ch > 127 && !char.IsSurrogate(ch) && SyntaxFacts.IsIdentifierStartCharacter(ch));
}
