using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.ZitadelStore;

namespace ScimEndpoint.IntegrationTests.ZitadelFaults;

/// <summary>
/// What a provisioning run left behind, free of ids and timestamps so two runs compare line by line: the users as
/// SCIM reads them back (by userName), the groups with their members (by userName), and ZITADEL's own records.
/// </summary>
internal sealed record ProvisionedState(
    IReadOnlyList<string> ScimUsers,
    IReadOnlyList<string> ScimGroups,
    IReadOnlyList<string> ZitadelUsers,
    IReadOnlyList<string> ZitadelRoles,
    IReadOnlyList<string> ZitadelAuthorizations,
    IReadOnlyList<string> ZitadelIdpLinks,
    IReadOnlyList<string> ZitadelMetadata,
    IReadOnlyList<string> Orphans)
{
    /// <summary>Reads the state through SCIM (with <paramref name="client"/>, faults off) and the emulator.</summary>
    public static async Task<ProvisionedState> ReadAsync(EntraRetryClient client, ZitadelTenant tenant)
    {
        var idToUserName = new Dictionary<string, string>(StringComparer.Ordinal);
        var scimUsers = new List<string>();
        for (var i = 0; i < EntraWorkload.UserCount; i++)
        {
            var userName = EntraWorkload.UserName(i);
            var exchange = await client.SendAsync(
                HttpMethod.Get, $"Users?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}", null, [200]);
            var resources = exchange is null ? [] : JsonNode.Parse(exchange.Body)?["Resources"] as JsonArray ?? [];
            foreach (var user in resources.OfType<JsonObject>())
            {
                idToUserName[(string)user["id"]!] = userName;
                scimUsers.Add(Canonical(user));
            }
        }

        var scimGroups = new List<string>();
        var groups = await client.SendAsync(HttpMethod.Get, "Groups", null, [200]);
        foreach (var group in (groups is null ? null : JsonNode.Parse(groups.Body)?["Resources"] as JsonArray ?? []) ?? [])
        {
            var members = (group?["members"] as JsonArray ?? [])
                .Select(m => (string)m!["value"]! is var id && idToUserName.TryGetValue(id, out var name) ? name : $"<unknown {id}>")
                .Order(StringComparer.Ordinal);
            scimGroups.Add($"{group?["displayName"]} externalId={group?["externalId"]} members=[{string.Join(", ", members)}]");
        }

        var state = tenant.Emulator.State;
        var users = state.Users.Where(u => u.OrganizationId == tenant.OrganizationId && u.Human is not null).ToList();
        var userNames = users.ToDictionary(u => u.Id, u => u.UserName, StringComparer.Ordinal);
        var roles = state.ProjectRoles.Where(r => r.ProjectId == tenant.Options.ProjectId).ToList();
        var roleNames = roles.ToDictionary(r => r.Key, r => r.DisplayName, StringComparer.Ordinal);
        var orphans = new List<string>();
        var authorizations = new List<string>();
        foreach (var authorization in state.Authorizations)
        {
            if (!userNames.TryGetValue(authorization.UserId, out var userName))
            {
                orphans.Add($"authorization {authorization.Id} of missing user {authorization.UserId}");
                continue;
            }

            if (authorization.RoleKeys.Count == 0)
            {
                orphans.Add($"authorization {authorization.Id} of {userName} without roles");
            }

            foreach (var key in authorization.RoleKeys)
            {
                if (!roleNames.TryGetValue(key, out var roleName))
                {
                    orphans.Add($"authorization {authorization.Id} of {userName} holds missing role {key}");
                }

                authorizations.Add($"{userName} → {roleName ?? key}");
            }
        }

        orphans.AddRange(state.Metadata.Where(m => !userNames.ContainsKey(m.UserId))
            .Select(m => $"metadata {m.Key} of missing user {m.UserId}"));
        orphans.AddRange(state.IdpLinks.Where(l => !userNames.ContainsKey(l.UserId))
            .Select(l => $"IDP link {l.ExternalUserId} of missing user {l.UserId}"));
        orphans.AddRange(users.GroupBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{g.Count()} ZITADEL users named {g.Key}"));

        return new ProvisionedState(
            Sorted(scimUsers),
            Sorted(scimGroups),
            Sorted(users.Select(u => $"{u.UserName} {u.State} {u.Human!.GivenName} {u.Human.FamilyName} {u.Human.DisplayName} {u.Human.Email}")),
            Sorted(roles.Select(r => $"{r.DisplayName} group={r.Group}")),
            Sorted(authorizations),
            Sorted(state.IdpLinks.Where(l => userNames.ContainsKey(l.UserId))
                .Select(l => $"{userNames[l.UserId]} {l.ExternalUserId} {l.ExternalUserName}")),
            Sorted(state.Metadata.Where(m => userNames.ContainsKey(m.UserId))
                .Select(m => $"{userNames[m.UserId]} {m.Key}={System.Text.Encoding.UTF8.GetString(m.Value)}")),
            orphans);
    }

    /// <summary>The user without id and meta, with its keys sorted, as one line.</summary>
    private static string Canonical(JsonObject user)
    {
        var copy = (JsonObject)user.DeepClone();
        copy.Remove("id");
        copy.Remove("meta");
        return Sort(copy)!.ToJsonString();
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(e => Sort(e?.DeepClone()))]),
        _ => node?.DeepClone(),
    };

    private static List<string> Sorted(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];
}
