using System.Net;

namespace ScimBench;

/// <summary>The Entra-like operations, each built over the seeded directory with pre-computed URIs and bodies.</summary>
internal static class BenchScenarios
{
    private const int Variants = 16;

    /// <summary>The measured mix, in order: filter by userName, GET by id, POST, PATCH user, PATCH group members.</summary>
    public static BenchOperation[] EntraMix(
        Uri scimBase, BenchOptions options, IReadOnlyList<string> userIds, IReadOnlyList<string> groupIds) =>
    [
        FilterByUserName("GET /Users?filter=userName eq", scimBase, options.Users),
        GetUser(scimBase, userIds),
        CreateUser(scimBase, options.ScalingLarge + options.Users),
        ReplaceUser(scimBase, userIds),
        AddThenRemoveMember(scimBase, groupIds, userIds),
    ];

    public static BenchOperation FilterByUserName(string name, Uri scimBase, int userCount) =>
        FilterByUserName(name, scimBase, 0, userCount);

    public static BenchOperation FilterByUserName(string name, Uri scimBase, int firstUser, int userCount)
    {
        var uris = Enumerable.Range(firstUser, userCount)
            .Select(i => BenchRequests.FilterByUserName(scimBase, BenchRequests.UserName(i)))
            .ToArray();
        return new BenchOperation(name, HttpStatusCode.OK, worker =>
        {
            var random = new Random(worker);
            return () => BenchRequests.Get(uris[random.Next(uris.Length)]);
        });
    }

    public static BenchOperation GetUser(Uri scimBase, IReadOnlyList<string> userIds)
    {
        var uris = userIds.Select(id => BenchRequests.Resource(scimBase, "Users", id)).ToArray();
        return new BenchOperation("GET /Users/{id}", HttpStatusCode.OK, worker =>
        {
            var random = new Random(worker);
            return () => BenchRequests.Get(uris[random.Next(uris.Length)]);
        });
    }

    public static BenchOperation CreateUser(Uri scimBase, int firstIndex)
    {
        var uri = new Uri($"{scimBase.AbsoluteUri}/Users");
        var next = firstIndex;
        return new BenchOperation("POST /Users", HttpStatusCode.Created, _ => () =>
            BenchRequests.Send(HttpMethod.Post, uri, BenchRequests.CreateUser(BenchRequests.UserName(Interlocked.Increment(ref next)))));
    }

    public static BenchOperation ReplaceUser(Uri scimBase, IReadOnlyList<string> userIds)
    {
        var uris = userIds.Select(id => BenchRequests.Resource(scimBase, "Users", id)).ToArray();
        var bodies = Enumerable.Range(0, Variants).Select(BenchRequests.ReplaceUser).ToArray();
        return new BenchOperation("PATCH /Users/{id} Replace", HttpStatusCode.OK, worker =>
        {
            var random = new Random(worker);
            return () => BenchRequests.Send(HttpMethod.Patch, uris[random.Next(uris.Length)], bodies[random.Next(Variants)]);
        });
    }

    /// <summary>Each worker alternates: Add a user to a group, then Remove the same user from it.</summary>
    public static BenchOperation AddThenRemoveMember(Uri scimBase, IReadOnlyList<string> groupIds, IReadOnlyList<string> userIds)
    {
        var uris = groupIds.Select(id => BenchRequests.Resource(scimBase, "Groups", id)).ToArray();
        return new BenchOperation("PATCH /Groups/{id} Add+Remove", HttpStatusCode.NoContent, worker =>
        {
            var random = new Random(worker);
            var group = uris[0];
            byte[]? remove = null;
            return () =>
            {
                if (remove is { } body)
                {
                    remove = null;
                    return BenchRequests.Send(HttpMethod.Patch, group, body);
                }

                group = uris[random.Next(uris.Length)];
                string[] user = [userIds[random.Next(userIds.Count)]];
                remove = BenchRequests.Members("Remove", user);
                return BenchRequests.Send(HttpMethod.Patch, group, BenchRequests.Members("Add", user));
            };
        });
    }
}
