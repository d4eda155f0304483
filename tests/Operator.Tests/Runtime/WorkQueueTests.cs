using Microsoft.Extensions.Time.Testing;
using Operator.Runtime;

namespace Operator.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Add_SameKeyTwice_HandsOutOnce()
    {
        using var queue = NewQueue();

        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Depth);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal("b", await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task Add_WhileKeyInFlight_RequeuesOnceAfterDone()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var key = await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout);

        queue.Add("a");
        queue.Add("a");
        var depthWhileInFlight = queue.Depth;
        queue.Done(key);

        Assert.Equal(0, depthWhileInFlight);
        Assert.Equal(1, queue.Depth);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task GetAsync_ParallelWorkers_NeverProcessOneKeyTwiceAtOnce()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        var inFlight = new int[5];
        var processed = 0;
        var overlaps = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                string key;
                try
                {
                    key = await queue.GetAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var slot = key[0] - 'a';
                if (Interlocked.Increment(ref inFlight[slot]) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                Interlocked.Decrement(ref inFlight[slot]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        })).ToArray();

        for (var i = 0; i < 5000; i++)
        {
            queue.Add(((char)('a' + (i % 5))).ToString());
            if (i % 50 == 0)
            {
                await Task.Yield();
            }
        }

        await WaitUntil(() => queue.Depth == 0 && inFlight.All(n => n == 0));
        await stop.CancelAsync();
        await Task.WhenAll(workers).WaitAsync(Timeout);

        Assert.Equal(0, overlaps);
        Assert.InRange(processed, 5, 5000);
    }

    [Fact]
    public void AddAfter_AddsOnlyWhenTheDelayHasPassed()
    {
        using var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(9));
        var before = queue.Depth;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, before);
        Assert.Equal(1, queue.Depth);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void AddAfter_MonthsAway_WakesTheKeyAfterTheMaximumDelayInstead()
    {
        using var queue = NewQueue();

        // A 90-day key's warning is 76 days away: more than a timer can wait (~49.7 days).
        queue.AddAfter("a", TimeSpan.FromDays(76));
        _time.Advance(WorkQueue<string>.MaxDelay - TimeSpan.FromSeconds(1));
        var before = queue.Depth;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, before);
        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public void AddAfter_KeyAlreadyWaiting_EarlierTimeWins()
    {
        using var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, queue.Depth);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task AddAfter_PlainAddMeanwhile_StillAddsAgainLater()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        queue.Add("a");
        queue.Done(await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public async Task AddRateLimited_DelayDoublesPerFailureUpToTheCap()
    {
        using var queue = new WorkQueue<string>(_time, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40));
        var observed = new List<int>();

        for (var i = 0; i < 6; i++)
        {
            queue.AddRateLimited("a");
            observed.Add(MillisecondsUntilAdded(queue));
            await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout);
            queue.Done("a");
        }

        Assert.Equal([5, 10, 20, 40, 40, 40], observed);
        Assert.Equal(6, queue.NumRequeues("a"));
    }

    [Fact]
    public async Task AddRateLimited_WithCap_RetriesQuicklyButStillCountsFailures()
    {
        using var queue = new WorkQueue<string>(_time, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        for (var i = 0; i < 10; i++)
        {
            queue.AddRateLimited("a", TimeSpan.FromMilliseconds(100));
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout);
            queue.Done("a");
        }

        queue.AddRateLimited("a", TimeSpan.FromMilliseconds(100));

        Assert.Equal(100, MillisecondsUntilAdded(queue));
        Assert.Equal(11, queue.NumRequeues("a"));
    }

    [Fact]
    public async Task Forget_ResetsTheBackoff()
    {
        using var queue = NewQueue();
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromSeconds(1));
        await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout);
        queue.Done("a");

        queue.Forget("a");
        queue.AddRateLimited("a");

        Assert.Equal(5, MillisecondsUntilAdded(queue));
    }

    [Fact]
    public async Task AddRateLimited_ManyFailures_NeverDropsTheKey()
    {
        using var queue = new WorkQueue<string>(_time, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        for (var i = 0; i < 200; i++)
        {
            queue.AddRateLimited("a");
            _time.Advance(TimeSpan.FromSeconds(1000));
            Assert.Equal(1, queue.Depth);
            await queue.GetAsync(CancellationToken.None).WaitAsync(Timeout);
            queue.Done("a");
        }

        Assert.Equal(200, queue.NumRequeues("a"));
    }

    [Fact]
    public async Task ShutDown_WaitingGet_Throws()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync(CancellationToken.None);

        queue.ShutDown();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout));
        queue.Add("a");
        Assert.Equal(0, queue.Depth);
    }

    private WorkQueue<string> NewQueue() =>
        new(_time, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

    /// <summary>Advances the fake clock 1 ms at a time until the key is ready; returns how far it went.</summary>
    private int MillisecondsUntilAdded(WorkQueue<string> queue)
    {
        for (var ms = 1; ms <= 100_000; ms++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            if (queue.Depth > 0)
            {
                return ms;
            }
        }

        throw new InvalidOperationException("The key was never added.");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(5);
        }
    }
}
