using System.Text.Json;
using System.Text.Json.Nodes;
using Emulators.Kubernetes;
using k8s;
using k8s.Models;
using Operator.Tests;

namespace ScimEndpoint.IntegrationTests.Status;

/// <summary>
/// The Kubernetes API emulator with the project's CRDs (config/crds), one ScimTenant and one ScimKey whose statuses
/// carry what the operator would have written.
/// </summary>
internal sealed class StatusCluster : IAsyncDisposable
{
    public const string Group = "scim.operator.dev";
    public const string Version = "v1alpha1";
    public const string Namespace = "default";
    public const string TenantName = "acme";
    public const string KeyName = "acme-entra";

    /// <summary>The bearer token of <see cref="KeyName"/> in the endpoints' key set.</summary>
    public const string Token = "scimop_status-test-token_0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>More than the 10 s interval plus the 2 s of jitter: one reporter pass, never two.</summary>
    public static readonly TimeSpan OneInterval = TimeSpan.FromSeconds(12.5);

    /// <summary>Writes a key set accepting <see cref="Token"/> for <see cref="KeyName"/> into <paramref name="directory"/>.</summary>
    public static async Task<string> WriteKeySetAsync(string directory)
    {
        var keySetPath = Path.Combine(directory, "keys.json");
        await File.WriteAllTextAsync(keySetPath, Infrastructure.ScimServer.KeySetJson(new Infrastructure.ScimServer.Key(KeyName + ".0001", Token)));
        return keySetPath;
    }

    /// <summary>An endpoint reporting to this cluster's tenant, with the key-set file at <paramref name="keySetPath"/>.</summary>
    public Dictionary<string, string?> EndpointSettings(string keySetPath) => new()
    {
        ["Scim:KeySetPath"] = keySetPath,
        ["Scim:Store"] = "InMemory",
        ["Scim:Kubeconfig"] = Kubeconfig,
        ["Scim:Status:TenantName"] = TenantName,
        ["Scim:Status:Namespace"] = Namespace,
    };

    private readonly string _directory;

    private StatusCluster(KubernetesEmulator emulator, string directory)
    {
        Emulator = emulator;
        _directory = directory;
        Client = emulator.CreateClient();
        Kubeconfig = emulator.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
    }

    public KubernetesEmulator Emulator { get; }

    public IKubernetes Client { get; }

    public string Kubeconfig { get; }

    public static async Task<StatusCluster> StartAsync()
    {
        var cluster = new StatusCluster(
            await KubernetesEmulator.StartAsync(), Directory.CreateTempSubdirectory("scim-status-").FullName);
        await cluster.InstallCrdsAsync();
        await cluster.CreateAsync("scimtenants", TenantName, new JsonObject
        {
            ["zitadel"] = new JsonObject
            {
                ["url"] = "https://acme.zitadel.example",
                ["organization"] = new JsonObject { ["name"] = "acme" },
                ["project"] = new JsonObject { ["name"] = "acme-apps" },
                ["credentialsSecretRef"] = new JsonObject { ["name"] = "acme-zitadel-operator" },
            },
        }, "ScimTenant");
        await cluster.CreateAsync("scimkeys", KeyName, new JsonObject
        {
            ["tenantRef"] = new JsonObject { ["name"] = TenantName },
        }, "ScimKey");

        // What the operator writes: conditions, counts of users and groups, the key's own fields.
        await cluster.PatchStatusAsync("scimtenants", TenantName, """
            {"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Ready",
             "message":"ok","lastTransitionTime":"2026-03-01T09:00:00Z","observedGeneration":1}],
             "provisioning":{"users":42,"groups":7}}}
            """);
        await cluster.PatchStatusAsync("scimkeys", KeyName, """
            {"status":{"conditions":[{"type":"Ready","status":"True","reason":"Issued","message":"ok",
             "lastTransitionTime":"2026-03-01T09:00:00Z"}],"revision":1}}
            """);
        cluster.Emulator.Requests.Clear();
        return cluster;
    }

    public async Task<JsonObject> GetAsync(string plural, string name)
    {
        var element = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(
            Group, Version, Namespace, plural, name);
        return JsonNode.Parse(element.GetRawText())!.AsObject();
    }

    public Task DeleteAsync(string plural, string name) =>
        Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Namespace, plural, name);

    /// <summary>PATCHes of <c>/status</c> of <paramref name="plural"/> seen by the emulator since the last clear.</summary>
    public int StatusPatches(string plural, string name, int? statusCode = null) =>
        StatusRequests("patch", plural, name, statusCode);

    /// <summary>Requests of <paramref name="verb"/> (get, patch) on the status subresource.</summary>
    public int StatusRequests(string verb, string plural, string name, int? statusCode = null) =>
        Emulator.Requests.Snapshot().Count(r => r.Verb == verb && r.Subresource == "status" &&
            r.Resource == plural && r.Name == name && (statusCode is null || r.StatusCode == statusCode));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<object> PatchStatusAsync(string plural, string name, string mergePatch) =>
        Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), Group, Version, Namespace, plural, name);

    private Task<object> CreateAsync(string plural, string name, JsonObject spec, string kind) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonSerializer.Deserialize<JsonElement>(new JsonObject
            {
                ["apiVersion"] = Group + "/" + Version,
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
                ["spec"] = spec,
            }.ToJsonString()),
            Group, Version, Namespace, plural);

    private async Task InstallCrdsAsync()
    {
        foreach (var file in Directory.GetFiles(RepoFiles.Path("config", "crds"), "*.yaml"))
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(await RepoFiles.LoadCrdAsync(Path.GetFileName(file)));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var crds = await Client.ApiextensionsV1.ListCustomResourceDefinitionAsync();
            if (crds.Items.Count(c => c.Status?.Conditions?.Any(x => x.Type == "Established" && x.Status == "True") == true) >= 2)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The CRDs were not established in time.");
            }

            await Task.Delay(25);
        }
    }
}
