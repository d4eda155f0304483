using E2E.Tests.Scenarios;

namespace E2E.Tests.Unit;

public sealed class ZitadelFootprintTests
{
    private static ZitadelFootprint Footprint(int times, string[] users, string[] roles) => new(
        ZitadelFootprint.ReplayCalls.ToDictionary(c => c.Key, c => c.Value * times, StringComparer.Ordinal),
        users.ToHashSet(StringComparer.Ordinal),
        roles.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void A_replay_that_wrote_and_cleaned_up_has_no_problems() =>
        Assert.Empty(Footprint(1, ["bob"], ["r1"]).ProblemsAfterReplay(Footprint(2, ["bob"], ["r1"])));

    [Fact]
    public void No_calls_during_the_replay_is_named_per_method()
    {
        var problems = Footprint(1, [], []).ProblemsAfterReplay(Footprint(1, [], []));

        Assert.Equal(ZitadelFootprint.ReplayCalls.Count, problems.Count);
        Assert.Contains("ZITADEL saw 0 successful CreateUser calls during the replay, expected at least 2", problems);
    }

    [Fact]
    public void Leftover_users_and_roles_are_named()
    {
        var problems = Footprint(0, ["bob"], ["r1"]).ProblemsAfterReplay(Footprint(1, ["bob", "Test_User"], []));

        Assert.Equal(
            ["the organisation's human users changed: left [Test_User], lost []", "the project's roles changed: left [], lost [r1]"],
            problems);
    }
}
