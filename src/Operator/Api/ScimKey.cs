using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Operator.Api;

/// <summary>
/// A bearer token for one <see cref="ScimTenant"/>. The operator issues the token into a Secret (data keys
/// <c>token</c> and <c>tenantUrl</c>) and puts its SHA-256 into the tenant's key set, which the endpoint reads.
/// The schema's source of truth is <c>config/crds/scim.operator.dev_scimkeys.yaml</c>; a test keeps the two equal.
/// </summary>
[Operator.Runtime.ResourceScope(namespaced: true)]
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = "ScimKey", PluralName = "scimkeys")]
internal sealed class ScimKey : IKubernetesObject<V1ObjectMeta>, ISpec<ScimKeySpec>, IStatus<ScimKeyStatus?>
{
    public const string KindName = "ScimKey";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ScimKeySpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ScimKeyStatus? Status { get; set; }
}

internal sealed class ScimKeySpec
{
    /// <summary>The ScimTenant in the same namespace that accepts this key.</summary>
    [JsonPropertyName("tenantRef")]
    public LocalObjectReference TenantRef { get; set; } = new();

    /// <summary>The Secret the token is issued into; defaults to <c>&lt;key name&gt;-scim-token</c>.</summary>
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    /// <summary>Lifetime of each issued token (Go duration, e.g. <c>2160h</c>), counted from its issuance.</summary>
    [JsonPropertyName("expiresAfter")]
    public string? ExpiresAfter { get; set; }

    /// <summary>A fixed instant at which the key expires.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Labels and annotations enforced on the issued Secret.</summary>
    [JsonPropertyName("secretTemplate")]
    public SecretTemplate? SecretTemplate { get; set; }

    [JsonPropertyName("rotation")]
    public KeyRotation? Rotation { get; set; }
}

internal sealed class LocalObjectReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

internal sealed class SecretTemplate
{
    [JsonPropertyName("labels")]
    public IDictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    public IDictionary<string, string>? Annotations { get; set; }
}

internal sealed class KeyRotation
{
    /// <summary>Any value; when it differs from <c>status.rotationTrigger</c>, a new token is issued once.</summary>
    [JsonPropertyName("trigger")]
    public string? Trigger { get; set; }

    /// <summary>How long the previous token keeps working after a rotation (Go duration); default 24h.</summary>
    [JsonPropertyName("gracePeriod")]
    public string? GracePeriod { get; set; }
}

internal sealed class ScimKeyStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    /// <summary>The id of the current token; the key set names it <c>&lt;key&gt;.&lt;tokenId&gt;</c>.</summary>
    [JsonPropertyName("tokenId")]
    public string? TokenId { get; set; }

    /// <summary><c>sha256:</c> and the first 12 hex digits of the token's SHA-256; safe to show.</summary>
    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; set; }

    [JsonPropertyName("issuedAt")]
    public DateTime? IssuedAt { get; set; }

    [JsonPropertyName("expiresAt")]
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When the endpoint last accepted this key (filled by the endpoint).</summary>
    [JsonPropertyName("lastUsedTime")]
    public DateTime? LastUsedTime { get; set; }

    /// <summary>How many tokens this key has issued; 1 after the first issuance.</summary>
    [JsonPropertyName("revision")]
    public long? Revision { get; set; }

    /// <summary>The <c>spec.rotation.trigger</c> the current token answers.</summary>
    [JsonPropertyName("rotationTrigger")]
    public string? RotationTrigger { get; set; }

    /// <summary>The id of the previous token while it is still accepted after a rotation.</summary>
    [JsonPropertyName("previousTokenId")]
    public string? PreviousTokenId { get; set; }

    [JsonPropertyName("previousTokenValidUntil")]
    public DateTime? PreviousTokenValidUntil { get; set; }
}
