namespace Operator.Controllers;

/// <summary>The <c>Operator:Scim</c> settings of the ScimTenant and ScimKey controllers.</summary>
internal sealed class OperatorSettings
{
    public const string Section = "Operator:Scim";

    /// <summary>How long before a token's expiry a Warning event is recorded. Default 14 days.</summary>
    public TimeSpan KeyExpiryWarning { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often a tenant's ZITADEL side is checked again (drift, provisioning counts). Default 5 minutes.
    /// </summary>
    public TimeSpan ZitadelResyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When a failed ZITADEL side is tried again, unless ZITADEL asked for a Retry-After. Default 30 s.</summary>
    public TimeSpan ZitadelRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The field manager named on every write.</summary>
    public string FieldManager { get; set; } = "scim-operator";

    /// <summary>The SCIM endpoint image a tenant gets when <c>spec.endpoint.image</c> is unset.</summary>
    public string EndpointImage { get; set; } = DefaultEndpointImage;

    public const string DefaultEndpointImage = "ghcr.io/scim-operator/scim-endpoint:0.1.0";
}
