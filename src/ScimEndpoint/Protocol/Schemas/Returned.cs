namespace ScimEndpoint.Protocol.Schemas;

/// <summary>RFC 7643 §7 <c>returned</c>.</summary>
internal enum Returned
{
    Default,
    Always,
    Never,
    Request,
}
