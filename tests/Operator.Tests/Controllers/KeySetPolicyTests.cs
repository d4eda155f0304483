using k8s.Models;
using Operator.Api;
using Operator.Controllers;
using Operator.Keys;

namespace Operator.Tests.Controllers;

public sealed class KeySetPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static (ScimKey Key, V1Secret Secret) Issued(string name, Action<ScimKeySpec>? configure = null, string tenant = "acme")
    {
        var key = KeyPolicyTests.Key(configure);
        key.Metadata.Name = name;
        key.Metadata.Uid = "uid-" + name;
        key.Spec.TenantRef.Name = tenant;
        var decision = KeyPolicy.Decide(key, KeyPolicyTests.Tenant(), null, T0, TimeSpan.FromDays(14), ScimToken.Create);
        key.Status = decision.Status;
        return (key, decision.Secret!);
    }

    [Fact]
    public void The_key_set_holds_each_issued_token_once_and_never_a_token()
    {
        var a = Issued("a");
        var b = Issued("b", s => s.ExpiresAfter = "1h");
        var other = Issued("c", tenant: "other-tenant");
        var secrets = new[] { a.Secret, b.Secret, other.Secret }.ToDictionary(s => s.Metadata.Name);
        var result = KeySetPolicy.Compute(KeyPolicyTests.Tenant(), [a.Key, b.Key, other.Key], n => secrets.GetValueOrDefault(n), T0);

        Assert.Equal(2, result.Entries.Count);
        Assert.Contains(result.Entries, e => e.Id == "a." + a.Key.Status!.TokenId && e.ExpiresAt is null);
        Assert.Contains(result.Entries, e => e.Id == "b." + b.Key.Status!.TokenId && e.ExpiresAt == T0.AddHours(1));
        Assert.Equal(T0.AddHours(1), result.NextChange);
        var document = System.Text.Encoding.UTF8.GetString(KeySetDocument.Serialize(result.Entries));
        Assert.DoesNotContain(System.Text.Encoding.UTF8.GetString(a.Secret.Data["token"]), document, StringComparison.Ordinal);
        Assert.Equal(document, System.Text.Encoding.UTF8.GetString(KeySetDocument.Serialize(result.Entries.Reverse())));
    }

    [Fact]
    public void Expired_keys_drop_out_and_rotated_tokens_stay_until_their_grace_ends()
    {
        var expiring = Issued("x", s => s.ExpiresAfter = "1h");
        var rotating = Issued("r", s => s.Rotation = new KeyRotation { Trigger = "1", GracePeriod = "2h" });
        rotating.Key.Spec.Rotation!.Trigger = "2";
        var rotated = KeyPolicy.Decide(rotating.Key, KeyPolicyTests.Tenant(), rotating.Secret, T0, TimeSpan.FromDays(14), ScimToken.Create);
        var secrets = new Dictionary<string, V1Secret> { [expiring.Secret.Metadata.Name] = expiring.Secret, [rotated.Secret!.Metadata.Name] = rotated.Secret };

        var during = KeySetPolicy.Compute(KeyPolicyTests.Tenant(), [expiring.Key, rotating.Key], n => secrets.GetValueOrDefault(n), T0.AddMinutes(30));
        Assert.Equal(3, during.Entries.Count);
        Assert.Equal(T0.AddHours(1), during.NextChange);

        var after = KeySetPolicy.Compute(KeyPolicyTests.Tenant(), [expiring.Key, rotating.Key], n => secrets.GetValueOrDefault(n), T0.AddHours(2));
        Assert.Equal("r." + rotated.Status.TokenId, Assert.Single(after.Entries).Id);
        Assert.Null(after.NextChange);
    }

    [Fact]
    public void A_secret_not_controlled_by_the_key_adds_nothing()
    {
        var a = Issued("a");
        a.Secret.Metadata.OwnerReferences[0].Uid = "someone-else";
        var result = KeySetPolicy.Compute(KeyPolicyTests.Tenant(), [a.Key], _ => a.Secret, T0);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void Serialized_key_sets_are_what_the_endpoint_parses()
    {
        var text = System.Text.Encoding.UTF8.GetString(KeySetDocument.Serialize(
            [new KeySetEntry("k.0123456789abcdef", new string('a', 64), T0)]));
        Assert.Equal("{\"keys\":[{\"id\":\"k.0123456789abcdef\",\"sha256\":\"" + new string('a', 64) +
            "\",\"expiresAt\":\"2026-11-23T10:00:00Z\"}]}\n", text);
    }
}
