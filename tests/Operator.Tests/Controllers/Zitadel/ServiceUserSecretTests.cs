using k8s.Models;
using Operator.Api;
using Operator.Controllers;
using Operator.Controllers.Zitadel;

namespace Operator.Tests.Controllers.Zitadel;

public sealed class ServiceUserSecretTests
{
    private static readonly ScimTenant Tenant = new()
    {
        Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "ns", Uid = "uid-1" },
    };

    [Fact]
    public void A_current_secret_is_kept_so_a_restart_never_reissues()
    {
        var secret = ServiceUserSecret.Build(Tenant, "u1", "t1", "pat", "r1", DateTimeOffset.UnixEpoch);
        Assert.Equal(PatIssue.None, ServiceUserSecret.Decide(secret, "u1", "r1"));
        Assert.Equal("t1", ServiceUserSecret.TokenId(secret));
        Assert.True(TenantOwner.Controls(secret, Tenant));
        Assert.Equal("acme-scim-zitadel", secret.Metadata.Name);
    }

    [Fact]
    public void Issues_when_missing_for_another_user_without_a_pat_or_on_a_new_trigger()
    {
        var secret = ServiceUserSecret.Build(Tenant, "u1", "t1", "pat", null, DateTimeOffset.UnixEpoch);
        Assert.Equal(PatIssue.Missing, ServiceUserSecret.Decide(null, "u1", null));
        Assert.Equal(PatIssue.Invalid, ServiceUserSecret.Decide(secret, "u2", null));
        Assert.Equal(PatIssue.Rotation, ServiceUserSecret.Decide(secret, "u1", "r2"));
        Assert.Equal(PatIssue.None, ServiceUserSecret.Decide(secret, "u1", ""));
        secret.Data.Clear();
        Assert.Equal(PatIssue.Invalid, ServiceUserSecret.Decide(secret, "u1", null));
    }
}
