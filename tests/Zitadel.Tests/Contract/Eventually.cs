using System.Diagnostics;

namespace Zitadel.Tests.Contract;

/// <summary>
/// Polls a read until its answer satisfies a condition: ZITADEL's lists (users, metadata, roles, authorizations,
/// administrators) are projections that may lag a write (§11.3).
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>The first answer that satisfies <paramref name="done"/>, or the last one when
    /// <see cref="Timeout"/> passed first; the caller's assertions then show what was seen.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var delay = FirstDelay;
        while (true)
        {
            var answer = await read(cancellationToken);
            if (done(answer) || watch.Elapsed >= Timeout)
            {
                return answer;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    /// <summary>The items of a list answer, polled until they satisfy <paramref name="done"/> (or the timeout).
    /// </summary>
    public static async Task<IReadOnlyList<TItem>> ListAsync<TResponse, TItem>(
        Func<CancellationToken, Task<TResponse>> read,
        Func<TResponse, IReadOnlyList<TItem>> items,
        Func<IReadOnlyList<TItem>, bool> done,
        CancellationToken cancellationToken) =>
        items(await UntilAsync(read, response => done(items(response)), cancellationToken));
}
