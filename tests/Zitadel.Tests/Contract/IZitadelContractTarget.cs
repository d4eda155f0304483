namespace Zitadel.Tests.Contract;

/// <summary>
/// What the contract suite runs against: a ZITADEL (the emulator or a real one), a client acting as an identity that
/// may manage users, projects, roles, authorizations and administrators in <see cref="OrganizationId"/>, unique
/// names so runs on a shared instance do not collide, and a cleanup list that is emptied on dispose.
/// </summary>
internal interface IZitadelContractTarget : IAsyncDisposable
{
    /// <summary>The client of the managing identity (ORG_OWNER or more on <see cref="OrganizationId"/>).</summary>
    ZitadelClient Client { get; }

    /// <summary>The organization the suite works in.</summary>
    string OrganizationId { get; }

    /// <summary>What the suite created; deleted (newest first) with <see cref="Client"/> on dispose.</summary>
    ContractCleanup Cleanup { get; }

    /// <summary>A name no other run uses: lower case letters, digits and hyphens, after a fixed prefix.</summary>
    string UniqueName(string purpose);

    /// <summary>A second client on the same instance and org that authenticates with another machine user's PAT.
    /// </summary>
    ZitadelClient CreateClient(string personalAccessToken);
}
