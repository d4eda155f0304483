using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Projection;

/// <summary>
/// Which attributes a response carries: RFC 7644 §3.4.2.5 (<c>attributes</c>, <c>excludedAttributes</c>) combined
/// with RFC 7643 §7 <c>returned</c>. Names are kept in their canonical spelling, e.g. <c>name.givenName</c> or
/// <c>urn:…:enterprise:2.0:User:manager</c>.
/// </summary>
internal sealed class ResourceProjection
{
    private readonly HashSet<string> _included;
    private readonly HashSet<string> _excluded;

    private ResourceProjection(ResourceTypeDefinition type, HashSet<string> included, HashSet<string> excluded)
    {
        Type = type;
        _included = included;
        _excluded = excluded;
    }

    public ResourceTypeDefinition Type { get; }

    /// <summary>Validates the two lists; throws 400 <c>invalidValue</c> for a name the type does not have.</summary>
    public static ResourceProjection Create(
        ResourceTypeDefinition type, IReadOnlyList<string> attributes, IReadOnlyList<string> excludedAttributes) =>
        new(type, Resolve(type, attributes, "attributes"), Resolve(type, excludedAttributes, "excludedAttributes"));

    public static ResourceProjection Default(ResourceTypeDefinition type) => new(type, [], []);

    /// <summary>Whether a top-level attribute is written (<paramref name="extensionUrn"/> null for core ones).</summary>
    public bool Includes(string? extensionUrn, SchemaAttribute attribute)
    {
        if (attribute.Returned is Returned.Always or Returned.Never)
        {
            return attribute.Returned == Returned.Always;
        }

        var name = Name(extensionUrn, attribute);
        if (_excluded.Contains(name) || (extensionUrn is not null && _excluded.Contains(extensionUrn)))
        {
            return false;
        }

        if (_included.Count == 0)
        {
            return attribute.Returned != Returned.Request;
        }

        if (_included.Contains(name) || (extensionUrn is not null && _included.Contains(extensionUrn)))
        {
            return true;
        }

        var prefix = name + ".";
        return _included.Any(i => i.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a sub-attribute of an included attribute is written.</summary>
    public bool Includes(string? extensionUrn, SchemaAttribute attribute, SchemaAttribute subAttribute)
    {
        if (subAttribute.Returned is Returned.Always or Returned.Never)
        {
            return subAttribute.Returned == Returned.Always;
        }

        var parent = Name(extensionUrn, attribute);
        var name = $"{parent}.{subAttribute.Name}";
        if (_excluded.Contains(name))
        {
            return false;
        }

        if (_included.Count == 0 || _included.Contains(parent)
            || (extensionUrn is not null && _included.Contains(extensionUrn)))
        {
            return subAttribute.Returned != Returned.Request || _included.Contains(name);
        }

        return _included.Contains(name);
    }

    private static string Name(string? extensionUrn, SchemaAttribute attribute) =>
        extensionUrn is null ? attribute.Name : $"{extensionUrn}:{attribute.Name}";

    private static HashSet<string> Resolve(ResourceTypeDefinition type, IReadOnlyList<string> names, string parameter)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in names)
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            AttributePath path;
            try
            {
                path = PathParser.ParseAttributePath(text);
            }
            catch (ScimException)
            {
                throw ScimErrors.InvalidValue($"'{ScimErrors.Shorten(text)}' in {parameter} is not an attribute path.");
            }

            var resolved = type.Resolve(path)
                ?? throw ScimErrors.InvalidValue($"{type.Name} has no attribute '{ScimErrors.Shorten(text)}' ({parameter}).");
            result.Add(resolved.CanonicalName);
        }

        return result;
    }
}
