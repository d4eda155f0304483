using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScimEndpoint.Hosting;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.Observability;
using ScimEndpoint.Status;

namespace ScimEndpoint.IntegrationTests.Status;

/// <summary>
/// A kubeconfig the reporter cannot use stops status reporting with one error log that names the file and the error
/// type, never the exception's text: a kubeconfig error can quote the file, credentials included.
/// </summary>
public sealed class ProvisioningStatusReporterStartTests : IDisposable
{
    private const string Secret = "scimop_kubeconfig-secret-token_0123456789abcdefghijklmnop";

    private readonly string _directory = Directory.CreateTempSubdirectory("scim-status-kubeconfig-").FullName;

    [Fact]
    public async Task BrokenKubeconfig_LogsAFixedExplanation_NeverItsContent()
    {
        // Credentials in a server URL that does not parse: the client's error quotes the URL.
        var path = await WriteKubeconfigAsync($"https://admin:{Secret}@127.0.0.1:port", $"token: {Secret}");

        var log = await StartAsync(path);

        var entry = Assert.Single(log);
        Assert.DoesNotContain(Secret, entry.Everything, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(
            "Could not start provisioning status reporting: the kubeconfig could not be used (KubeConfigException)",
            entry.Message);
    }

    [Fact]
    public async Task MissingKubeconfig_IsAKubeconfigThatCannotBeUsed()
    {
        var log = await StartAsync(Path.Combine(_directory, "missing-kubeconfig"));

        var entry = Assert.Single(log);
        Assert.Equal(
            "Could not start provisioning status reporting: the kubeconfig could not be used (KubeConfigException)",
            entry.Message);
    }

    [Fact]
    public async Task UnreadableFileNamedByTheKubeconfig_LogsTheKubeconfigPathAndTheErrorType()
    {
        // A client certificate that is not there: the client's error quotes its path.
        var path = await WriteKubeconfigAsync(
            "https://127.0.0.1:6443",
            $"client-certificate: {Path.Combine(_directory, Secret + ".crt")}",
            $"client-key: {Path.Combine(_directory, Secret + ".key")}");

        var log = await StartAsync(path);

        var entry = Assert.Single(log);
        Assert.DoesNotContain(Secret, entry.Everything, StringComparison.Ordinal);
        Assert.Equal(
            $"Could not start provisioning status reporting: the kubeconfig {path} could not be read (FileNotFoundException)",
            entry.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Writes a kubeconfig with one context: <paramref name="server"/>, and <paramref name="user"/> as the
    /// user's fields.</summary>
    private async Task<string> WriteKubeconfigAsync(string server, params string[] user)
    {
        var path = Path.Combine(_directory, "kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            current-context: test
            clusters:
            - name: test
              cluster:
                server: {server}
            contexts:
            - name: test
              context:
                cluster: test
                user: test
            users:
            - name: test
              user:
                {string.Join("\n    ", user)}
            """);
        return path;
    }

    /// <summary>Runs the reporter with <paramref name="kubeconfig"/> until it gives up; returns what it logged.</summary>
    private static async Task<IReadOnlyList<Entry>> StartAsync(string kubeconfig)
    {
        var options = Options.Create(new ScimOptions
        {
            Kubeconfig = kubeconfig,
            Status = new ProvisioningStatusSettings { TenantName = StatusCluster.TenantName },
        });
        var time = new FakeTimeProvider();
        var logger = new CapturingLogger();
        using var reporter = new ProvisioningStatusReporter(
            options, new ProvisioningActivity(time), new ProvisioningStatusTiming(TimeSpan.FromSeconds(10), TimeSpan.Zero),
            time, new ScimMetrics(options), logger);

        await reporter.StartAsync(CancellationToken.None);
        await reporter.ExecuteTask!.WaitAsync(TestTimeouts.Request);
        return [.. logger.Entries];
    }

    /// <summary>One log call: the formatted message, and the message with every structured value.</summary>
    private sealed record Entry(LogLevel Level, string Message, string Everything);

    private sealed class CapturingLogger : ILogger<ProvisioningStatusReporter>
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            Entries.Enqueue(new Entry(
                logLevel, message, string.Join('\n', [message, exception?.ToString(), .. values.Select(v => $"{v.Key}={v.Value}")])));
        }
    }
}
