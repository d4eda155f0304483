using Emulators.Zitadel.Hosting;
using k8s;
using Operator.Api;

namespace Sandbox;

/// <summary>
/// The ScimTenant and ScimKey of config/samples as objects, to be pointed at the emulated ZITADEL and, when several
/// sets share one cluster, renamed. The methods change these objects and return the same instance.
/// </summary>
internal sealed class SampleObjects(ScimTenant tenant, ScimKey key)
{
    public ScimTenant Tenant { get; } = tenant;

    public ScimKey Key { get; } = key;

    /// <summary>The Secret the tenant names for the operator's ZITADEL credential.</summary>
    public string CredentialsSecretName => Tenant.Spec.Zitadel.CredentialsSecretRef.Name;

    /// <summary>The key inside that Secret (the CRD's default is <c>token</c>).</summary>
    public string CredentialsSecretKey => Tenant.Spec.Zitadel.CredentialsSecretRef.Key ?? "token";

    /// <summary>Loads the one tenant and the one key the YAML files of <paramref name="directory"/> hold.</summary>
    public static async Task<SampleObjects> LoadAsync(string directory)
    {
        var typeMap = new Dictionary<string, Type>
        {
            [$"{ApiGroup.ApiVersion}/{ScimTenant.KindName}"] = typeof(ScimTenant),
            [$"{ApiGroup.ApiVersion}/{ScimKey.KindName}"] = typeof(ScimKey),
        };
        var objects = new List<object>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            objects.AddRange(await KubernetesYaml.LoadAllFromFileAsync(file, typeMap));
        }

        return new SampleObjects(objects.OfType<ScimTenant>().Single(), objects.OfType<ScimKey>().Single());
    }

    /// <summary>Points the tenant at the emulated ZITADEL: its URL and the demo organisation, project and IDP.</summary>
    /// <param name="zitadel">The emulator's base URL.</param>
    /// <param name="demo">What the emulator was seeded with.</param>
    /// <param name="publicBaseUrl">The endpoint's public base URL; null lets the operator derive it.</param>
    public SampleObjects PointedAt(Uri zitadel, DemoTenant demo, string? publicBaseUrl)
    {
        Tenant.Spec.Zitadel.Url = zitadel.ToString().TrimEnd('/');
        Tenant.Spec.Zitadel.Organization = new ZitadelObjectRef { Id = demo.OrganizationId };
        Tenant.Spec.Zitadel.Project = new ZitadelObjectRef { Id = demo.ProjectId };
        Tenant.Spec.Zitadel.IdpId = demo.IdpId;
        Tenant.Spec.Endpoint ??= new EndpointSpec();
        Tenant.Spec.Endpoint.PublicBaseUrl = publicBaseUrl;
        return this;
    }

    /// <summary>
    /// Renames the set after <paramref name="tenantName"/>: the tenant itself, the key (<c>&lt;name&gt;-key</c>, its
    /// tenantRef following) and the credential Secret (<c>&lt;name&gt;-zitadel-operator</c>).
    /// </summary>
    public SampleObjects Named(string tenantName)
    {
        Tenant.Metadata.Name = tenantName;
        Tenant.Spec.Zitadel.CredentialsSecretRef.Name = tenantName + "-zitadel-operator";
        Key.Metadata.Name = tenantName + "-key";
        Key.Spec.TenantRef.Name = tenantName;
        return this;
    }
}
