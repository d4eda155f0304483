namespace ScimEndpoint.Protocol.Schemas;

/// <summary>
/// An attribute path resolved against a resource type: where it lives in the JSON and what its definition is.
/// </summary>
/// <param name="ExtensionUrn">The extension schema whose object holds the attribute, or null for core and common
/// attributes, which sit at the top level of the resource.</param>
/// <param name="Attribute">The top-level attribute, or null when the path names a whole extension object.</param>
/// <param name="SubAttribute">The sub-attribute, or null.</param>
internal sealed record ResolvedAttribute(string? ExtensionUrn, SchemaAttribute? Attribute, SchemaAttribute? SubAttribute)
{
    /// <summary>The definition that applies to the value at the end of the path.</summary>
    public SchemaAttribute? Target => SubAttribute ?? Attribute;

    /// <summary>The canonical spelling, e.g. <c>name.givenName</c> or <c>urn:…:User:manager</c>.</summary>
    public string CanonicalName
    {
        get
        {
            var name = Attribute is null ? "" : Attribute.Name;
            if (SubAttribute is not null)
            {
                name = $"{name}.{SubAttribute.Name}";
            }

            return ExtensionUrn is null ? name : Attribute is null ? ExtensionUrn : $"{ExtensionUrn}:{name}";
        }
    }
}
