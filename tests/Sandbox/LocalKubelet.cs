using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Sandbox;

/// <summary>
/// Plays the kubelet (and the Deployment controller) for one image: the SCIM endpoint. For every Deployment labelled
/// <c>app.kubernetes.io/name=scim-endpoint</c>, it starts one endpoint process per replica with exactly the
/// environment the Pod would get (env values, <c>envFrom</c> ConfigMaps and Secrets, <c>secretKeyRef</c>,
/// <c>configMapKeyRef</c>, the downward-API namespace and name) and Secret volumes written to a folder of its own,
/// then sets the Deployment's status once the processes answer <c>/readyz</c>. What a cluster would provide
/// differently is overridden: the listen address and ports (free loopback ports), the kubeconfig (no in-cluster
/// service account), and the namespace file. A changed pod template restarts the processes, like a rollout; a
/// deleted Deployment stops them. It polls every half second, which is plenty for a sandbox.
/// </summary>
internal sealed class LocalKubelet : IAsyncDisposable
{
    public const string Selector = "app.kubernetes.io/name=scim-endpoint";
    private readonly IKubernetes _client;
    private readonly string _kubeconfig;
    private readonly string _endpointDll;
    private readonly string _directory;
    private readonly Dictionary<string, RunningPods> _pods = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task? _loop;
    private string? _firstPortOwner;

    private readonly int _firstPort;

    /// <param name="client">The API client the kubelet reads Deployments, ConfigMaps and Secrets with.</param>
    /// <param name="kubeconfig">The kubeconfig the endpoints get (they have no in-cluster service account).</param>
    /// <param name="endpointDll">The endpoint's built <c>ScimEndpoint.dll</c>.</param>
    /// <param name="directory">Where logs and Secret volumes go.</param>
    /// <param name="firstPort">The SCIM port of the first replica of the first Deployment; 0 picks a free one.</param>
    public LocalKubelet(IKubernetes client, string kubeconfig, string endpointDll, string directory, int firstPort = 0)
    {
        _firstPort = firstPort;
        _client = client;
        _kubeconfig = kubeconfig;
        _endpointDll = endpointDll;
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>The SCIM base URL (with <c>/scim/v2</c>) of the first running replica of a Deployment, or null.</summary>
    public Uri? ScimBaseUri(string @namespace, string deployment)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(@namespace + "/" + deployment, out var pods) && pods.Processes.Count > 0
                ? new Uri($"http://127.0.0.1:{pods.Processes[0].Port}/scim/v2")
                : null;
        }
    }

    /// <summary>Where each process writes its output: <c>&lt;directory&gt;/&lt;ns&gt;_&lt;deployment&gt;-&lt;n&gt;.log</c>.</summary>
    public string LogDirectory => _directory;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
            {
                Console.Error.WriteLine($"local kubelet: {e.GetType().Name}: {e.Message}");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SyncAsync(CancellationToken ct)
    {
        var deployments = await _client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: Selector, cancellationToken: ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deployment in deployments.Items)
        {
            var id = deployment.Metadata.NamespaceProperty + "/" + deployment.Metadata.Name;
            seen.Add(id);
            var environment = await ResolveEnvironmentAsync(deployment, ct);
            var replicas = deployment.Spec.Replicas ?? 1;
            // A new generation (image, resources, any pod template change) is a rollout even when the environment is the same.
            var hash = Hash(environment, replicas) + "/" + deployment.Metadata.Generation;
            RunningPods? current;
            lock (_lock)
            {
                _pods.TryGetValue(id, out current);
            }

            if (current is null || current.Hash != hash || current.Processes.Any(p => p.Process.HasExited))
            {
                current?.Stop();
                var started = new RunningPods(hash, [.. Enumerable.Range(0, replicas).Select(i => StartPod(deployment, environment, i))]);
                lock (_lock)
                {
                    _pods[id] = started;
                }

                current = started;
            }

            if (!current.Reported && await AllReadyAsync(current, ct))
            {
                await ReportAvailableAsync(deployment, replicas, ct);
                current.Reported = true;
            }
        }

        List<string> gone;
        lock (_lock)
        {
            gone = [.. _pods.Keys.Where(k => !seen.Contains(k))];
        }

        foreach (var id in gone)
        {
            lock (_lock)
            {
                _pods[id].Stop();
                _pods.Remove(id);
            }
        }
    }

    private async Task<Dictionary<string, string>> ResolveEnvironmentAsync(V1Deployment deployment, CancellationToken ct)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var pod = deployment.Spec.Template.Spec;
        var container = pod.Containers[0];
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var prefix = source.Prefix ?? "";
            if (source.ConfigMapRef is { } configMapRef)
            {
                var map = await _client.CoreV1.ReadNamespacedConfigMapAsync(configMapRef.Name, ns, cancellationToken: ct);
                foreach (var (k, v) in map.Data ?? new Dictionary<string, string>())
                {
                    env[prefix + k] = v;
                }
            }

            if (source.SecretRef is { } secretRef)
            {
                var secret = await _client.CoreV1.ReadNamespacedSecretAsync(secretRef.Name, ns, cancellationToken: ct);
                foreach (var (k, v) in secret.Data ?? new Dictionary<string, byte[]>())
                {
                    env[prefix + k] = Encoding.UTF8.GetString(v);
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.Value is not null)
            {
                env[variable.Name] = variable.Value;
            }
            else if (variable.ValueFrom?.SecretKeyRef is { } secretKey)
            {
                var secret = await _client.CoreV1.ReadNamespacedSecretAsync(secretKey.Name, ns, cancellationToken: ct);
                env[variable.Name] = Encoding.UTF8.GetString(secret.Data[secretKey.Key]);
            }
            else if (variable.ValueFrom?.ConfigMapKeyRef is { } mapKey)
            {
                var map = await _client.CoreV1.ReadNamespacedConfigMapAsync(mapKey.Name, ns, cancellationToken: ct);
                env[variable.Name] = map.Data[mapKey.Key];
            }
            else if (variable.ValueFrom?.FieldRef is { } field)
            {
                env[variable.Name] = field.FieldPath switch
                {
                    "metadata.namespace" => ns,
                    "metadata.name" => deployment.Metadata.Name + "-local",
                    _ => "",
                };
            }
        }

        // Secret volumes: written under the kubelet's folder; paths in the environment are rewritten to them.
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Volumes?.FirstOrDefault(v => v.Name == mount.Name);
            if (volume?.Secret is not { } secretVolume)
            {
                continue;
            }

            var folder = Path.Combine(_directory, "volumes", ns, deployment.Metadata.Name, mount.Name);
            Directory.CreateDirectory(folder);
            var secret = await _client.CoreV1.ReadNamespacedSecretAsync(secretVolume.SecretName, ns, cancellationToken: ct);
            foreach (var (k, v) in secret.Data ?? new Dictionary<string, byte[]>())
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, k), v, ct);
            }

            foreach (var key in env.Keys.ToList())
            {
                env[key] = env[key].Replace(mount.MountPath, folder, StringComparison.Ordinal);
            }
        }

        // What a cluster would give differently.
        env["Scim__ListenAddress"] = "127.0.0.1";
        env["Scim__Kubeconfig"] = _kubeconfig;
        env.TryAdd("Scim__KeySetSecretNamespace", ns);
        env.TryAdd("Scim__Status__Namespace", ns);
        return env;
    }

    private LocalPod StartPod(V1Deployment deployment, Dictionary<string, string> environment, int index)
    {
        var port = index == 0 && _firstPort != 0 && OwnsFirstPort(deployment) ? _firstPort : FreePort();
        var management = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(_endpointDll);
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        start.Environment["Scim__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Scim__ManagementPort"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(_directory,
            $"{deployment.Metadata.NamespaceProperty}_{deployment.Metadata.Name}-{index}.log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LocalPod(process, port, management, log);
    }

    /// <summary>The fixed first port belongs to the first Deployment seen, across its restarts.</summary>
    private bool OwnsFirstPort(V1Deployment deployment)
    {
        var id = deployment.Metadata.NamespaceProperty + "/" + deployment.Metadata.Name;
        _firstPortOwner ??= id;
        return _firstPortOwner == id;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The pod stopped.
            }
        }
    }

    private static async Task<bool> AllReadyAsync(RunningPods pods, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var pod in pods.Processes)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{pod.ManagementPort}/readyz"), ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    private async Task ReportAvailableAsync(V1Deployment deployment, int replicas, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var status = new
        {
            status = new
            {
                observedGeneration = deployment.Metadata.Generation,
                replicas,
                updatedReplicas = replicas,
                readyReplicas = replicas,
                availableReplicas = replicas,
                conditions = new[]
                {
                    new { type = "Available", status = "True", reason = "MinimumReplicasAvailable", message = "local kubelet", lastUpdateTime = now, lastTransitionTime = now },
                    new { type = "Progressing", status = "True", reason = "NewReplicaSetAvailable", message = "local kubelet", lastUpdateTime = now, lastTransitionTime = now },
                },
            },
        };
        await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch),
            deployment.Metadata.Name, deployment.Metadata.NamespaceProperty, cancellationToken: ct);
    }

    private static string Hash(Dictionary<string, string> environment, int replicas)
    {
        var text = string.Join("\n", environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value)) + "\n" + replicas;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        lock (_lock)
        {
            foreach (var pods in _pods.Values)
            {
                pods.Stop();
            }

            _pods.Clear();
        }

        _stop.Dispose();
    }

    private sealed class RunningPods(string hash, List<LocalPod> processes)
    {
        public string Hash { get; } = hash;

        public List<LocalPod> Processes { get; } = processes;

        public bool Reported { get; set; }

        public void Stop()
        {
            foreach (var pod in Processes)
            {
                pod.Stop();
            }
        }
    }

    private sealed record LocalPod(Process Process, int Port, int ManagementPort, StreamWriter Log)
    {
        public void Stop()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            Process.Dispose();
            lock (Log)
            {
                Log.Dispose();
            }
        }
    }
}
