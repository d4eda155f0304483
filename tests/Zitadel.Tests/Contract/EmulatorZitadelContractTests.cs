using Zitadel.Users;

namespace Zitadel.Tests.Contract;

/// <summary>The contract against the in-process emulator (always runs), plus the IDP-link tests.</summary>
/// <remarks>
/// The IDP-link tests are emulator-only: a link needs an existing IDP, and neither the contract nor the typed client
/// has a call that creates one (ScimOperator links to an IDP the operator is configured with). The emulator seeds
/// one directly.
/// </remarks>
public sealed class EmulatorZitadelContractTests : ZitadelContractTests
{
    private EmulatorTarget? _emulator;

    private EmulatorTarget Emulator => _emulator ?? throw new InvalidOperationException("not started");

    [Fact]
    public async Task CreateUser_WithIdpLink_ListIdpLinksReturnsIt()
    {
        var idpId = Emulator.Emulator.CreateIdp("Entra", Target.OrganizationId);
        var userName = Target.UniqueName("linked");
        var link = new IdpLink(idpId, "entra-object-1", userName);

        var created = await Client.Users.CreateUserAsync(new CreateUserRequest
        {
            OrganizationId = Target.OrganizationId,
            Username = userName,
            Human = new CreateHumanUser
            {
                Profile = new UserProfile { GivenName = "Ada", FamilyName = "Lovelace" },
                Email = new UserEmail(EmailOf(userName), IsVerified: true),
                IdpLinks = [link],
            },
        }, Cancellation);

        Assert.Equal([link], await LinksEventuallyAsync(created.Id, links => links.Count > 0));
    }

    [Fact]
    public async Task AddIdpLink_ThenRemove_ListFollows()
    {
        var idpId = Emulator.Emulator.CreateIdp("Entra");
        var userId = await CreateHumanAsync(Target.UniqueName("link"));
        var link = new IdpLink(idpId, "entra-object-2", "ada@entra.example.com");

        var added = await Client.Users.AddIdpLinkAsync(userId, link, Cancellation);
        var listed = await LinksEventuallyAsync(userId, links => links.Count > 0);
        await Client.Users.RemoveIdpLinkAsync(userId, idpId, link.UserId, Cancellation);
        var remaining = await LinksEventuallyAsync(userId, links => links.Count == 0);

        Assert.NotNull(added.Details);
        Assert.Equal([link], listed);
        Assert.Empty(remaining);
    }

    [Fact]
    public async Task AddIdpLink_SameExternalUserTwice_ThrowsAlreadyExists409()
    {
        var idpId = Emulator.Emulator.CreateIdp("Entra");
        var first = await CreateHumanAsync(Target.UniqueName("first"));
        var second = await CreateHumanAsync(Target.UniqueName("second"));
        await Client.Users.AddIdpLinkAsync(first, new IdpLink(idpId, "entra-object-3", "a"), Cancellation);

        var error = await Assert.ThrowsAsync<ZitadelException>(() =>
            Client.Users.AddIdpLinkAsync(second, new IdpLink(idpId, "entra-object-3", "b"), Cancellation));

        Assert.Equal((ZitadelErrorCode.AlreadyExists, 409), (error.Code, error.StatusCode));
    }

    [Fact]
    public async Task AddIdpLink_UnknownIdp_ThrowsFailedPrecondition400()
    {
        var userId = await CreateHumanAsync(Target.UniqueName("nolink"));

        var error = await Assert.ThrowsAsync<ZitadelException>(() =>
            Client.Users.AddIdpLinkAsync(userId, new IdpLink("999999999999999999", "x", "x"), Cancellation));

        Assert.Equal(
            (ZitadelErrorCode.FailedPrecondition, 400, "COMMAND-39nf2"), (error.Code, error.StatusCode, error.ErrorId));
    }

    internal override async Task<IZitadelContractTarget> StartTargetAsync() =>
        _emulator = await EmulatorTarget.StartAsync();

    private Task<IReadOnlyList<IdpLink>> LinksEventuallyAsync(string userId, Func<IReadOnlyList<IdpLink>, bool> done) =>
        Eventually.ListAsync(
            ct => Client.Users.ListIdpLinksAsync(userId, query: null, ct), response => response.Result, done,
            Cancellation);
}
