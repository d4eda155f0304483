using Zitadel.Json;
using Zitadel.Users;

namespace Zitadel.Tests.Contract;

/// <summary>
/// The user part of the contract (docs/zitadel-calls.md, UserService) through the typed client only. One subclass
/// per target; every test is independent and creates what it needs under unique names.
/// </summary>
public abstract class ZitadelUserContractTests : IAsyncLifetime
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    private readonly CancellationTokenSource _timeout = new(TestTimeout);
    private IZitadelContractTarget? _target;

    protected CancellationToken Cancellation => _timeout.Token;

    internal IZitadelContractTarget Target => _target ?? throw new InvalidOperationException("not started");

    internal ZitadelClient Client => Target.Client;

    public async Task InitializeAsync() => _target = await StartTargetAsync();

    public async Task DisposeAsync()
    {
        try
        {
            if (_target is not null)
            {
                await _target.DisposeAsync();
            }
        }
        finally
        {
            _timeout.Dispose();
        }
    }

    [Fact]
    public virtual async Task CreateUser_HumanWithMetadata_GetReturnsProfileEmailStateAndDetails()
    {
        var userName = Target.UniqueName("ada");

        var created = await Client.Users.CreateUserAsync(new CreateUserRequest
        {
            OrganizationId = Target.OrganizationId,
            Username = userName,
            Metadata =
            [
                MetadataEntry.FromString("contract.externalId", "e-1"),
                MetadataEntry.FromString("contract.dept", "R&D"),
            ],
            Human = new CreateHumanUser
            {
                Profile = new UserProfile
                {
                    GivenName = "Ada",
                    FamilyName = "Lovelace",
                    DisplayName = "Ada L.",
                    PreferredLanguage = "en",
                },
                Email = new UserEmail(EmailOf(userName), IsVerified: true),
            },
        }, Cancellation);
        Target.Cleanup.User(created.Id);
        var got = await Client.Users.GetUserByIdAsync(created.Id, Cancellation);

        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.NotNull(created.CreationDate);
        var user = Assert.IsType<User>(got.User);
        Assert.Equal((created.Id, userName, UserStates.Active), (user.UserId, user.Username, user.State));
        var profile = Assert.IsType<UserProfile>(user.Human?.Profile);
        Assert.Equal(("Ada", "Lovelace", "Ada L.", "en"),
            (profile.GivenName, profile.FamilyName, profile.DisplayName, profile.PreferredLanguage));
        Assert.Equal(new UserEmail(EmailOf(userName), IsVerified: true), user.Human?.Email);
        var details = Assert.IsType<ObjectDetails>(user.Details);
        Assert.True(details.Sequence > 0, $"sequence {details.Sequence}");
        Assert.NotNull(details.CreationDate);
        Assert.Equal(Target.OrganizationId, details.ResourceOwner);
        Assert.Equal((details.Sequence, details.CreationDate), (got.Details?.Sequence, got.Details?.CreationDate));
        var metadata = await MetadataEventuallyAsync(created.Id, entries => entries.Count == 2);
        Assert.Equal(
            new Dictionary<string, string> { ["contract.externalId"] = "e-1", ["contract.dept"] = "R&D" }, metadata);
    }

    [Fact]
    public virtual async Task CreateUser_UserNameTakenInOtherCase_ThrowsAlreadyExists409()
    {
        var userName = Target.UniqueName("dup");
        await CreateHumanAsync(userName);

        var error = await Assert.ThrowsAsync<ZitadelException>(() => CreateHumanAsync(userName.ToUpperInvariant()));

        Assert.Equal((ZitadelErrorCode.AlreadyExists, 409, "V3-DKcYh"), (error.Code, error.StatusCode, error.ErrorId));
    }

    [Fact]
    public virtual async Task GetUserById_UnknownId_ThrowsNotFound404()
    {
        var error = await Assert.ThrowsAsync<ZitadelException>(
            () => Client.Users.GetUserByIdAsync("999999999999999999", Cancellation));

        Assert.Equal((ZitadelErrorCode.NotFound, 404), (error.Code, error.StatusCode));
    }

    [Fact]
    public virtual async Task ListUsers_UserNameEqualsIgnoreCaseInOrganization_FindsUserOnceProjected()
    {
        var userName = Target.UniqueName("grace");
        var userId = await CreateHumanAsync(userName);

        var response = await Eventually.UntilAsync(
            ct => Client.Users.ListUsersAsync(new ListUsersRequest
            {
                Queries =
                [
                    UserSearchQuery.UserName(userName.ToUpperInvariant(), TextQueryMethods.EqualsIgnoreCase),
                    UserSearchQuery.Organization(Target.OrganizationId),
                ],
            }, ct),
            answer => answer.Result.Count > 0,
            Cancellation);

        var user = Assert.Single(response.Result);
        Assert.Equal((userId, userName), (user.UserId, user.Username));
        Assert.Equal(1, response.Details?.TotalResult);
    }

    [Fact]
    public virtual async Task ListUsers_MetadataKeyAndValue_FindsOnlyTheMatchingUser()
    {
        var key = Target.UniqueName("key");
        // The other user is older, so once the match is listed the other one is projected too.
        await CreateHumanAsync(Target.UniqueName("other"), MetadataEntry.FromString(key, "no"));
        var matchId = await CreateHumanAsync(Target.UniqueName("match"), MetadataEntry.FromString(key, "yes"));

        var found = await ListUsersEventuallyAsync(
            users => users.Any(user => user.UserId == matchId),
            UserSearchQuery.MetadataKey(key),
            UserSearchQuery.MetadataValue("yes"u8.ToArray()),
            UserSearchQuery.Organization(Target.OrganizationId));

        Assert.Equal(matchId, Assert.Single(found).UserId);
    }

    [Fact]
    public virtual async Task UpdateUser_ProfileAndMetadata_ChangesProfileSetsAndDeletesMetadata()
    {
        var userId = await CreateHumanAsync(
            Target.UniqueName("upd"), MetadataEntry.FromString("keep", "1"), MetadataEntry.FromString("drop", "2"));

        var changed = await Client.Users.UpdateUserAsync(new UpdateUserRequest
        {
            UserId = userId,
            Metadata =
            [
                MetadataEntry.FromString("keep", "one"), MetadataEntry.FromString("drop", ""),
                MetadataEntry.FromString("new", "3"),
            ],
            Human = new UpdateHumanUser { Profile = new UserProfile { GivenName = "Augusta", FamilyName = "King" } },
        }, Cancellation);

        Assert.NotNull(changed.ChangeDate);
        var profile = (await Client.Users.GetUserByIdAsync(userId, Cancellation)).User?.Human?.Profile;
        Assert.Equal(("Augusta", "King"), (profile?.GivenName, profile?.FamilyName));
        var expected = new Dictionary<string, string> { ["keep"] = "one", ["new"] = "3" };
        Assert.Equal(expected, await MetadataEventuallyAsync(userId, entries => expected.Count == entries.Count &&
            expected.All(pair => entries.GetValueOrDefault(pair.Key) == pair.Value)));
    }

    [Fact]
    public virtual async Task DeactivateUser_ThenReactivate_StateFollows()
    {
        var userId = await CreateHumanAsync(Target.UniqueName("state"));

        await Client.Users.DeactivateUserAsync(userId, Cancellation);
        var inactive = (await Client.Users.GetUserByIdAsync(userId, Cancellation)).User?.State;
        await Client.Users.ReactivateUserAsync(userId, Cancellation);
        var active = (await Client.Users.GetUserByIdAsync(userId, Cancellation)).User?.State;

        Assert.Equal((UserStates.Inactive, UserStates.Active), (inactive, active));
    }

    [Fact]
    public virtual async Task DeactivateUser_Twice_ThrowsFailedPrecondition400()
    {
        var userId = await CreateHumanAsync(Target.UniqueName("twice"));
        await Client.Users.DeactivateUserAsync(userId, Cancellation);

        var error = await Assert.ThrowsAsync<ZitadelException>(
            () => Client.Users.DeactivateUserAsync(userId, Cancellation));

        Assert.Equal((ZitadelErrorCode.FailedPrecondition, 400), (error.Code, error.StatusCode));
    }

    [Fact]
    public virtual async Task DeleteUser_ThenCreateSameUserName_Succeeds()
    {
        var userName = Target.UniqueName("reuse");
        var first = await CreateHumanAsync(userName);

        await Client.Users.DeleteUserAsync(first, Cancellation);
        var second = await CreateHumanAsync(userName);

        Assert.NotEqual(first, second);
        var gone = await Assert.ThrowsAsync<ZitadelException>(() => Client.Users.GetUserByIdAsync(first, Cancellation));
        Assert.True(gone.IsNotFound, gone.Message);
    }

    [Fact]
    public virtual async Task UserMetadata_SetListByKeyPrefixAndDelete_RoundTrips()
    {
        var userId = await CreateHumanAsync(Target.UniqueName("meta"));

        var set = await Client.Users.SetUserMetadataAsync(userId,
            [
                MetadataEntry.FromString("scim.a", "1"), MetadataEntry.FromString("scim.b", "2"),
                MetadataEntry.FromString("other", "3"),
            ],
            Cancellation);
        var prefixed = await MetadataEventuallyAsync(
            userId, entries => entries.Count == 2, new MetadataKeyFilter("scim.", TextFilterMethods.StartsWith));
        var deleted = await Client.Users.DeleteUserMetadataAsync(userId, ["scim.a"], Cancellation);
        var remaining = await MetadataEventuallyAsync(userId, entries => !entries.ContainsKey("scim.a"));

        Assert.NotNull(set.SetDate);
        Assert.Equal(new Dictionary<string, string> { ["scim.a"] = "1", ["scim.b"] = "2" }, prefixed);
        Assert.NotNull(deleted.DeletionDate);
        Assert.Equal(new Dictionary<string, string> { ["scim.b"] = "2", ["other"] = "3" }, remaining);
    }

    [Fact]
    public virtual void ListQuery_LimitOver1000_ClientRefusesBeforeSending()
    {
        // ZITADEL would answer 400 QUERY-4M0fs (§11.2); the emulator tests cover that answer to a raw request.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ListQuery { Limit = ListQuery.MaxLimit + 1 });

        Assert.Equal(1000u, ListQuery.MaxLimit);
        Assert.Contains("at most 1000", error.Message, StringComparison.Ordinal);
    }

    internal abstract Task<IZitadelContractTarget> StartTargetAsync();

    internal static string EmailOf(string userName) => $"{userName}@contract.example.com";

    /// <summary>Creates a verified human in the target org and registers it for cleanup; returns its id.</summary>
    internal async Task<string> CreateHumanAsync(string userName, params MetadataEntry[] metadata)
    {
        var created = await Client.Users.CreateUserAsync(new CreateUserRequest
        {
            OrganizationId = Target.OrganizationId,
            Username = userName,
            Metadata = metadata,
            Human = new CreateHumanUser
            {
                Profile = new UserProfile { GivenName = "Ada", FamilyName = "Lovelace" },
                Email = new UserEmail(EmailOf(userName), IsVerified: true),
            },
        }, Cancellation);
        Target.Cleanup.User(created.Id);
        return created.Id;
    }

    internal Task<IReadOnlyList<User>> ListUsersEventuallyAsync(
        Func<IReadOnlyList<User>, bool> done, params UserSearchQuery[] queries) =>
        Eventually.ListAsync(
            ct => Client.Users.ListUsersAsync(new ListUsersRequest { Queries = queries }, ct),
            response => response.Result, done, Cancellation);

    /// <summary>The user's metadata as key → UTF-8 value, polled until <paramref name="done"/> holds.</summary>
    internal async Task<Dictionary<string, string>> MetadataEventuallyAsync(
        string userId, Func<Dictionary<string, string>, bool> done, MetadataKeyFilter? keyFilter = null)
    {
        var request = new ListUserMetadataRequest
        {
            UserId = userId,
            Filters = keyFilter is null ? null : [new UserMetadataFilter(keyFilter)],
        };
        var response = await Eventually.UntilAsync(
            ct => Client.Users.ListUserMetadataAsync(request, ct), answer => done(AsDictionary(answer)), Cancellation);
        return AsDictionary(response);
    }

    private static Dictionary<string, string> AsDictionary(ListUserMetadataResponse response) =>
        response.Metadata.ToDictionary(entry => entry.Key, entry => entry.ValueAsString(), StringComparer.Ordinal);
}
