namespace ScimEndpoint.IntegrationTests.Concurrency;

/// <summary>What one <see cref="ProvisioningClient"/> did, so the test can check the final state.</summary>
internal sealed record ClientResult(
    string OwnGroupId,
    IReadOnlyList<string> ExpectedInShared,
    IReadOnlyList<string> ExpectedInOwn,
    string DisabledUserId,
    string EmailChangedUserId,
    string ChangedEmail,
    string DeletedUserId);
