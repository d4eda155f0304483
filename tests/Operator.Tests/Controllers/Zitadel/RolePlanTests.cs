using Operator.Api;
using Operator.Controllers.Zitadel;
using Zitadel.Projects;

namespace Operator.Tests.Controllers.Zitadel;

public sealed class RolePlanTests
{
    private static readonly ProjectRole[] Live =
    [
        Role("reader", "Reader"),
        Role("admin", "Old name", "ops"),
        Role("legacy", "Legacy"),
        Role("granted", "Granted by an app role"),
        Role("scim.team", "Team", "scim"),
        Role("scimlock.123", "lock", "scimlock"),
    ];

    [Fact]
    public void Missing_roles_are_added_and_drifted_ones_updated_with_defaults()
    {
        var spec = Spec(prune: false,
            new ProjectRoleSpec { Key = "reader", DisplayName = "Reader" },
            new ProjectRoleSpec { Key = "admin", DisplayName = "Administrator", Group = "ops" },
            new ProjectRoleSpec { Key = "writer" });

        var changes = RolePlan.Compute(spec, Live);

        Assert.Equal(["UpdateProjectRole(admin)", "AddProjectRole(writer)"], changes.Select(c => c.ToString()));
        Assert.Equal("writer", changes[1].DisplayName);
        Assert.Null(changes[1].Group);
        Assert.Equal(1, RolePlan.InSync(spec, Live));
    }

    [Fact]
    public void A_group_change_alone_is_drift()
    {
        var spec = Spec(prune: false, new ProjectRoleSpec { Key = "reader", DisplayName = "Reader", Group = "g" });
        Assert.Equal(RoleChangeKind.Update, Assert.Single(RolePlan.Compute(spec, Live)).Kind);
    }

    [Fact]
    public void Pruning_removes_only_undeclared_roles_not_owned_by_the_endpoint_or_granted_by_app_roles()
    {
        var spec = Spec(prune: true, new ProjectRoleSpec { Key = "reader", DisplayName = "Reader" });
        spec.Mappings = new MappingsSpec { AppRoles = [new AppRoleMapping { Value = "App", RoleKeys = ["granted"] }] };

        var removed = RolePlan.Compute(spec, Live).Where(c => c.Kind == RoleChangeKind.Remove).Select(c => c.Key);

        Assert.Equal(["admin", "legacy"], removed);
    }

    [Fact]
    public void Without_pruning_nothing_is_removed()
    {
        var spec = Spec(prune: false);
        Assert.Empty(RolePlan.Compute(spec, Live));
        Assert.Equal(0, RolePlan.InSync(spec, Live));
    }

    private static ScimTenantSpec Spec(bool prune, params ProjectRoleSpec[] roles) =>
        new() { Roles = roles, PruneRoles = prune };

    private static ProjectRole Role(string key, string displayName, string group = "") =>
        new() { Key = key, DisplayName = displayName, Group = group };
}
