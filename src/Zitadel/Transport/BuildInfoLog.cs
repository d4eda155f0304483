using Microsoft.Extensions.Logging;

namespace Zitadel.Transport;

/// <summary>The one start-up line of each host: what is running, from which commit.</summary>
internal static partial class BuildInfoLog
{
    /// <summary>Logs <paramref name="component"/> with <see cref="BuildInfo.Current"/>.</summary>
    public static void Starting(ILogger logger, string component)
    {
        var build = BuildInfo.Current;
        Starting(logger, component, build.Version, build.Commit, build.DotnetVersion);
    }

    [LoggerMessage(9001, LogLevel.Information, "Starting {Component} {Version} (commit {Commit}, .NET {DotnetVersion})")]
    private static partial void Starting(ILogger logger, string component, string version, string commit, string dotnetVersion);
}
