namespace Emulators.Kubernetes.Hosting;

/// <summary>
/// One request as the apiserver's audit log would see it. <see cref="StatusCode"/> is 0 while fault rules decide
/// (the request has not been answered yet) and for connections dropped on purpose.
/// </summary>
internal sealed record RequestEntry(
    DateTimeOffset Timestamp,
    string Method,
    string Path,
    string Query,
    string Verb,
    string Group,
    string Version,
    string Resource,
    string Subresource,
    string? Namespace,
    string? Name,
    string UserAgent,
    int StatusCode)
{
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
