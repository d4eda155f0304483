using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Admission;

/// <summary>What an admission step sees: the object to change in place, the stored one on updates, the errors.</summary>
internal sealed class AdmissionContext(ResourceType type, JsonObject obj, JsonObject? old, ClusterIpAllocator ips)
{
    public ResourceType Type { get; } = type;

    public JsonObject Object { get; } = obj;

    public JsonObject? Old { get; } = old;

    public bool IsCreate => Old is null;

    public ClusterIpAllocator ClusterIps { get; } = ips;

    public List<FieldError> Errors { get; } = [];
}
