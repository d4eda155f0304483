using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Concurrency;

/// <summary>A one-shot async barrier: every party waits until all have arrived, so their requests overlap.</summary>
internal sealed class StartGate(int parties)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task ArriveAndWaitAsync()
    {
        if (Interlocked.Increment(ref _arrived) == parties)
        {
            _open.SetResult();
        }

        return _open.Task.WithTimeout(TestTimeouts.Phase);
    }
}
