namespace ScimEndpoint.Protocol.Schemas;

/// <summary>
/// The resource types and schemas one endpoint serves: the built-in ones (<see cref="ScimSchemas"/>) plus the tenant's
/// custom extensions of User (<c>Scim:CustomSchemas</c>). Discovery, routing and the stores read this, never a list
/// of their own.
/// </summary>
internal sealed class ScimResourceTypes
{
    public ScimResourceTypes(IReadOnlyList<string> customSchemas)
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
        All = [User, Group];
        Schemas = [.. ScimSchemas.All, .. custom];
    }

    public ResourceTypeDefinition User { get; }

    public ResourceTypeDefinition Group { get; }

    public IReadOnlyList<ResourceTypeDefinition> All { get; }

    public IReadOnlyList<ScimSchema> Schemas { get; }
}
