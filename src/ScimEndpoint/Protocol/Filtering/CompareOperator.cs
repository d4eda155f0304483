namespace ScimEndpoint.Protocol.Filtering;

/// <summary>RFC 7644 §3.4.2.2 comparison operators.</summary>
internal enum CompareOperator
{
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}
