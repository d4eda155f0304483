using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>Where a PATCH operation lands: the attribute and the object (resource or extension) that holds it.</summary>
/// <param name="Name">The canonical attribute name, for messages.</param>
/// <param name="RawPath">The path as the client sent it, for messages.</param>
/// <param name="Attribute">The top-level attribute.</param>
/// <param name="Container">The resource, or the extension object, that holds the attribute.</param>
internal sealed record PatchTarget(string Name, string RawPath, SchemaAttribute Attribute, JsonObject Container)
{
    /// <summary>
    /// RFC 7643 §7: readOnly attributes are never changed by a client; an immutable one may be set once, when it has
    /// no value, and never replaced or removed.
    /// </summary>
    public void CheckMutable(SchemaAttribute attribute, JsonNode? existing)
    {
        switch (attribute.Mutability)
        {
            case Mutability.ReadOnly:
                throw ScimErrors.Mutability(NameOf(attribute), "is readOnly");
            case Mutability.Immutable when existing is not null:
                throw ScimErrors.Mutability(NameOf(attribute), "is immutable and already has a value");
        }
    }

    private string NameOf(SchemaAttribute attribute) =>
        attribute == Attribute ? Name : $"{Name}.{attribute.Name}";
}
