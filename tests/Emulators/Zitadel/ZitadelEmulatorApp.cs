namespace Emulators.Zitadel;

/// <summary>Entry point of the ZITADEL emulator (being built; see docs/zitadel-calls.md).</summary>
internal static class ZitadelEmulatorApp
{
    public static Task RunAsync(string[] args) => Task.FromResult(args.Length);
}
