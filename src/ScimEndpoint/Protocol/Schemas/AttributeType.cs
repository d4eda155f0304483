namespace ScimEndpoint.Protocol.Schemas;

/// <summary>RFC 7643 §2.3 data types.</summary>
internal enum AttributeType
{
    String,
    Boolean,
    Decimal,
    Integer,
    DateTime,
    Binary,
    Reference,
    Complex,
}
