namespace ScimEndpoint.IntegrationTests.Infrastructure;

/// <summary>Upper bounds for awaits in integration tests, so a hung server fails a test instead of hanging it.</summary>
internal static class TestTimeouts
{
    /// <summary>One HTTP exchange on loopback.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(30);

    /// <summary>A whole phase of many requests (seeding, a concurrent phase, a fuzz run).</summary>
    public static readonly TimeSpan Phase = TimeSpan.FromMinutes(2);

    public static Task<T> WithTimeout<T>(this Task<T> task, TimeSpan timeout) => task.WaitAsync(timeout);

    public static Task WithTimeout(this Task task, TimeSpan timeout) => task.WaitAsync(timeout);
}
