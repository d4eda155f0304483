using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage.Zitadel;
using Zitadel.Projects;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>
/// Two endpoint replicas (two store instances, each with its own in-process locks) against one ZITADEL, changing one
/// user's roles from different groups. ZITADEL's <c>UpdateAuthorization</c> replaces the role set, so without
/// coordination one change is lost; with <see cref="MembershipCoordination.ProjectRoleLock"/> none is.
/// </summary>
public sealed class ZitadelMembershipCoordinationTests
{
    [Fact]
    public async Task TwoReplicas_WithoutCoordination_LoseAnUpdate()
    {
        // The documented limitation of the single-replica default: this test shows it happening.
        var (a, b) = await RaceTwoReplicasAsync(MembershipCoordination.None);

        Assert.True(a ^ b, $"expected exactly one of the two concurrent adds to survive (scim.g1: {a}, scim.g2: {b})");
    }

    [Fact]
    public async Task TwoReplicas_WithTheProjectRoleLock_LoseNothing()
    {
        var (a, b) = await RaceTwoReplicasAsync(MembershipCoordination.ProjectRoleLock);

        Assert.True(a && b, $"scim.g1: {a}, scim.g2: {b}");
    }

    [Fact]
    public async Task TwoReplicas_EightGroupsEach_AddingOneUserConcurrently_EndWithAllRoles()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var user = await CreateUserAsync(tenant, "stress@contoso.com");
        var replicas = new[] { Replica(tenant, MembershipCoordination.ProjectRoleLock), Replica(tenant, MembershipCoordination.ProjectRoleLock) };
        var keys = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            keys.Add((string)(await tenant.Groups().CreateAsync(Group($"{{'displayName':'S{i}'}}"), CancellationToken.None))["id"]!);
        }

        // A little latency on every call widens the windows in which the replicas' read-modify-writes overlap.
        tenant.Emulator.Faults.SetLatency(TimeSpan.FromMilliseconds(5));
        await Task.WhenAll(keys.Select((key, i) => Task.Run(() => replicas[i % 2].ChangeMembersAsync(key, [user], [], CancellationToken.None))))
            .WithTimeout(TestTimeouts.Phase);

        var grant = Assert.Single(tenant.Emulator.State.Authorizations);
        Assert.Equal(keys.Order(StringComparer.Ordinal), grant.RoleKeys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(tenant.Emulator.State.ProjectRoles, r => r.Key.StartsWith(ProjectRoleLocks.KeyPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneReplica_WithProjectionLag_LosesNothingOnBackToBackChanges()
    {
        // ListAuthorizations reads a lagging projection: right after the first add it still shows {g0}. Written back
        // as {g0, g2}, the second add would drop g1; the store lays its own recent writes over the stale list.
        await using var tenant = await ZitadelTenant.StartAsync();
        var user = await CreateUserAsync(tenant, "lag@contoso.com");
        var groups = tenant.Groups();
        await groups.CreateAsync(Group($"{{'displayName':'G0','members':[{{'value':'{user}'}}]}}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'G1'}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'G2'}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'G3'}"), CancellationToken.None);
        tenant.Emulator.ProjectionLag = TimeSpan.FromSeconds(5);

        Assert.True(await groups.ChangeMembersAsync("scim.g1", [user], [], CancellationToken.None));
        Assert.True(await groups.ChangeMembersAsync("scim.g2", [user], [], CancellationToken.None));
        Assert.True(await groups.ChangeMembersAsync("scim.g3", [user], ["ignored"], CancellationToken.None));
        Assert.True(await groups.ChangeMembersAsync("scim.g0", [], [user], CancellationToken.None));

        Assert.Equal(["scim.g1", "scim.g2", "scim.g3"], Assert.Single(tenant.Emulator.State.Authorizations).RoleKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TwoReplicas_WithProjectionLag_AndTheProjectRoleLock_LoseNothing()
    {
        // The lock alone is not enough when the next holder reads a projection that lags the previous holder's write:
        // a holder releases only once the list shows its write.
        await using var tenant = await ZitadelTenant.StartAsync();
        var user = await CreateUserAsync(tenant, "laglock@contoso.com");
        var groups = tenant.Groups();
        await groups.CreateAsync(Group($"{{'displayName':'G0','members':[{{'value':'{user}'}}]}}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'G1'}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'G2'}"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        tenant.Emulator.ProjectionLag = TimeSpan.FromMilliseconds(500);
        var replicaA = Replica(tenant, MembershipCoordination.ProjectRoleLock);
        var replicaB = Replica(tenant, MembershipCoordination.ProjectRoleLock);

        await Task.WhenAll(
            Task.Run(() => replicaA.ChangeMembersAsync("scim.g1", [user], [], CancellationToken.None)),
            Task.Run(() => replicaB.ChangeMembersAsync("scim.g2", [user], [], CancellationToken.None)))
            .WithTimeout(TestTimeouts.Phase);

        Assert.Equal(["scim.g0", "scim.g1", "scim.g2"], Assert.Single(tenant.Emulator.State.Authorizations).RoleKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StaleLock_OfAReplicaThatDied_IsBrokenAfterItsTimeToLive()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var user = await CreateUserAsync(tenant, "stale@contoso.com");
        var group = (string)(await tenant.Groups().CreateAsync(Group("{'displayName':'Stale'}"), CancellationToken.None))["id"]!;
        await LeaveLockAsync(tenant, user);
        // The replica's clock is past the dead lock's creation date plus its 30 s TTL.
        var replica = Replica(tenant, MembershipCoordination.ProjectRoleLock, new ShiftedClock(TimeSpan.FromSeconds(31)));

        Assert.True(await replica.ChangeMembersAsync(group, [user], [], CancellationToken.None).WithTimeout(TestTimeouts.Phase));

        Assert.Equal([group], Assert.Single(tenant.Emulator.State.Authorizations).RoleKeys);
        Assert.DoesNotContain(tenant.Emulator.State.ProjectRoles, r => r.Key == ProjectRoleLocks.Key(user));
    }

    [Fact]
    public async Task LiveLock_OfAnotherReplica_IsWaitedForThen503WithRetryAfter()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var user = await CreateUserAsync(tenant, "busy@contoso.com");
        var group = (string)(await tenant.Groups().CreateAsync(Group("{'displayName':'Busy'}"), CancellationToken.None))["id"]!;
        await LeaveLockAsync(tenant, user);
        var replica = Replica(tenant, MembershipCoordination.ProjectRoleLock, wait: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<ScimException>(() => replica.ChangeMembersAsync(group, [user], [], CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.NotNull(error.RetryAfter);
        Assert.Empty(tenant.Emulator.State.Authorizations);
        Assert.Contains(tenant.Emulator.State.ProjectRoles, r => r.Key == ProjectRoleLocks.Key(user));
    }

    [Fact]
    public async Task LockRoles_NeverSurfaceAsGroups()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var user = await CreateUserAsync(tenant, "hidden@contoso.com");
        await tenant.Groups().CreateAsync(Group("{'displayName':'Visible'}"), CancellationToken.None);
        await LeaveLockAsync(tenant, user);
        var groups = Replica(tenant, MembershipCoordination.ProjectRoleLock);

        var all = await groups.QueryAsync(ScimService.BuildQuery(ScimSchemas.GroupType, new SearchRequest()), CancellationToken.None);
        var byName = await groups.QueryAsync(
            ScimService.BuildQuery(ScimSchemas.GroupType, new SearchRequest { Filter = "displayName sw \"SCIM membership lock\"" }),
            CancellationToken.None);

        Assert.Equal(["Visible"], all.Resources.Select(g => (string)g["displayName"]!));
        Assert.Empty(byName.Resources);
        Assert.Null(await groups.GetAsync(ProjectRoleLocks.Key(user), CancellationToken.None));
        Assert.False(await groups.ChangeMembersAsync(ProjectRoleLocks.Key(user), [user], [], CancellationToken.None));
        Assert.False(await groups.DeleteAsync(ProjectRoleLocks.Key(user), CancellationToken.None));
        Assert.Contains(tenant.Emulator.State.ProjectRoles, r => r.Key == ProjectRoleLocks.Key(user));
    }

    /// <summary>
    /// The user already holds scim.g0; replica A adds scim.g1 while replica B adds scim.g2. Every authorization write
    /// is held back 1 s by the emulator, so without coordination both replicas read {g0} before either writes.
    /// </summary>
    private static async Task<(bool G1, bool G2)> RaceTwoReplicasAsync(MembershipCoordination coordination)
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var user = await CreateUserAsync(tenant, "race@contoso.com");
        var groups = tenant.Groups();
        await groups.CreateAsync(Group($"{{'displayName':'G0','members':[{{'value':'{user}'}}]}}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'G1'}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'G2'}"), CancellationToken.None);
        var replicaA = Replica(tenant, coordination);
        var replicaB = Replica(tenant, coordination);

        tenant.Emulator.Faults.SetLatency(TimeSpan.FromSeconds(1), "UpdateAuthorization");
        await Task.WhenAll(
            Task.Run(() => replicaA.ChangeMembersAsync("scim.g1", [user], [], CancellationToken.None)),
            Task.Run(() => replicaB.ChangeMembersAsync("scim.g2", [user], [], CancellationToken.None)))
            .WithTimeout(TestTimeouts.Phase);

        var roles = Assert.Single(tenant.Emulator.State.Authorizations).RoleKeys;
        Assert.Contains("scim.g0", roles);
        Assert.DoesNotContain(tenant.Emulator.State.ProjectRoles, r => r.Key.StartsWith(ProjectRoleLocks.KeyPrefix, StringComparison.Ordinal));
        return (roles.Contains("scim.g1"), roles.Contains("scim.g2"));
    }

    /// <summary>A replica: its own store, in-process locks and caches, sharing only ZITADEL with the others.</summary>
    private static ZitadelGroupStore Replica(
        ZitadelTenant tenant, MembershipCoordination coordination, TimeProvider? clock = null, TimeSpan? wait = null)
    {
        var options = tenant.Options with
        {
            MembershipCoordination = coordination,
            MembershipLockWait = wait ?? TimeSpan.FromSeconds(10),
        };
        return new ZitadelGroupStore(tenant.Client, options, new ProjectAuthorizations(tenant.Client, options, clock));
    }

    /// <summary>The lock a replica takes for the user, left behind as if that replica had died holding it.</summary>
    private static async Task LeaveLockAsync(ZitadelTenant tenant, string userId) =>
        await tenant.Client.Projects.AddProjectRoleAsync(
            new AddProjectRoleRequest(tenant.Options.ProjectId!, ProjectRoleLocks.Key(userId), "SCIM membership lock dead", ProjectRoleLocks.Group),
            CancellationToken.None);

    private static async Task<string> CreateUserAsync(ZitadelTenant tenant, string userName) =>
        (string)(await tenant.Users().CreateAsync(
            ResourceNormalizer.ForCreate(ScimSchemas.UserType, JsonNode.Parse($$"""{"userName":"{{userName}}"}""")),
            CancellationToken.None))["id"]!;

    private static JsonObject Group(string json) =>
        ResourceNormalizer.ForCreate(ScimSchemas.GroupType, JsonNode.Parse(json.Replace('\'', '"')));

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
