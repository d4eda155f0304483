using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;

namespace Emulators.Kubernetes.Admission;

/// <summary>The <c>immutable: true</c> rule Secrets and ConfigMaps share.</summary>
internal static class ImmutableData
{
    public static void Check(AdmissionContext context, params string[] fields)
    {
        if (context.Old is not { } old || old["immutable"]?.GetValue<bool>() != true)
        {
            return;
        }

        if (context.Object["immutable"]?.GetValue<bool>() != true)
        {
            context.Errors.Add(FieldError.Forbidden("immutable", "field is immutable when `immutable` is set"));
        }

        foreach (var field in fields.Where(f => !JsonNode.DeepEquals(old[f], context.Object[f])))
        {
            context.Errors.Add(FieldError.Forbidden(field, "field is immutable when `immutable` is set"));
        }
    }
}
