namespace ScimEndpoint.Protocol.Patching;

internal enum PatchOperationType
{
    Add,
    Remove,
    Replace,
}
