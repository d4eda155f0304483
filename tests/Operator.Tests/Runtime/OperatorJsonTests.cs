using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Controllers;
using Operator.Runtime;

namespace Operator.Tests.Runtime;

/// <summary>
/// <see cref="OperatorJson"/> is the reflection-free serializer the native build relies on: it must write exactly what
/// KubernetesClient's own serializer writes, and refuse (not silently reflect over) a type it has no metadata for.
/// </summary>
public sealed class OperatorJsonTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 8, 30, 15, DateTimeKind.Utc);

    [Theory]
    [InlineData("scimtenant.yaml")]
    [InlineData("scimkey.yaml")]
    public async Task Samples_SerializeAsKubernetesClientDoes(string sample)
    {
        var yaml = await File.ReadAllTextAsync(RepoFiles.Path("config", "samples", sample));
        object obj = sample.StartsWith("scimtenant", StringComparison.Ordinal)
            ? KubernetesYaml.Deserialize<ScimTenant>(yaml)
            : KubernetesYaml.Deserialize<ScimKey>(yaml);

        var ours = obj is ScimTenant tenant ? OperatorJson.Serialize(tenant) : OperatorJson.Serialize((ScimKey)obj);

        Assert.Equal(KubernetesJson.Serialize(obj), ours);
    }

    [Fact]
    public void StatusWithConditionsAndTimes_RoundTripsAndMatchesKubernetesClient()
    {
        var tenant = new ScimTenant
        {
            Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "ns", Generation = 3, CreationTimestamp = T0 },
            Status = new ScimTenantStatus
            {
                ObservedGeneration = 3,
                Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "Reconciled", Message = "all good", LastTransitionTime = T0, ObservedGeneration = 3 }],
                Provisioning = new ProvisioningStatus { Users = 7, LastSuccessTime = T0 },
            },
        };

        var json = OperatorJson.Serialize(tenant);
        var back = OperatorJson.Deserialize<ScimTenant>(json);

        Assert.Equal(KubernetesJson.Serialize(tenant), json);
        Assert.Contains("\"lastTransitionTime\":\"2026-11-24T08:30:15Z\"", json, StringComparison.Ordinal);
        Assert.Equal(json, OperatorJson.Serialize(back));
        Assert.Equal(T0, back.Status!.Conditions![0].LastTransitionTime);
    }

    [Fact]
    public void Clone_KeepsObjectTypedFieldsAndIsIndependent()
    {
        var secret = KubernetesJson.Deserialize<V1Secret>("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"ns","labels":{"a":"b"},
             "managedFields":[{"manager":"m","operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:token":{}}}}]},
             "data":{"token":"dG9rZW4="}}
            """);

        var clone = secret.DeepClone();
        clone.Metadata.Labels["a"] = "changed";

        Assert.Equal("b", secret.Metadata.Labels["a"]);
        Assert.Equal(KubernetesJson.Serialize(secret), OperatorJson.Serialize(secret));
        Assert.Equal("{\"f:data\":{\"f:token\":{}}}", JsonSerializer.Serialize((JsonElement)clone.Metadata.ManagedFields[0].FieldsV1));
        Assert.Equal("token"u8.ToArray(), clone.Data["token"]);
    }

    [Fact]
    public void UnknownType_IsRefusedInsteadOfReflectedOver()
    {
        Assert.Throws<NotSupportedException>(() => OperatorJson.Serialize(new NotInTheContext { Name = "x" }));
        Assert.Throws<NotSupportedException>(() => OperatorJson.Deserialize<NotInTheContext>("{}"));
    }

    [Fact]
    public void FinalizerPatch_IsATestedJsonPatch()
    {
        var add = JsonNode.Parse((string)Finalizers.Patch(null, ["a"]).Content)!.ToJsonString();
        var replace = JsonNode.Parse((string)Finalizers.Patch(["a", "b"], ["b"]).Content)!.ToJsonString();

        Assert.Equal("""[{"op":"add","path":"/metadata/finalizers","value":["a"]}]""", add);
        Assert.Equal(
            """[{"op":"test","path":"/metadata/finalizers","value":["a","b"]},{"op":"replace","path":"/metadata/finalizers","value":["b"]}]""",
            replace);
    }

    [Fact]
    public void PrepareKubernetesClient_IsHarmlessOnceKubernetesJsonWasUsed()
    {
        _ = KubernetesJson.Serialize(new V1ConfigMap());

        var applied = OperatorJson.PrepareKubernetesClient();
        var again = OperatorJson.PrepareKubernetesClient();

        // A test process has used KubernetesClient's options long before; the call must neither throw nor change them.
        Assert.Equal(applied, again);
    }

    private sealed class NotInTheContext
    {
        public string? Name { get; set; }
    }
}
