using static ScimEndpoint.Protocol.Schemas.Attr;

namespace ScimEndpoint.Protocol.Schemas;

/// <summary>RFC 7643 §3.1 attributes that every resource has and that no schema lists.</summary>
internal static class CommonAttributes
{
    public static readonly SchemaAttribute Id = new("id", AttributeType.String)
    {
        Description = "Unique identifier assigned by the service provider.",
        CaseExact = true,
        Mutability = Mutability.ReadOnly,
        Returned = Returned.Always,
        Uniqueness = Uniqueness.Server,
    };

    public static readonly SchemaAttribute ExternalId = Str("externalId", "Identifier assigned by the client.", true);

    public static readonly SchemaAttribute Meta = new("meta", AttributeType.Complex, [
        new("resourceType", AttributeType.String) { CaseExact = true, Mutability = Mutability.ReadOnly },
        new("created", AttributeType.DateTime) { Mutability = Mutability.ReadOnly },
        new("lastModified", AttributeType.DateTime) { Mutability = Mutability.ReadOnly },
        new("location", AttributeType.Reference) { CaseExact = true, Mutability = Mutability.ReadOnly },
        new("version", AttributeType.String) { CaseExact = true, Mutability = Mutability.ReadOnly },
    ])
    {
        Description = "Resource metadata.",
        Mutability = Mutability.ReadOnly,
    };

    public static readonly IReadOnlyList<SchemaAttribute> All = [Id, ExternalId, Meta];

    public static SchemaAttribute? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
