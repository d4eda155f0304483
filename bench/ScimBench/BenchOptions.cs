using System.Globalization;

namespace ScimBench;

/// <summary>Command-line settings: <c>--quick</c>, <c>--duration S</c>, <c>--warmup S</c>, <c>--connections N</c>,
/// <c>--users N</c>, <c>--groups N</c>, <c>--scaling-small N</c>, <c>--scaling-large N</c>, <c>--zitadel</c> (the ZITADEL
/// store against the in-process emulator, with a smaller directory: 1,000 users and 100 groups, quick 200 and 20),
/// <c>--operator</c> (the operator against the Kubernetes emulator: <c>--keys N</c> ScimKeys, default 1,000, quick 100,
/// across <c>--tenants N</c> tenants, default 10; <c>--operator-binary PATH</c> runs that native operator instead of the
/// JIT-compiled Operator.dll).</summary>
internal sealed record BenchOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured load before each measurement, so JIT tiering and pools do not favour later phases.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    public int Connections { get; init; } = 32;

    public int Users { get; init; } = 10_000;

    public int Groups { get; init; } = 1_000;

    public int MembersPerGroup { get; init; } = 3;

    public int ScalingSmall { get; init; } = 1_000;

    public int ScalingLarge { get; init; } = 100_000;

    /// <summary>Benchmark the ZITADEL store against the emulator running in the benchmark process.</summary>
    public bool Zitadel { get; init; }

    /// <summary>Benchmark the operator: create <see cref="Keys"/> ScimKeys at once and wait until all are Ready.</summary>
    public bool Operator { get; init; }

    public int Keys { get; init; } = 1_000;

    public int Tenants { get; init; } = 10;

    /// <summary>The native operator binary to run (<c>--operator-binary PATH</c>; make bench passes the one
    /// <c>make native</c> publishes); null runs the JIT build, <c>Operator.dll</c> next to the benchmark.</summary>
    public string? OperatorBinary { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new BenchOptions
            {
                Duration = TimeSpan.FromSeconds(2), WarmUp = TimeSpan.FromSeconds(1), Users = 1_000, Groups = 100, ScalingLarge = 10_000,
            }
            : new BenchOptions();
        if (args.Contains("--zitadel"))
        {
            var quick = args.Contains("--quick");
            options = options with { Zitadel = true, Users = quick ? 200 : 1_000, Groups = quick ? 20 : 100 };
        }

        if (args.Contains("--operator"))
        {
            options = options with { Operator = true, Keys = args.Contains("--quick") ? 100 : 1_000 };
        }

        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" or "--zitadel" or "--operator" => options,
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Number(args, ++i)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(args, ++i)) },
                "--connections" => options with { Connections = Number(args, ++i) },
                "--users" => options with { Users = Number(args, ++i) },
                "--groups" => options with { Groups = Number(args, ++i) },
                "--scaling-small" => options with { ScalingSmall = Number(args, ++i) },
                "--scaling-large" => options with { ScalingLarge = Number(args, ++i) },
                "--keys" => options with { Keys = Number(args, ++i) },
                "--tenants" => options with { Tenants = Number(args, ++i) },
                "--operator-binary" => options with { OperatorBinary = i + 1 < args.Count ? args[++i] : throw new ArgumentException("--operator-binary needs a path.") },
                var unknown => throw new ArgumentException(
                    $"Unknown argument '{unknown}'. Use --quick, --zitadel, --operator, --duration S, --warmup S, --connections N, " +
                    "--users N, --groups N, --scaling-small N, --scaling-large N, --keys N, --tenants N, --operator-binary PATH."),
            };
        }

        return options.Users < options.MembersPerGroup || options.ScalingLarge < options.ScalingSmall
            ? throw new ArgumentException("--users must be at least 3 and --scaling-large at least --scaling-small.")
            : options.Keys < options.Tenants
                ? throw new ArgumentException("--keys must be at least --tenants.")
                : options;
    }

    private static int Number(IReadOnlyList<string> args, int index) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{args[index - 1]}' needs a positive whole number.");
}
