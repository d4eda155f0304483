namespace ScimEndpoint.Protocol.Schemas;

/// <summary>RFC 7643 §7 <c>uniqueness</c>.</summary>
internal enum Uniqueness
{
    None,
    Server,
    Global,
}
