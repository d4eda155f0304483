using System.Globalization;
using System.Runtime.InteropServices;

namespace Emulators.Kubernetes;

/// <summary>
/// The emulator as a process: <c>dotnet KubernetesEmulator.dll [--port N] [--kubeconfig PATH]</c>. Prints the base
/// URL, optionally writes a kubeconfig, and runs until Ctrl-C or SIGTERM.
/// </summary>
internal static class KubernetesEmulatorApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        string? kubeconfig = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length &&
                    int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port):
                case "--kubeconfig" when i + 1 < args.Length && (kubeconfig = args[i + 1]) is not null:
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync("usage: KubernetesEmulator [--port N] [--kubeconfig PATH]");
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        await using var emulator = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { Port = port }, stop.Token);
        if (kubeconfig is not null)
        {
            emulator.WriteKubeconfig(kubeconfig);
        }

        await Console.Out.WriteLineAsync(emulator.BaseUri.ToString().TrimEnd('/'));
        await Console.Out.FlushAsync(stop.Token);
        await emulator.WaitForShutdownAsync(stop.Token);
        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
