using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Admission;

/// <summary>Service defaulting and ClusterIP allocation (kubernetes-api.md §2.14); no endpoints, no traffic.</summary>
internal sealed class ServiceAdmission : IAdmission
{
    public void Admit(AdmissionContext context)
    {
        var spec = context.Object.Obj("spec");
        var oldSpec = context.Old?["spec"] as JsonObject;
        Defaults.Set(spec, "type", "ClusterIP");
        var type = spec["type"].AsString();
        Defaults.Set(spec, "sessionAffinity", "None");
        if (type != "ExternalName")
        {
            Defaults.Set(spec, "internalTrafficPolicy", "Cluster");
            Defaults.Set(spec, "ipFamilies", new JsonArray("IPv4"));
            Defaults.Set(spec, "ipFamilyPolicy", "SingleStack");
            AllocateClusterIp(context, spec, oldSpec);
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            Defaults.Set(spec, "externalTrafficPolicy", "Cluster");
        }

        var ports = Defaults.Objects(spec["ports"]).ToList();
        if (ports.Count == 0 && type != "ExternalName" && spec["clusterIP"].AsString() != "None")
        {
            context.Errors.Add(FieldError.Required("spec.ports"));
        }

        foreach (var port in ports)
        {
            Defaults.Set(port, "protocol", "TCP");
            if (port["targetPort"] is null && port["port"] is { } number)
            {
                port["targetPort"] = number.DeepClone();
            }

            if (type is "NodePort" or "LoadBalancer" && port["nodePort"] is null)
            {
                port["nodePort"] = OldNodePort(oldSpec, port) ?? context.ClusterIps.NextNodePort();
            }
        }

        if (context.IsCreate)
        {
            context.Object["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
    }

    private static void AllocateClusterIp(AdmissionContext context, JsonObject spec, JsonObject? oldSpec)
    {
        var oldIp = oldSpec?["clusterIP"].AsString();
        if (spec["clusterIP"] is null && oldIp is not null)
        {
            spec["clusterIP"] = oldIp;
            spec["clusterIPs"] = oldSpec!["clusterIPs"]?.DeepClone();
        }

        if (spec["clusterIP"] is null)
        {
            spec["clusterIP"] = context.ClusterIps.Next();
        }

        Defaults.Set(spec, "clusterIPs", new JsonArray(spec["clusterIP"]!.DeepClone()));
        if (oldIp is not null && spec["clusterIP"].AsString() != oldIp)
        {
            context.Errors.Add(FieldError.Invalid("spec.clusterIPs[0]", Json.Json.GoValue(spec["clusterIP"]),
                "may not change once set"));
        }
    }

    private static int? OldNodePort(JsonObject? oldSpec, JsonObject port) =>
        Defaults.Objects(oldSpec?["ports"]).FirstOrDefault(p => JsonNode.DeepEquals(p["port"], port["port"]))?
            ["nodePort"]?.GetValue<int>();
}
