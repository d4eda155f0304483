namespace Operator.Runtime;

/// <summary>What a reconcile asks of the runtime: nothing more (<see cref="Done"/>) or another pass later.</summary>
/// <remarks>To retry after an error, throw: the runtime requeues with per-key exponential backoff.</remarks>
internal readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done => default;

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
