namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// A SCIM user as ZITADEL holds it: the native human-user fields plus the SCIM-owned metadata entries
/// (keys starting with <see cref="ZitadelUserMapping.MetadataPrefix"/>). Independent of the client's wire types.
/// </summary>
internal sealed record ZitadelUserRecord
{
    public required string Username { get; init; }

    public required string GivenName { get; init; }

    public required string FamilyName { get; init; }

    public string? DisplayName { get; init; }

    public string? NickName { get; init; }

    public string? PreferredLanguage { get; init; }

    public required string Email { get; init; }

    public bool EmailVerified { get; init; }

    public string? Phone { get; init; }

    public bool PhoneVerified { get; init; }

    public bool Active { get; init; } = true;

    /// <summary>
    /// SCIM-owned metadata and the tenant's mapped keys (<see cref="ZitadelMappingOptions.Metadata"/>): key → UTF-8
    /// value. Keys of other owners are never read or written.
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
