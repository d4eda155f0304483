using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Operator.Controllers;
using Operator.Runtime;

namespace Operator.IntegrationTests;

/// <summary>
/// Stands in for the ZITADEL step (Order 10): resolves every tenant to <see cref="Resolution"/>, which a test may
/// change (e.g. a new credential version), and creates the credential Secret it names.
/// </summary>
internal sealed class FakeZitadel
{
    public const string CredentialSecret = "scim-zitadel-credential";

    public ZitadelResolution Resolution { get; set; } = new(
        "https://zitadel.example.test", "org-1", "project-1", "user-1", CredentialSecret, "pat", "1");

    /// <summary>Registers the fake and its step; pass to <see cref="OperatorCluster.StartOperatorAsync"/>.</summary>
    public void Register(IServiceCollection services)
    {
        // Replaces the real ZITADEL step: these tests have no ZITADEL.
        foreach (var real in services.Where(d => d.ServiceType == typeof(ITenantStep) &&
            d.ImplementationType == typeof(Operator.Controllers.Zitadel.ZitadelStep)).ToList())
        {
            services.Remove(real);
        }

        services.AddSingleton(this);
        services.AddScoped<ITenantStep, FakeZitadelStep>();
    }
}

internal sealed class FakeZitadelStep(FakeZitadel fake, IKubernetesObjects objects) : ITenantStep
{
    public int Order => 10;

    public string ConditionType => "ZitadelReady";

    public bool RequiresValidSpec => false;

    public async Task<StepResult> ReconcileAsync(TenantContext context, CancellationToken ct)
    {
        var resolution = fake.Resolution;
        var key = new ObjectKey(context.Namespace, resolution.CredentialSecretName);
        if (await objects.GetAsync<V1Secret>(key, ct) is null)
        {
            await objects.CreateAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = key.Name, NamespaceProperty = key.Namespace },
                StringData = new Dictionary<string, string> { [resolution.CredentialKey] = "fake-pat" },
            }, ct);
        }

        context.Zitadel = resolution;
        return StepResult.True("Resolved", "fake ZITADEL");
    }

    public Task<bool> FinalizeAsync(TenantContext context, CancellationToken ct) => Task.FromResult(true);
}

/// <summary>The deployment controller the emulator lacks: tests patch Deployment status themselves.</summary>
internal static class SimulatedController
{
    /// <summary>Reports the Deployment's current generation as rolled out with every replica available.</summary>
    public static async Task<V1Deployment> RollOutAsync(OperatorCluster cluster, string name, string? ns = null)
    {
        ns ??= cluster.Namespace;
        var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        var replicas = deployment.Spec.Replicas ?? 1;
        var status = new
        {
            status = new
            {
                observedGeneration = deployment.Metadata.Generation,
                replicas,
                updatedReplicas = replicas,
                readyReplicas = replicas,
                availableReplicas = replicas,
            },
        };
        return await cluster.Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch(status, V1Patch.PatchType.MergePatch), name, ns);
    }
}
