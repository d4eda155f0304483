namespace Zitadel.Transport;

/// <summary>Sees every HTTP attempt of every ZITADEL call, including retries and token exchanges.</summary>
/// <remarks>The hook for metrics without a metrics dependency here: the endpoint exports
/// <c>scim_zitadel_requests_total{tenant,method,code}</c>, the operator <c>scim_operator_zitadel_requests_total{method,code}</c>
/// (docs/operations.md). Tests count calls with it. Implementations must be fast and must not throw; they are called
/// once per attempt, so a retried call is seen once per try (<see cref="ZitadelCall.IsRetry"/>).</remarks>
internal interface IZitadelCallObserver
{
    void OnCallCompleted(ZitadelCall call);
}
