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
        Assert.Contains("spec.roles[0]: must not be null", TenantSpecValidator.Validate(withNullRole));
        Assert.Contains(KeySpecValidator.Validate(new ScimKeySpec { TenantRef = null! }), e => e.Contains("tenantRef", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("scim.finance", "spec.roles[0].key: 'scim.finance' starts with 'scim.' or 'scimlock.'")]
    [InlineData("scimlock.u1", "spec.roles[0].key: 'scimlock.u1' starts with 'scim.' or 'scimlock.'")]
    [InlineData(" ", "spec.roles[0].key: required")]
    public void Declared_role_keys_are_present_and_outside_the_endpoint_prefixes(string key, string problem)
    {
        var spec = Valid();
        spec.Roles = [new ProjectRoleSpec { Key = key }];

        Assert.StartsWith(problem, Assert.Single(TenantSpecValidator.Validate(spec)), StringComparison.Ordinal);
        spec.Roles = [new ProjectRoleSpec { Key = "scimreader" }];
        Assert.Empty(TenantSpecValidator.Validate(spec));
    }

    [Fact]
    public void Endpoint_service_type_and_image_are_checked_before_any_apply()
    {
        var spec = Valid();
        spec.Endpoint = new EndpointSpec { ServiceType = "ExternalName", Image = "repo/image: latest" };

        Assert.Equal(
            [
                "spec.endpoint.serviceType: 'ExternalName' is not one of ClusterIP, NodePort, LoadBalancer",
                "spec.endpoint.image: must be an image reference without spaces (or unset for the default)",
            ],
            TenantSpecValidator.Validate(spec));
        spec.Endpoint = new EndpointSpec { ServiceType = "LoadBalancer", Image = "ghcr.io/scim-operator/scim-endpoint:0.1.0" };
        Assert.Empty(TenantSpecValidator.Validate(spec));
    }

    [Theory]
    [InlineData("title", "jobTitle", null)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "hr:department", null)]
    [InlineData("emails.value", "mail", null)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "manager", null)]
    [InlineData("emails[type eq \"work\"].value", "mail", ".path")]
    [InlineData("name", "name", ".path")]
    [InlineData("urn:example:custom:1.0:User:badge", "badge", ".path")]
    [InlineData("Title", "jobTitle", ".path")]
    [InlineData("title", "scim.title", ".key")]
    [InlineData("title", "job title", ".key")]
    [InlineData("urn:ietf:params:scim:schemas:extension:Other:2.0:User:badge", "badge", ".path")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:badge", "badge", ".path")]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:costCentre", "cost", null)]
    public void Metadata_mappings_name_a_mappable_attribute_and_a_free_key(string path, string key, string? problem)
    {
        var spec = Valid();
        spec.Mappings = new MappingsSpec
        {
            Metadata = [new MetadataMapping { Path = path, Key = key }],
            CustomSchemas = [Custom],
        };
        var errors = TenantSpecValidator.Validate(spec);
        if (problem is null)
        {
            Assert.Empty(errors);
            return;
        }

        var error = Assert.Single(errors);
        Assert.StartsWith("spec.mappings.metadata[0]" + problem, error, StringComparison.Ordinal);
        Assert.Equal(TenantSpecValidator.InvalidMapping, TenantSpecValidator.Reason(errors));
    }

    [Fact]
    public void A_metadata_key_is_mapped_once_and_the_role_group_has_no_colon()
    {
        var spec = Valid();
        spec.Mappings = new MappingsSpec
        {
            Metadata = [new MetadataMapping { Path = "title", Key = "k" }, new MetadataMapping { Path = "userType", Key = "k" }],
            Groups = new GroupMapping { RoleGroup = "scim:entra" },
        };
        var errors = TenantSpecValidator.Validate(spec);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("spec.mappings.metadata[1].key", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("spec.mappings.groups.roleGroup", StringComparison.Ordinal));

        spec.Zitadel.Url = "not a url";
        Assert.Equal(TenantSpecValidator.InvalidSpec, TenantSpecValidator.Reason(TenantSpecValidator.Validate(spec)));
    }

    private const string Custom = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "the enterprise extension is built in")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User", "is not a custom-extension URN")]
    [InlineData("urn:ietf:params:scim:schemas:extension:Custom:2.0:Group", "is not a custom-extension URN")]
    [InlineData("urn:example:custom", "is not a custom-extension URN")]
    public void Custom_schemas_are_extension_urns_of_user(string urn, string problem)
    {
        var spec = Valid();
        spec.Mappings = new MappingsSpec { CustomSchemas = [urn] };

        var errors = TenantSpecValidator.Validate(spec);

        var error = Assert.Single(errors);
        Assert.StartsWith("spec.mappings.customSchemas[0]", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal(TenantSpecValidator.InvalidMapping, TenantSpecValidator.Reason(errors));
    }

    [Fact]
    public void Custom_schemas_are_unique_ignoring_case_and_at_most_ten()
    {
        var spec = Valid();
        var urns = Enumerable.Range(0, 11).Select(i => $"urn:ietf:params:scim:schemas:extension:X{i}:2.0:User").ToList();
        urns.Add("urn:ietf:params:scim:schemas:extension:x0:2.0:User");
        spec.Mappings = new MappingsSpec { CustomSchemas = urns };

        var errors = TenantSpecValidator.Validate(spec);

        Assert.Equal(2, errors.Count);
        Assert.Contains("spec.mappings.customSchemas: at most 10 schemas", errors);
        Assert.Contains(errors, e => e.StartsWith("spec.mappings.customSchemas[11]: ", StringComparison.Ordinal) && e.Contains("listed twice", StringComparison.Ordinal));

        spec.Mappings.CustomSchemas = [Custom, "urn:ietf:params:scim:schemas:extension:hr_1:2.0:User"];
        Assert.Empty(TenantSpecValidator.Validate(spec));
    }
}
