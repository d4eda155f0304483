using System.Text;
using Emulators.Kubernetes;
using ApiEmulator = Emulators.Kubernetes.KubernetesEmulator;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Operator.Api;
using Operator.Controllers;

namespace Operator.IntegrationTests;

/// <summary>
/// The Kubernetes API emulator with the project's CRDs installed, and operators started against it the way the real
/// binary starts (OperatorApp with the SCIM controllers), each with its own kubeconfig-built client.
/// </summary>
internal sealed class OperatorCluster : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory;

    /// <summary>Set to a kubeconfig path to run the suite against a real cluster (see <see cref="ClusterFactAttribute"/>).</summary>
    public const string RealClusterVariable = "SCIMOP_E2E_KUBECONFIG";

    private OperatorCluster(ApiEmulator? api, string directory, string kubeconfig)
    {
        Emulator = api;
        _directory = directory;
        Kubeconfig = kubeconfig;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        Namespace = "scimop-it-" + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>The emulator, or null on a real cluster.</summary>
    public ApiEmulator? Emulator { get; }

    /// <summary>The emulator; fails the test on a real cluster (fault injection exists only in the emulator).</summary>
    public ApiEmulator Api => Emulator ?? throw new InvalidOperationException("This test needs the emulator.");

    /// <summary>A namespace of this test's own, so tests never see each other's objects, even on one real cluster.</summary>
    public string Namespace { get; }

    public string Kubeconfig { get; }

    public IKubernetes Client { get; }

    /// <summary>A fresh emulator with the CRDs installed.</summary>
    public static async Task<OperatorCluster> StartAsync(KubernetesEmulatorOptions? options = null, bool installCrds = true)
    {
        var directory = Directory.CreateTempSubdirectory("scimop-it-").FullName;
        var api = await ApiEmulator.StartAsync(options);
        var cluster = new OperatorCluster(api, directory, api.WriteKubeconfig(Path.Combine(directory, "kubeconfig")));
        return installCrds ? await InitializeAsync(cluster) : cluster;
    }

    /// <summary>The real cluster <see cref="RealClusterVariable"/> names, with the CRDs applied.</summary>
    public static async Task<OperatorCluster> StartRealAsync()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(RealClusterVariable)
            ?? throw new InvalidOperationException(RealClusterVariable + " is not set");
        return await InitializeAsync(new OperatorCluster(null, Directory.CreateTempSubdirectory("scimop-it-").FullName, kubeconfig));
    }

    private static async Task<OperatorCluster> InitializeAsync(OperatorCluster cluster)
    {
        foreach (var file in Directory.GetFiles(RepoPath("config", "crds"), "*.yaml"))
        {
            var crd = await KubernetesYaml.LoadFromFileAsync<V1CustomResourceDefinition>(file);
            try
            {
                await cluster.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                var live = await cluster.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name);
                crd.Metadata.ResourceVersion = live.Metadata.ResourceVersion;
                await cluster.Client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crd.Metadata.Name);
            }
        }

        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = cluster.Namespace } });

        await EventuallyAsync(async () =>
        {
            var crds = await cluster.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync();
            return crds.Items.Count(c => c.Status?.Conditions?.Any(x => x.Type == "Established" && x.Status == "True") == true) >= 2;
        }, "CRDs established");
        return cluster;
    }

    /// <summary>
    /// Starts an operator replica; <paramref name="time"/> replaces its clock, <paramref name="services"/> adds
    /// services after the operator's own (e.g. a fake tenant step).
    /// </summary>
    public async Task<RunningOperator> StartOperatorAsync(
        TimeProvider? time = null, string identity = "operator-0", IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Operator:Kubeconfig=" + Kubeconfig,
            "--Operator:LeaderElection:Namespace=" + Namespace,
            "--Operator:Namespaces:0=" + Namespace,
            "--Operator:LeaderElection:Identity=" + identity,
            "--Operator:LeaderElection:LeaseDuration=00:00:04",
            "--Operator:LeaderElection:RenewDeadline=00:00:03",
            "--Operator:LeaderElection:RetryPeriod=00:00:00.500",
            "--Operator:Informer:MinBackoff=00:00:00.050",
            "--Operator:Informer:MaxBackoff=00:00:01",
        };
        args.AddRange((settings ?? new Dictionary<string, string?>()).Select(s => $"--{s.Key}={s.Value}"));
        var app = OperatorApp.Build([.. args], builder =>
        {
            builder.Services.AddScimControllers(builder.Configuration);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            services?.Invoke(builder.Services);
        });
        await app.StartAsync().WaitAsync(Timeout);
        return new RunningOperator(app, app.ManagementAddress!);
    }

    /// <summary>A valid tenant; <paramref name="baseUrl"/> null leaves <c>spec.endpoint.publicBaseUrl</c> unset.</summary>
    public Task<ScimTenant> CreateTenantAsync(string name, string? baseUrl = "https://scim.example.test") =>
        CreateAsync(new ScimTenant
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new ScimTenantSpec
            {
                Zitadel = new ZitadelTarget
                {
                    Url = "https://zitadel.example.test",
                    Organization = new ZitadelObjectRef { Name = "org" },
                    Project = new ZitadelObjectRef { Name = "project" },
                    CredentialsSecretRef = new SecretKeyRef { Name = "zitadel-credentials" },
                },
                Endpoint = new EndpointSpec { PublicBaseUrl = baseUrl },
            },
        });

    public Task<ScimKey> CreateKeyAsync(string name, string tenant, Action<ScimKeySpec>? configure = null)
    {
        var key = new ScimKey
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new ScimKeySpec { TenantRef = new LocalObjectReference { Name = tenant } },
        };
        configure?.Invoke(key.Spec);
        return CreateAsync(key);
    }

    public async Task<T> CreateAsync<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (group, version, plural) = Gvp<T>();
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync(obj, group, version,
            obj.Metadata.NamespaceProperty, plural);
        return KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(created));
    }

    public async Task<T?> GetAsync<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (group, version, plural) = Gvp<T>();
        try
        {
            var obj = await Client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, Namespace, plural, name);
            return KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PatchSpecAsync<T>(string name, object spec)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (group, version, plural) = Gvp<T>();
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new { spec }, V1Patch.PatchType.MergePatch), group, version, Namespace, plural, name);
    }

    public async Task DeleteAsync<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (group, version, plural) = Gvp<T>();
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(group, version, Namespace, plural, name);
    }

    public async Task<V1Secret?> GetSecretAsync(string name)
    {
        try
        {
            return await Client.CoreV1.ReadNamespacedSecretAsync(name, Namespace);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static string Text(V1Secret secret, string key) => Encoding.UTF8.GetString(secret.Data[key]);

    /// <summary>Waits until the key's Ready condition has <paramref name="status"/> (and <paramref name="reason"/>).</summary>
    public Task<ScimKey> WaitForKeyAsync(string name, string status, string? reason = null) =>
        WaitForAsync<ScimKey>(name, k => k.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == status &&
            (reason is null || c.Reason == reason) && c.ObservedGeneration == k.Metadata.Generation) == true,
            $"ScimKey {name} Ready={status} {reason}");

    public async Task<T> WaitForAsync<T>(string name, Func<T, bool> condition, string what)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        T? last = null;
        await EventuallyAsync(async () =>
        {
            last = await GetAsync<T>(name);
            return last is not null && condition(last);
        }, what, () => last is null ? "absent" : KubernetesJson.Serialize(last));
        return last!;
    }

    public static async Task EventuallyAsync(Func<Task<bool>> check, string what, Func<string>? describe = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            if (await check())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}. Last seen: {describe?.Invoke() ?? "-"}");
            }

            await Task.Delay(50);
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

        throw new InvalidOperationException("ScimOperator.sln not found");
    }

    private static (string Group, string Version, string Plural) Gvp<T>()
    {
        var attribute = (KubernetesEntityAttribute)Attribute.GetCustomAttribute(typeof(T), typeof(KubernetesEntityAttribute))!;
        return (attribute.Group, attribute.ApiVersion, attribute.PluralName);
    }

    public async ValueTask DisposeAsync()
    {
        if (Emulator is null)
        {
            try
            {
                await Client.CoreV1.DeleteNamespaceAsync(Namespace);
            }
            catch (HttpOperationException)
            {
                // Best effort on a real cluster.
            }
        }

        Client.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>One operator replica started by <see cref="OperatorCluster.StartOperatorAsync"/>.</summary>
internal sealed class RunningOperator(OperatorHost app, Uri management) : IAsyncDisposable
{
    public OperatorHost App { get; } = app;

    public Uri Management { get; } = management;

    public async Task StopAsync() => await App.StopAsync().WaitAsync(OperatorCluster.Timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync().WaitAsync(OperatorCluster.Timeout);
        }
        catch (ObjectDisposedException)
        {
            // Already stopped and disposed.
        }

        await App.DisposeAsync();
    }
}
