using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Projection;

/// <summary>
/// Which attributes a response carries (RFC 7644 §3.4.2.5, <c>attributes</c> and <c>excludedAttributes</c>,
/// with RFC 7643 §7 <c>returned</c>).
/// </summary>
internal sealed class ResourceProjection
{
    private ResourceProjection(ResourceTypeDefinition type) => Type = type;

    public ResourceTypeDefinition Type { get; }

    /// <summary>Validates the two lists; throws 400 <c>invalidValue</c> for an unknown attribute.</summary>
    public static ResourceProjection Create(
        ResourceTypeDefinition type, IReadOnlyList<string> attributes, IReadOnlyList<string> excludedAttributes) =>
        throw new NotImplementedException(type.Name + attributes.Count + excludedAttributes.Count);

    public static ResourceProjection Default(ResourceTypeDefinition type) => new(type);
}
