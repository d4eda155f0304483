using Operator.Api;
using Operator.Controllers;

namespace Operator.Tests.Controllers;

public sealed class TenantSpecValidatorTests
{
    private static ScimTenantSpec Valid() => new()
    {
        Zitadel = new ZitadelTarget
        {
            Url = "https://acme.zitadel.cloud",
            Organization = new ZitadelObjectRef { Name = "acme" },
            Project = new ZitadelObjectRef { Name = "apps" },
            CredentialsSecretRef = new SecretKeyRef { Name = "creds" },
        },
    };

    [Fact]
    public void An_app_role_value_that_cannot_be_a_configuration_key_is_refused_before_any_step_runs()
    {
        var spec = Valid();
        spec.Mappings = new MappingsSpec { AppRoles = [new AppRoleMapping { Value = "Global Admin", RoleKeys = ["admin"] }] };
        var error = Assert.Single(TenantSpecValidator.Validate(spec));
        Assert.StartsWith("spec.mappings.appRoles[0].value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_nulls_are_reported_not_thrown()
    {
        var spec = Valid();
        spec.Zitadel.Organization = null!;
        Assert.NotEmpty(TenantSpecValidator.Validate(spec));
        Assert.NotEmpty(TenantSpecValidator.Validate(new ScimTenantSpec { Zitadel = null! }));
        var withNullRole = Valid();
        withNullRole.Mappings = new MappingsSpec { AppRoles = [null!] };
        withNullRole.Roles = [null!];
        Assert.Contains(TenantSpecValidator.Validate(withNullRole), e => e.Contains("appRoles[0]", StringComparison.Ordinal));
        Assert.Contains(KeySpecValidator.Validate(new ScimKeySpec { TenantRef = null! }), e => e.Contains("tenantRef", StringComparison.Ordinal));
    }
}
