namespace ScimEndpoint.Storage;

/// <summary>The resource changed between read and write; the service re-reads and re-applies the change.</summary>
internal sealed class StoreConflictException(string id) : Exception($"Resource '{id}' changed concurrently.")
{
    public string Id { get; } = id;
}
