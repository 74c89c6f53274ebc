namespace PhiGuard.Inventory
{
    /// <summary>How bad an inventory problem is.</summary>
    internal enum InventoryProblemSeverity
    {
        /// <summary>The inventory (or one vendor entry) cannot be trusted.</summary>
        Error,

        /// <summary>A likely mistake (an unknown key, a typo) that does not change what the inventory allows.</summary>
        Warning,
    }

    /// <summary>
    /// One problem found while reading <c>baa-inventory.yaml</c>. Positions are 1-based; the end is
    /// exclusive (the position just after the offending node or key).
    /// </summary>
    internal sealed class InventoryProblem
    {
        public InventoryProblem(InventoryProblemSeverity severity, string message, int line, int column, int endLine, int endColumn)
        {
            Severity = severity;
            Message = message;
            Line = line < 1 ? 1 : line;
            Column = column < 1 ? 1 : column;
            EndLine = endLine < Line ? Line : endLine;
            EndColumn = EndLine == Line && endColumn < Column ? Column : (endColumn < 1 ? 1 : endColumn);
        }

        public InventoryProblemSeverity Severity { get; }

        public string Message { get; }

        public int Line { get; }

        public int Column { get; }

        public int EndLine { get; }

        public int EndColumn { get; }

        public bool IsError => Severity == InventoryProblemSeverity.Error;

        public override string ToString()
            => "(" + Line + "," + Column + "): " + (IsError ? "error" : "warning") + ": " + Message;
    }

    /// <summary>The outcome of <see cref="InventoryParser.Parse"/>: a model (possibly empty) and every problem found.</summary>
    internal sealed class InventoryParseResult
    {
        public InventoryParseResult(BaaInventory inventory, System.Collections.Generic.IReadOnlyList<InventoryProblem> problems)
        {
            Inventory = inventory;
            Problems = problems;
        }

        public BaaInventory Inventory { get; }

        public System.Collections.Generic.IReadOnlyList<InventoryProblem> Problems { get; }

        /// <summary>True when at least one problem is an error.</summary>
        public bool HasErrors
        {
            get
            {
                foreach (var p in Problems)
                {
                    if (p.IsError)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
