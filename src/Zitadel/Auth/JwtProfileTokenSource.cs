using System.Text.Json;
using Microsoft.Extensions.Logging;
using Zitadel.Json;
using Zitadel.Logging;
using Zitadel.Transport;

namespace Zitadel.Auth;

/// <summary>
/// Exchanges a signed JWT for an access token at <c>{base}/oauth/v2/token</c> (§2.2) and caches it until shortly
/// before <c>expires_in</c>. Concurrent callers share one exchange.
/// </summary>
internal sealed class JwtProfileTokenSource(
    ServiceAccountKey key,
    ZitadelClientOptions options,
    ZitadelHttpSender sender,
    TimeProvider timeProvider,
    ILogger<JwtProfileTokenSource> logger) : IZitadelTokenSource
{
    public const string MethodName = "TokenExchange";

    /// <summary>The service name reported to call observers for the token endpoint.</summary>
    public const string ServiceName = "oauth";

    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>The second scope puts ZITADEL's own API into the token audience.</summary>
    public const string Scope = "openid urn:zitadel:iam:org:project:id:zitadel:aud";

    /// <summary>Refresh this long before expiry at most (and at 90 % of the lifetime for short-lived tokens).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private CachedToken? _current;
    private Task<CachedToken>? _exchange;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> exchange;
        lock (_lock)
        {
            if (_current is { } current && timeProvider.GetUtcNow() < current.RefreshAt)
            {
                return current.AccessToken;
            }

            // Single flight: start an exchange only when none is running. It runs outside the lock and without the
            // caller's token, so one caller giving up does not fail the others waiting on it.
            if (_exchange is null || _exchange.IsCompleted)
            {
                _exchange = Task.Run(ExchangeAsync, CancellationToken.None);
            }

            exchange = _exchange;
        }

        return (await exchange.WaitAsync(cancellationToken)).AccessToken;
    }

    public bool Invalidate(string rejectedToken)
    {
        lock (_lock)
        {
            if (_current?.AccessToken == rejectedToken)
            {
                _current = null;
            }
        }

        return true;
    }

    public override string ToString() => $"{nameof(JwtProfileTokenSource)} for {key}";

    private async Task<CachedToken> ExchangeAsync()
    {
        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        var now = timeProvider.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint());
        request.Content = new FormUrlEncodedContent(
        [
            new("grant_type", GrantType),
            new("scope", Scope),
            new("assertion", JwtAssertion.Create(key, options.Audience, now)),
        ]);
        var body = await sender.SendAsync(request, ServiceName, MethodName, 1, timeout.Token, CancellationToken.None);

        TokenResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, ZitadelJsonContext.Default.TokenResponse);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
        {
            throw new ZitadelException(
                MethodName, 200, ZitadelErrorCode.Unauthenticated, null, "The token endpoint returned no usable token");
        }

        var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn);
        var margin = lifetime / 10 < RefreshMargin ? lifetime / 10 : RefreshMargin;
        var token = new CachedToken(answer.AccessToken, now + lifetime - margin);
        lock (_lock)
        {
            _current = token;
        }

        Log.ExchangedToken(logger, key.KeyId, answer.ExpiresIn);
        return token;
    }

    private Uri TokenEndpoint() => new(options.BaseUrl!.AbsoluteUri.TrimEnd('/') + "/oauth/v2/token");

    /// <remarks>Carries a credential: <see cref="ToString"/> leaves the token out.</remarks>
    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"token refreshing at {RefreshAt:O}";
    }
}
