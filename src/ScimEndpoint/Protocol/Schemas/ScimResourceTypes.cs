namespace ScimEndpoint.Protocol.Schemas;

/// <summary>
/// The resource types and schemas one endpoint serves: the built-in ones (<see cref="ScimSchemas"/>) plus the tenant's
/// custom extensions of User (<c>Scim:CustomSchemas</c>). Discovery, routing and the stores read this, never a list
/// of their own. A tenant that takes no groups (<c>Scim:Zitadel:GroupsEnabled</c> false) serves User only: discovery
/// and the root search leave Group out, and <c>/Groups</c> answers 403 saying why (the store refuses).
/// </summary>
internal sealed class ScimResourceTypes
{
    public ScimResourceTypes(IReadOnlyList<string> customSchemas, bool groups = true)
    {
        var custom = customSchemas.Select(CustomExtensions.Schema).ToList();
        User = custom.Count == 0
            ? ScimSchemas.UserType
            : new ResourceTypeDefinition(
                ScimSchemas.UserType.Name,
                ScimSchemas.UserType.Endpoint,
                ScimSchemas.UserType.Description,
                ScimSchemas.User,
                [.. ScimSchemas.UserType.Extensions, .. custom.Select(s => new SchemaExtension(s, Required: false))]);
        Group = ScimSchemas.GroupType;
        All = groups ? [User, Group] : [User];
        Schemas = [.. ScimSchemas.All.Where(s => groups || s.Id != ScimSchemas.GroupType.Schema.Id), .. custom];
    }

    public ResourceTypeDefinition User { get; }

    public ResourceTypeDefinition Group { get; }

    /// <summary>The served types: what discovery lists and the root search searches.</summary>
    public IReadOnlyList<ResourceTypeDefinition> All { get; }

    public IReadOnlyList<ScimSchema> Schemas { get; }
}
