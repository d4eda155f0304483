namespace Operator.Runtime;

/// <summary>
/// Brings one object of <typeparamref name="T"/> to its desired state. Level-triggered: it reads the current object
/// from the informer cache itself; the key may name an object that has been deleted.
/// </summary>
/// <remarks>
/// The runtime never runs two reconciles for one key at once. Resolved from a new DI scope per reconcile.
/// An exception means "retry with backoff"; a 409 Conflict is retried quickly and not counted as an error.
/// </remarks>
internal interface IReconciler<T>
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct);
}
