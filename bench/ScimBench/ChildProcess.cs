using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ScimBench;

/// <summary>
/// A built service (<c>&lt;name&gt;.dll</c> next to the benchmark) run with <c>dotnet</c> as a child process, with its
/// last output lines kept for error messages. Disposing kills it, including on Ctrl-C and on failure, and deletes
/// the working folder it was given.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly string? _directory;
    private readonly string _name;
    private readonly Queue<string> _lastOutput = new();
    private readonly int _keepLines;

    private ChildProcess(Process process, string name, string? directory, int keepLines)
    {
        _process = process;
        _name = name;
        _directory = directory;
        _keepLines = keepLines;
    }

    /// <summary>The process id (with <c>dotnet app.dll</c> the host runs the app in its own process).</summary>
    public int Id => _process.Id;

    /// <summary>Resident memory (working set) in MiB, read now.</summary>
    public double ResidentMiB
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / (1024.0 * 1024.0);
        }
    }

    /// <summary>Peak resident memory since the start in MiB (<c>VmHWM</c> of /proc/&lt;pid&gt;/status); null off Linux.</summary>
    public double? PeakResidentMiB => ProcStatusMiB("VmHWM");

    /// <summary>A memory line of /proc/&lt;pid&gt;/status in MiB (e.g. <c>RssAnon</c>, <c>RssFile</c>); null off Linux.</summary>
    public double? ProcStatusMiB(string field)
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var kib = line?[(field.Length + 1)..].Trim().Split(' ')[0];
        return long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value / 1024.0 : null;
    }

    /// <summary>
    /// Starts <c>dotnet &lt;dll&gt; args</c>, or the native <paramref name="executable"/> in its place when given;
    /// <paramref name="environment"/> is added to its environment (the place for settings a local user must not read
    /// on a command line). <paramref name="directory"/> is deleted on dispose. <see cref="Output"/> keeps the last
    /// <paramref name="keepLines"/> lines.
    /// </summary>
    public static ChildProcess Start(
        string dllName, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string? directory,
        string? executable = null, int keepLines = 40)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, dllName);
        var program = executable is null ? dll : Path.GetFullPath(executable);
        if (!File.Exists(program))
        {
            throw new FileNotFoundException(executable is null
                ? $"{dllName} is not next to the benchmark; build bench/ScimBench."
                : $"{program} does not exist; `make native` publishes the native operator.", program);
        }

        var start = new ProcessStartInfo(executable is null ? "dotnet" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (executable is null)
        {
            start.ArgumentList.Add(dll);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var child = new ChildProcess(process, Path.GetFileNameWithoutExtension(dllName), directory, keepLines);
        process.OutputDataReceived += (_, e) => child.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => child.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Polls <paramref name="readyz"/> every 100 ms until it answers 200; fails if the process exits first.</summary>
    public async Task WaitReadyAsync(Uri readyz, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            ThrowIfExited();
            try
            {
                using var response = await http.GetAsync(readyz, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; try again until the deadline.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{_name} was not ready on {readyz} within {timeout.TotalSeconds:F0} s:\n{Output()}");
    }

    /// <summary>Throws, with the last output lines, when the process has exited.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode}:\n{Output()}");
        }
    }

    /// <summary>
    /// Sends SIGTERM, as the kubelet stops a pod, and returns the exit code once the process has exited within
    /// <paramref name="timeout"/>.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>The last output lines (as many as <c>keepLines</c> at the start).</summary>
    public string Output()
    {
        lock (_lastOutput)
        {
            return string.Join('\n', _lastOutput);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Note: the process was never started or is already gone; there is nothing left to stop.
        }

        _process.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            if (_lastOutput.Count > _keepLines)
            {
                _lastOutput.Dequeue();
            }
        }
    }
}
