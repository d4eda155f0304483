using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>Tenant choices that change how a SCIM user is written to ZITADEL.</summary>
internal sealed record ZitadelMappingOptions
{
    /// <summary>Mark provisioned e-mail addresses verified (Entra has verified them), so ZITADEL sends no mail.</summary>
    public bool EmailVerified { get; init; } = true;

    /// <summary>Mark provisioned phone numbers verified.</summary>
    public bool PhoneVerified { get; init; } = true;

    /// <summary>Attributes also written as plain metadata under tenant-chosen keys (<c>spec.mappings.metadata</c>).</summary>
    public IReadOnlyList<ZitadelMetadataMapping> Metadata { get; init; } = [];

    /// <summary>
    /// The User type with the tenant's custom extensions: each extension object is one metadata entry
    /// <c>scim.&lt;urn&gt;</c>, and a read keeps the entries of the extensions this type has.
    /// </summary>
    public ResourceTypeDefinition UserType { get; init; } = ScimSchemas.UserType;
}
