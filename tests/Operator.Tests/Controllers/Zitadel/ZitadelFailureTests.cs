using Operator.Controllers.Zitadel;
using Zitadel;

namespace Operator.Tests.Controllers.Zitadel;

public sealed class ZitadelFailureTests
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_permission_error_names_the_call_the_role_and_what_was_done()
    {
        var failure = new ZitadelFailure(
            ZitadelOperation.Role(new RoleChange(RoleChangeKind.Add, "admin", "Admin", null)),
            new ZitadelException("AddProjectRole", 403, ZitadelErrorCode.PermissionDenied, null, "No matching permissions found"));

        var result = failure.ToResult(["roles 3/5 in sync"], "the PAT in Secret 'x' key 'token'", Retry);

        Assert.Equal("PermissionDenied", result.Reason);
        Assert.Equal("roles 3/5 in sync; ProjectService/AddProjectRole(admin) failed (HTTP 403 PermissionDenied): " +
            "No matching permissions found; the operator's identity needs PROJECT_OWNER on the project or ORG_OWNER " +
            "on the organisation", result.Message);
        Assert.Equal(Retry, result.RequeueAfter);
    }

    [Theory]
    [InlineData(null, "ORG_OWNER on the organisation or IAM_OWNER")]
    [InlineData("project", "PROJECT_OWNER on the project or ORG_OWNER on the organisation")]
    public void Administrator_calls_need_the_role_of_their_resource(string? project, string role)
    {
        Assert.Equal(role, ZitadelOperation.Administrator("CreateAdministrator", "org-1", project).RoleNeeded);
        Assert.Equal("IAM_OWNER", ZitadelOperation.Administrator("CreateAdministrator", null).RoleNeeded);
        Assert.Equal("IAM_ORG_MANAGER or IAM_OWNER", ZitadelOperation.AddOrganization("Acme").RoleNeeded);
        Assert.Equal("ORG_USER_MANAGER or ORG_OWNER on the organisation", ZitadelOperation.User("CreateUser", "u").RoleNeeded);
    }

    [Theory]
    [InlineData(503, (int)ZitadelErrorCode.Unavailable)]
    [InlineData(429, (int)ZitadelErrorCode.ResourceExhausted)]
    [InlineData(null, (int)ZitadelErrorCode.DeadlineExceeded)]
    public void Unavailable_rate_limited_and_timeouts_requeue_honouring_retry_after(int? status, int grpcCode)
    {
        var code = (ZitadelErrorCode)grpcCode;
        var failure = new ZitadelFailure(ZitadelOperation.ListOrganizations("Acme"),
            new ZitadelException("ListOrganizations", status, code, null, null, TimeSpan.FromSeconds(7)));

        var result = failure.ToResult([], "c", Retry);

        Assert.Equal("ZitadelUnavailable", result.Reason);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RequeueAfter);
        Assert.StartsWith("OrganizationService/ListOrganizations(Acme) failed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_credential_says_where_the_credential_is()
    {
        var failure = new ZitadelFailure(ZitadelOperation.ListOrganizations("Acme"),
            new ZitadelException("ListOrganizations", 401, ZitadelErrorCode.Unauthenticated, null, "Errors.Token.Invalid"));

        var result = failure.ToResult([], "the personal access token in Secret 'ops' key 'token'", Retry);

        Assert.Equal("CredentialsRejected", result.Reason);
        Assert.EndsWith("ZITADEL refused the operator's credential (the personal access token in Secret 'ops' key 'token')",
            result.Message, StringComparison.Ordinal);
    }
}
