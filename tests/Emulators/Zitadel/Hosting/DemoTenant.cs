namespace Emulators.Zitadel.Hosting;

/// <summary>
/// What <c>--demo-tenant</c> seeds for <c>make demo</c>: an organization "Demo", its project "Demo App", an instance
/// IDP "Entra ID" and a least-privilege machine user "scim-endpoint" (ORG_USER_MANAGER on the org, PROJECT_OWNER on
/// the project) whose PAT the SCIM endpoint uses.
/// </summary>
internal sealed record DemoTenant(string OrganizationId, string ProjectId, string IdpId, SeededMachineUser ScimUser)
{
    public static DemoTenant Seed(ZitadelEmulator emulator)
    {
        var org = emulator.CreateOrganization("Demo");
        var project = emulator.CreateProject(org, "Demo App");
        var idp = emulator.CreateIdp("Entra ID");
        var scim = emulator.CreateMachineUser("scim-endpoint", org,
            AdministratorGrant.Organization(org, "ORG_USER_MANAGER"),
            AdministratorGrant.Project(project, "PROJECT_OWNER"));
        return new DemoTenant(org, project, idp, scim);
    }

    /// <summary>The tenant's shell <c>KEY=value</c> lines (the org id replaces the default org's).</summary>
    public string EnvLines =>
        $"ZITADEL_ORG_ID={OrganizationId}\nZITADEL_PROJECT_ID={ProjectId}\nZITADEL_IDP_ID={IdpId}\n" +
        $"ZITADEL_SCIM_PAT={ScimUser.Pat}\n";
}
