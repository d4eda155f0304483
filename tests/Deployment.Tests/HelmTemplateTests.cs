using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>The chart rendered by the real <c>helm template</c>, when Helm is installed.</summary>
public sealed class HelmTemplateTests
{
    [HelmFact]
    public async Task Defaults_render_the_cluster_wide_operator()
    {
        var objects = await Helm.RenderAsync();

        Assert.Equal(
            ((string[])[.. Expected.OperatorKinds, "CustomResourceDefinition", "CustomResourceDefinition"]).Order(StringComparer.Ordinal),
            Kinds(objects));
        Assert.Equal(
            Rbac.Grants(ChartTemplates.Rules("scim-operator.rules")),
            Rbac.Grants(Rbac.RulesOf(objects, "ClusterRole", Expected.Name)));
        var container = Container(objects);
        Assert.Equal("ghcr.io/scim-operator/operator:0.1.0", (string?)container["image"]);
        Assert.Equal("ghcr.io/scim-operator/scim-endpoint:0.1.0", Env(container)["Operator__Scim__EndpointImage"]);
        Assert.DoesNotContain(Env(container).Keys, k => k.StartsWith("Operator__Namespaces__", StringComparison.Ordinal));

        // What the chart's templates say literally is what helm renders (the other tests read the templates).
        var literal = Assert.Single(ChartTemplates.Literal("deployment.yaml"))["spec"]!["template"]!["spec"]!;
        var rendered = objects.Single(o => (string?)o["kind"] == "Deployment")["spec"]!["template"]!["spec"]!;
        Assert.True(JsonNode.DeepEquals(literal["securityContext"], rendered["securityContext"]));
        Assert.True(JsonNode.DeepEquals(literal["containers"]![0]!["securityContext"], container["securityContext"]));
    }

    [HelmFact]
    public async Task Watch_namespaces_render_a_role_per_namespace_and_the_namespace_env()
    {
        var objects = await Helm.RenderAsync("--set", "watchNamespaces={team-a,team-b}");

        Assert.DoesNotContain(objects, o => (string?)o["kind"] is "ClusterRole" or "ClusterRoleBinding");
        var roles = objects.Where(o => (string?)o["kind"] == "Role" && (string?)o["metadata"]!["name"] == Expected.Name).ToList();
        Assert.Equal(["team-a", "team-b"], roles.Select(r => (string)r["metadata"]!["namespace"]!));
        Assert.All(roles, r => Assert.Equal(Rbac.Grants(ChartTemplates.Rules("scim-operator.rules")), Rbac.Grants(r["rules"]!.AsArray())));
        Assert.Equal(["team-a", "team-b"], objects
            .Where(o => (string?)o["kind"] == "RoleBinding" && (string?)o["metadata"]!["name"] == Expected.Name)
            .Select(b => (string)b["metadata"]!["namespace"]!));
        var env = Env(Container(objects));
        Assert.Equal("team-a", env["Operator__Namespaces__0"]);
        Assert.Equal("team-b", env["Operator__Namespaces__1"]);
    }

    [HelmFact]
    public async Task Optional_objects_render_when_enabled()
    {
        var objects = await Helm.RenderAsync("--set", "serviceMonitor.enabled=true", "--set", "networkPolicy.enabled=true",
            "--set", "podDisruptionBudget.enabled=false", "--set", "leaderElection.enabled=false");

        Assert.Contains(objects, o => (string?)o["kind"] == "ServiceMonitor");
        var policy = objects.Single(o => (string?)o["kind"] == "NetworkPolicy");
        Assert.Equal(8081L, (long?)policy["spec"]!["ingress"]![0]!["ports"]![0]!["port"]);
        Assert.DoesNotContain(objects, o => (string?)o["kind"] == "PodDisruptionBudget");
        Assert.DoesNotContain(objects, o => (string?)o["metadata"]!["name"] == Expected.Name + "-leader-election");
        Assert.Equal("false", Env(Container(objects))["Operator__LeaderElection__Enabled"]);
    }

    [HelmFact]
    public async Task Alerts_and_dashboard_embed_their_files_or_fail_plainly_without_them()
    {
        foreach (var (value, file, kind, name) in new[]
        {
            ("prometheusRule.enabled=true", "alerts.yaml", "PrometheusRule", Expected.Name),
            ("grafanaDashboard.enabled=true", "dashboard.json", "ConfigMap", Expected.Name + "-dashboard"),
        })
        {
            var (exitCode, stdout, stderr) = await Helm.TemplateAsync("--set", value);
            if (!File.Exists(Repo.Chart("files", file)))
            {
                Assert.NotEqual(0, exitCode);
                Assert.Contains("files/" + file, stderr, StringComparison.Ordinal);
                continue;
            }

            Assert.True(exitCode == 0, stderr);
            var obj = Yaml.LoadAll(stdout).Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name);
            var content = File.ReadAllText(Repo.Chart("files", file));
            if (kind == "PrometheusRule")
            {
                Assert.True(JsonNode.DeepEquals(Yaml.Load(content), obj["spec"]), "the PrometheusRule's spec is not files/alerts.yaml");
            }
            else
            {
                Assert.Equal("1", (string?)obj["metadata"]!["labels"]!["grafana_dashboard"]);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(content), JsonNode.Parse((string)obj["data"]!["scim-operator.json"]!)),
                    "the dashboard ConfigMap does not hold files/dashboard.json");
            }
        }
    }

    private static List<string> Kinds(List<JsonNode> objects) =>
        [.. objects.Select(o => (string)o["kind"]!).Order(StringComparer.Ordinal)];

    private static JsonNode Container(List<JsonNode> objects) =>
        objects.Single(o => (string?)o["kind"] == "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;

    private static Dictionary<string, string> Env(JsonNode container) =>
        container["env"]!.AsArray().Where(e => e!["value"] is not null)
            .ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);
}
