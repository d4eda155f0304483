namespace ScimEndpoint.Protocol.Paths;

/// <summary>
/// An RFC 7644 §3.4.2.2 <c>attrPath</c>: <c>[URI ":"] ATTRNAME ["." subAttr]</c>. Names keep the client's casing;
/// resolution against a schema ignores case.
/// </summary>
/// <param name="SchemaUrn">The schema URN prefix, or null when the client gave none.</param>
/// <param name="Name">The attribute name.</param>
/// <param name="SubAttribute">The sub-attribute name, or null.</param>
internal sealed record AttributePath(string? SchemaUrn, string Name, string? SubAttribute = null)
{
    public override string ToString()
    {
        var text = SchemaUrn is null ? Name : $"{SchemaUrn}:{Name}";
        return SubAttribute is null ? text : $"{text}.{SubAttribute}";
    }
}
