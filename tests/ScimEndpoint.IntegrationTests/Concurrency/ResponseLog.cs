using System.Collections.Concurrent;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Concurrency;

/// <summary>Counts every response by status and keeps the ones whose status was not the expected one.</summary>
internal sealed class ResponseLog
{
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentDictionary<int, int> _histogram = new();

    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public int ServerErrors => _histogram.Where(entry => entry.Key >= 500).Sum(entry => entry.Value);

    public string Histogram => string.Join(", ", _histogram.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"));

    /// <summary>Records the response and returns it; a status other than <paramref name="expected"/> is kept.</summary>
    public ScimResponse Expect(string request, ScimResponse response, int expected)
    {
        _histogram.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
        if (response.StatusCode != expected)
        {
            _unexpected.Enqueue($"{request} answered {response}, expected {expected}");
        }

        return response;
    }
}
