using k8s.Models;

namespace Operator.Controllers.Endpoint;

/// <summary><c>EndpointReady</c> from the Deployment's own status, as the deployment controller reports it.</summary>
internal static class DeploymentReadiness
{
    public static StepResult Evaluate(V1Deployment deployment)
    {
        var wanted = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        var generation = deployment.Metadata.Generation ?? 0;
        var observed = status?.ObservedGeneration ?? 0;
        var updated = status?.UpdatedReplicas ?? 0;
        var available = status?.AvailableReplicas ?? 0;
        var numbers = $"{updated} updated, {available} available of {wanted} wanted";
        if (observed < generation)
        {
            return StepResult.False("Progressing",
                $"Deployment '{deployment.Metadata.Name}' generation {generation} is not observed yet (observed {observed}); {numbers}");
        }

        if (updated == wanted && available == wanted)
        {
            return StepResult.True("Available", $"Deployment '{deployment.Metadata.Name}': {numbers}");
        }

        return available < wanted
            ? StepResult.False("DeploymentNotAvailable", $"Deployment '{deployment.Metadata.Name}': {numbers}")
            : StepResult.False("Progressing", $"Deployment '{deployment.Metadata.Name}' is rolling out: {numbers}");
    }
}
