using System.Text.Json.Nodes;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Admission;

/// <summary>Namespace defaults: the <c>kubernetes</c> spec finalizer, phase Active, the metadata.name label.</summary>
internal sealed class NamespaceAdmission : IAdmission
{
    public void Admit(AdmissionContext context)
    {
        var ns = context.Object;
        ns.Metadata().Obj("labels")["kubernetes.io/metadata.name"] = ns.Name();
        if (context.IsCreate)
        {
            ns.Obj("spec")["finalizers"] = new JsonArray("kubernetes");
            ns["status"] = new JsonObject { ["phase"] = "Active" };
        }
        else if (ns["spec"] is null && context.Old!["spec"] is { } spec)
        {
            ns["spec"] = spec.DeepClone();
        }
    }
}
