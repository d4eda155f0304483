using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Zitadel.Tests.Client;

/// <summary>A <see cref="FakeTimeProvider"/> that tells the test about every timer created, so a test advances
/// time exactly when the code under test waits, and sees how long it waits.</summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer shorter than <paramref name="below"/>; longer ones (per-attempt
    /// timeouts) are skipped.</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan below)
    {
        while (true)
        {
            var due = await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (due < below)
            {
                return due;
            }
        }
    }
}
