namespace ScimEndpoint.Hosting;

/// <summary>The store backends <see cref="ScimOptions.Store"/> can choose.</summary>
internal enum ScimStoreKind
{
    /// <summary>Process memory: for tests and the local demo; everything is lost on restart.</summary>
    InMemory,

    /// <summary>The tenant's ZITADEL organisation and project (<see cref="ScimOptions.Zitadel"/>).</summary>
    Zitadel,
}
