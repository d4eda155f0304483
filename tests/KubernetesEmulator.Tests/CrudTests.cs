using System.Text;
using System.Text.Json.Nodes;
using Emulators.Kubernetes;
using k8s;
using k8s.Models;

namespace KubernetesEmulator.Tests;

public sealed class CrudTests
{
    [Fact]
    public async Task Secret_CreateWithStringData_StoresBase64DataAndDefaultsType()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        using var client = (k8s.Kubernetes)emulator.CreateClient();

        var created = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "s1" },
            StringData = new Dictionary<string, string> { ["password"] = "hunter2" },
        }, "default");

        Assert.Equal("Opaque", created.Type);
        Assert.Null(created.StringData);
        Assert.Equal("hunter2", Encoding.UTF8.GetString(created.Data["password"]));
        Assert.NotNull(created.Metadata.Uid);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Null(created.Metadata.Generation);
    }

    [Fact]
    public async Task Get_Missing_Returns404StatusNamingThePlural()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();

        var status = await Errors.StatusAsync(404, () => client.CoreV1.ReadNamespacedSecretAsync("nope", "default"));

        Assert.Equal("NotFound", status.Reason);
        Assert.Equal("secrets \"nope\" not found", status.Message);
        Assert.Equal("secrets", status.Details.Kind);
    }

    [Fact]
    public async Task Create_Twice_Returns409AlreadyExists()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1" } };
        await client.CoreV1.CreateNamespacedConfigMapAsync(map, "default");

        var status = await Errors.StatusAsync(409, () => client.CoreV1.CreateNamespacedConfigMapAsync(map, "default"));

        Assert.Equal("AlreadyExists", status.Reason);
    }

    [Fact]
    public async Task Create_InMissingNamespace_Returns404ForTheNamespace()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();

        var status = await Errors.StatusAsync(404, () => client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1" } }, "nope"));

        Assert.Equal("namespaces \"nope\" not found", status.Message);
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Returns409Conflict()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "default");
        first.Data["a"] = "2";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "c1", "default");
        first.Data["a"] = "3";

        var status = await Errors.StatusAsync(409, () => client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "c1", "default"));

        Assert.Equal("Conflict", status.Reason);
        Assert.Contains("the object has been modified", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourceVersion_IsGlobalAndMonotonicAcrossKinds()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();

        var a = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, "default");
        var b = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "b" } }, "default");

        Assert.True(long.Parse(b.Metadata.ResourceVersion) > long.Parse(a.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task GenerateName_CreatesNameWithFiveCharacterSuffix()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "w-" } }, "default");

        Assert.Matches("^w-[bcdfghjklmnpqrstvwxz2456789]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task List_WithLabelSelectorsAndPaging_FiltersAndContinues()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "db"), ("c", "web"), ("d", "cache") })
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = tier } },
            }, "default");
        }

        Assert.Equal(["a", "c"], (await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier=web")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["b", "d"], (await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier!=web")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["a", "b", "c"], (await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier in (web,db)")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["d"], (await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier notin (web,db)")).Items.Select(i => i.Metadata.Name));
        Assert.Empty((await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "!tier")).Items);
        Assert.Equal(["b"], (await client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=b")).Items.Select(i => i.Metadata.Name));

        var page1 = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3);
        var page2 = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3, continueParameter: page1.Metadata.ContinueProperty);
        Assert.Equal(["a", "b", "c"], page1.Items.Select(i => i.Metadata.Name));
        Assert.Equal(["d"], page2.Items.Select(i => i.Metadata.Name));
        Assert.Null(page2.Metadata.ContinueProperty);
        Assert.Equal(page1.Metadata.ResourceVersion, page2.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task FieldSelector_Unsupported_Returns400()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();

        var status = await Errors.StatusAsync(400, () => client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "spec.x=1"));

        Assert.Equal("field label not supported: spec.x", status.Message);
    }

    [Fact]
    public async Task Helpers_CreateAndGetWithoutHttp()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();

        await emulator.CreateAsync(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "x", ["namespace"] = "default" },
        });

        Assert.NotNull(await emulator.GetAsync("v1", "configmaps", "default", "x"));
        Assert.Null(await emulator.GetAsync("v1", "ConfigMap", "default", "y"));
    }
}
