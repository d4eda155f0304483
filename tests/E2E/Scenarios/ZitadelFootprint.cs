using Emulators.Zitadel;

namespace E2E.Tests.Scenarios;

/// <summary>
/// What the ZITADEL emulator shows of SCIM traffic: successful calls per method, the human users of the tenant's
/// organisation and the roles of its project. Compared before and after Entra's replay: the replay creates,
/// disables and deletes users and a group, and cleans up after itself.
/// </summary>
public sealed record ZitadelFootprint(
    IReadOnlyDictionary<string, int> Calls, IReadOnlySet<string> HumanUsers, IReadOnlySet<string> ProjectRoles)
{
    /// <summary>The calls the replay must cause at least this often (two users created and deleted, one group).</summary>
    public static IReadOnlyDictionary<string, int> ReplayCalls { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["CreateUser"] = 2,
        ["DeactivateUser"] = 1,
        ["DeleteUser"] = 2,
        ["AddProjectRole"] = 1,
        ["RemoveProjectRole"] = 1,
    };

    internal static ZitadelFootprint Take(ZitadelEmulator zitadel, string organizationId, string projectId)
    {
        var calls = zitadel.Requests.Entries
            .Where(entry => entry.StatusCode is >= 200 and < 300)
            .GroupBy(entry => entry.Method, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var state = zitadel.State;
        return new ZitadelFootprint(
            calls,
            state.Users.Where(u => u.OrganizationId == organizationId && u.Human is not null)
                .Select(u => u.UserName).ToHashSet(StringComparer.Ordinal),
            state.ProjectRoles.Where(r => r.ProjectId == projectId).Select(r => r.Key).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>What is wrong with <paramref name="after"/> for a replay run since this footprint; empty when right.</summary>
    public IReadOnlyList<string> ProblemsAfterReplay(ZitadelFootprint after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var problems = new List<string>();
        foreach (var (method, least) in ReplayCalls)
        {
            var made = after.Calls.GetValueOrDefault(method) - Calls.GetValueOrDefault(method);
            if (made < least)
            {
                problems.Add($"ZITADEL saw {made} successful {method} calls during the replay, expected at least {least}");
            }
        }

        AddChange(problems, "the organisation's human users", HumanUsers, after.HumanUsers);
        AddChange(problems, "the project's roles", ProjectRoles, after.ProjectRoles);
        return problems;
    }

    private static void AddChange(List<string> problems, string what, IReadOnlySet<string> before, IReadOnlySet<string> after)
    {
        if (!after.SetEquals(before))
        {
            problems.Add($"{what} changed: left [{Join(after.Except(before))}], lost [{Join(before.Except(after))}]");
        }
    }

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
