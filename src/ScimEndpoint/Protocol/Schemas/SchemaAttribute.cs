namespace ScimEndpoint.Protocol.Schemas;

/// <summary>
/// One attribute definition (RFC 7643 §7). Filtering, patching, projection, validation and discovery all read these,
/// so a behaviour of an attribute is changed here and nowhere else.
/// </summary>
internal sealed class SchemaAttribute
{
    private readonly Dictionary<string, SchemaAttribute> _byName;

    public SchemaAttribute(string name, AttributeType type, IReadOnlyList<SchemaAttribute>? subAttributes = null)
    {
        Name = name;
        Type = type;
        SubAttributes = subAttributes ?? [];
        _byName = SubAttributes.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

    public AttributeType Type { get; }

    public IReadOnlyList<SchemaAttribute> SubAttributes { get; }

    public bool MultiValued { get; init; }

    public string Description { get; init; } = "";

    public bool Required { get; init; }

    public bool CaseExact { get; init; }

    public Mutability Mutability { get; init; } = Mutability.ReadWrite;

    public Returned Returned { get; init; } = Returned.Default;

    public Uniqueness Uniqueness { get; init; } = Uniqueness.None;

    public IReadOnlyList<string>? CanonicalValues { get; init; }

    public IReadOnlyList<string>? ReferenceTypes { get; init; }

    public bool IsComplex => Type == AttributeType.Complex;

    /// <summary>
    /// An attribute of an open custom extension: a string, boolean or number, or an array of them, kept as sent
    /// (<see cref="CustomExtensions.Normalize"/>); never filtered or sorted on.
    /// </summary>
    public bool FreeForm { get; init; }

    /// <summary>Finds a sub-attribute by name, ignoring case (RFC 7643 §2.1).</summary>
    public SchemaAttribute? FindSubAttribute(string name) => _byName.GetValueOrDefault(name);
}
