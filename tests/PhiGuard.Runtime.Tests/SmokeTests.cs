using PhiGuard;
using Xunit;

namespace PhiGuard.Runtime.Tests;

public class ContractShapeTests
{
    [Fact]
    public void AuditRecordInitializerFromTheContractCompiles()
    {
        var record = new AuditRecord { Actor = "dr.lee", Purpose = AccessPurpose.Treatment, Action = "model.request" };
        Assert.Equal("dr.lee", record.Actor);
    }

    [Fact]
    public void RedactHidesTheValue()
    {
        Assert.DoesNotContain("123-45-6789", PhiRedaction.Redact("123-45-6789"));
        Assert.Null(PhiRedaction.Redact(null));
    }
}
