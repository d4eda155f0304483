namespace ScimEndpoint.Protocol.Schemas;

/// <summary>RFC 7643 §7 <c>mutability</c>.</summary>
internal enum Mutability
{
    ReadWrite,
    ReadOnly,
    Immutable,
    WriteOnly,
}
