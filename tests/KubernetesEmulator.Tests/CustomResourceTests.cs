using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KubernetesEmulator.Tests;

public sealed class CustomResourceTests
{
    [Fact]
    public async Task Create_DefaultsPrunesAndStampsGenerationAndDropsStatus()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        var widget = Widgets.New("w1");
        widget["spec"]!["unknown"] = "x";
        widget["spec"]!["extra"] = new JsonObject { ["anything"] = 1 };
        widget["status"] = new JsonObject { ["phase"] = "Ready" };

        var created = await Widgets.CreateAsync(client, widget);

        Assert.Equal("blue", created["spec"]!["color"]!.GetValue<string>());
        Assert.Null(created["spec"]!["unknown"]);
        Assert.Equal(1, created["spec"]!["extra"]!["anything"]!.GetValue<int>());
        Assert.Null(created["status"]);
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_Invalid_Returns422WithOneCausePerField()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        var widget = Widgets.New("w1", size: 0);
        widget["spec"]!["color"] = "pink";
        widget["spec"]!["name"] = "A";
        widget["spec"]!["tags"] = new JsonArray("a", "b", "c", "d");
        widget["spec"]!["startAt"] = "yesterday";

        var status = await Errors.StatusAsync(422, () => Widgets.CreateAsync(client, widget));

        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Widget", status.Details.Kind);
        Assert.Contains("Widget.example.com \"w1\" is invalid: [", status.Message, StringComparison.Ordinal);
        var fields = status.Details.Causes.Select(c => c.Field).ToList();
        Assert.Contains("spec.size", fields);
        Assert.Contains("spec.color", fields);
        Assert.Contains("spec.name", fields);
        Assert.Contains("spec.tags", fields);
        Assert.Contains("spec.startAt", fields);
        Assert.Contains(status.Details.Causes, c => c.Message == "Invalid value: 0: spec.size in body should be greater than or equal to 1");
        Assert.Contains(status.Details.Causes, c => c.Message.StartsWith("Unsupported value: \"pink\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_MissingRequiredAndWrongType_Returns422()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        var widget = Widgets.New("w1");
        widget["spec"] = new JsonObject { ["color"] = 5 };

        var status = await Errors.StatusAsync(422, () => Widgets.CreateAsync(client, widget));

        Assert.Contains(status.Details.Causes, c => c.Field == "spec.size" && c.Message == "Required value");
        Assert.Contains(status.Details.Causes, c => c.Field == "spec.color" && c.Message.Contains("must be of type string", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FieldValidationStrict_UnknownField_Returns400()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        var widget = Widgets.New("w1");
        widget["spec"]!["foo"] = 1;

        var status = await Errors.StatusAsync(400, () => client.CustomObjects.CreateNamespacedCustomObjectAsync(
            widget, Widgets.Group, Widgets.Version, "default", Widgets.Plural, fieldValidation: "Strict"));

        Assert.Contains("unknown field \"spec.foo\"", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithoutResourceVersion_Returns422ForCustomResources()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        await Widgets.CreateAsync(client, Widgets.New("w1"));

        var status = await Errors.StatusAsync(422, () => client.CustomObjects.ReplaceNamespacedCustomObjectAsync(
            Widgets.New("w1", 4), Widgets.Group, Widgets.Version, "default", Widgets.Plural, "w1"));

        Assert.Contains("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusSubresource_SeparatesStatusFromSpecAndGeneration()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        await Widgets.CreateAsync(client, Widgets.New("w1"));

        var labelled = await Widgets.MergePatchAsync(client, "w1", new { metadata = new { labels = new { x = "y" } } });
        var mainStatus = await Widgets.MergePatchAsync(client, "w1", new { status = new { phase = "X" } });
        var statusPatch = await Widgets.PatchStatusAsync(client, "w1", new { status = new { phase = "Ready" }, spec = new { size = 9 }, metadata = new { labels = new { z = "1" } } });
        var specChange = await Widgets.MergePatchAsync(client, "w1", new { spec = new { size = 5 } });

        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());
        Assert.Null(mainStatus["status"]);
        Assert.Equal(1, mainStatus["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("Ready", statusPatch["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(3, statusPatch["spec"]!["size"]!.GetValue<int>());
        Assert.Null(statusPatch["metadata"]!["labels"]!["z"]);
        Assert.Equal(1, statusPatch["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, specChange["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("Ready", specChange["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Finalizers_DeleteMarksTerminatingAndRemovalDeletes()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        var widget = Widgets.New("w1");
        widget["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        await Widgets.CreateAsync(client, widget);

        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Widgets.Group, Widgets.Version, "default", Widgets.Plural, "w1");
        var terminating = await Widgets.GetAsync(client, "w1");
        var status = await Errors.StatusAsync(422, () => Widgets.MergePatchAsync(client, "w1",
            new { metadata = new { finalizers = new[] { "example.com/hold", "x" } } }));
        await Widgets.MergePatchAsync(client, "w1", new Dictionary<string, object?> { ["metadata"] = new Dictionary<string, object?> { ["finalizers"] = null } });

        Assert.NotNull(terminating["metadata"]!["deletionTimestamp"]);
        Assert.Contains("no new finalizers can be added if the object is being deleted", status.Message, StringComparison.Ordinal);
        await Errors.StatusAsync(404, () => Widgets.GetAsync(client, "w1"));
    }

    [Fact]
    public async Task StrategicMergePatch_OnCustomResource_Returns415()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        await Widgets.CreateAsync(client, Widgets.New("w1"));

        var status = await Errors.StatusAsync(415, () => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new { spec = new { size = 2 } }, V1Patch.PatchType.StrategicMergePatch), Widgets.Group, Widgets.Version, "default", Widgets.Plural, "w1"));

        Assert.Equal("UnsupportedMediaType", status.Reason);
    }

    [Fact]
    public async Task JsonPatch_AppliesAndFailedTestIs422()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        await Widgets.CreateAsync(client, Widgets.New("w1"));

        var patched = Widgets.Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/size\",\"value\":7}]", V1Patch.PatchType.JsonPatch),
            Widgets.Group, Widgets.Version, "default", Widgets.Plural, "w1"));
        await Errors.StatusAsync(422, () => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("[{\"op\":\"test\",\"path\":\"/spec/size\",\"value\":1}]", V1Patch.PatchType.JsonPatch),
            Widgets.Group, Widgets.Version, "default", Widgets.Plural, "w1"));

        Assert.Equal(7, patched["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task ServerSideApply_CreatesThenConflictsWithAnotherManagerUnlessForced()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        Task<object> Apply(int size, string manager, bool force) => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Widgets.New("w1", size).ToJsonString(), V1Patch.PatchType.ApplyPatch),
            Widgets.Group, Widgets.Version, "default", Widgets.Plural, "w1", fieldManager: manager, force: force);

        await Apply(3, "tester", force: false);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(new { spec = new { size = 4 } }, V1Patch.PatchType.MergePatch),
            Widgets.Group, Widgets.Version, "default", Widgets.Plural, "w1", fieldManager: "operator");
        var conflict = await Errors.StatusAsync(409, () => Apply(5, "tester", force: false));
        var forced = Widgets.Node(await Apply(5, "tester", force: true));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"operator\" using example.com/v1: .spec.size", conflict.Message);
        Assert.Equal(5, forced["spec"]!["size"]!.GetValue<int>());
        var managers = forced["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>()).ToList();
        Assert.Contains("tester", managers);
    }

    [Fact]
    public async Task DeleteCrd_RemovesCustomResourcesAndDiscovery()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await Widgets.InstallAsync(client);
        await Widgets.CreateAsync(client, Widgets.New("w1"));

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com");

        await Eventually.TrueAsync(async () => (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.Count == 0, "the CRD is gone");
        await Errors.StatusAsync(404, () => Widgets.GetAsync(client, "w1"));
        Assert.DoesNotContain((await client.Apis.GetAPIVersionsAsync()).Groups, g => g.Name == "example.com");
    }
}
