using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KubernetesEmulator.Tests;

/// <summary>The test CRD (Fixtures/widgets-crd.yaml) and helpers to install it and build widgets.</summary>
internal static class Widgets
{
    public const string Group = "example.com";
    public const string Version = "v1";
    public const string Plural = "widgets";

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static async Task InstallAsync(IKubernetes client)
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(FixturePath("widgets-crd.yaml")));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        await Eventually.TrueAsync(async () =>
        {
            var live = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
            return live.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, "the CRD becomes Established");
    }

    public static JsonObject New(string name, int size = 3, string ns = "default") => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["size"] = size },
    };

    public static JsonObject Node(object result) =>
        JsonNode.Parse(((JsonElement)result).GetRawText())!.AsObject();

    public static async Task<JsonObject> CreateAsync(IKubernetes client, JsonObject widget, string ns = "default") =>
        Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, Group, Version, ns, Plural));

    public static async Task<JsonObject> GetAsync(IKubernetes client, string name, string ns = "default") =>
        Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, name));

    public static async Task<JsonObject> MergePatchAsync(IKubernetes client, string name, object patch, string ns = "default") =>
        Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name));

    public static async Task<JsonObject> PatchStatusAsync(IKubernetes client, string name, object patch, string ns = "default") =>
        Node(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name));
}
