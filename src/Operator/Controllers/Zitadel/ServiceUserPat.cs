using k8s.Models;
using Operator.Runtime;
using Zitadel;

namespace Operator.Controllers.Zitadel;

/// <summary>
/// Issues the service user's PAT into its Secret when <see cref="ServiceUserSecret.Decide"/> says so, and removes
/// the replaced PAT from ZITADEL only after the new Secret is written, so the endpoint is never left without a
/// working token.
/// </summary>
internal sealed class ServiceUserPat(
    ZitadelClient client, IKubernetesObjects objects, IEventRecorder events, OperatorSettings settings, ILogger logger)
{
    /// <summary>Returns the id of the PAT the Secret holds after this call (the credential's version).</summary>
    public async Task<string> EnsureAsync(
        TenantContext context, V1Secret? live, string userId, List<string> progress, CancellationToken ct)
    {
        var tenant = context.Tenant;
        var trigger = tenant.Spec.ServiceUser?.CredentialRotationTrigger;
        var issue = ServiceUserSecret.Decide(live, userId, trigger);
        if (issue == PatIssue.None)
        {
            return ServiceUserSecret.TokenId(live!)!;
        }

        var issued = await TenantZitadelSync.CallAsync(ZitadelOperation.User("AddPersonalAccessToken", userId),
            () => client.Users.AddPersonalAccessTokenAsync(userId, null, ct));
        var secret = ServiceUserSecret.Build(tenant, userId, issued.TokenId, issued.Token, trigger, context.Now);
        try
        {
            if (live is null)
            {
                await objects.CreateAsync(secret, ct, settings.FieldManager);
            }
            else
            {
                secret.Metadata.ResourceVersion = live.Metadata.ResourceVersion;
                await objects.ReplaceAsync(secret, ct, settings.FieldManager);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Take the new PAT back only when the Secret certainly does not hold it: a refused write, or a fresh read
            // that shows another token. A timed-out or cancelled write may have landed; revoking then would leave the
            // Secret with a dead credential that the next pass takes for a good one.
            // When that read fails too, the PAT is kept (the Secret may hold it) and the write's error is the one raised.
            V1Secret? written = null;
            var read = false;
            try
            {
                written = await objects.GetAsync<V1Secret>(ObjectKey.From(secret), CancellationToken.None);
                read = true;
            }
#pragma warning disable CA1031 // The read only decides whether to revoke; its failure must not hide the write's error.
            catch (Exception readError)
#pragma warning restore CA1031
            {
                ZitadelLog.PatSecretUnreadable(logger, context.Namespace, context.Key.Name, issued.TokenId, readError.GetType().Name);
            }

            if (read && (written is null || ServiceUserSecret.TokenId(written) != issued.TokenId))
            {
                await RemoveAsync(userId, issued.TokenId, throwOnFailure: false, CancellationToken.None);
            }

            throw;
        }

        ZitadelLog.PatIssued(logger, context.Namespace, context.Key.Name, issued.TokenId, userId, issue.ToString());
        progress.Add($"issued PAT {issued.TokenId} into Secret '{secret.Metadata.Name}' ({Reason(issue)})");
        if (issue == PatIssue.Missing && tenant.Status?.ServiceUserId is not null)
        {
            await events.WarningAsync(tenant, "CredentialReissued", "IssuePat",
                $"Secret '{secret.Metadata.Name}' was missing; a new PAT was issued for the service user", ct);
        }

        var previous = live is null ? null : ServiceUserSecret.TokenId(live);
        var previousUser = ServiceUserSecret.UserId(live);
        if (previous is not null && previousUser == userId && previous != issued.TokenId)
        {
            await RemoveAsync(userId, previous, throwOnFailure: true, ct);
            progress.Add($"removed the previous PAT {previous}");
            if (issue == PatIssue.Rotation)
            {
                await events.NormalAsync(tenant, "CredentialRotated", "IssuePat",
                    $"The service user's PAT was rotated ({previous} → {issued.TokenId})", ct);
            }
        }

        return issued.TokenId;
    }

    private static string Reason(PatIssue issue) => issue switch
    {
        PatIssue.Missing => "the Secret did not exist",
        PatIssue.Invalid => "the Secret held no PAT of this service user",
        _ => "credentialRotationTrigger changed",
    };

    private async Task RemoveAsync(string userId, string tokenId, bool throwOnFailure, CancellationToken ct)
    {
        try
        {
            await client.Users.RemovePersonalAccessTokenAsync(userId, tokenId, ct);
        }
        catch (ZitadelException e) when (e.IsNotFound || !throwOnFailure)
        {
            // Gone already, or best effort.
        }
        catch (ZitadelException e)
        {
            throw new ZitadelFailure(ZitadelOperation.User("RemovePersonalAccessToken", tokenId), e);
        }
    }
}
