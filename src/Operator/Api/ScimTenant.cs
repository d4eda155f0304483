using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Operator.Api;

/// <summary>
/// One SCIM tenant: the ZITADEL organisation and project that Entra provisions into, the service user the endpoint
/// acts as, the roles and mappings, and the endpoint to deploy. The schema's source of truth is
/// <c>config/crds/scim.operator.dev_scimtenants.yaml</c>; a test keeps the two equal.
/// </summary>
[Operator.Runtime.ResourceScope(namespaced: true)]
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = "ScimTenant", PluralName = "scimtenants")]
internal sealed class ScimTenant : IKubernetesObject<V1ObjectMeta>, ISpec<ScimTenantSpec>, IStatus<ScimTenantStatus?>
{
    public const string KindName = "ScimTenant";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ScimTenantSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ScimTenantStatus? Status { get; set; }
}

internal sealed class ScimTenantSpec
{
    [JsonPropertyName("zitadel")]
    public ZitadelTarget Zitadel { get; set; } = new();

    [JsonPropertyName("serviceUser")]
    public ServiceUserSpec? ServiceUser { get; set; }

    [JsonPropertyName("roles")]
    public IList<ProjectRoleSpec>? Roles { get; set; }

    /// <summary>Remove project roles that are not declared (and not SCIM groups). Off by default.</summary>
    [JsonPropertyName("pruneRoles")]
    public bool? PruneRoles { get; set; }

    [JsonPropertyName("mappings")]
    public MappingsSpec? Mappings { get; set; }

    [JsonPropertyName("provisioning")]
    public ProvisioningSpec? Provisioning { get; set; }

    [JsonPropertyName("endpoint")]
    public EndpointSpec? Endpoint { get; set; }

    /// <summary><c>Retain</c> (default) keeps ZITADEL users, roles and grants when the tenant is deleted.</summary>
    [JsonPropertyName("deletionPolicy")]
    public string? DeletionPolicy { get; set; }
}

internal sealed class ZitadelTarget
{
    [JsonPropertyName("url")]
    public string Url { get; set; } = "";

    [JsonPropertyName("organization")]
    public ZitadelObjectRef Organization { get; set; } = new();

    [JsonPropertyName("project")]
    public ZitadelObjectRef Project { get; set; } = new();

    [JsonPropertyName("credentialsSecretRef")]
    public SecretKeyRef CredentialsSecretRef { get; set; } = new();

    /// <summary>The ZITADEL IDP (Entra) that created users are linked to with their Entra objectId.</summary>
    [JsonPropertyName("idpId")]
    public string? IdpId { get; set; }
}

internal sealed class ZitadelObjectRef
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Create it by <see cref="Name"/> when it does not exist.</summary>
    [JsonPropertyName("create")]
    public bool? Create { get; set; }
}

internal sealed class SecretKeyRef
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The data key; a PAT, or a JWT-profile key file (JSON). Defaults to <c>token</c>.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }
}

internal sealed class ServiceUserSpec
{
    [JsonPropertyName("userName")]
    public string? UserName { get; set; }

    /// <summary>Administrator roles on the tenant's organisation; default <c>ORG_USER_MANAGER</c>.</summary>
    [JsonPropertyName("organizationRoles")]
    public IList<string>? OrganizationRoles { get; set; }

    /// <summary>Instance administrator roles, e.g. <c>IAM_OWNER_VIEWER</c>; none by default.</summary>
    [JsonPropertyName("instanceRoles")]
    public IList<string>? InstanceRoles { get; set; }

    /// <summary>Any value; when it changes, the service user's credential is reissued.</summary>
    [JsonPropertyName("credentialRotationTrigger")]
    public string? CredentialRotationTrigger { get; set; }
}

internal sealed class ProjectRoleSpec
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = "";

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }
}

internal sealed class MappingsSpec
{
    [JsonPropertyName("appRoles")]
    public IList<AppRoleMapping>? AppRoles { get; set; }

    [JsonPropertyName("groups")]
    public GroupMapping? Groups { get; set; }

    [JsonPropertyName("metadata")]
    public IList<MetadataMapping>? Metadata { get; set; }

    /// <summary>
    /// Custom-extension schema URNs the endpoint accepts on Users, e.g.
    /// <c>urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User</c>
    /// (<see cref="Controllers.Endpoint.MetadataMappingRules.CustomSchemaPattern"/>).
    /// </summary>
    [JsonPropertyName("customSchemas")]
    public IList<string>? CustomSchemas { get; set; }
}

internal sealed class AppRoleMapping
{
    /// <summary>The Entra app-role value, as in <c>roles[].value</c>.</summary>
    [JsonPropertyName("value")]
    public string Value { get; set; } = "";

    [JsonPropertyName("roleKeys")]
    public IList<string> RoleKeys { get; set; } = [];
}

internal sealed class GroupMapping
{
    /// <summary>Whether SCIM groups are accepted (default true); false also withholds the project role.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>The ZITADEL role group that group roles are filed under; default <c>scim</c>.</summary>
    [JsonPropertyName("roleGroup")]
    public string? RoleGroup { get; set; }
}

/// <summary>A SCIM attribute also written as ZITADEL user metadata under <see cref="Key"/>.</summary>
internal sealed class MetadataMapping
{
    /// <summary>
    /// A single-valued User attribute path, e.g. <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department</c>;
    /// the CRD's pattern (<see cref="Controllers.Endpoint.MetadataMappingRules.PathPattern"/>) lists the accepted ones.
    /// </summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("key")]
    public string Key { get; set; } = "";
}

internal sealed class ProvisioningSpec
{
    /// <summary><c>Delete</c> (default) or <c>Deactivate</c> for a SCIM DELETE.</summary>
    [JsonPropertyName("deprovisioning")]
    public string? Deprovisioning { get; set; }

    [JsonPropertyName("emailVerified")]
    public bool? EmailVerified { get; set; }
}

internal sealed class EndpointSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("serviceType")]
    public string? ServiceType { get; set; }

    [JsonPropertyName("ingress")]
    public IngressSpec? Ingress { get; set; }

    /// <summary>The public base URL Entra reaches the endpoint at; the Tenant URL is this plus <c>/scim/v2</c>.</summary>
    [JsonPropertyName("publicBaseUrl")]
    public string? PublicBaseUrl { get; set; }
}

internal sealed class IngressSpec
{
    [JsonPropertyName("host")]
    public string Host { get; set; } = "";

    [JsonPropertyName("className")]
    public string? ClassName { get; set; }

    [JsonPropertyName("tlsSecretName")]
    public string? TlsSecretName { get; set; }

    [JsonPropertyName("annotations")]
    public IDictionary<string, string>? Annotations { get; set; }
}

internal sealed class ScimTenantStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>What Entra's admin pastes into "Tenant URL".</summary>
    [JsonPropertyName("tenantUrl")]
    public string? TenantUrl { get; set; }

    /// <summary>The Secret holding the key set (hashes only) that the endpoint reads.</summary>
    [JsonPropertyName("keySetSecretName")]
    public string? KeySetSecretName { get; set; }

    /// <summary>How many tokens the key set accepts now (a rotated key in its grace period counts twice).</summary>
    [JsonPropertyName("activeKeys")]
    public int? ActiveKeys { get; set; }

    [JsonPropertyName("organizationId")]
    public string? OrganizationId { get; set; }

    [JsonPropertyName("projectId")]
    public string? ProjectId { get; set; }

    [JsonPropertyName("serviceUserId")]
    public string? ServiceUserId { get; set; }

    [JsonPropertyName("rolesInSync")]
    public int? RolesInSync { get; set; }

    [JsonPropertyName("provisioning")]
    public ProvisioningStatus? Provisioning { get; set; }
}

internal sealed class ProvisioningStatus
{
    [JsonPropertyName("users")]
    public long? Users { get; set; }

    [JsonPropertyName("groups")]
    public long? Groups { get; set; }

    [JsonPropertyName("lastSuccessTime")]
    public DateTime? LastSuccessTime { get; set; }

    [JsonPropertyName("lastFailure")]
    public ProvisioningFailure? LastFailure { get; set; }

    [JsonPropertyName("requestsLastHour")]
    public long? RequestsLastHour { get; set; }

    [JsonPropertyName("failuresLastHour")]
    public long? FailuresLastHour { get; set; }

    /// <summary>Each endpoint replica's own counts by pod name; the totals are their sum (the endpoint writes both).</summary>
    [JsonPropertyName("replicas")]
    public IDictionary<string, ReplicaProvisioning>? Replicas { get; set; }
}

internal sealed class ReplicaProvisioning
{
    [JsonPropertyName("requestsLastHour")]
    public long? RequestsLastHour { get; set; }

    [JsonPropertyName("failuresLastHour")]
    public long? FailuresLastHour { get; set; }

    [JsonPropertyName("reportedAt")]
    public DateTime? ReportedAt { get; set; }
}

internal sealed class ProvisioningFailure
{
    [JsonPropertyName("time")]
    public DateTime? Time { get; set; }

    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    [JsonPropertyName("status")]
    public int? Status { get; set; }

    [JsonPropertyName("detail")]
    public string? Detail { get; set; }
}
