// Usage: PhiGuard.AuditWriter <log path> <signing key hex> <count> <window> <tag>
// Appends <count> records (up to <window> in flight), printing "ack <i>" once append i has completed,
// then "done". Records carry CorrelationId "<tag>-<i>".
using PhiGuard;

if (args.Length < 5)
{
    Console.Error.WriteLine("usage: <path> <keyhex> <count> <window> <tag>");
    return 2;
}

var path = args[0];
var key = Convert.FromHexString(args[1]);
int count = int.Parse(args[2]);
int window = Math.Max(1, int.Parse(args[3]));
var tag = args[4];
var output = Console.Out;
var ackLock = new object();

await using (var log = FileAuditLog.Open(path, key))
{
    Console.WriteLine("ready");
    Console.Out.Flush();
    var inFlight = new Queue<(int Index, Task Task)>();
    for (int i = 0; i < count; i++)
    {
        var record = new AuditRecord
        {
            Actor = "child-" + tag,
            Purpose = AccessPurpose.Operations,
            Action = "test.append",
            CorrelationId = tag + "-" + i,
            Detail = "payload " + new string('x', i % 200),
        };
        int index = i;
        var task = log.AppendAsync(record).AsTask().ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                lock (ackLock)
                {
                    output.WriteLine("ack " + index);
                    output.Flush();
                }
            }
        }, TaskContinuationOptions.ExecuteSynchronously);
        inFlight.Enqueue((i, task));
        while (inFlight.Count >= window)
        {
            await inFlight.Dequeue().Task;
        }
    }
    while (inFlight.Count > 0) await inFlight.Dequeue().Task;
}
Console.WriteLine("done");
return 0;
