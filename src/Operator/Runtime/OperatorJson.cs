using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.KubeConfigModels;
using k8s.Models;
using Operator.Api;

namespace Operator.Runtime;

/// <summary>
/// The operator's one JSON boundary with the API server, without run-time reflection, so the NativeAOT build
/// (docs/operator-runtime.md, "Native build") reads and writes exactly what the JIT build does.
/// </summary>
/// <remarks>
/// <para>
/// The settings are KubernetesClient's own (<see cref="KubernetesJson"/>: camelCase, nulls omitted, its date,
/// time-span and enum converters), copied once. The type metadata comes from source generators only: every
/// Kubernetes model from KubernetesClient's <see cref="SourceGenerationContext"/>, the operator's CRD types from
/// <see cref="OperatorJsonContext"/>. There is deliberately no reflection fallback: a type that neither knows
/// fails in every test with <see cref="NotSupportedException"/>, instead of only in the native binary.
/// </para>
/// <para>
/// Request bodies are handed to KubernetesClient already serialized (as a <see cref="JsonElement"/>), and its
/// untyped answers are read here, so KubernetesClient's own options only ever see JSON elements and its models.
/// </para>
/// </remarks>
internal static class OperatorJson
{
    /// <summary>KubernetesClient's settings with source-generated metadata only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The metadata for <typeparamref name="T"/>; throws <see cref="NotSupportedException"/> for an unknown type.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, TypeInfo<T>());

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, TypeInfo<T>());

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new JsonException($"The JSON for {typeof(T).Name} is null.");

    public static T Deserialize<T>(JsonElement json) =>
        json.Deserialize(TypeInfo<T>()) ?? throw new JsonException($"The JSON for {typeof(T).Name} is null.");

    /// <summary>
    /// Teaches KubernetesClient's own options the watch-event envelopes its watchers read
    /// (<see cref="KubernetesClientJsonContext"/>), which its generated metadata lacks. Must run before the process
    /// first serializes anything with <see cref="KubernetesJson"/> (the options are read-only after that), so the
    /// operator's entry point calls it first. Returns false when it came too late; only the native build needs it,
    /// since a JIT process reads the envelopes by reflection.
    /// </summary>
    public static bool PrepareKubernetesClient()
    {
        var applied = false;
        KubernetesJson.AddJsonOptions(o =>
        {
            if (!o.IsReadOnly && !o.TypeInfoResolverChain.Contains(KubernetesClientJsonContext.Default))
            {
                o.TypeInfoResolverChain.Insert(0, KubernetesClientJsonContext.Default);
            }

            applied = o.TypeInfoResolverChain.Contains(KubernetesClientJsonContext.Default);
        });
        return applied;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        // KubernetesClient keeps its options private and hands them out only through AddJsonOptions, which calls
        // back synchronously with the instance. Only a copy is changed: the original is read-only once used.
        JsonSerializerOptions? kubernetes = null;
        KubernetesJson.AddJsonOptions(o => kubernetes = o);
        var options = new JsonSerializerOptions(kubernetes ?? throw new InvalidOperationException(
            "KubernetesJson.AddJsonOptions did not hand out its options."))
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(SourceGenerationContext.Default, OperatorJsonContext.Default),
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>
/// Source-generated metadata for the operator's own API types (<see cref="OperatorJson"/>), and for what an
/// <see cref="object"/>-typed model property holds once read from JSON (a <see cref="JsonElement"/>, e.g.
/// <c>managedFields[].fieldsV1</c>); the operator never sets such a property itself.
/// </summary>
[JsonSerializable(typeof(ScimTenant))]
[JsonSerializable(typeof(ScimKey))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext;

/// <summary>
/// What KubernetesClient deserializes with its own options but has no generated metadata for (see
/// <see cref="OperatorJson.PrepareKubernetesClient"/>): the watch-event envelopes its watchers read (first with
/// <see cref="KubernetesObject"/> to read the kind, then the object, or a <see cref="V1Status"/> for an ERROR event such
/// as 410 Expired), and an exec credential plugin's answer (kubeconfig <c>users[].user.exec</c>).
/// </summary>
[JsonSerializable(typeof(Watcher<KubernetesObject>.WatchEvent))]
[JsonSerializable(typeof(Watcher<object>.WatchEvent))]
[JsonSerializable(typeof(Watcher<V1Status>.WatchEvent))]
[JsonSerializable(typeof(ExecCredentialResponse))]
// KubernetesClient writes KUBERNETES_EXEC_INFO for the plugin with default (reflection) options: a dictionary whose
// "spec" is a Dictionary<string, bool>. Generating metadata for it makes the native compiler keep the converter the
// reflection path then asks for.
[JsonSerializable(typeof(Dictionary<string, bool>))]
internal sealed partial class KubernetesClientJsonContext : JsonSerializerContext;
