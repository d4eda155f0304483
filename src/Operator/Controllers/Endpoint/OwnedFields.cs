using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Runtime;

namespace Operator.Controllers.Endpoint;

/// <summary>
/// Drift detection that compares only what the operator sets. A live object is in line when (1) every field of the
/// desired object has the same value in it, whatever the API server or others added around it (defaults, a cluster
/// IP, someone's label), and (2) its <see cref="HashAnnotation"/> is the hash of the desired object, which catches a
/// field the operator stopped setting (an Ingress annotation, the TLS block). Writes are server-side apply, so a field
/// dropped from the desired object is removed from the live one.
/// </summary>
internal static class OwnedFields
{
    /// <summary>The hash of the desired object last applied.</summary>
    public const string HashAnnotation = ApiGroup.Prefix + "applied-hash";

    /// <summary>Stamps <paramref name="desired"/> with the hash of its content; returns it.</summary>
    public static T Stamp<T>(T desired)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var hash = Hash(desired);
        desired.Metadata.Annotations ??= new Dictionary<string, string>();
        desired.Metadata.Annotations[HashAnnotation] = hash;
        return desired;
    }

    /// <summary>True when <paramref name="live"/> carries every owned field of the stamped <paramref name="desired"/>.</summary>
    public static bool InLine<T>(T desired, T live)
        where T : IKubernetesObject<V1ObjectMeta> =>
        Contains(OperatorJson.ToNode(live), OperatorJson.ToNode(desired));

    /// <summary>
    /// True when every value in <paramref name="wanted"/> is in <paramref name="actual"/>: objects by property,
    /// arrays element by element with equal lengths, scalars by value.
    /// </summary>
    public static bool Contains(JsonNode? actual, JsonNode? wanted) => (wanted, actual) switch
    {
        (null, _) => true,
        (JsonObject w, JsonObject a) => w.All(p => a.TryGetPropertyValue(p.Key, out var value) && Contains(value, p.Value)),
        (JsonArray w, JsonArray a) => w.Count == a.Count && w.Select((item, i) => Contains(a[i], item)).All(ok => ok),
        (JsonValue w, JsonValue a) => JsonNode.DeepEquals(w, a),
        _ => false,
    };

    private static string Hash<T>(T desired)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var json = OperatorJson.Serialize(desired);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32];
    }
}
