using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Operator.Controllers.Endpoint;

namespace Operator.Tests.Controllers.Endpoint;

public sealed class OwnedFieldsTests
{
    [Fact]
    public void Defaults_and_foreign_additions_are_not_drift_but_a_changed_owned_field_is()
    {
        var desired = OwnedFields.Stamp(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "s", Labels = new Dictionary<string, string> { ["a"] = "1" } },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
        });
        var live = KubernetesJson.Deserialize<V1Service>(KubernetesJson.Serialize(desired));
        live.Metadata.Labels["team"] = "x";
        live.Metadata.ResourceVersion = "7";
        live.Spec.ClusterIP = "10.96.0.12";
        live.Spec.Ports[0].Protocol = "TCP";

        Assert.True(OwnedFields.InLine(desired, live));
        live.Spec.Ports[0].Port = 81;
        Assert.False(OwnedFields.InLine(desired, live));
    }

    [Fact]
    public void A_field_the_operator_stopped_setting_changes_the_applied_hash()
    {
        var withTls = OwnedFields.Stamp(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "i" },
            Spec = new V1IngressSpec { Tls = [new V1IngressTLS { SecretName = "t" }] },
        });
        var withoutTls = OwnedFields.Stamp(new V1Ingress { Metadata = new V1ObjectMeta { Name = "i" }, Spec = new V1IngressSpec() });

        // The live object still has the TLS block and the old hash: the owned fields are there, the hash is not.
        Assert.False(OwnedFields.InLine(withoutTls, withTls));
        Assert.True(OwnedFields.InLine(withTls, withTls));
    }

    [Fact]
    public void Lists_must_have_the_same_length()
    {
        Assert.False(OwnedFields.Contains(JsonNode.Parse("[1,2]"), JsonNode.Parse("[1]")));
        Assert.True(OwnedFields.Contains(JsonNode.Parse("""[{"a":1,"b":2}]"""), JsonNode.Parse("""[{"a":1}]""")));
        Assert.False(OwnedFields.Contains(JsonNode.Parse("""{"a":"1"}"""), JsonNode.Parse("""{"a":1}""")));
    }
}
