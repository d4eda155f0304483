using System.Diagnostics;
using System.Net.Http.Headers;
using Emulators.Kubernetes;
using Emulators.Kubernetes.Hosting;
using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Keys;

namespace ScimBench;

/// <summary>
/// <c>--operator</c>: the Kubernetes API emulator runs in this process with the CRDs and the tenants; the operator runs
/// as a child process (the native binary <c>make native</c> publishes, which make bench passes as
/// <c>--operator-binary</c>, or else the built <c>Operator.dll</c>; leader election on) so its memory is its own. Tenants and keys are
/// the objects of config/samples, renamed. Once it leads and
/// every tenant's (empty) key set exists, the request log is cleared and all ScimKeys are created at once (32 in
/// flight) over HTTP; the bench then polls the emulator in process (not over HTTP, so polling adds no logged call)
/// until every key is Ready and every key set names all its tenant's keys.
/// </summary>
/// <remarks>
/// Operator calls are every logged request whose User-Agent is not the bench's, from the first create until the
/// operator has been quiet for a settle period after completion, so late retries and requeues are counted.
/// </remarks>
internal static class OperatorBench
{
    private const string Namespace = "scim-bench";
    private const string LeaseNamespace = "scim-bench-lease";
    private const string BenchAgent = "ScimBench-operator";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private const double GoalSeconds = 15;
    private const double GoalCallsPerKey = 4;
    private const double GoalPeakMb = 150;

    /// <summary>Runs the scenario and prints the figures; returns false when the keys did not all become Ready.</summary>
    public static async Task<bool> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        await using var emulator = await KubernetesEmulator.StartAsync(null, cancellationToken);
        var directory = Directory.CreateTempSubdirectory("scimbench-operator-").FullName;
        var kubeconfig = emulator.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        using var client = new Kubernetes(
            new KubernetesClientConfiguration { Host = emulator.BaseUri.ToString() }, new UserAgentHandler());
        await InstallCrdsAsync(client, emulator, cancellationToken);
        foreach (var ns in new[] { Namespace, LeaseNamespace })
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } },
                cancellationToken: cancellationToken);
        }

        var tenants = Enumerable.Range(0, options.Tenants).Select(i => $"tenant-{i:D2}").ToArray();
        foreach (var tenant in tenants)
        {
            await CreateAsync(client, await SampleAsync<ScimTenant>("scimtenant.yaml", tenant), cancellationToken);
        }

        var keySample = await SampleAsync<ScimKey>("scimkey.yaml", "sample");

        var port = ChildProcess.FreePort();
        using var process = ChildProcess.Start(
            "Operator.dll",
            [
                $"--Operator:Kubeconfig={kubeconfig}", $"--urls=http://127.0.0.1:{port}",
                "--Operator:LeaderElection:Enabled=true", $"--Operator:LeaderElection:Namespace={LeaseNamespace}",
                "--Operator:LeaderElection:Identity=scimbench-operator",
            ],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            directory,
            options.OperatorBinary);
        Console.WriteLine(options.OperatorBinary is { } binary
            ? $"Operator build: native (NativeAOT), {binary}"
            : "Operator build: JIT, Operator.dll (pass --operator-binary for the native build that ships)");
        var started = Stopwatch.StartNew();
        await process.WaitReadyAsync(new Uri($"http://127.0.0.1:{port}/readyz"), TimeSpan.FromSeconds(60), cancellationToken);
        await WaitAsync(process, async () => await LeaderAsync(emulator) is not null, "the operator to hold the lease", cancellationToken);
        await WaitAsync(process, async () => (await KeySetSizesAsync(emulator, tenants)).All(n => n == 0),
            "every tenant's empty key set", cancellationToken);
        Console.WriteLine(
            $"Operator pid {process.Id} leads after {started.Elapsed.TotalSeconds:F1} s; resident {process.ResidentMiB:F0} MiB " +
            $"({Mib(process.ProcStatusMiB("RssAnon"))} anonymous, {Mib(process.ProcStatusMiB("RssFile"))} mapped files), " +
            $"peak so far {Mib(process.PeakResidentMiB)}");

        // Note: the operator is idle once the empty key sets exist, so from here the log holds the burst's calls only.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        emulator.Requests.Clear();
        var perTenant = options.Keys / tenants.Length;
        var keys = Enumerable.Range(0, perTenant * tenants.Length)
            .Select(i => (Name: $"key-{i:D4}", Tenant: tenants[i % tenants.Length])).ToArray();
        Console.WriteLine($"Creating {keys.Length:N0} ScimKeys across {tenants.Length} tenants in namespace {Namespace}, 32 in flight");

        var clock = Stopwatch.StartNew();
        var creating = Parallel.ForEachAsync(
            keys, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                var scimKey = KubernetesJson.Deserialize<ScimKey>(KubernetesJson.Serialize(keySample));
                scimKey.Metadata.Name = key.Name;
                scimKey.Spec.TenantRef.Name = key.Tenant;
                await CreateAsync(client, scimKey, ct);
            });
        TimeSpan? created = null, allReady = null, keySetsComplete = null;
        var peakRss = 0.0;
        while (allReady is null || keySetsComplete is null)
        {
            process.ThrowIfExited();
            if (clock.Elapsed > Deadline)
            {
                Console.WriteLine(
                    $"Gave up after {Deadline.TotalSeconds:F0} s: {await ReadyCountAsync(emulator):N0} keys Ready, key sets " +
                    $"{string.Join(", ", await KeySetSizesAsync(emulator, tenants))}\n{process.Output()}");
                return false;
            }

            if (created is null && creating.IsCompleted)
            {
                await creating;
                created = clock.Elapsed;
            }

            peakRss = Math.Max(peakRss, process.ResidentMiB);
            if (allReady is null && await ReadyCountAsync(emulator) == keys.Length)
            {
                allReady = clock.Elapsed;
            }

            if (keySetsComplete is null && (await KeySetSizesAsync(emulator, tenants)).All(n => n == perTenant))
            {
                keySetsComplete = clock.Elapsed;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        await creating;
        created ??= clock.Elapsed;
        var callsAtCompletion = OperatorCalls(emulator).Count;
        await Task.Delay(Settle, cancellationToken);
        var calls = OperatorCalls(emulator);
        var peak = process.PeakResidentMiB;
        var final = process.ResidentMiB;

        var done = allReady.Value > keySetsComplete.Value ? allReady.Value : keySetsComplete.Value;
        Console.WriteLine();
        Console.WriteLine($"Creates sent:               {created.Value.TotalSeconds,6:F2} s");
        Console.WriteLine($"All {keys.Length:N0} keys Ready:        {allReady.Value.TotalSeconds,6:F2} s after the first create");
        Console.WriteLine($"All key sets complete:      {keySetsComplete.Value.TotalSeconds,6:F2} s ({tenants.Length} x {perTenant} hashes)");
        Console.WriteLine(
            $"Operator API calls:         {calls.Count:N0} ({(double)calls.Count / keys.Length:F2} per key); " +
            $"{callsAtCompletion:N0} by completion, the rest in the {Settle.TotalSeconds:F0} s after");
        Console.WriteLine();
        Console.Write(Breakdown(calls, keys.Length));
        Console.WriteLine();
        Console.WriteLine(
            $"Operator memory:            peak {Mib(peak)} (VmHWM, whole run including start-up), " +
            $"largest sampled {peakRss:F1} MiB, final {final:F1} MiB " +
            $"({Mib(process.ProcStatusMiB("RssAnon"))} anonymous, {Mib(process.ProcStatusMiB("RssFile"))} mapped files)");
        Console.WriteLine();
        Goal("all keys Ready and key sets complete", done.TotalSeconds, GoalSeconds, $"{done.TotalSeconds:F2} s", "s");
        Goal("API calls per key", (double)calls.Count / keys.Length, GoalCallsPerKey, $"{(double)calls.Count / keys.Length:F2}", "");
        var peakMb = (peak ?? peakRss) * 1024 * 1024 / 1_000_000;
        Goal("operator peak RSS", peakMb, GoalPeakMb, $"{peakMb:F1} MB", "MB");
        return true;
    }

    private static void Goal(string what, double value, double goal, string shown, string unit) =>
        Console.WriteLine($"{(value <= goal ? "PASS" : "MISS")}  {what}: {shown} (goal <= {goal:G} {unit})".TrimEnd());

    private static string Mib(double? value) => value is { } v ? $"{v:F1} MiB" : "n/a";

    private static List<RequestEntry> OperatorCalls(KubernetesEmulator emulator) =>
        [.. emulator.Requests.Snapshot().Where(r => !r.UserAgent.StartsWith(BenchAgent, StringComparison.Ordinal))];

    private static string Breakdown(IReadOnlyList<RequestEntry> calls, int keys) =>
        ResultTable.Align(
            ["verb resource", "calls", "per key", "non-2xx"],
            calls.GroupBy(c => $"{c.Verb} {c.Resource}{(c.Subresource.Length > 0 ? "/" + c.Subresource : "")}")
                .OrderByDescending(g => g.Count())
                .Select(g => new[]
                {
                    g.Key,
                    ResultTable.Number(g.Count(), "N0"),
                    ResultTable.Number((double)g.Count() / keys, "F2"),
                    string.Join(" ", g.Where(c => c.StatusCode is < 200 or >= 300).GroupBy(c => c.StatusCode)
                        .OrderBy(s => s.Key).Select(s => $"{s.Count()}x{s.Key}")) is { Length: > 0 } failed ? failed : "0",
                }));

    private static async Task<int> ReadyCountAsync(KubernetesEmulator emulator) =>
        (await emulator.ListAsync(ApiGroup.ApiVersion, "scimkeys", Namespace)).Count(key =>
            key["status"]?["conditions"]?.AsArray().Any(c =>
                c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True" &&
                c["observedGeneration"]?.ToJsonString() == key["metadata"]?["generation"]?.ToJsonString()) == true);

    /// <summary>How many token hashes each tenant's key set holds; -1 while it does not exist.</summary>
    private static async Task<int[]> KeySetSizesAsync(KubernetesEmulator emulator, IEnumerable<string> tenants)
    {
        var sizes = new List<int>();
        foreach (var tenant in tenants)
        {
            var secret = await emulator.GetAsync("v1", "secrets", Namespace, tenant + "-scim-keyset");
            var data = secret?["data"]?[KeySetDocument.DataKey]?.GetValue<string>();
            sizes.Add(data is null ? -1 : KeySetDocument.ReadIds(Convert.FromBase64String(data))?.Count ?? -1);
        }

        return [.. sizes];
    }

    private static async Task<string?> LeaderAsync(KubernetesEmulator emulator) =>
        (await emulator.GetAsync("coordination.k8s.io/v1", "leases", LeaseNamespace, "scim-operator-leader"))
            ?["spec"]?["holderIdentity"]?.GetValue<string>();

    private static async Task WaitAsync(ChildProcess process, Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            process.ThrowIfExited();
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Timed out waiting for {what}:\n{process.Output()}");
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private static async Task InstallCrdsAsync(Kubernetes client, KubernetesEmulator emulator, CancellationToken ct)
    {
        var crds = Directory.GetFiles(RepoPath("config", "crds"), "*.yaml");
        foreach (var file in crds)
        {
            var crd = await KubernetesYaml.LoadFromFileAsync<V1CustomResourceDefinition>(file);
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct);
        }

        var deadline = Stopwatch.StartNew();
        while ((await emulator.ListAsync("apiextensions.k8s.io/v1", "customresourcedefinitions")).Count(crd =>
                   crd["status"]?["conditions"]?.AsArray().Any(c =>
                       c?["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True") == true)
               < crds.Length)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The CRDs were not Established within 30 s.");
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>The objects of config/samples under a new name, in the bench's namespace.</summary>
    private static async Task<T> SampleAsync<T>(string file, string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var sample = await KubernetesYaml.LoadFromFileAsync<T>(RepoPath("config", "samples", file));
        sample.Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace };
        return sample;
    }

    private static Task<object> CreateAsync<T>(Kubernetes client, T obj, CancellationToken ct)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var entity = (KubernetesEntityAttribute)Attribute.GetCustomAttribute(typeof(T), typeof(KubernetesEntityAttribute))!;
        return client.CustomObjects.CreateNamespacedCustomObjectAsync(
            obj, entity.Group, entity.ApiVersion, obj.Metadata.NamespaceProperty, entity.PluralName, cancellationToken: ct);
    }

    private static string RepoPath(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ScimOperator.sln")))
            {
                return Path.Combine([directory.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("ScimOperator.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Marks the bench's own requests, so the log can tell them from the operator's.</summary>
    private sealed class UserAgentHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.UserAgent.Clear();
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue(BenchAgent, "1.0"));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
