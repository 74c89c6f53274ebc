// expect-global: PHI006
using PhiGuard;

namespace Cases.InventoryBad2;

[BaaCovered("labcorp")]
public sealed class LabClient
{
}

[BaaCovered("imaging")] // expect: PHI005
public sealed class ImagingClient
{
}

[BaaCovered("pharmacy")] // expect: PHI005
public sealed class PharmacyClient
{
}
