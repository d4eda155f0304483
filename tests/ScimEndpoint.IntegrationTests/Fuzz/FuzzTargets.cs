namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>The seeded resources the generated requests aim at.</summary>
internal sealed record FuzzTargets(string UserId, string OtherUserId, string UserName, string GroupId, string GroupName);
