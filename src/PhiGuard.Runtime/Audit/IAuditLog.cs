using System.Threading;
using System.Threading.Tasks;

namespace PhiGuard;

/// <summary>An append-only audit trail.</summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="record"/>; completes once the record is durable.</summary>
    ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);
}
