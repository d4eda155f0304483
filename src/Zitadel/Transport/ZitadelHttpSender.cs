namespace Zitadel.Transport;

/// <summary>
/// Sends one HTTP request to ZITADEL and reports it to the observers. Every failure becomes a
/// <see cref="ZitadelException"/>: an error answer (parsed), a timeout (DeadlineExceeded) or a transport failure
/// (Unavailable, with the <see cref="HttpRequestException"/> as inner exception).
/// </summary>
internal sealed class ZitadelHttpSender(
    IHttpClientFactory httpClientFactory, TimeProvider timeProvider, IEnumerable<IZitadelCallObserver> observers)
{
    /// <summary>The name of the <see cref="HttpClient"/> registered by <c>AddZitadelClient</c>.</summary>
    public const string HttpClientName = "Zitadel";

    private readonly IZitadelCallObserver[] _observers = [.. observers];

    /// <summary>Returns the body of a 2xx answer. <paramref name="timeoutToken"/> fires when the attempt's time is
    /// up, which becomes DeadlineExceeded. <paramref name="service"/> and <paramref name="method"/> name the call for
    /// the observers (and the method for errors).</summary>
    public async Task<byte[]> SendAsync(
        HttpRequestMessage request,
        string service,
        string method,
        int attempt,
        CancellationToken timeoutToken,
        CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutToken, cancellationToken);
        var started = timeProvider.GetTimestamp();
        int? status = null;
        var code = ZitadelErrorCode.Canceled;
        try
        {
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, linked.Token);
            status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (response.IsSuccessStatusCode)
            {
                code = ZitadelErrorCode.None;
                return body;
            }

            var error = ZitadelErrorParser.Parse(method, status.Value, body, ReadRetryAfter(response));
            code = error.Code;
            throw error;
        }
        catch (OperationCanceledException e)
            when (timeoutToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            code = ZitadelErrorCode.DeadlineExceeded;
            throw new ZitadelException(method, status, code, null, "No answer within the timeout", null, e);
        }
        catch (HttpRequestException e)
        {
            code = ZitadelErrorCode.Unavailable;
            throw new ZitadelException(method, status, code, null, "The connection to ZITADEL failed", null, e);
        }
        finally
        {
            var call = new ZitadelCall(service, method, status, code, timeProvider.GetElapsedTime(started), attempt);
            foreach (var observer in _observers)
            {
                observer.OnCallCompleted(call);
            }
        }
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > timeProvider.GetUtcNow() ? date - timeProvider.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };
}
