namespace E2E.Tests.Gate;

/// <summary>What <see cref="DockerProbe"/> may look at: environment variables and files, injectable for tests.</summary>
/// <param name="Variable">Reads an environment variable; null when unset.</param>
/// <param name="FileExists">Whether a file (or a socket) exists at a path.</param>
/// <param name="ReadFile">A text file's content, or null when it does not exist.</param>
/// <param name="Home">The user's home folder.</param>
public sealed record ProbeHost(
    Func<string, string?> Variable, Func<string, bool> FileExists, Func<string, string?> ReadFile, string Home)
{
    /// <summary>This process's environment and file system.</summary>
    public static ProbeHost Real { get; } = new(
        Environment.GetEnvironmentVariable,
        File.Exists,
        path => File.Exists(path) ? File.ReadAllText(path) : null,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
}
