using Zitadel.Users;

namespace Zitadel.Tests.Contract;

/// <summary>
/// The user part of the contract against the emulator with JWT-profile auth: the client holds a key file of the
/// ORG_OWNER machine user and exchanges a signed assertion for an access token (§2.2).
/// </summary>
public sealed class EmulatorJwtProfileUserContractTests : ZitadelUserContractTests
{
    private EmulatorTarget? _emulator;

    private EmulatorTarget Emulator => _emulator ?? throw new InvalidOperationException("not started");

    [Fact]
    public async Task JwtProfile_SeveralCalls_ExchangesTheTokenOnce()
    {
        var userName = Target.UniqueName("jwt");

        var userId = await CreateHumanAsync(userName);
        var user = (await Client.Users.GetUserByIdAsync(userId, Cancellation)).User;
        await Client.Users.SetUserMetadataAsync(userId, [MetadataEntry.FromString("k", "v")], Cancellation);
        await Client.Users.ListUsersAsync(new ListUsersRequest(), Cancellation);

        Assert.Equal(userName, user?.Username);
        var log = Emulator.Emulator.Requests;
        Assert.Equal(1, log.Count("Token"));
        Assert.All(log.Entries, entry => Assert.Equal(200, entry.StatusCode));
        Assert.Equal(5, log.Entries.Count);
    }

    internal override async Task<IZitadelContractTarget> StartTargetAsync() =>
        _emulator = await EmulatorTarget.StartWithJwtProfileAsync();
}
