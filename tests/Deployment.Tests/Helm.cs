using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>Runs <c>helm template</c> on the chart with the helm that <see cref="HelmFactAttribute"/> found.</summary>
internal static class Helm
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Renders the chart as release scim-operator in scim-operator-system, CRDs included.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> TemplateAsync(params string[] args)
    {
        var start = new ProcessStartInfo(HelmFactAttribute.Find(Environment.GetEnvironmentVariable("PATH")) ?? "helm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["template", Expected.Name, Repo.Chart(), "--namespace", Expected.Namespace, "--include-crds", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Renders and asserts success; returns the objects.</summary>
    public static async Task<List<JsonNode>> RenderAsync(params string[] args)
    {
        var (exitCode, stdout, stderr) = await TemplateAsync(args);
        Assert.True(exitCode == 0, $"helm template {string.Join(' ', args)} exited {exitCode}: {stderr}");
        return Yaml.LoadAll(stdout);
    }
}
