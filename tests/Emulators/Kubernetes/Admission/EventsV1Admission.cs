using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Admission;

/// <summary>events.k8s.io/v1 Event validation (the fields that API requires on create).</summary>
internal sealed class EventsV1Admission : IAdmission
{
    public void Admit(AdmissionContext context)
    {
        if (!context.IsCreate)
        {
            return;
        }

        var e = context.Object;
        foreach (var field in new[] { "eventTime", "reportingController", "reportingInstance", "action", "reason" })
        {
            if (e[field] is null)
            {
                context.Errors.Add(FieldError.Required(field));
            }
        }

        if (e["type"].AsString() is not ("Normal" or "Warning"))
        {
            context.Errors.Add(FieldError.Invalid("type", Json.Json.GoValue(e["type"]),
                "has invalid value: must be Normal or Warning"));
        }
    }
}
