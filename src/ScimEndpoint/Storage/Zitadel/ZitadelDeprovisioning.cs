namespace ScimEndpoint.Storage.Zitadel;

/// <summary>What a SCIM DELETE of a user does in ZITADEL.</summary>
internal enum ZitadelDeprovisioning
{
    Delete,
    Deactivate,
}
