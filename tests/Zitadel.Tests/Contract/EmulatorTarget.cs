using Emulators.Zitadel;

namespace Zitadel.Tests.Contract;

/// <summary>
/// A fresh <see cref="ZitadelEmulator"/> with its own org and an ORG_OWNER machine user on it; the client acts as
/// that user, with its PAT or, for <see cref="StartWithJwtProfileAsync"/>, with a registered key (JWT profile).
/// </summary>
/// <remarks>Lists lag writes by <see cref="ListLag"/>, as ZITADEL's projections do (§11.3), so the suite must poll
/// where a real instance would make it.</remarks>
internal sealed class EmulatorTarget : ZitadelContractTarget
{
    public static readonly TimeSpan ListLag = TimeSpan.FromMilliseconds(150);

    private EmulatorTarget(ZitadelEmulator emulator, string organizationId, Action<ZitadelClientOptions> credential)
        : base(emulator.BaseUri, organizationId, credential) =>
        Emulator = emulator;

    public ZitadelEmulator Emulator { get; }

    /// <summary>The emulator's seeded ORG_OWNER machine user on <see cref="ZitadelContractTarget.OrganizationId"/>.
    /// </summary>
    public required string OwnerUserId { get; init; }

    public static Task<EmulatorTarget> StartAsync() =>
        StartAsync((_, owner) => options => options.PersonalAccessToken = owner.Pat);

    public static Task<EmulatorTarget> StartWithJwtProfileAsync() =>
        StartAsync((emulator, owner) =>
        {
            var keyFileJson = emulator.RegisterKey(owner.UserId);
            return options =>
            {
                options.KeyFileJson = keyFileJson;
                options.Issuer = new Uri(emulator.Issuer);
            };
        });

    protected override ValueTask DisposeTargetAsync() => Emulator.DisposeAsync();

    private static async Task<EmulatorTarget> StartAsync(
        Func<ZitadelEmulator, SeededMachineUser, Action<ZitadelClientOptions>> credential)
    {
        var emulator = await ZitadelEmulator.StartAsync(
            new ZitadelEmulatorOptions { ProjectionLag = ListLag }, CancellationToken.None);
        try
        {
            var organizationId = emulator.CreateOrganization("Contract");
            var owner = emulator.CreateMachineUser(
                "contract-owner", organizationId, AdministratorGrant.Organization(organizationId, "ORG_OWNER"));
            return new EmulatorTarget(emulator, organizationId, credential(emulator, owner))
            {
                OwnerUserId = owner.UserId,
            };
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }
}
