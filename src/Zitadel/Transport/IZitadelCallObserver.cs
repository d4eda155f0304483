namespace Zitadel.Transport;

/// <summary>Sees every HTTP attempt of every ZITADEL call, including retries and token exchanges.</summary>
/// <remarks>Used for metrics (<c>zitadel_api_requests_total{operation,code}</c>) and for counting calls in tests.
/// Implementations must be fast and must not throw.</remarks>
internal interface IZitadelCallObserver
{
    void OnCallCompleted(ZitadelCall call);
}
