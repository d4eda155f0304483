using System.Text.Json.Nodes;

namespace ScimEndpoint.Storage.InMemory;

/// <summary>
/// One resource's place in the in-memory store. <see cref="Resource"/> is swapped for a new immutable snapshot on
/// every write and set to null on delete, so readers need no lock.
/// </summary>
internal sealed class StoredSlot(string id, long sequence)
{
    private volatile JsonObject? _resource;

    public string Id { get; } = id;

    /// <summary>Creation order, the store's stable order.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The current snapshot, or null once deleted. Written only under the store's write lock.</summary>
    public JsonObject? Resource
    {
        get => _resource;
        set => _resource = value;
    }

    /// <summary>The version counter behind <c>meta.version</c>; read and written only under the write lock.</summary>
    public long Version { get; set; }
}
