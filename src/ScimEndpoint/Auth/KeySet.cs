namespace ScimEndpoint.Auth;

/// <summary>An immutable set of accepted keys, swapped as a whole on reload.</summary>
internal sealed class KeySet(IReadOnlyList<KeySetEntry> keys)
{
    /// <summary>No key: every request is refused (the file is missing or was never valid).</summary>
    public static readonly KeySet Empty = new([]);

    public IReadOnlyList<KeySetEntry> Keys { get; } = keys;
}
