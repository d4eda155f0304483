namespace Emulators.Zitadel.Hosting;

/// <summary>The RPCs the emulator serves, by full name <c>{package}.{Service}/{Method}</c>.</summary>
internal sealed class MethodTable
{
    private readonly Dictionary<string, CallHandler> _handlers = new(StringComparer.Ordinal);

    public void Add(string service, string method, CallHandler handler) =>
        _handlers.Add($"{service}/{method}", handler);

    public bool TryGet(string fullMethod, out CallHandler handler) =>
        _handlers.TryGetValue(fullMethod, out handler!);

    public IEnumerable<string> Names => _handlers.Keys;
}
