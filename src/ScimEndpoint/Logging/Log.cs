using ScimEndpoint.Auth;

namespace ScimEndpoint.Logging;

/// <summary>
/// Every log line of the SCIM endpoint. Event ids: 1xxx requests, 2xxx authentication and key set, 3xxx
/// provisioning status reporting.
/// Never pass a token, a hash, a request body, a userName or an e-mail address.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug,
        "Handled {Method} {Resource} {Operation} with {Status} in {ElapsedMs} ms (id {ResourceId})")]
    public static partial void RequestCompleted(
        ILogger logger, string method, string resource, string operation, int status, double elapsedMs,
        string? resourceId);

    [LoggerMessage(1002, LogLevel.Error, "Failed a {Method} request with an unexpected error")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string method);

    [LoggerMessage(1003, LogLevel.Debug, "Client aborted the request")]
    public static partial void RequestAborted(ILogger logger);

    [LoggerMessage(2001, LogLevel.Warning, "Refused a SCIM request: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, AuthFailureReason reason);

    [LoggerMessage(2101, LogLevel.Information, "Loaded key set with {KeyCount} keys from {Path}")]
    public static partial void KeySetLoaded(ILogger logger, int keyCount, string path);

    [LoggerMessage(2102, LogLevel.Warning, "Rejected key set file {Path}, keeping the previous keys: {Problem}")]
    public static partial void KeySetInvalid(ILogger logger, string path, string problem);

    [LoggerMessage(2103, LogLevel.Warning, "Key set file {Path} does not exist, keeping the previous keys")]
    public static partial void KeySetMissing(ILogger logger, string path);

    [LoggerMessage(2104, LogLevel.Warning, "Could not read key set file {Path}: {ErrorType}")]
    public static partial void KeySetUnreadable(ILogger logger, string path, string errorType);

    [LoggerMessage(2106, LogLevel.Warning, "Key set watch on {Source} restarts: {Reason}")]
    public static partial void KeySetWatchRestarted(ILogger logger, string source, string reason);

    [LoggerMessage(2105, LogLevel.Warning, "Could not watch key set directory {Directory}; polling only")]
    public static partial void KeySetWatchFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(3001, LogLevel.Information,
        "Reporting provisioning status to ScimTenant {Namespace}/{Tenant} every {IntervalSeconds} s")]
    public static partial void StatusReportingStarted(ILogger logger, string @namespace, string tenant, double intervalSeconds);

    // Never the exception's message: a kubeconfig error can quote the file, tokens included.
    [LoggerMessage(3002, LogLevel.Error,
        "Could not start provisioning status reporting: the kubeconfig {Kubeconfig} could not be read ({ErrorType})")]
    public static partial void StatusReportingFailed(ILogger logger, string kubeconfig, string errorType);

    [LoggerMessage(3007, LogLevel.Error,
        "Could not start provisioning status reporting: the kubeconfig could not be used ({ErrorType})")]
    public static partial void StatusReportingConfigInvalid(ILogger logger, string errorType);

    [LoggerMessage(3003, LogLevel.Debug, "Wrote provisioning status of {Kind} {Namespace}/{Name}")]
    public static partial void StatusWritten(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(3004, LogLevel.Warning,
        "ScimTenant {Namespace}/{Name} not found; provisioning status is kept and written once it exists")]
    public static partial void StatusTenantNotFound(ILogger logger, string @namespace, string name);

    [LoggerMessage(3005, LogLevel.Information, "ScimKey {Namespace}/{Name} not found; stopped reporting its last use")]
    public static partial void StatusKeyDropped(ILogger logger, string @namespace, string name);

    [LoggerMessage(3006, LogLevel.Warning,
        "Could not write provisioning status of {Kind} {Namespace}/{Name}: {Reason}; retrying next interval")]
    public static partial void StatusWriteFailed(ILogger logger, string kind, string @namespace, string name, string reason);
}
