namespace Emulators.Zitadel.State;

/// <summary>A user; exactly one of <see cref="Human"/> and <see cref="Machine"/> is set.</summary>
internal sealed record UserRecord(
    string Id, string OrganizationId, string UserName, string State, HumanProfile? Human, MachineProfile? Machine,
    DateTimeOffset CreationDate, DateTimeOffset ChangeDate, long Sequence)
{
    public const string Active = "USER_STATE_ACTIVE";
    public const string Inactive = "USER_STATE_INACTIVE";
}
