using System.Text.Json.Nodes;
using KubernetesEmulator.Tests;

namespace Deployment.Tests;

/// <summary>config/default renders with the real kubectl, and the Kubernetes API (the emulator) accepts the result.</summary>
public sealed class KustomizeTests(KustomizeRender render) : IClassFixture<KustomizeRender>
{
    [KubectlFact]
    public async Task Default_overlay_renders_the_operator_in_its_namespace()
    {
        var objects = await render.ObjectsAsync();

        Assert.Equal(
            ((string[])[.. Expected.OperatorKinds, "CustomResourceDefinition", "CustomResourceDefinition", "Namespace"]).Order(StringComparer.Ordinal),
            objects.Select(o => (string)o["kind"]!).Order(StringComparer.Ordinal));
        Assert.Equal(Expected.Namespace, (string?)(await render.ObjectAsync("Namespace", Expected.Namespace))["metadata"]!["name"]);
        foreach (var obj in objects.Where(o => (string?)o["kind"] is not ("Namespace" or "CustomResourceDefinition" or "ClusterRole" or "ClusterRoleBinding")))
        {
            Assert.Equal(Expected.Namespace, (string?)obj["metadata"]!["namespace"]);
        }

        foreach (var binding in objects.Where(o => ((string)o["kind"]!).EndsWith("Binding", StringComparison.Ordinal)))
        {
            var subject = Assert.Single(binding["subjects"]!.AsArray())!;
            Assert.Equal("ServiceAccount", (string?)subject["kind"]);
            Assert.Equal(Expected.Name, (string?)subject["name"]);
            Assert.Equal(Expected.Namespace, (string?)subject["namespace"]);
        }

        var deployment = await render.ObjectAsync("Deployment", Expected.Name);
        Assert.Equal(Expected.Name, (string?)deployment["spec"]!["template"]!["spec"]!["serviceAccountName"]);
        var selector = deployment["spec"]!["selector"]!["matchLabels"]!;
        foreach (var kind in new[] { "Service", "PodDisruptionBudget" })
        {
            var obj = objects.Single(o => (string?)o["kind"] == kind);
            var objSelector = kind == "Service" ? obj["spec"]!["selector"] : obj["spec"]!["selector"]!["matchLabels"];
            Assert.True(JsonNode.DeepEquals(selector, objSelector), $"the {kind} selects other pods than the Deployment");
        }
    }

    [KubectlFact]
    public async Task Rendered_overlay_is_accepted_by_the_api_with_kubectl()
    {
        var kubectl = await render.KubectlAsync();
        var file = kubectl.File_("rendered.yaml", await render.TextAsync());
        var count = (await render.ObjectsAsync()).Count;

        var created = await kubectl.OkAsync("apply", "-f", file);
        Assert.True(count == created.Split('\n').Count(l => l.EndsWith(" created", StringComparison.Ordinal)), created);
        // Applied again, nothing is created or changed. kubectl's patch for the PodDisruptionBudget always carries its
        // selector (the field's patch strategy is replace), so kubectl reports that one "configured".
        var again = (await kubectl.OkAsync("apply", "-f", file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count, again.Length);
        Assert.All(again, line => Assert.True(line.EndsWith(" unchanged", StringComparison.Ordinal) ||
            line == "poddisruptionbudget.policy/scim-operator configured", line));

        var live = Yaml.Load(await kubectl.OkAsync("-n", Expected.Namespace, "get", "deployment", Expected.Name, "-o", "yaml"));
        var container = live["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(true, (bool?)container["securityContext"]!["readOnlyRootFilesystem"]);
        Assert.Equal(65532L, (long?)live["spec"]!["template"]!["spec"]!["securityContext"]!["runAsUser"]);
        Assert.Contains("scimkeys.scim.operator.dev", await kubectl.OkAsync("get", "crd", "-o", "name"), StringComparison.Ordinal);
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/scim-operator",
            await kubectl.OkAsync("get", "clusterrole", "-o", "name"), StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task The_documented_server_side_apply_of_the_overlay_is_accepted()
    {
        // As docs/platform-guide.md says to install and upgrade, on an API of its own.
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var count = (await render.ObjectsAsync()).Count;

        foreach (var pass in new[] { "install", "upgrade" })
        {
            var applied = (await kubectl.OkAsync("apply", "--server-side", "-k", Repo.Path("config", "default")))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(applied.Length == count && applied.All(l => l.EndsWith(" serverside-applied", StringComparison.Ordinal)),
                pass + ": " + string.Join('\n', applied));
        }

        Assert.Contains(Expected.Name, await kubectl.OkAsync("-n", Expected.Namespace, "get", "deployment", "-o", "name"), StringComparison.Ordinal);
    }
}
