using System.Text.Json.Serialization;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>A list response of any kind, read from the JSON the CustomObjects API returns.</summary>
internal sealed class ResourceList<T>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public IList<T>? Items { get; set; }
}
