using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>Every stored user and group as JSON, keyed by id, read through the list endpoints.</summary>
internal sealed record DirectorySnapshot(IReadOnlyDictionary<string, string> Entries)
{
    public static async Task<DirectorySnapshot> TakeAsync(ScimTestClient client)
    {
        var resources = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var collection in new[] { "Users", "Groups" })
        {
            var list = await client.GetAsync($"/{collection}?count=1000");
            if (list.StatusCode != 200 || list.Json?["Resources"] is not JsonArray items)
            {
                throw new InvalidOperationException($"GET /{collection}?count=1000 answered {list}");
            }

            foreach (var item in items)
            {
                resources[$"{collection}/{item!["id"]}"] = item.ToJsonString();
            }
        }

        return new DirectorySnapshot(resources);
    }

    /// <summary>The keys of resources added, removed or changed since <paramref name="before"/>.</summary>
    public IReadOnlyList<string> Differences(DirectorySnapshot before) =>
        Entries.Keys.Union(before.Entries.Keys)
            .Where(key => Entries.GetValueOrDefault(key) != before.Entries.GetValueOrDefault(key))
            .ToList();
}
