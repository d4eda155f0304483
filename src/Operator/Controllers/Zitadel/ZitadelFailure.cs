using Zitadel;

namespace Operator.Controllers.Zitadel;

/// <summary>A ZITADEL call of the step failed; carries which one, for the condition.</summary>
internal sealed class ZitadelFailure(ZitadelOperation operation, ZitadelException error)
    : Exception($"{operation} failed", error)
{
    public ZitadelOperation Operation { get; } = operation;

    public ZitadelException Error { get; } = error;

    /// <summary>429, 503, 504, timeouts and connection failures: worth a retry without any change.</summary>
    public bool IsTransient => Error.StatusCode is 429 or 503 or 504 || Error.Code is ZitadelErrorCode.Unavailable
        or ZitadelErrorCode.DeadlineExceeded or ZitadelErrorCode.ResourceExhausted;

    /// <summary>
    /// The condition for this failure. <paramref name="progress"/> lists what was done before it (a partly applied
    /// change is visible); <paramref name="credential"/> names where the operator's credential is (never its value).
    /// </summary>
    public StepResult ToResult(IReadOnlyList<string> progress, string credential, TimeSpan retry)
    {
        var done = progress.Count == 0 ? "" : string.Join("; ", progress) + "; ";
        var answer = Error.StatusCode is { } status ? $"HTTP {status} {Error.Code}" : $"no response, {Error.Code}";
        var detail = string.IsNullOrEmpty(Error.ZitadelMessage) ? "" : ": " + Error.ZitadelMessage;
        var failed = $"{done}{Operation} failed ({answer}){detail}";
        if (IsTransient)
        {
            var after = Error.RetryAfter is { } requested && requested > TimeSpan.Zero ? requested : retry;
            return StepResult.False("ZitadelUnavailable", $"{failed}; retrying in {after.TotalSeconds:0.#} s", after);
        }

        if (Error.IsUnauthenticated || Error.Method == "TokenExchange")
        {
            return StepResult.False("CredentialsRejected",
                $"{failed}; ZITADEL refused the operator's credential ({credential})", retry);
        }

        if (Error.IsPermissionDenied)
        {
            return StepResult.False("PermissionDenied",
                $"{failed}; the operator's identity needs {Operation.RoleNeeded}", retry);
        }

        return StepResult.False("ZitadelCallFailed", failed, retry);
    }
}
