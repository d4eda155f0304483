namespace ScimEndpoint.Protocol.Schemas;

/// <summary>A schema (RFC 7643 §7): the core schema of a resource type or an extension.</summary>
internal sealed class ScimSchema
{
    private readonly Dictionary<string, SchemaAttribute> _byName;

    public ScimSchema(string id, string name, string description, IReadOnlyList<SchemaAttribute> attributes)
    {
        Id = id;
        Name = name;
        Description = description;
        Attributes = attributes;
        _byName = attributes.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Id { get; }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<SchemaAttribute> Attributes { get; }

    /// <summary>
    /// True for a tenant's custom extension (<see cref="CustomExtensions"/>): it lists no attributes and takes any
    /// attribute name with a simple value or an array of them.
    /// </summary>
    public bool Open { get; init; }

    public SchemaAttribute? FindAttribute(string name) => _byName.GetValueOrDefault(name);
}
