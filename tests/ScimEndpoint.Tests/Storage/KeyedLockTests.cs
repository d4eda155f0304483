using ScimEndpoint.Storage.Zitadel;

namespace ScimEndpoint.Tests.Storage;

public sealed class KeyedLockTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_cancelled_wait_leaves_other_holders_untouched()
    {
        var locks = new KeyedLock();
        // Another request holds "b"; a multi-key acquire of a, b, c waits on b and is cancelled.
        var holder = await locks.AcquireAsync(["b"], CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync(["a", "b", "c"], cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // "b" is still held: a second waiter does not get in until the holder lets go. No wait is needed to see it: a
        // free gate is entered synchronously (the acquire returns completed), and nothing but the holder can free "b"
        // later, so a still-pending acquire here means "b" was left held.
        var second = locks.AcquireAsync(["b"], CancellationToken.None);
        Assert.False(second.IsCompleted);
        await holder.DisposeAsync();
        await using (await second.WaitAsync(Timeout))
        {
        }

        // "a" and "c" are free again.
        await using (await locks.AcquireAsync(["a", "c"], CancellationToken.None).WaitAsync(Timeout))
        {
        }
    }
}
