namespace ScimEndpoint.Protocol.Schemas;

/// <summary>Short constructors that keep the schema tables readable.</summary>
internal static class Attr
{
    public static SchemaAttribute Str(string name, string description, bool caseExact = false) =>
        new(name, AttributeType.String) { Description = description, CaseExact = caseExact };

    public static SchemaAttribute Bool(string name, string description) =>
        new(name, AttributeType.Boolean) { Description = description };

    public static SchemaAttribute Ref(string name, string description, params string[] referenceTypes) =>
        new(name, AttributeType.Reference) { Description = description, CaseExact = true, ReferenceTypes = referenceTypes };

    public static SchemaAttribute Complex(string name, string description, params SchemaAttribute[] subAttributes) =>
        new(name, AttributeType.Complex, subAttributes) { Description = description };

    /// <summary>A multi-valued complex attribute with the RFC 7643 §2.4 sub-attributes and the given types.</summary>
    public static SchemaAttribute MultiValued(
        string name, string description, SchemaAttribute valueAttribute, params string[] canonicalTypes) =>
        new(name, AttributeType.Complex, [
            valueAttribute,
            Str("display", "A human-readable name, primarily used for display purposes."),
            new("type", AttributeType.String)
            {
                Description = "A label indicating the attribute's function.",
                CanonicalValues = canonicalTypes.Length == 0 ? null : canonicalTypes,
            },
            Bool("primary", "Whether this is the primary or preferred value; at most one value is primary."),
        ])
        { Description = description, MultiValued = true };
}
