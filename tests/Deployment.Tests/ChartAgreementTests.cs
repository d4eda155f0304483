using System.Text.Json.Nodes;
using KubernetesEmulator.Tests;

namespace Deployment.Tests;

/// <summary>
/// The chart and config/default install the same operator: the same RBAC rules (which equal config/rbac, which
/// RbacTests checks against the calls the operator makes), the same security settings, probes and env, and
/// config/default's values are the chart's defaults. The chart is read without Helm (see <see cref="ChartTemplates"/>).
/// </summary>
public sealed class ChartAgreementTests(KustomizeRender render) : IClassFixture<KustomizeRender>
{
    [KubectlFact]
    public async Task Chart_rules_equal_config_rbac_and_the_rendered_overlay()
    {
        var chart = Rbac.Grants(ChartTemplates.Rules("scim-operator.rules"));
        var clusterRole = Rbac.Grants(Rbac.RulesOf(Yaml.LoadAll(Repo.ReadText("config", "rbac", "role.yaml")), "ClusterRole", Expected.Name));
        var namespaced = Rbac.Grants(Rbac.RulesOf(Yaml.LoadAll(Repo.ReadText("config", "rbac", "namespaced_role.yaml")), "Role", Expected.Name));
        var rendered = Rbac.Grants(Rbac.RulesOf(await render.ObjectsAsync(), "ClusterRole", Expected.Name));

        Assert.NotEmpty(chart);
        Assert.Equal(clusterRole, chart);
        Assert.Equal(clusterRole, namespaced);
        Assert.Equal(clusterRole, rendered);

        var leaderName = Expected.Name + "-leader-election";
        var leader = Rbac.Grants(ChartTemplates.Rules("scim-operator.leaderElectionRules"));
        Assert.Equal(["coordination.k8s.io/leases:create", "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:update"], leader);
        Assert.Equal(leader, Rbac.Grants(Rbac.RulesOf(Yaml.LoadAll(Repo.ReadText("config", "rbac", "leader_election_role.yaml")), "Role", leaderName)));
        Assert.Equal(leader, Rbac.Grants(Rbac.RulesOf(await render.ObjectsAsync(), "Role", leaderName)));

        // The templates use those named rules: the ClusterRole and each namespace's Role, and the leader-election Role.
        var rbac = File.ReadAllText(Repo.Chart("templates", "rbac.yaml"));
        Assert.Equal(2, rbac.Split("include \"scim-operator.rules\"").Length - 1);
        Assert.DoesNotContain("rules:\n  -", rbac, StringComparison.Ordinal);
        Assert.Contains("include \"scim-operator.leaderElectionRules\"",
            File.ReadAllText(Repo.Chart("templates", "leader-election-rbac.yaml")), StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Chart_deployment_has_the_overlays_security_settings_probes_and_env()
    {
        var chart = Assert.Single(ChartTemplates.Literal("deployment.yaml"))["spec"]!["template"]!["spec"]!;
        var overlay = (await render.ObjectAsync("Deployment", Expected.Name))["spec"]!["template"]!["spec"]!;
        var chartContainer = Assert.Single(chart["containers"]!.AsArray())!;
        var overlayContainer = Assert.Single(overlay["containers"]!.AsArray())!;

        // Restricted Pod Security Standard, in both.
        var pod = chart["securityContext"]!;
        Assert.Equal(true, (bool?)pod["runAsNonRoot"]);
        Assert.Equal(65532L, (long?)pod["runAsUser"]);
        Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]!["type"]);
        var container = chartContainer["securityContext"]!;
        Assert.Equal(false, (bool?)container["allowPrivilegeEscalation"]);
        Assert.Equal(true, (bool?)container["readOnlyRootFilesystem"]);
        Assert.Equal(true, (bool?)container["runAsNonRoot"]);
        Assert.Equal(65532L, (long?)container["runAsUser"]);
        Assert.Equal("ALL", (string?)Assert.Single(container["capabilities"]!["drop"]!.AsArray()));
        Assert.Equal("RuntimeDefault", (string?)container["seccompProfile"]!["type"]);

        SameAt(chart, overlay, "securityContext", "terminationGracePeriodSeconds", "volumes");
        SameAt(chartContainer, overlayContainer, "name", "securityContext", "livenessProbe", "readinessProbe", "volumeMounts");
        Assert.Equal("/healthz", (string?)chartContainer["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)chartContainer["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(Names(chartContainer["ports"]), Names(overlayContainer["ports"]));
        Assert.Equal(Names(chartContainer["env"]), Names(overlayContainer["env"]));
        Assert.Contains("POD_NAME", Names(chartContainer["env"]));
        Assert.Contains("Operator__Scim__EndpointImage", Names(chartContainer["env"]));
    }

    [KubectlFact]
    public async Task Overlay_values_are_the_chart_defaults()
    {
        var values = ChartValues.Defaults();
        var appVersion = (string)Yaml.Load(File.ReadAllText(Repo.Chart("Chart.yaml")))["appVersion"]!;
        var deployment = await render.ObjectAsync("Deployment", Expected.Name);
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var env = container["env"]!.AsArray().Where(e => e!["value"] is not null)
            .ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);

        Assert.Equal((long)values["replicaCount"]!, (long?)deployment["spec"]!["replicas"]);
        Assert.Equal($"{values["image"]!["repository"]}:{appVersion}", (string?)container["image"]);
        Assert.Equal((string?)values["image"]!["pullPolicy"], (string?)container["imagePullPolicy"]);
        Assert.True(JsonNode.DeepEquals(values["resources"], container["resources"]), "resources differ from values.yaml");
        Assert.Equal(new Dictionary<string, string>
        {
            ["Operator__LeaderElection__Enabled"] = values["leaderElection"]!["enabled"]!.ToJsonString(),
            ["Operator__LeaderElection__LeaseDuration"] = (string)values["leaderElection"]!["leaseDuration"]!,
            ["Operator__LeaderElection__RenewDeadline"] = (string)values["leaderElection"]!["renewDeadline"]!,
            ["Operator__LeaderElection__RetryPeriod"] = (string)values["leaderElection"]!["retryPeriod"]!,
            ["Operator__Scim__EndpointImage"] = $"{values["endpointImage"]!["repository"]}:{appVersion}",
            ["Operator__Scim__KeyExpiryWarning"] = (string)values["operator"]!["keyExpiryWarning"]!,
            ["Operator__Scim__ZitadelResyncInterval"] = (string)values["operator"]!["zitadelResyncInterval"]!,
            ["Logging__LogLevel__Default"] = (string)values["operator"]!["logLevel"]!,
            ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{values["metrics"]!["port"]}",
        }, env);
        Assert.Equal((long)values["metrics"]!["port"]!, (long?)container["ports"]![0]!["containerPort"]);

        var service = await render.ObjectAsync("Service", Expected.Name + "-metrics");
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray())!;
        Assert.Equal("metrics", (string?)port["name"]);
        Assert.Equal((long)values["metrics"]!["port"]!, (long?)port["port"]);
        Assert.Equal(values["podDisruptionBudget"]!["minAvailable"]!.ToJsonString(),
            (await render.ObjectAsync("PodDisruptionBudget", Expected.Name))["spec"]!["minAvailable"]!.ToJsonString());
    }

    private static void SameAt(JsonNode chart, JsonNode overlay, params string[] fields)
    {
        foreach (var field in fields)
        {
            Assert.True(JsonNode.DeepEquals(chart[field], overlay[field]),
                $"{field}: chart {chart[field]?.ToJsonString()} vs config/default {overlay[field]?.ToJsonString()}");
        }
    }

    private static List<string> Names(JsonNode? list) => [.. list!.AsArray().Select(x => (string)x!["name"]!)];
}
