using System.ComponentModel.DataAnnotations;
using ScimEndpoint.Status;

namespace ScimEndpoint.Hosting;

/// <summary>Settings of the SCIM endpoint host, bound from the <c>Scim</c> configuration section.</summary>
/// <remarks>
/// Environment variables use the usual double underscore, e.g. <c>Scim__KeySetPath=/etc/scim/keys.json</c>.
/// Port 0 lets the system pick a free port (tests); read the real one with
/// <see cref="ScimApp.ScimBaseUri"/> after start.
/// </remarks>
internal sealed class ScimOptions
{
    public const string Section = "Scim";

    /// <summary>Label for metrics and logs. Default <c>default</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$",
        ErrorMessage = "Scim:Tenant must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    public string Tenant { get; set; } = "default";

    /// <summary>IP address both listeners bind to. Default <c>127.0.0.1</c>; the container sets <c>0.0.0.0</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Port of the SCIM listener. Default 8080.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>Port of the management listener (<c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>). Default 9090.</summary>
    [Range(0, 65535)]
    public int ManagementPort { get; set; } = 9090;

    /// <summary>
    /// The key-set file (see <see cref="Auth.KeySetParser"/> for its format). Set this or
    /// <see cref="KeySetSecretName"/>.
    /// </summary>
    public string KeySetPath { get; set; } = "";

    /// <summary>
    /// The Secret holding the key set under <c>keys.json</c>, watched through the Kubernetes API so a new or revoked
    /// key takes effect within seconds (a mounted Secret can lag by a minute or more). Set this or
    /// <see cref="KeySetPath"/>. The operator sets it for the endpoints it deploys.
    /// </summary>
    public string? KeySetSecretName { get; set; }

    /// <summary>The namespace of <see cref="KeySetSecretName"/>; default: the pod's own namespace.</summary>
    public string? KeySetSecretNamespace { get; set; }

    /// <summary>
    /// A kubeconfig for the key-set watch and status reporting; default: in-cluster, then the usual kubeconfig lookup.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>How often the key-set file is re-read. Default 2 s; between 50 ms and 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00",
        ErrorMessage = "Scim:KeySetPollInterval must be between 00:00:00.050 and 01:00:00.")]
    public TimeSpan KeySetPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The absolute URL clients use for the SCIM base, e.g. <c>https://scim.example.com/scim/v2</c>, used in
    /// <c>Location</c> and <c>meta.location</c>. When unset, derived from the request scheme, host and PathBase.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The tenant's custom-extension schema URNs (<c>spec.mappings.customSchemas</c>, e.g.
    /// <c>urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User</c>): a User may carry an object under
    /// each, of simple attributes (see <see cref="Protocol.Schemas.CustomExtensions"/>). At most 10.
    /// </summary>
    public List<string> CustomSchemas { get; set; } = [];

    /// <summary>Where resources live: <see cref="ScimStoreKind.InMemory"/> (default) or ZITADEL.</summary>
    [EnumDataType(typeof(ScimStoreKind))]
    public ScimStoreKind Store { get; set; } = ScimStoreKind.InMemory;

    /// <summary>The ZITADEL store's settings (<c>Scim:Zitadel:*</c>).</summary>
    public ZitadelSettings Zitadel { get; set; } = new();

    /// <summary>Provisioning status reporting to the ScimTenant and its ScimKeys (<c>Scim:Status:*</c>).</summary>
    public ProvisioningStatusSettings Status { get; set; } = new();
}
