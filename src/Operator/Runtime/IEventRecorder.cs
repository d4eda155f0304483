using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>
/// Records events.k8s.io/v1 Events about an object. Repeats of an identical event within the dedupe window update
/// the first event's <c>series</c> instead of creating new objects. Never throws: failures are logged and counted.
/// </summary>
internal interface IEventRecorder
{
    Task NormalAsync(IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken ct);

    Task WarningAsync(IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken ct);
}
