using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Protocol.Schemas;

/// <summary>
/// A resource type (RFC 7643 §6) with its core schema, its extensions and the common attributes
/// (<c>id</c>, <c>externalId</c>, <c>meta</c>) every resource has. Resolves attribute paths for all protocol code.
/// </summary>
internal sealed class ResourceTypeDefinition
{
    private readonly Dictionary<string, SchemaExtension> _extensions;

    public ResourceTypeDefinition(
        string name, string endpoint, string description, ScimSchema schema, IReadOnlyList<SchemaExtension> extensions)
    {
        Name = name;
        Endpoint = endpoint;
        Description = description;
        Schema = schema;
        Extensions = extensions;
        _extensions = extensions.ToDictionary(e => e.Schema.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The resource type name, <c>User</c> or <c>Group</c>.</summary>
    public string Name { get; }

    /// <summary>The endpoint relative to the base URL, e.g. <c>/Users</c>.</summary>
    public string Endpoint { get; }

    public string Description { get; }

    public ScimSchema Schema { get; }

    public IReadOnlyList<SchemaExtension> Extensions { get; }

    public SchemaExtension? FindExtension(string urn) => _extensions.GetValueOrDefault(urn);

    /// <summary>Whether <paramref name="urn"/> is the core schema or one of the extensions.</summary>
    public bool IsKnownSchema(string urn) =>
        string.Equals(urn, Schema.Id, StringComparison.OrdinalIgnoreCase) || _extensions.ContainsKey(urn);

    /// <summary>
    /// Resolves a path, or returns null when no attribute of that name exists. A URN prefix may name the core schema
    /// (resolved like an unprefixed path) or an extension; a path that is exactly an extension URN names the whole
    /// extension object.
    /// </summary>
    public ResolvedAttribute? Resolve(AttributePath path)
    {
        if (path.SchemaUrn is null)
        {
            if (path.SubAttribute is null && _extensions.TryGetValue(path.Name, out var whole))
            {
                return new ResolvedAttribute(whole.Schema.Id, null, null);
            }

            var top = CommonAttributes.Find(path.Name) ?? Schema.FindAttribute(path.Name);
            if (top is not null)
            {
                return WithSub(null, top, path.SubAttribute);
            }

            // Entra's older forms name extension attributes without their URN ("manager"): resolve them when exactly
            // one extension has the name, so the meaning is never a guess.
            var owners = Extensions.Where(e => e.Schema.FindAttribute(path.Name) is not null).ToList();
            return owners.Count == 1
                ? WithSub(owners[0].Schema.Id, owners[0].Schema.FindAttribute(path.Name)!, path.SubAttribute)
                : null;
        }

        if (string.Equals(path.SchemaUrn, Schema.Id, StringComparison.OrdinalIgnoreCase))
        {
            var top = Schema.FindAttribute(path.Name) ?? CommonAttributes.Find(path.Name);
            return top is null ? null : WithSub(null, top, path.SubAttribute);
        }

        if (_extensions.TryGetValue(path.SchemaUrn, out var extension))
        {
            if (extension.Schema.Open)
            {
                // Any name is an attribute of an open extension; none has sub-attributes.
                return path.SubAttribute is null
                    ? new ResolvedAttribute(extension.Schema.Id, CustomExtensions.Attribute(path.Name), null)
                    : null;
            }

            var top = extension.Schema.FindAttribute(path.Name);
            return top is null ? null : WithSub(extension.Schema.Id, top, path.SubAttribute);
        }

        // "urn:…:enterprise:2.0:User" parses as URN "urn:…:enterprise:2.0" plus name "User": the whole extension.
        if (path.SubAttribute is null && _extensions.TryGetValue($"{path.SchemaUrn}:{path.Name}", out var ext))
        {
            return new ResolvedAttribute(ext.Schema.Id, null, null);
        }

        return null;
    }

    private static ResolvedAttribute? WithSub(string? extensionUrn, SchemaAttribute top, string? subName)
    {
        if (subName is null)
        {
            return new ResolvedAttribute(extensionUrn, top, null);
        }

        var sub = top.FindSubAttribute(subName);
        return sub is null ? null : new ResolvedAttribute(extensionUrn, top, sub);
    }
}
