using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Errors;

/// <summary>An API failure carrying the exact <c>Status</c> body the apiserver would answer with.</summary>
internal sealed class ApiException(int code, JsonObject status) : Exception(status["message"]?.ToString())
{
    public int Code { get; } = code;

    public JsonObject Status { get; } = status;

    /// <summary>Seconds for a <c>Retry-After</c> header, when the failure asks the client to back off.</summary>
    public int? RetryAfterSeconds { get; init; }
}
