using System.Text.Json.Nodes;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Admission;

/// <summary>Pod template spec defaulting as the apiserver does it for workloads.</summary>
internal static class PodDefaults
{
    public static void Apply(JsonObject podSpec)
    {
        Defaults.Set(podSpec, "restartPolicy", "Always");
        Defaults.Set(podSpec, "terminationGracePeriodSeconds", 30);
        Defaults.Set(podSpec, "dnsPolicy", "ClusterFirst");
        Defaults.Set(podSpec, "securityContext", new JsonObject());
        Defaults.Set(podSpec, "schedulerName", "default-scheduler");
        foreach (var container in Defaults.Objects(podSpec["initContainers"]).Concat(Defaults.Objects(podSpec["containers"])))
        {
            Container(container);
        }
    }

    private static void Container(JsonObject container)
    {
        Defaults.Set(container, "terminationMessagePath", "/dev/termination-log");
        Defaults.Set(container, "terminationMessagePolicy", "File");
        Defaults.Set(container, "imagePullPolicy", PullPolicy(container["image"].AsString() ?? ""));
        Defaults.Set(container, "resources", new JsonObject());
        foreach (var port in Defaults.Objects(container["ports"]))
        {
            Defaults.Set(port, "protocol", "TCP");
        }

        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is JsonObject p)
            {
                Defaults.Set(p, "timeoutSeconds", 1);
                Defaults.Set(p, "periodSeconds", 10);
                Defaults.Set(p, "successThreshold", 1);
                Defaults.Set(p, "failureThreshold", 3);
            }
        }
    }

    private static string PullPolicy(string image)
    {
        var name = image.Contains('@', StringComparison.Ordinal) ? null : image[(image.LastIndexOf('/') + 1)..];
        if (name is null)
        {
            return "IfNotPresent";
        }

        var colon = name.LastIndexOf(':');
        return colon < 0 || name[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }
}
