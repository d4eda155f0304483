using System.Diagnostics;

namespace ScimBench;

/// <summary>Runs one operation on a fixed number of connections for a fixed time and measures each request.</summary>
internal sealed class LoadRunner(HttpClient http, int connections)
{
    public async Task<LatencyStats> RunAsync(BenchOperation operation, TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections)
            .Select(worker => RunWorkerAsync(operation, operation.RequestsForWorker(worker), deadline, cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var firstError = results.Select(result => result.FirstError).FirstOrDefault(error => error is not null);
        if (firstError is not null)
        {
            Console.Error.WriteLine($"{operation.Name}: first failed request: {firstError}");
        }

        return LatencyStats.From(
            operation.Name, results.SelectMany(result => result.Latencies), results.Sum(result => result.Errors), seconds);
    }

    private async Task<WorkerResult> RunWorkerAsync(
        BenchOperation operation, Func<HttpRequestMessage> nextRequest, long deadline, CancellationToken cancellationToken)
    {
        // Note: yield first so that every worker's loop starts before the first one has taken its slot.
        await Task.Yield();
        var latencies = new List<long>(4096);
        var errors = 0L;
        string? firstError = null;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var request = nextRequest();
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var elapsed = Stopwatch.GetTimestamp() - start;
                if (response.StatusCode == operation.Expected)
                {
                    latencies.Add(elapsed);
                    continue;
                }

                errors++;
                firstError ??= $"{request.Method} {request.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: " +
                               await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                errors++;
                firstError ??= $"{request.Method} {request.RequestUri?.PathAndQuery} failed: {e.Message}";
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                errors++;
                firstError ??= $"{request.Method} {request.RequestUri?.PathAndQuery} timed out: {e.Message}";
            }
        }

        return new WorkerResult(latencies, errors, firstError);
    }

    private sealed record WorkerResult(List<long> Latencies, long Errors, string? FirstError);
}
