using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zitadel.Auth;
using Zitadel.Json;
using Zitadel.Logging;

namespace Zitadel.Transport;

/// <summary>
/// The Connect JSON transport: <c>POST {base}/{package}.{Service}/{Method}</c> with the bearer token and
/// <c>x-zitadel-orgid</c>, a timeout per attempt, retries as <see cref="RetrySafety"/> allows, and one token
/// refresh after a 401.
/// </summary>
internal sealed class ZitadelConnection(
    ZitadelHttpSender sender,
    IZitadelTokenSource tokenSource,
    IOptions<ZitadelClientOptions> options,
    RetryBackoff backoff,
    TimeProvider timeProvider,
    ILogger<ZitadelConnection> logger)
{
    public const string OrganizationHeader = "x-zitadel-orgid";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly ZitadelClientOptions _options = options.Value;

    /// <summary>Calls <paramref name="method"/> in the configured org.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(
        ZitadelMethod method, TRequest request, CancellationToken cancellationToken) =>
        CallAsync<TRequest, TResponse>(method, request, organizationId: null, cancellationToken);

    /// <summary>Calls <paramref name="method"/> in <paramref name="organizationId"/> (null: the configured org) and
    /// returns its answer or throws <see cref="ZitadelException"/>.</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        ZitadelMethod method, TRequest request, string? organizationId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, TypeInfo<TRequest>());
        var orgId = method.OrganizationScoped ? organizationId ?? _options.OrganizationId : null;
        var refreshedToken = false;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendOnceAsync(method, body, orgId, attempt, cancellationToken);
            if (outcome.Error is not { } error)
            {
                return Deserialize<TResponse>(method, outcome.Body);
            }

            // A 401 rejected the token before anything executed: one fresh token and one more try, for any call.
            if (!refreshedToken && error.StatusCode == 401 && outcome.Token is { } rejected
                && tokenSource.Invalidate(rejected))
            {
                refreshedToken = true;
                Log.RefreshingRejectedToken(logger, method.Name);
                attempt--;
                continue;
            }

            if (attempt >= _options.Retry.MaxAttempts || !MayRetry(method, outcome))
            {
                throw error;
            }

            var delay = backoff.Delay(attempt, error.RetryAfter);
            Log.RetryingCall(logger, method.Name, error.StatusCode, error.Code, attempt, delay.TotalMilliseconds);
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    private static bool MayRetry(ZitadelMethod method, Outcome outcome)
    {
        var error = outcome.Error!;
        var transient = error.Code is ZitadelErrorCode.Unavailable or ZitadelErrorCode.DeadlineExceeded
            or ZitadelErrorCode.ResourceExhausted;
        return error.StatusCode switch
        {
            // The server refused the request outright: nothing executed, so even a create may go again.
            429 or 503 => true,
            _ when !outcome.Sent => transient,
            _ => transient && method.Safety == RetrySafety.Idempotent,
        };
    }

    /// <summary>True when the request cannot have reached ZITADEL: the connection was never opened.</summary>
    private static bool NeverConnected(ZitadelException error) =>
        error.InnerException is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError,
        };

    private async Task<Outcome> SendOnceAsync(
        ZitadelMethod method, byte[] body, string? orgId, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string token;
        try
        {
            token = await tokenSource.GetTokenAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var error = new ZitadelException(
                method.Name, null, ZitadelErrorCode.DeadlineExceeded, null, "No access token within the timeout", null, e);
            return new Outcome(null, error, Sent: false, Token: null);
        }
        catch (ZitadelException e)
        {
            return new Outcome(null, e, Sent: false, Token: null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri(), method.Path));
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (orgId is not null)
        {
            request.Headers.Add(OrganizationHeader, orgId);
        }

        try
        {
            var answer = await sender.SendAsync(request, method.ShortService, method.Name, attempt, timeout.Token, cancellationToken);
            return new Outcome(answer, null, Sent: true, token);
        }
        catch (ZitadelException e)
        {
            return new Outcome(null, e, Sent: !NeverConnected(e), token);
        }
    }

    private Uri BaseUri() => new(_options.BaseUrl!.AbsoluteUri.TrimEnd('/') + "/");

    private static TResponse Deserialize<TResponse>(ZitadelMethod method, byte[]? body)
    {
        try
        {
            return JsonSerializer.Deserialize(body is { Length: > 0 } ? body : "{}"u8, TypeInfo<TResponse>())
                ?? throw new JsonException("The answer is JSON null.");
        }
        catch (JsonException e)
        {
            throw new ZitadelException(
                method.Name, 200, ZitadelErrorCode.Internal, null, $"Unreadable answer: {e.Message}", null, e);
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>)(ZitadelJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is missing from {nameof(ZitadelJsonContext)}."));

    /// <param name="Body">The answer of a successful attempt.</param>
    /// <param name="Error">The failure of an unsuccessful attempt.</param>
    /// <param name="Sent">Whether the request may have reached ZITADEL.</param>
    /// <param name="Token">The bearer token used, to invalidate it after a 401.</param>
    private sealed record Outcome(byte[]? Body, ZitadelException? Error, bool Sent, string? Token);
}
