using System.Text;
using k8s.Models;
using Operator.Api;
using Operator.Controllers;
using Operator.Keys;

namespace Operator.Tests.Controllers;

public sealed class KeyPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Warning = TimeSpan.FromDays(14);

    internal static ScimKey Key(Action<ScimKeySpec>? configure = null)
    {
        var key = new ScimKey
        {
            Metadata = new V1ObjectMeta { Name = "entra", NamespaceProperty = "team-a", Uid = "uid-key-1", Generation = 1 },
            Spec = new ScimKeySpec { TenantRef = new LocalObjectReference { Name = "acme" } },
        };
        configure?.Invoke(key.Spec);
        return key;
    }

    internal static ScimTenant Tenant(string baseUrl = "https://scim.acme.example") => new()
    {
        Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "team-a", Uid = "uid-tenant" },
        Spec = new ScimTenantSpec { Endpoint = new EndpointSpec { PublicBaseUrl = baseUrl } },
    };

    private static string NoToken() => throw new InvalidOperationException("no token may be issued here");

    /// <summary>Applies a decision like the API server would: the Secret becomes live, the status is stored.</summary>
    private static V1Secret Store(ScimKey key, KeyDecision decision)
    {
        key.Status = decision.Status;
        return decision.Secret!;
    }

    private static string TokenOf(V1Secret secret) => Encoding.UTF8.GetString(secret.Data["token"]);

    [Fact]
    public void A_key_for_a_missing_tenant_is_not_ready_and_issues_nothing()
    {
        var decision = KeyPolicy.Decide(Key(), null, null, T0, Warning, NoToken);
        Assert.Equal(SecretAction.None, decision.Action);
        var ready = Assert.Single(decision.Status.Conditions!);
        Assert.Equal(("False", "TenantNotFound"), (ready.Status, ready.Reason));
        Assert.Null(decision.Status.TokenId);
    }

    [Fact]
    public void First_issuance_creates_an_owned_secret_with_provenance_and_no_token_in_status()
    {
        var key = Key(s => s.SecretTemplate = new SecretTemplate { Labels = new Dictionary<string, string> { ["team"] = "id" } });
        var decision = KeyPolicy.Decide(key, Tenant(), null, T0, Warning, ScimToken.Create);

        Assert.Equal(SecretAction.Create, decision.Action);
        var secret = decision.Secret!;
        Assert.Equal("entra-scim-token", secret.Metadata.Name);
        Assert.Equal("team-a", secret.Metadata.NamespaceProperty);
        var token = TokenOf(secret);
        Assert.True(ScimToken.IsWellFormed(token));
        Assert.Equal("https://scim.acme.example/scim/v2", Encoding.UTF8.GetString(secret.Data["tenantUrl"]));
        Assert.Equal("id", secret.Metadata.Labels["team"]);
        Assert.Equal("acme", secret.Metadata.Labels[KeyLabels.Tenant]);
        var owner = Assert.Single(secret.Metadata.OwnerReferences);
        Assert.Equal(("uid-key-1", true), (owner.Uid, owner.Controller == true));
        var issued = IssuedToken.Read(secret)!;
        Assert.Equal(ScimToken.Sha256Hex(token), issued.Sha256);
        Assert.Equal(1, issued.Revision);

        var status = decision.Status;
        Assert.Equal(("True", "Issued"), (status.Conditions![0].Status, status.Conditions[0].Reason));
        Assert.Equal(issued.TokenId, status.TokenId);
        Assert.Equal("sha256:" + issued.Sha256[..12], status.Fingerprint);
        Assert.Equal(1, status.Revision);
        Assert.Equal(1, status.ObservedGeneration);
        var all = string.Join(" ", decision.Events.Select(e => e.Note)) + System.Text.Json.JsonSerializer.Serialize(status);
        Assert.DoesNotContain(token, all, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Sha256, all, StringComparison.Ordinal);
        Assert.Empty(decision.Events); // The status reports a first issuance; no Event (one API call per key fewer).
    }

    [Fact]
    public void A_resync_or_restart_never_reissues()
    {
        var key = Key();
        var live = Store(key, KeyPolicy.Decide(key, Tenant(), null, T0, Warning, ScimToken.Create));
        // Status lost (e.g. the operator restarted before writing it): the live Secret still decides.
        key.Status = null;
        var again = KeyPolicy.Decide(key, Tenant(), live, T0.AddMinutes(5), Warning, NoToken);
        Assert.Equal(SecretAction.None, again.Action);
        Assert.Equal(IssuedToken.Read(live)!.TokenId, again.Status.TokenId);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void A_deleted_secret_is_reissued_with_a_warning()
    {
        var key = Key();
        var first = Store(key, KeyPolicy.Decide(key, Tenant(), null, T0, Warning, ScimToken.Create));
        var decision = KeyPolicy.Decide(key, Tenant(), null, T0.AddHours(1), Warning, ScimToken.Create);
        Assert.Equal(SecretAction.Create, decision.Action);
        Assert.NotEqual(TokenOf(first), TokenOf(decision.Secret!));
        Assert.Equal(2, decision.Status.Revision);
        var warning = Assert.Single(decision.Events);
        Assert.True(warning.Warning);
        Assert.Equal("SecretReissued", warning.Reason);
        Assert.Contains("Entra", warning.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_edited_by_hand_is_replaced()
    {
        var key = Key();
        var live = Store(key, KeyPolicy.Decide(key, Tenant(), null, T0, Warning, ScimToken.Create));
        live.Metadata.ResourceVersion = "7";
        live.Data["token"] = Encoding.UTF8.GetBytes("scimop_typed-by-hand");
        var decision = KeyPolicy.Decide(key, Tenant(), live, T0, Warning, ScimToken.Create);
        Assert.Equal(SecretAction.Update, decision.Action);
        Assert.Equal("7", decision.Secret!.Metadata.ResourceVersion);
        Assert.Equal("SecretReissued", Assert.Single(decision.Events).Reason);
    }

    [Fact]
    public void A_secret_owned_by_something_else_is_never_touched()
    {
        var foreign = new V1Secret { Metadata = new V1ObjectMeta { Name = "entra-scim-token", NamespaceProperty = "team-a" } };
        var decision = KeyPolicy.Decide(Key(), Tenant(), foreign, T0, Warning, NoToken);
        Assert.Equal(SecretAction.None, decision.Action);
        Assert.Equal("SecretConflict", decision.Status.Conditions![0].Reason);
        Assert.True(Assert.Single(decision.Events).Warning);
    }

    [Fact]
    public void Rotation_issues_a_new_token_and_keeps_the_old_one_for_the_grace_period()
    {
        var key = Key(s => s.Rotation = new KeyRotation { Trigger = "2026-01", GracePeriod = "2h" });
        var live = Store(key, KeyPolicy.Decide(key, Tenant(), null, T0, Warning, ScimToken.Create));
        var first = IssuedToken.Read(live)!;
        Assert.Equal("2026-01", first.RotationTrigger);

        key.Spec.Rotation!.Trigger = "2026-02";
        var rotated = KeyPolicy.Decide(key, Tenant(), live, T0.AddDays(1), Warning, ScimToken.Create);
        Assert.Equal(SecretAction.Update, rotated.Action);
        var second = IssuedToken.Read(rotated.Secret!)!;
        Assert.NotEqual(first.TokenId, second.TokenId);
        Assert.Equal(first.TokenId, second.Previous!.TokenId);
        Assert.Equal(T0.AddDays(1).AddHours(2), second.Previous.ValidUntil);
        Assert.Equal("Rotating", rotated.Status.Conditions![0].Reason);
        Assert.Equal(first.TokenId, rotated.Status.PreviousTokenId);
        Assert.Equal(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1), rotated.RequeueAfter);

        live = Store(key, rotated);
        var afterGrace = KeyPolicy.Decide(key, Tenant(), live, T0.AddDays(1).AddHours(2), Warning, NoToken);
        Assert.Equal(SecretAction.Update, afterGrace.Action);
        Assert.Null(IssuedToken.Read(afterGrace.Secret!)!.Previous);
        Assert.False(afterGrace.Secret!.Metadata.Annotations.ContainsKey(IssuedToken.PreviousSha256Annotation));
        Assert.Equal("Issued", afterGrace.Status.Conditions![0].Reason);
        Assert.Null(afterGrace.Status.PreviousTokenId);
    }

    [Fact]
    public void Expiry_flips_ready_at_the_instant_and_warns_before()
    {
        var key = Key(s => s.ExpiresAfter = "720h");
        var live = Store(key, KeyPolicy.Decide(key, Tenant(), null, T0, Warning, ScimToken.Create));
        var expiresAt = T0.AddDays(30);
        Assert.Equal(expiresAt.UtcDateTime, key.Status!.ExpiresAt);

        var early = KeyPolicy.Decide(key, Tenant(), live, T0.AddDays(1), Warning, NoToken);
        Assert.Empty(early.Events);
        Assert.Equal(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(1), early.RequeueAfter);

        var soon = KeyPolicy.Decide(key, Tenant(), live, expiresAt.AddDays(-3), Warning, NoToken);
        Assert.Equal("True", soon.Status.Conditions![0].Status);
        Assert.Equal("ExpiringSoon", Assert.Single(soon.Events).Reason);
        Assert.Equal(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1), soon.RequeueAfter);

        var justBefore = KeyPolicy.Decide(key, Tenant(), live, expiresAt.AddSeconds(-1), Warning, NoToken);
        Assert.Equal("True", justBefore.Status.Conditions![0].Status);
        key.Status = justBefore.Status;

        var expired = KeyPolicy.Decide(key, Tenant(), live, expiresAt, Warning, NoToken);
        Assert.Equal(("False", "Expired"), (expired.Status.Conditions![0].Status, expired.Status.Conditions[0].Reason));
        Assert.Equal(SecretAction.None, expired.Action);
        Assert.Equal("Expired", Assert.Single(expired.Events).Reason);
        key.Status = expired.Status;
        Assert.Empty(KeyPolicy.Decide(key, Tenant(), live, expiresAt.AddHours(1), Warning, NoToken).Events);
    }

    [Fact]
    public void Changing_the_tenant_url_or_template_updates_the_secret_without_a_new_token()
    {
        var key = Key();
        var live = Store(key, KeyPolicy.Decide(key, Tenant(), null, T0, Warning, ScimToken.Create));
        live.Metadata.Labels["added-by-someone"] = "x";
        key.Spec.SecretTemplate = new SecretTemplate { Annotations = new Dictionary<string, string> { ["note"] = "y" } };
        var decision = KeyPolicy.Decide(key, Tenant("https://new.example"), live, T0, Warning, NoToken);
        Assert.Equal(SecretAction.Update, decision.Action);
        Assert.Equal(TokenOf(live), TokenOf(decision.Secret!));
        Assert.Equal("https://new.example/scim/v2", Encoding.UTF8.GetString(decision.Secret!.Data["tenantUrl"]));
        Assert.Equal("y", decision.Secret.Metadata.Annotations["note"]);
        Assert.Equal("x", decision.Secret.Metadata.Labels["added-by-someone"]);
    }

    [Theory]
    [InlineData("both")]
    [InlineData("bad-duration")]
    [InlineData("reserved-label")]
    public void Invalid_specs_are_reported_and_issue_nothing(string problem)
    {
        var key = Key(s =>
        {
            switch (problem)
            {
                case "both":
                    s.ExpiresAfter = "1h";
                    s.ExpiresAt = T0.UtcDateTime;
                    break;
                case "bad-duration":
                    s.ExpiresAfter = "90d";
                    break;
                default:
                    s.SecretTemplate = new SecretTemplate { Labels = new Dictionary<string, string> { [KeyLabels.Tenant] = "other" } };
                    break;
            }
        });
        var decision = KeyPolicy.Decide(key, Tenant(), null, T0, Warning, NoToken);
        Assert.Equal(SecretAction.None, decision.Action);
        Assert.Equal("InvalidSpec", decision.Status.Conditions![0].Reason);
        Assert.Contains("spec", decision.Status.Conditions[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_of_an_issuance_is_what_the_next_pass_computes_so_it_is_written_once()
    {
        // Issued at a sub-second instant: the Secret's provenance keeps whole seconds, so the status must too, or
        // the next pass (which reads the Secret) computes a different issuedAt and writes the status a second time.
        var key = Key(s =>
        {
            s.ExpiresAfter = "2160h";
            s.Rotation = new KeyRotation { Trigger = "2026-01", GracePeriod = "24h" };
        });
        var issuedAt = T0.AddMilliseconds(753.625);
        var live = Store(key, KeyPolicy.Decide(key, Tenant(), null, issuedAt, Warning, ScimToken.Create));
        var next = KeyPolicy.Decide(key, Tenant(), live, issuedAt.AddMilliseconds(100), Warning, NoToken);
        Assert.Equal(SecretAction.None, next.Action);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(key.Status), System.Text.Json.JsonSerializer.Serialize(next.Status));

        key.Spec.Rotation!.Trigger = "2026-02";
        var rotatedAt = issuedAt.AddMinutes(1);
        var rotated = KeyPolicy.Decide(key, Tenant(), live, rotatedAt, Warning, ScimToken.Create);
        Assert.Equal(SecretAction.Update, rotated.Action);
        live = Store(key, rotated);
        var afterRotation = KeyPolicy.Decide(key, Tenant(), live, rotatedAt.AddMilliseconds(100), Warning, NoToken);
        Assert.Equal(SecretAction.None, afterRotation.Action);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(key.Status), System.Text.Json.JsonSerializer.Serialize(afterRotation.Status));
    }
}
