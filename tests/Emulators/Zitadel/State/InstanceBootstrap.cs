using Emulators.Zitadel.Services.Users;

namespace Emulators.Zitadel.State;

/// <summary>
/// What a fresh ZITADEL instance has: a default organization and an IAM_OWNER machine user with a PAT (as the
/// <c>FirstInstance.Org.Machine</c> setup creates).
/// </summary>
internal static class InstanceBootstrap
{
    public static (OrganizationRecord Org, UserRecord Admin, string Pat) Run(EmulatorState state, string orgName)
    {
        lock (state.Gate)
        {
            var now = state.Now;
            var sequence = state.NextSequence();
            var org = new OrganizationRecord(state.NewId(), orgName,
                OrganizationRecord.DomainFor(orgName), now, now, sequence);
            state.Orgs.Put(org.Id, org, now);
            var admin = new UserRecord(state.NewId(), org.Id, "zitadel-admin-sa", UserRecord.Active, null,
                new MachineProfile("Admin", "Instance administrator", UserRules.BearerToken), now, now, sequence);
            state.PutUser(admin);
            state.AdministratorTable.Put((admin.Id, AdministratorResource.Instance, string.Empty),
                new AdministratorRecord(
                    admin.Id, AdministratorResource.Instance, string.Empty, ["IAM_OWNER"], now, now),
                now);
            var pat = UserCredentialHandlers.IssuePat(state, admin.Id, null);
            return (org, admin, pat.Token);
        }
    }
}
