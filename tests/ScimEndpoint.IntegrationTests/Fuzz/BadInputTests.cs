using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>
/// Thousands of generated bad requests against a seeded server: none may fail with a 5xx, and none answered with a
/// 4xx may change anything stored.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output) : ScimServerTest
{
    private const int CasesPerSeed = 1000;
    private static readonly int[] Seeds = [20240611, 7, 1901];

    [Fact]
    public async Task BadInput_GeneratedCases_NeverServerErrorAndRejectionsChangeNothing()
    {
        var client = new ScimTestClient(Server.Client, Server.ScimBaseUri);
        var targets = await SeedAsync(client);
        var histogram = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var notScimErrors = new List<string>();
        var before = await DirectorySnapshot.TakeAsync(client);
        var cases = Seeds.SelectMany(seed => BadInputGenerator.Generate(seed, CasesPerSeed, targets)).ToList();

        foreach (var fuzzCase in cases)
        {
            var response = await client.SendAsync(new HttpMethod(fuzzCase.Method), fuzzCase.Path, fuzzCase.Body);
            histogram[response.StatusCode] = histogram.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode >= 500)
            {
                failures.Add($"{fuzzCase} answered {response}");
                continue;
            }

            if (fuzzCase.Method == "GET" && response.StatusCode < 400)
            {
                continue;
            }

            var after = await DirectorySnapshot.TakeAsync(client);
            if (response.StatusCode is >= 400 and < 500)
            {
                if (after.Differences(before) is { Count: > 0 } changed)
                {
                    failures.Add($"{fuzzCase} answered {response.StatusCode} but changed {string.Join(", ", changed)}");
                }

                if (response.ContentType != ScimTestClient.MediaType || response.Json?["status"] is null)
                {
                    notScimErrors.Add($"{fuzzCase} answered {response}");
                }
            }

            // A mutation that happens to be valid may change the directory; later cases compare with the new state.
            before = after;
        }

        output.WriteLine($"Bad-input cases: {cases.Count}; statuses: {string.Join(", ", histogram.Select(e => $"{e.Key}: {e.Value}"))}");
        output.WriteLine($"Error responses without a SCIM error body: {notScimErrors.Count}");
        foreach (var line in notScimErrors.Take(10).Concat(failures.Take(30)))
        {
            output.WriteLine("  " + line);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n{string.Join('\n', failures.Take(30))}");
        Assert.True(notScimErrors.Count == 0, $"{notScimErrors.Count} rejections had no SCIM error body:\n{string.Join('\n', notScimErrors.Take(10))}");
    }

    private static async Task<FuzzTargets> SeedAsync(ScimTestClient client)
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Created(await client.PostAsync("/Users", ScimRequests.User($"seed{i}@example.com"))));
        }

        var group = Created(await client.PostAsync("/Groups", ScimRequests.Group("Seed Group")));
        var added = await client.PatchAsync($"/Groups/{group}", ScimRequests.Members("Add", ids[1], ids[2]));
        Assert.Equal(204, added.StatusCode);
        return new FuzzTargets(ids[0], ids[1], "seed0@example.com", group, "Seed Group");
    }

    private static string Created(ScimResponse response)
    {
        Assert.Equal(201, response.StatusCode);
        return (string)response.Json!["id"]!;
    }
}
