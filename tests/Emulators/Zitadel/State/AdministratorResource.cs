namespace Emulators.Zitadel.State;

/// <summary>What an administrator record applies to.</summary>
internal enum AdministratorResource
{
    Instance,
    Organization,
    Project,
}
