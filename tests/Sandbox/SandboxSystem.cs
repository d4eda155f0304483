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
/// runs the endpoints the operator deploys. <see cref="ApplySamplesAsync"/> applies config/samples, pointed at the
/// emulated ZITADEL, and waits until the tenant and the key are Ready. <c>make demo</c> runs it; the end-to-end test
/// uses it in-process.
/// </summary>
internal sealed class SandboxSystem : IAsyncDisposable
{
    public const string Namespace = "default";
    private readonly OperatorHost _operator;

    private SandboxSystem(string directory, ZitadelEmulator zitadel, DemoTenant demo, ApiEmulator kubernetes,
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

    public ApiEmulator Kubernetes { get; }

    public string Kubeconfig { get; }

    public IKubernetes Client { get; }

    public LocalKubelet Kubelet { get; }

    /// <summary>Starts everything; <paramref name="zitadelPort"/> 0 picks a free port.</summary>
    /// <param name="directory">Where the kubeconfig, logs and pod volumes go.</param>
    /// <param name="zitadelPort">The ZITADEL emulator's port; 0 picks a free one.</param>
    /// <param name="kubernetesPort">The Kubernetes API emulator's port; 0 picks a free one.</param>
    /// <param name="scimPort">The loopback port of the first endpoint replica; 0 picks a free one.</param>
    public static async Task<SandboxSystem> StartAsync(string directory, int zitadelPort = 0, int kubernetesPort = 0, int scimPort = 0)
    {
        System.IO.Directory.CreateDirectory(directory);
        var zitadel = await ZitadelEmulator.StartAsync(new ZitadelEmulatorOptions { Port = zitadelPort });
        var demo = DemoTenant.Seed(zitadel);
        var kubernetes = await ApiEmulator.StartAsync(new Emulators.Kubernetes.KubernetesEmulatorOptions { Port = kubernetesPort });
        var kubeconfig = kubernetes.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        var client = kubernetes.CreateClient();
        foreach (var file in System.IO.Directory.GetFiles(RepoPath("config", "crds"), "*.yaml"))
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
                await KubernetesYaml.LoadFromFileAsync<V1CustomResourceDefinition>(file));
        }

        await WaitAsync(async () => (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items
            .Count(c => c.Status?.Conditions?.Any(x => x.Type == "Established" && x.Status == "True") == true) >= 2,
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
    public async Task<(ScimTenant Tenant, ScimKey Key)> ApplySamplesAsync(string? publicBaseUrl = null)
    {
        var typeMap = new Dictionary<string, Type>
        {
            [$"{ApiGroup.ApiVersion}/{ScimTenant.KindName}"] = typeof(ScimTenant),
            [$"{ApiGroup.ApiVersion}/{ScimKey.KindName}"] = typeof(ScimKey),
        };
        var objects = new List<object>();
        foreach (var file in System.IO.Directory.GetFiles(RepoPath("config", "samples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            objects.AddRange(await KubernetesYaml.LoadAllFromFileAsync(file, typeMap));
        }

        var tenant = objects.OfType<ScimTenant>().Single();
        var key = objects.OfType<ScimKey>().Single();
        tenant.Spec.Zitadel.Url = Zitadel.BaseUri.ToString().TrimEnd('/');
        tenant.Spec.Zitadel.Organization = new ZitadelObjectRef { Id = Demo.OrganizationId };
        tenant.Spec.Zitadel.Project = new ZitadelObjectRef { Id = Demo.ProjectId };
        tenant.Spec.Zitadel.IdpId = Demo.IdpId;
        tenant.Spec.Endpoint ??= new EndpointSpec();
        tenant.Spec.Endpoint.PublicBaseUrl = publicBaseUrl;

        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = tenant.Spec.Zitadel.CredentialsSecretRef.Name },
            Data = new Dictionary<string, byte[]>
            {
                [tenant.Spec.Zitadel.CredentialsSecretRef.Key ?? "token"] = Encoding.UTF8.GetBytes(Zitadel.AdminPat),
            },
        }, Namespace);
        await CreateAsync(tenant, "scimtenants");
        await CreateAsync(key, "scimkeys");
        var readyTenant = await WaitForReadyAsync<ScimTenant>(tenant.Metadata.Name, "scimtenants");
        var readyKey = await WaitForReadyAsync<ScimKey>(key.Metadata.Name, "scimkeys");
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
        await Kubernetes.DisposeAsync();
        await Zitadel.DisposeAsync();
    }
}
