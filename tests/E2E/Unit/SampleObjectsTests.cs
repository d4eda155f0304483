using Emulators.Zitadel;
using Emulators.Zitadel.Hosting;
using Sandbox;

namespace E2E.Tests.Unit;

/// <summary>The sample adjustment the k3s suite applies, checked on config/samples without a cluster.</summary>
public sealed class SampleObjectsTests
{
    private static Task<SampleObjects> LoadAsync() => SampleObjects.LoadAsync(SandboxSystem.RepoPath("config", "samples"));

    [Fact]
    public async Task The_samples_hold_one_tenant_and_its_key()
    {
        var samples = await LoadAsync();

        Assert.Equal(samples.Tenant.Metadata.Name, samples.Key.Spec.TenantRef.Name);
        Assert.Equal("token", samples.CredentialsSecretKey);
    }

    [Fact]
    public async Task Named_renames_the_tenant_the_key_its_reference_and_the_credential()
    {
        var samples = (await LoadAsync()).Named("k3s-gc");

        Assert.Equal("k3s-gc", samples.Tenant.Metadata.Name);
        Assert.Equal("k3s-gc-key", samples.Key.Metadata.Name);
        Assert.Equal("k3s-gc", samples.Key.Spec.TenantRef.Name);
        Assert.Equal("k3s-gc-zitadel-operator", samples.CredentialsSecretName);
    }

    [Fact]
    public async Task PointedAt_aims_the_tenant_at_the_emulated_ZITADEL()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync(new ZitadelEmulatorOptions());
        var demo = DemoTenant.Seed(zitadel);

        var tenant = (await LoadAsync()).PointedAt(zitadel.BaseUri, demo, publicBaseUrl: null).Tenant;

        Assert.Equal(zitadel.BaseUri.ToString().TrimEnd('/'), tenant.Spec.Zitadel.Url);
        Assert.Equal(demo.OrganizationId, tenant.Spec.Zitadel.Organization.Id);
        Assert.Null(tenant.Spec.Zitadel.Organization.Name);
        Assert.Equal(demo.ProjectId, tenant.Spec.Zitadel.Project.Id);
        Assert.Equal(demo.IdpId, tenant.Spec.Zitadel.IdpId);
        Assert.Null(tenant.Spec.Endpoint!.PublicBaseUrl);
    }
}
