namespace Emulators.Zitadel.State;

/// <summary>An organization.</summary>
internal sealed record OrganizationRecord(
    string Id, string Name, string PrimaryDomain, DateTimeOffset CreationDate, DateTimeOffset ChangeDate,
    long Sequence)
{
    /// <summary>The generated primary domain, <c>{name}.{instance domain}</c>.</summary>
    public static string DomainFor(string name) => $"{name.ToLowerInvariant().Replace(' ', '-')}.localhost";
}
