using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Operator.Runtime;
using Prometheus;
using Zitadel;
using Zitadel.Transport;

namespace Operator.Tests.Runtime;

/// <summary>The operator's own series: the build stamp and the ZITADEL calls of every tenant's client.</summary>
public sealed partial class OperatorMetricsTests
{
    [Fact]
    public async Task BuildInfo_CarriesTheProductVersionAndTheCommitThisWasBuiltFrom()
    {
        var text = await ScrapeAsync(new OperatorMetrics());

        var match = BuildInfoLine().Match(text);
        Assert.True(match.Success, text);
        Assert.Equal(VersionElement().Match(File.ReadAllText(RepoFiles.Path("Directory.Build.props"))).Groups[1].Value, match.Groups["version"].Value);
        Assert.Equal(Environment.Version.ToString(), match.Groups["dotnet"].Value);
        var commit = match.Groups["commit"].Value;
        if (Git("rev-parse", "HEAD") is { ExitCode: 0 })
        {
            // Built from this checkout: the stamp is HEAD or one of its ancestors (a commit made after the build).
            Assert.Matches("^[0-9a-f]{40}$", commit);
            Assert.Equal(0, Git("merge-base", "--is-ancestor", commit, "HEAD").ExitCode);
        }
        else
        {
            Assert.Equal(BuildInfo.UnknownCommit, commit);
        }
    }

    [Fact]
    public async Task ZitadelCalls_AreCountedByRpcAndCode_WithRetriesAndDurations()
    {
        var metrics = new OperatorMetrics();

        metrics.OnCallCompleted(new ZitadelCall("ProjectService", "ListProjects", 503, ZitadelErrorCode.Unavailable, TimeSpan.FromMilliseconds(20), 1));
        metrics.OnCallCompleted(new ZitadelCall("ProjectService", "ListProjects", 200, ZitadelErrorCode.None, TimeSpan.FromMilliseconds(30), 2));
        metrics.OnCallCompleted(new ZitadelCall("UserService", "CreateUser", 409, ZitadelErrorCode.AlreadyExists, TimeSpan.FromMilliseconds(40), 1));
        var text = await ScrapeAsync(metrics);

        Assert.Contains("scim_operator_zitadel_requests_total{method=\"ListProjects\",code=\"unavailable\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("scim_operator_zitadel_requests_total{method=\"ListProjects\",code=\"ok\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("scim_operator_zitadel_requests_total{method=\"CreateUser\",code=\"already_exists\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("scim_operator_zitadel_retries_total{method=\"ListProjects\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("scim_operator_zitadel_retries_total{method=\"CreateUser\"}", text, StringComparison.Ordinal);
        Assert.Contains("scim_operator_zitadel_request_duration_seconds_count{method=\"ListProjects\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("scim_operator_zitadel_request_duration_seconds_sum{method=\"ListProjects\"} 0.05", text, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(OperatorMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static (int ExitCode, string Output) Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = RepoFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
        }
    }

    [GeneratedRegex("^scim_operator_build_info\\{version=\"(?<version>[^\"]+)\",commit=\"(?<commit>[^\"]+)\",dotnet_version=\"(?<dotnet>[^\"]+)\"\\} 1$", RegexOptions.Multiline)]
    private static partial Regex BuildInfoLine();

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
