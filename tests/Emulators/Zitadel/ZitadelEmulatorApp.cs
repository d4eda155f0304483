using System.Globalization;

namespace Emulators.Zitadel;

/// <summary>
/// The emulator as a process: <c>dotnet ZitadelEmulator.dll [--port N] [--write-env FILE]</c>. Prints the base URL,
/// the admin PAT and the default org id, optionally writes them as shell <c>KEY=value</c> lines, and runs until
/// Ctrl-C.
/// </summary>
internal static class ZitadelEmulatorApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        string? envFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length &&
                    int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port):
                case "--write-env" when i + 1 < args.Length && (envFile = args[i + 1]) is not null:
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync("usage: ZitadelEmulator [--port N] [--write-env FILE]");
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await using var emulator =
            await ZitadelEmulator.StartAsync(new ZitadelEmulatorOptions { Port = port }, stop.Token);
        var lines = $"ZITADEL_URL={emulator.Issuer}\nZITADEL_PAT={emulator.AdminPat}\n" +
            $"ZITADEL_ORG_ID={emulator.DefaultOrganizationId}\n";
        await Console.Out.WriteAsync(lines);
        if (envFile is not null)
        {
            await File.WriteAllTextAsync(envFile, lines, stop.Token);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: stop normally.
        }

        return 0;
    }
}
