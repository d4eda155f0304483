using System.Diagnostics;

namespace KubernetesEmulator.Tests;

/// <summary>
/// Runs the real <c>kubectl</c> on PATH (the dispatcher picks kubectl.1.32 from the emulator's /version) against
/// one emulator, with a temporary kubeconfig and discovery cache, and a timeout on every call.
/// </summary>
internal sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-").FullName;
    private readonly string _kubeconfig;

    public Kubectl(Emulators.Kubernetes.KubernetesEmulator emulator) =>
        _kubeconfig = emulator.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"));

    public static string? Path_ => Environment.GetEnvironmentVariable("PATH")?.Split(':')
        .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    /// <summary>Writes a manifest into the temporary folder; returns its path.</summary>
    public string File_(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path_ ?? "kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["KUBECONFIG"] = _kubeconfig;
        start.Environment["HOME"] = _dir;
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(_dir, "cache"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kubectl {string.Join(' ', args)} timed out after {Timeout}; stderr: {await stderr}");
        }

        return new Result(string.Join(' ', args), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and asserts exit code 0; returns stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal sealed record Result(string Command, int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() =>
            $"kubectl {Command} exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }
}

/// <summary>A fact that needs kubectl on PATH; skipped with the reason when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path_ is null)
        {
            Skip = "kubectl is not on PATH; install it (any dispatcher or kubectl 1.32) to run the kubectl tests";
        }
    }
}
