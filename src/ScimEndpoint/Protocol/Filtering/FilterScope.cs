using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>
/// Where the paths of a filter resolve: against a resource type (the whole filter), or against the sub-attributes of
/// one multi-valued attribute (inside <c>[…]</c>, where paths are relative to each element).
/// </summary>
internal readonly struct FilterScope
{
    private readonly ResourceTypeDefinition? _type;
    private readonly SchemaAttribute? _parent;

    private FilterScope(ResourceTypeDefinition? type, SchemaAttribute? parent)
    {
        _type = type;
        _parent = parent;
    }

    public static FilterScope Of(ResourceTypeDefinition type) => new(type, null);

    public static FilterScope Within(SchemaAttribute multiValued) => new(null, multiValued);

    /// <summary>Resolves a path in this scope; throws 400 invalidFilter for an unknown attribute.</summary>
    public ResolvedAttribute Resolve(AttributePath path)
    {
        if (_parent is null)
        {
            var resolved = _type!.Resolve(path)
                ?? throw ScimErrors.InvalidFilter($"The filter names unknown attribute '{Echo(path)}' of {_type.Name}.");
            return resolved.Attribute is { FreeForm: true }
                ? throw ScimErrors.InvalidFilter(
                    $"The filter names '{Echo(path)}', an attribute of a custom extension: filtering on custom-extension " +
                    "attributes is not supported.")
                : resolved;
        }

        if (path.SchemaUrn is null && path.SubAttribute is null && _parent.FindSubAttribute(path.Name) is { } sub)
        {
            return new ResolvedAttribute(null, _parent, sub);
        }

        throw ScimErrors.InvalidFilter(
            $"The filter names unknown attribute '{Echo(path)}' inside '{_parent.Name}[…]': only its sub-attributes apply.");
    }

    /// <summary>Resolves the attribute of a value filter <c>attr[…]</c>, which must be multi-valued and complex.</summary>
    public ResolvedAttribute ResolveMultiValued(AttributePath path)
    {
        if (_parent is not null)
        {
            throw ScimErrors.InvalidFilter($"Value filters cannot be nested: '{Echo(path)}[…]' is inside '{_parent.Name}[…]'.");
        }

        var resolved = Resolve(path);
        if (resolved.SubAttribute is null && resolved.Attribute is { MultiValued: true, IsComplex: true })
        {
            return resolved;
        }

        throw ScimErrors.InvalidFilter(
            $"'{Echo(path)}' is not a multi-valued complex attribute, so it cannot take a value filter '[…]'.");
    }

    /// <summary>The non-null values at a resolved path, read from the resource or from one element.</summary>
    public IEnumerable<JsonNode> Select(JsonNode context, ResolvedAttribute resolved) =>
        _parent is null
            ? context is JsonObject resource ? ResourceValues.Select(resource, resolved) : []
            : ResourceValues.Elements((context as JsonObject)?[resolved.SubAttribute!.Name]);

    private static string Echo(AttributePath path) => FilterLexer.Echo(path.ToString());
}
