using System.Text;
using Emulators.Zitadel;
using Emulators.Zitadel.Hosting;
using k8s;
using k8s.Models;
using Operator;
using Operator.Api;
using Operator.Controllers;
using ApiEmulator = Emulators.Kubernetes.KubernetesEmulator;

namespace Sandbox;

/// <summary>
/// The whole system on one machine with no cluster and no ZITADEL: the Kubernetes API emulator, the ZITADEL emulator
/// (seeded with a demo organisation, project and Entra IDP), the operator, and the <see cref="LocalKubelet"/> that
/// runs the endpoints the operator deploys. <see cref="StartOnClusterAsync"/> runs the same on a real API server
/// instead of the emulator. <see cref="ApplySamplesAsync"/> applies config/samples, pointed at the emulated
/// ZITADEL, and waits until the tenant and the key are Ready. <c>make demo</c> runs it; the end-to-end tests use it
/// in-process.
/// </summary>
internal sealed class SandboxSystem : IAsyncDisposable
{
    public const string Namespace = "default";
    private readonly OperatorHost _operator;

    private SandboxSystem(string directory, ZitadelEmulator zitadel, DemoTenant demo, ApiEmulator? kubernetes,
        string kubeconfig, IKubernetes client, OperatorHost @operator, LocalKubelet kubelet)
    {
        Directory = directory;
        Zitadel = zitadel;
        Demo = demo;
        Kubernetes = kubernetes;
        Kubeconfig = kubeconfig;
        Client = client;
        _operator = @operator;
        Kubelet = kubelet;
    }

    public string Directory { get; }

    public ZitadelEmulator Zitadel { get; }

    public DemoTenant Demo { get; }

    /// <summary>The Kubernetes API emulator, or null when the system runs on a real API server.</summary>
    public ApiEmulator? Kubernetes { get; }

    public string Kubeconfig { get; }

    public IKubernetes Client { get; }

    public LocalKubelet Kubelet { get; }

    /// <summary>Where the in-process operator serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
    public Uri OperatorManagementAddress =>
        _operator.ManagementAddress ?? throw new InvalidOperationException("The operator has not started.");

    /// <summary>Starts everything; <paramref name="zitadelPort"/> 0 picks a free port.</summary>
    /// <param name="directory">Where the kubeconfig, logs and pod volumes go.</param>
    /// <param name="zitadelPort">The ZITADEL emulator's port; 0 picks a free one.</param>
    /// <param name="kubernetesPort">The Kubernetes API emulator's port; 0 picks a free one.</param>
    /// <param name="scimPort">The loopback port of the first endpoint replica; 0 picks a free one.</param>
    public static async Task<SandboxSystem> StartAsync(string directory, int zitadelPort = 0, int kubernetesPort = 0, int scimPort = 0)
    {
        System.IO.Directory.CreateDirectory(directory);
        var kubernetes = await ApiEmulator.StartAsync(new Emulators.Kubernetes.KubernetesEmulatorOptions { Port = kubernetesPort });
        var kubeconfig = kubernetes.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        return await StartAsync(directory, kubernetes, kubeconfig, kubernetes.CreateClient(), zitadelPort, scimPort);
    }

    /// <summary>
    /// Starts the ZITADEL emulator, the operator and the local kubelet against an API server that already runs (k3s
    /// in the end-to-end suite) instead of the Kubernetes API emulator; installs the CRDs there.
    /// </summary>
    /// <param name="directory">Where logs and pod volumes go.</param>
    /// <param name="kubeconfig">The API server's kubeconfig, with cluster-admin rights.</param>
    public static async Task<SandboxSystem> StartOnClusterAsync(string directory, string kubeconfig)
    {
        System.IO.Directory.CreateDirectory(directory);
        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // A real cluster has it already.
        }

        return await StartAsync(directory, null, kubeconfig, client, zitadelPort: 0, scimPort: 0);
    }

    private static async Task<SandboxSystem> StartAsync(string directory, ApiEmulator? kubernetes, string kubeconfig,
        IKubernetes client, int zitadelPort, int scimPort)
    {
        var zitadel = await ZitadelEmulator.StartAsync(new ZitadelEmulatorOptions { Port = zitadelPort });
        var demo = DemoTenant.Seed(zitadel);
        foreach (var file in System.IO.Directory.GetFiles(RepoPath("config", "crds"), "*.yaml"))
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
                await KubernetesYaml.LoadFromFileAsync<V1CustomResourceDefinition>(file));
        }

        await WaitAsync(async () => (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items
            .Count(c => c.Spec.Group == ApiGroup.Name
                && c.Status?.Conditions?.Any(x => x.Type == "Established" && x.Status == "True") == true) >= 2,
            "the CRDs to be established");

        var @operator = OperatorApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Operator:Kubeconfig=" + kubeconfig,
            "--Operator:LeaderElection:Namespace=" + Namespace,
            "--Operator:Scim:ZitadelResyncInterval=00:00:10",
            "--Logging:LogLevel:Default=Warning",
        ], builder => builder.Services.AddScimControllers(builder.Configuration));
        await @operator.StartAsync();
        var kubelet = new LocalKubelet(client, kubeconfig, typeof(ScimEndpoint.ScimApp).Assembly.Location,
            Path.Combine(directory, "pods"), scimPort);
        kubelet.Start();
        return new SandboxSystem(directory, zitadel, demo, kubernetes, kubeconfig, client, @operator, kubelet);
    }

    /// <summary>
    /// Applies config/samples with the tenant pointed at the emulated ZITADEL (its URL, the demo organisation,
    /// project and IDP) and the operator's ZITADEL credential in the Secret the sample names; waits for Ready.
    /// </summary>
    public async Task<(ScimTenant Tenant, ScimKey Key)> ApplySamplesAsync(string? publicBaseUrl = null) =>
        await ApplyAsync((await SampleObjects.LoadAsync(RepoPath("config", "samples"))).PointedAt(Zitadel.BaseUri, Demo, publicBaseUrl));

    /// <summary>
    /// Creates the credential Secret (holding the emulator's admin PAT), the tenant and the key of
    /// <paramref name="samples"/> in <see cref="Namespace"/>; waits until both are Ready.
    /// </summary>
    public async Task<(ScimTenant Tenant, ScimKey Key)> ApplyAsync(SampleObjects samples)
    {
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = samples.CredentialsSecretName },
            Data = new Dictionary<string, byte[]>
            {
                [samples.CredentialsSecretKey] = Encoding.UTF8.GetBytes(Zitadel.AdminPat),
            },
        }, Namespace);
        await CreateAsync(samples.Tenant, "scimtenants");
        await CreateAsync(samples.Key, "scimkeys");
        var readyTenant = await WaitForReadyAsync<ScimTenant>(samples.Tenant.Metadata.Name, "scimtenants");
        var readyKey = await WaitForReadyAsync<ScimKey>(samples.Key.Metadata.Name, "scimkeys");
        return (readyTenant, readyKey);
    }

    public async Task<string> ReadSecretAsync(string name, string dataKey)
    {
        var secret = await Client.CoreV1.ReadNamespacedSecretAsync(name, Namespace);
        return Encoding.UTF8.GetString(secret.Data[dataKey]);
    }

    private async Task CreateAsync<T>(T obj, string plural)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        obj.Metadata.NamespaceProperty = Namespace;
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(obj, ApiGroup.Name, ApiGroup.Version, Namespace, plural);
    }

    private async Task<T> WaitForReadyAsync<T>(string name, string plural)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        string last = "absent";
        await WaitAsync(async () =>
        {
            last = KubernetesJson.Serialize(
                await Client.CustomObjects.GetNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, Namespace, plural, name));
            return KubernetesJson.Deserialize<ReadyProbe>(last).Status?.Conditions?
                .Any(c => c.Type == "Ready" && c.Status == "True") == true;
        }, $"{plural}/{name} to be Ready", () => last);
        return KubernetesJson.Deserialize<T>(last);
    }

    private sealed class ReadyProbe
    {
        public ReadyStatus? Status { get; set; }
    }

    private sealed class ReadyStatus
    {
        public IList<V1Condition>? Conditions { get; set; }
    }

    public static async Task WaitAsync(Func<Task<bool>> check, string what, Func<string>? describe = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await check())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}. Last seen: {describe?.Invoke() ?? "-"}");
            }

            await Task.Delay(100);
        }
    }

    public static string RepoPath(params string[] parts)
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

    public async ValueTask DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        await _operator.StopAsync();
        await _operator.DisposeAsync();
        Client.Dispose();
        if (Kubernetes is not null)
        {
            await Kubernetes.DisposeAsync();
        }

        await Zitadel.DisposeAsync();
    }
}
