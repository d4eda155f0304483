using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ScimBench;

/// <summary>Fills the directory over HTTP with concurrent requests; any unexpected answer stops the benchmark.</summary>
internal sealed class Seeder(HttpClient http, Uri scimBase, int connections)
{
    /// <summary>Creates users <c>from .. from+count-1</c> and returns their ids in index order.</summary>
    public async Task<string[]> CreateUsersAsync(int from, int count, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        var uri = new Uri($"{scimBase.AbsoluteUri}/Users");
        var started = Stopwatch.GetTimestamp();
        await ForEachAsync(count, async i =>
        {
            using var request = BenchRequests.Send(HttpMethod.Post, uri, BenchRequests.CreateUser(BenchRequests.UserName(from + i)));
            ids[i] = await SendForIdAsync(request, cancellationToken);
        }, cancellationToken);
        Report("users", count, started);
        return ids;
    }

    /// <summary>Creates groups and adds <paramref name="membersPerGroup"/> users to each with one Entra-style PATCH.</summary>
    public async Task<string[]> CreateGroupsAsync(
        int count, IReadOnlyList<string> userIds, int membersPerGroup, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        var uri = new Uri($"{scimBase.AbsoluteUri}/Groups");
        var started = Stopwatch.GetTimestamp();
        await ForEachAsync(count, async i =>
        {
            using var create = BenchRequests.Send(HttpMethod.Post, uri, BenchRequests.CreateGroup($"bench-group-{i:D6}"));
            ids[i] = await SendForIdAsync(create, cancellationToken);
            var members = Enumerable.Range(0, membersPerGroup).Select(m => userIds[((i * membersPerGroup) + m) % userIds.Count]);
            using var patch = BenchRequests.Send(
                HttpMethod.Patch, BenchRequests.Resource(scimBase, "Groups", ids[i]), BenchRequests.Members("Add", members));
            using var response = await http.SendAsync(patch, cancellationToken);
            await EnsureAsync(response, HttpStatusCode.NoContent, cancellationToken);
        }, cancellationToken);
        Report($"groups with {membersPerGroup} members each", count, started);
        return ids;
    }

    private Task ForEachAsync(int count, Func<int, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken },
            async (i, _) => await body(i));

    private async Task<string> SendForIdAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("id").GetString()
               ?? throw new InvalidOperationException($"{request.RequestUri} returned a resource without an id.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"Seeding: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                $"{(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static void Report(string what, int count, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"Seeded {count:N0} {what} in {seconds:F1} s ({count / seconds:F0}/s)");
    }
}
