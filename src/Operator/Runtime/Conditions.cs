using k8s.Models;

namespace Operator.Runtime;

/// <summary>Maintains a <c>conditions</c> list keyed by type, following the Kubernetes API conventions.</summary>
internal static class Conditions
{
    /// <summary>
    /// Sets the condition of <paramref name="type"/>. <c>lastTransitionTime</c> moves to <paramref name="now"/> only
    /// when the status changes (or the condition is new). Returns true when anything changed.
    /// </summary>
    public static bool Set(
        IList<V1Condition> list, string type, string status, string reason, string message, long? observedGeneration,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(list);
        var existing = list.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            list.Add(new V1Condition
            {
                Type = type,
                Status = status,
                Reason = reason,
                Message = message,
                ObservedGeneration = observedGeneration,
                LastTransitionTime = now,
            });
            return true;
        }

        var changed = false;
        if (existing.Status != status)
        {
            existing.Status = status;
            existing.LastTransitionTime = now;
            changed = true;
        }

        if (existing.Reason != reason)
        {
            existing.Reason = reason;
            changed = true;
        }

        if (existing.Message != message)
        {
            existing.Message = message;
            changed = true;
        }

        if (existing.ObservedGeneration != observedGeneration)
        {
            existing.ObservedGeneration = observedGeneration;
            changed = true;
        }

        return changed;
    }

    public static V1Condition? Find(IEnumerable<V1Condition>? list, string type) =>
        list?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IEnumerable<V1Condition>? list, string type) => Find(list, type)?.Status == "True";
}
