using k8s.Models;

namespace Operator.Controllers;

/// <summary>Temporary: replaced by the runtime's condition helper when it lands.</summary>
internal static class ConditionSet
{
    public static bool Set(IList<V1Condition> list, string type, string status, string reason, string message, long? observedGeneration, DateTime now)
    {
        var existing = list.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            list.Add(new V1Condition { LastTransitionTime = now, Message = message, Reason = reason, Status = status, Type = type, ObservedGeneration = observedGeneration });
            return true;
        }

        var changed = existing.Status != status || existing.Reason != reason || existing.Message != message || existing.ObservedGeneration != observedGeneration;
        if (existing.Status != status)
        {
            existing.LastTransitionTime = now;
        }

        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = observedGeneration;
        return changed;
    }
}
