namespace Emulators.Kubernetes.Registry;

/// <summary>
/// The resources the server serves: the builtins plus whatever established CRDs add. Discovery, routing and the
/// garbage collector all read it; the CRD controller changes it while requests run, so reads take a snapshot.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _crds = new(StringComparer.Ordinal);
    private IReadOnlyList<ResourceType> _all = BuiltinTypes.All;

    public event Action? Changed;

    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (_gate)
            {
                return _all;
            }
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>By apiVersion and Kind (ownerReferences) or by a plural, singular or short name (test helpers).</summary>
    public ResourceType? Resolve(string apiVersion, string kindOrName)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return All.FirstOrDefault(t => t.Group == group && t.Version == version &&
            (t.Kind == kindOrName || t.Plural == kindOrName || t.Singular == kindOrName ||
                t.ShortNames.Contains(kindOrName)));
    }

    /// <summary>Any served type of a store bucket (the storage version first).</summary>
    public ResourceType? ForStoreKey(string storeKey)
    {
        var all = All.Where(t => t.StoreKey == storeKey).ToList();
        return all.FirstOrDefault(t => t.StorageVersion is null || t.StorageVersion == t.Version) ??
            all.FirstOrDefault();
    }

    public void SetCrd(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            _crds[crdName] = types;
            Rebuild();
        }

        Changed?.Invoke();
    }

    public void RemoveCrd(string crdName)
    {
        lock (_gate)
        {
            if (!_crds.Remove(crdName))
            {
                return;
            }

            Rebuild();
        }

        Changed?.Invoke();
    }

    private void Rebuild() => _all = [.. BuiltinTypes.All, .. _crds.Values.SelectMany(types => types)];
}
