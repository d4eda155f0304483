using System.Net;
using System.Text;

namespace Zitadel.Tests.Client;

/// <summary>Records every request and answers with whatever the test set up; no network.</summary>
internal sealed class FakeZitadelHandler : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Answers API calls; by default 200 <c>{}</c>.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Api { get; set; } =
        (_, _) => Task.FromResult(Json(HttpStatusCode.OK, "{}"));

    /// <summary>Answers <c>/oauth/v2/token</c>; by default a one-hour token "access-1", "access-2", ….</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Token { get; set; }

    public FakeZitadelHandler()
    {
        Token = (_, _) => Task.FromResult(Json(
            HttpStatusCode.OK,
            $$"""{"access_token":"access-{{TokenRequests.Count}}","token_type":"Bearer","expires_in":3600}"""));
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> ApiRequests => [.. Requests.Where(r => !r.IsTokenRequest)];

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. Requests.Where(r => r.IsTokenRequest)];

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Answers the API calls in this order; the last answer repeats.</summary>
    public void AnswerInOrder(params Func<HttpResponseMessage>[] answers)
    {
        var next = 0;
        Api = (_, _) => Task.FromResult(answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)]());
    }

    /// <summary>Completes when at least <paramref name="count"/> requests arrived (guarded by a generous timeout).</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_lock)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        lock (_lock)
        {
            _requests.Add(recorded);
            foreach (var waiter in _waiters.Where(w => w.Count <= _requests.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return await (recorded.IsTokenRequest ? Token : Api)(recorded, cancellationToken);
    }
}

internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public bool IsTokenRequest => Uri.AbsolutePath.EndsWith("/oauth/v2/token", StringComparison.Ordinal);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
