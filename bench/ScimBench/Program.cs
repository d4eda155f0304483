using System.Net;
using System.Net.Http.Headers;

namespace ScimBench;

/// <summary>
/// Load test of the SCIM endpoint with Entra-shaped requests: starts the endpoint as a child process, seeds it over
/// HTTP, measures each operation for a fixed time on a fixed number of connections, then checks how the userName
/// filter scales with the directory size. Exits 1 when any request failed. <c>--zitadel</c> runs the mix against the
/// ZITADEL store; <c>--operator</c> measures the operator instead (<see cref="OperatorBench"/>).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Note: keep the process alive so the finally blocks stop the child endpoint.
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.WriteLine(MachineInfo.Describe());
        try
        {
            if (options.Operator)
            {
                return await OperatorBench.RunAsync(options, cancel.Token) ? 0 : 1;
            }

            Console.WriteLine($"Load: {options.Connections} connections, {options.Duration.TotalSeconds:F0} s per operation");
            if (options.Zitadel)
            {
                var zitadelErrors = await ZitadelBench.RunAsync(options, cancel.Token);
                Console.WriteLine(zitadelErrors == 0 ? "No request failed." : $"{zitadelErrors:N0} requests failed.");
                return zitadelErrors == 0 ? 0 : 1;
            }

            var results = await RunOperationsAsync(options, cancel.Token);
            Console.WriteLine();
            Console.Write(ResultTable.Format(results));
            var scaling = await RunScalingAsync(options, cancel.Token);
            Console.WriteLine();
            Console.Write(ResultTable.Format(scaling));
            Console.WriteLine(
                $"Filter throughput at {options.ScalingLarge:N0} users is {scaling[1].RequestsPerSecond / scaling[0].RequestsPerSecond:P0} " +
                $"of that at {options.ScalingSmall:N0} users; p50 {scaling[0].P50Ms:F2} ms -> {scaling[1].P50Ms:F2} ms");
            var errors = results.Concat(scaling).Sum(row => row.Errors);
            Console.WriteLine(errors == 0 ? "No request failed." : $"{errors:N0} requests failed.");
            return errors == 0 ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled; the child process was stopped.");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"Benchmark failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<List<LatencyStats>> RunOperationsAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        using var endpoint = await EndpointProcess.StartAsync(cancellationToken);
        using var http = CreateClient(endpoint.Token, options.Connections);
        var seeder = new Seeder(http, endpoint.ScimBase, options.Connections);
        var users = await seeder.CreateUsersAsync(0, options.Users, cancellationToken);
        var groups = await seeder.CreateGroupsAsync(options.Groups, users, options.MembersPerGroup, cancellationToken);
        Console.WriteLine($"Endpoint resident memory after seeding: {endpoint.ResidentMiB:F0} MiB");

        var runner = new LoadRunner(http, options.Connections);
        var operations = BenchScenarios.EntraMix(endpoint.ScimBase, options, users, groups);
        var results = new List<LatencyStats>();
        foreach (var operation in operations)
        {
            await runner.RunAsync(operation, options.WarmUp, cancellationToken);
            results.Add(await runner.RunAsync(operation, options.Duration, cancellationToken));
            Console.WriteLine($"Measured {operation.Name}");
        }

        Console.WriteLine($"Endpoint resident memory after the load: {endpoint.ResidentMiB:F0} MiB");
        return results;
    }

    private static async Task<List<LatencyStats>> RunScalingAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        using var endpoint = await EndpointProcess.StartAsync(cancellationToken);
        using var http = CreateClient(endpoint.Token, options.Connections);
        var seeder = new Seeder(http, endpoint.ScimBase, options.Connections);
        var runner = new LoadRunner(http, options.Connections);
        await seeder.CreateUsersAsync(0, options.ScalingSmall, cancellationToken);
        var smallOperation = BenchScenarios.FilterByUserName(
            $"filter userName eq, {options.ScalingSmall:N0} users", endpoint.ScimBase, options.ScalingSmall);
        await runner.RunAsync(smallOperation, options.WarmUp, cancellationToken);
        var small = await runner.RunAsync(smallOperation, options.Duration, cancellationToken);
        await seeder.CreateUsersAsync(options.ScalingSmall, options.ScalingLarge - options.ScalingSmall, cancellationToken);

        // The same names are queried in both runs, so only the directory size differs.
        var largeOperation = BenchScenarios.FilterByUserName(
            $"filter userName eq, {options.ScalingLarge:N0} users", endpoint.ScimBase, options.ScalingSmall);
        await runner.RunAsync(largeOperation, options.WarmUp, cancellationToken);
        var large = await runner.RunAsync(largeOperation, options.Duration, cancellationToken);
        Console.WriteLine($"Endpoint resident memory with {options.ScalingLarge:N0} users: {endpoint.ResidentMiB:F0} MiB");
        return [small, large];
    }

    /// <summary>A client with <paramref name="connections"/> pooled connections that sends <paramref name="token"/> as bearer.</summary>
    public static HttpClient CreateClient(string token, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ScimBench/1.0");
        return http;
    }
}
