namespace Deployment.Tests;

/// <summary>
/// A fact that runs only when an executable <c>helm</c> is on PATH; otherwise it is skipped and the test output says
/// so (the chart's other tests read it without Helm).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HelmFactAttribute : FactAttribute
{
    public const string MissingHelmReason = "helm is not on PATH; install Helm 3 to render the chart with helm template";

    public HelmFactAttribute() => Skip = SkipReason(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The skip reason for the search path <paramref name="path"/>, or null when it holds an executable helm.</summary>
    public static string? SkipReason(string? path) => Find(path) is null ? MissingHelmReason : null;

    /// <summary>The first executable file named helm in the folders of <paramref name="path"/>.</summary>
    public static string? Find(string? path) => (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "helm"))
        .FirstOrDefault(file => File.Exists(file) &&
            (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0));
}
