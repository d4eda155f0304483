using k8s;
using Operator.Api;
using Operator.Controllers;

namespace Operator.Tests.Api;

/// <summary>The samples in config/samples load into the C# types and pass the operator's own validation.</summary>
public sealed class SampleTests
{
    internal static readonly Dictionary<string, Type> TypeMap = new(StringComparer.Ordinal)
    {
        [$"{ApiGroup.ApiVersion}/{ScimTenant.KindName}"] = typeof(ScimTenant),
        [$"{ApiGroup.ApiVersion}/{ScimKey.KindName}"] = typeof(ScimKey),
    };

    [Fact]
    public async Task Samples_load_and_validate()
    {
        var files = Directory.GetFiles(RepoFiles.Path("config", "samples"), "*.yaml");
        Assert.NotEmpty(files);
        var objects = new List<object>();
        foreach (var file in files)
        {
            objects.AddRange(await KubernetesYaml.LoadAllFromFileAsync(file, TypeMap));
        }

        var tenant = Assert.Single(objects.OfType<ScimTenant>());
        var key = Assert.Single(objects.OfType<ScimKey>());
        Assert.Empty(TenantSpecValidator.Validate(tenant.Spec));
        Assert.Empty(KeySpecValidator.Validate(key.Spec));
        Assert.Equal(tenant.Metadata.Name, key.Spec.TenantRef.Name);
        Assert.Equal("https://scim.acme.example.com/scim/v2", TenantUrls.Compute(tenant));
    }
}
