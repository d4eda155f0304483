namespace Operator.Runtime;

/// <summary>
/// Every log line of the controller runtime. Event ids: 1xxx informers, 2xxx controllers, 3xxx leader election,
/// 4xxx events and status, 5xxx the management listener. Only kinds, keys, uids, resource versions and error types are logged, never object
/// contents (Secrets pass through here).
/// </summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1001, LogLevel.Information,
        "Listed {Resource} in {Scope}: {Count} objects at resourceVersion {ResourceVersion} in {Pages} pages")]
    public static partial void Listed(
        ILogger logger, string resource, string scope, int count, string resourceVersion, int pages);

    [LoggerMessage(1002, LogLevel.Information,
        "Restarting watch of {Resource} in {Scope} ({Reason}) from resourceVersion {ResourceVersion}")]
    public static partial void WatchRestart(
        ILogger logger, string resource, string scope, string reason, string? resourceVersion);

    [LoggerMessage(1003, LogLevel.Warning,
        "Failed to list or watch {Resource} in {Scope} ({ErrorType}, status {Status}); retrying in {DelayMs} ms")]
    public static partial void ListWatchFailed(
        ILogger logger, string resource, string scope, string errorType, int? status, long delayMs);

    [LoggerMessage(1004, LogLevel.Information, "Informer for {Resource} has synced")]
    public static partial void InformerSynced(ILogger logger, string resource);

    [LoggerMessage(1005, LogLevel.Error, "Informer event handler for {Resource} failed ({ErrorType})")]
    public static partial void HandlerFailed(ILogger logger, string resource, string errorType);

    [LoggerMessage(1006, LogLevel.Warning,
        "Watch of {Resource} in {Scope} reported an error ({ErrorType}, status {Status}); relisting")]
    public static partial void WatchErrorEvent(ILogger logger, string resource, string scope, string errorType, int? status);

    [LoggerMessage(2001, LogLevel.Information, "Started controller {Controller} with {Workers} workers")]
    public static partial void ControllerStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(2002, LogLevel.Error,
        "Reconcile of {Controller} {Key} failed ({ErrorType}, status {Status}, reason {Reason}); retry {Retry}")]
    public static partial void ReconcileFailed(
        ILogger logger, string controller, string key, string errorType, int? status, string? reason, int retry);

    [LoggerMessage(2003, LogLevel.Debug, "Reconcile of {Controller} {Key} failed with the details")]
    public static partial void ReconcileFailedDetail(ILogger logger, Exception exception, string controller, string key);

    [LoggerMessage(2004, LogLevel.Information, "Reconcile of {Controller} {Key} hit a conflict; requeued")]
    public static partial void ReconcileConflict(ILogger logger, string controller, string key);

    [LoggerMessage(2005, LogLevel.Debug, "Reconciled {Controller} {Key} in {ElapsedMs} ms")]
    public static partial void Reconciled(ILogger logger, string controller, string key, double elapsedMs);

    [LoggerMessage(2006, LogLevel.Information, "Stopping controller {Controller}: waiting for {InFlight} reconciles")]
    public static partial void ControllerStopping(ILogger logger, string controller, int inFlight);

    [LoggerMessage(2007, LogLevel.Warning,
        "Controller {Controller} did not drain within {TimeoutMs} ms; cancelling in-flight reconciles")]
    public static partial void DrainTimedOut(ILogger logger, string controller, long timeoutMs);

    [LoggerMessage(2008, LogLevel.Information, "Stopped controller {Controller}")]
    public static partial void ControllerStopped(ILogger logger, string controller);

    [LoggerMessage(3001, LogLevel.Information, "Became leader of lease {Namespace}/{Lease} as {Identity}")]
    public static partial void BecameLeader(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(3002, LogLevel.Error, "Lost leadership of lease {Namespace}/{Lease}; stopping the application")]
    public static partial void LostLeadership(ILogger logger, string @namespace, string lease);

    [LoggerMessage(3003, LogLevel.Information, "Leader of lease {Namespace}/{Lease} is now {Leader}")]
    public static partial void NewLeader(ILogger logger, string @namespace, string lease, string leader);

    [LoggerMessage(3004, LogLevel.Warning, "Leader election on {Namespace}/{Lease} failed ({ErrorType}); retrying")]
    public static partial void LeaderElectionFailed(ILogger logger, string @namespace, string lease, string errorType);

    [LoggerMessage(3005, LogLevel.Information, "Leader election disabled; {Identity} acts as leader")]
    public static partial void LeaderElectionDisabled(ILogger logger, string identity);

    [LoggerMessage(3006, LogLevel.Information, "Waiting for lease {Namespace}/{Lease} as {Identity}")]
    public static partial void Campaigning(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(4001, LogLevel.Warning,
        "Could not record event {Reason} for {Kind} {Key} ({ErrorType}, status {Status})")]
    public static partial void EventFailed(ILogger logger, string reason, string kind, string key, string errorType, int? status);

    [LoggerMessage(5001, LogLevel.Information, "Serving /healthz, /readyz and /metrics on {Address}")]
    public static partial void ManagementListening(ILogger logger, string address);
}
