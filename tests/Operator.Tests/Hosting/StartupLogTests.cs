using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Zitadel.Transport;

namespace Operator.Tests.Hosting;

/// <summary>The operator says once, at start, which version and commit runs.</summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task Build_LogsVersionCommitAndRuntimeOnce()
    {
        var captured = new CapturingLoggerProvider();

        await using var app = OperatorApp.Build([], builder => builder.Logging.AddProvider(captured));

        var build = BuildInfo.Current;
        var line = Assert.Single(captured.Messages, m => m.StartsWith("Starting scim-operator", StringComparison.Ordinal));
        Assert.Equal($"Starting scim-operator {build.Version} (commit {build.Commit}, .NET {build.DotnetVersion})", line);
        if (Directory.Exists(RepoFiles.Path(".git")) || File.Exists(RepoFiles.Path(".git")))
        {
            // Built in a git checkout (a worktree has a .git file): the commit was stamped.
            Assert.NotEqual(BuildInfo.UnknownCommit, build.Commit);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Messages);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
