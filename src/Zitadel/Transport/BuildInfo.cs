using System.Reflection;

namespace Zitadel.Transport;

/// <summary>
/// The product version and commit stamped into every assembly of the build (Directory.Build.props), and the .NET
/// runtime, for the hosts' <c>build_info</c> gauges and their start-up log line.
/// </summary>
/// <remarks>It lives here because both hosts reference this assembly and all of them carry the same stamp.</remarks>
/// <param name="Version">The product version, e.g. <c>0.1.0</c>.</param>
/// <param name="Commit">The full git commit, or <c>unknown</c> for a build outside git without <c>COMMIT</c>.</param>
/// <param name="DotnetVersion">The runtime, e.g. <c>10.0.0</c>.</param>
internal sealed record BuildInfo(string Version, string Commit, string DotnetVersion)
{
    public const string UnknownCommit = "unknown";

    /// <summary>This build's stamp.</summary>
    public static BuildInfo Current { get; } = FromInformationalVersion(
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        Environment.Version.ToString());

    /// <summary>Splits <c>0.1.0+&lt;sha&gt;</c> into its version and commit.</summary>
    public static BuildInfo FromInformationalVersion(string? informationalVersion, string dotnetVersion)
    {
        var text = string.IsNullOrWhiteSpace(informationalVersion) ? "0.0.0" : informationalVersion.Trim();
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var commit = plus < 0 ? "" : text[(plus + 1)..];
        return new BuildInfo(
            plus < 0 ? text : text[..plus],
            commit.Length == 0 ? UnknownCommit : commit,
            dotnetVersion);
    }
}
