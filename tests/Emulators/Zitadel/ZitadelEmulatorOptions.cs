namespace Emulators.Zitadel;

/// <summary>How a <see cref="ZitadelEmulator"/> starts.</summary>
internal sealed class ZitadelEmulatorOptions
{
    /// <summary>The clock for timestamps, token lifetimes and projection lag; tests pass a manual clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The loopback port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The initial projection lag of List* calls (see <see cref="ZitadelEmulator.ProjectionLag"/>).</summary>
    public TimeSpan ProjectionLag { get; init; }

    /// <summary>
    /// ZITADEL's domain policy <c>userLoginMustBeDomain</c> (§5.6): false (the default) makes usernames unique
    /// instance-wide; true makes them unique per org, with login names <c>username@org domain</c>.
    /// </summary>
    public bool UserLoginMustBeDomain { get; init; }

    /// <summary>The name of the organization that exists from the start.</summary>
    public string DefaultOrganizationName { get; init; } = "ZITADEL";
}
