using Emulators.Kubernetes.Errors;

namespace Emulators.Kubernetes.Admission;

/// <summary>networking.k8s.io/v1 Ingress: every HTTP path needs a pathType.</summary>
internal sealed class IngressAdmission : IAdmission
{
    public void Admit(AdmissionContext context)
    {
        var rules = Defaults.Objects(context.Object["spec"]?["rules"]).ToList();
        for (var r = 0; r < rules.Count; r++)
        {
            var paths = Defaults.Objects(rules[r]["http"]?["paths"]).ToList();
            for (var p = 0; p < paths.Count; p++)
            {
                if (paths[p]["pathType"] is null)
                {
                    context.Errors.Add(FieldError.Required($"spec.rules[{r}].http.paths[{p}].pathType",
                        "pathType must be specified"));
                }
            }
        }
    }
}
