using System.Globalization;
using System.Runtime.InteropServices;
using Emulators.Zitadel.Hosting;

namespace Emulators.Zitadel;

/// <summary>
/// The emulator as a process: <c>dotnet ZitadelEmulator.dll [--port N] [--write-env FILE] [--demo-tenant]</c>. Prints
/// the base URL, the admin PAT and the default org id, optionally writes them as shell <c>KEY=value</c> lines, and
/// runs until Ctrl-C. <c>--demo-tenant</c> seeds a <see cref="DemoTenant"/> and names its org, project, IDP and SCIM
/// PAT instead of the default org.
/// </summary>
internal static class ZitadelEmulatorApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        string? envFile = null;
        var demoTenant = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length &&
                    int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port):
                case "--write-env" when i + 1 < args.Length && (envFile = args[i + 1]) is not null:
                    i++;
                    break;
                case "--demo-tenant":
                    demoTenant = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync(
                        "usage: ZitadelEmulator [--port N] [--write-env FILE] [--demo-tenant]");
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        await using var emulator =
            await ZitadelEmulator.StartAsync(new ZitadelEmulatorOptions { Port = port }, stop.Token);
        var lines = $"ZITADEL_URL={emulator.Issuer}\nZITADEL_PAT={emulator.AdminPat}\n" +
            (demoTenant ? DemoTenant.Seed(emulator).EnvLines : $"ZITADEL_ORG_ID={emulator.DefaultOrganizationId}\n");
        await Console.Out.WriteAsync(lines);
        if (envFile is not null)
        {
            await File.WriteAllTextAsync(envFile, lines, stop.Token);
        }

        await emulator.WaitForShutdownAsync(stop.Token);
        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
