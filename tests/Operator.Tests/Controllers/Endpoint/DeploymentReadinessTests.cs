using k8s.Models;
using Operator.Controllers.Endpoint;

namespace Operator.Tests.Controllers.Endpoint;

public sealed class DeploymentReadinessTests
{
    private static V1Deployment Deployment(int replicas, long generation, V1DeploymentStatus? status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "acme-scim", Generation = generation },
        Spec = new V1DeploymentSpec { Replicas = replicas },
        Status = status,
    };

    [Fact]
    public void Ready_needs_the_generation_observed_and_every_replica_updated_and_available()
    {
        Assert.Equal(("False", "Progressing"), Outcome(Deployment(2, 3, null)));
        Assert.Equal(("False", "Progressing"), Outcome(Deployment(2, 3, new V1DeploymentStatus { ObservedGeneration = 2, UpdatedReplicas = 2, AvailableReplicas = 2 })));
        Assert.Equal(("False", "Progressing"), Outcome(Deployment(2, 3, new V1DeploymentStatus { ObservedGeneration = 3, UpdatedReplicas = 1, AvailableReplicas = 2 })));
        Assert.Equal(("False", "DeploymentNotAvailable"), Outcome(Deployment(2, 3, new V1DeploymentStatus { ObservedGeneration = 3, UpdatedReplicas = 2, AvailableReplicas = 1 })));
        Assert.Equal(("True", "Available"), Outcome(Deployment(2, 3, new V1DeploymentStatus { ObservedGeneration = 3, UpdatedReplicas = 2, AvailableReplicas = 2 })));
        Assert.Contains("1 updated, 2 available of 2 wanted",
            DeploymentReadiness.Evaluate(Deployment(2, 3, new V1DeploymentStatus { ObservedGeneration = 3, UpdatedReplicas = 1, AvailableReplicas = 2 })).Message,
            StringComparison.Ordinal);
    }

    private static (string, string) Outcome(V1Deployment deployment)
    {
        var result = DeploymentReadiness.Evaluate(deployment);
        return (result.Status, result.Reason);
    }
}
