using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>
/// Replays the Entra steps in order over HTTP: substitutes placeholders, sends, checks the status, captures ids and
/// checks the expectations (on the response, and for a write on a GET of the resource afterwards).
/// </summary>
internal sealed class ReplayRunner(ScimTestClient client, bool appendFeatureFlag)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ReplayStepResult>> RunAsync(IEnumerable<ReplayStep> steps)
    {
        var results = new List<ReplayStepResult>();
        foreach (var step in steps)
        {
            _values["randomGuid"] = Guid.NewGuid().ToString();
            var failures = new List<string>();
            try
            {
                await RunStepAsync(step, failures);
            }
            catch (ReplayException e)
            {
                failures.Add(e.Message);
            }

            results.Add(new ReplayStepResult(step.Step, step.Name, failures));
        }

        return results;
    }

    private async Task RunStepAsync(ReplayStep step, List<string> failures)
    {
        var path = ReplayRequestPath.Build(step, _values, appendFeatureFlag);
        var body = Placeholders.Apply(step.Body, _values)?.ToJsonString();
        var response = await client.SendAsync(new HttpMethod(step.Method), path, body);
        var request = $"{step.Method} {path}";
        if (!step.Accepts(response.StatusCode))
        {
            failures.Add($"{request} answered {response}, expected {step.ExpectStatus}");
            return;
        }

        failures.AddRange(ResponseRules.Check(step.Method, response).Select(reason => $"{request}: {reason}"));
        var document = response.Json;
        foreach (var (name, responsePath) in step.Capture)
        {
            var captured = ResponsePath.Resolve(document, responsePath).Nodes;
            if (captured is not [JsonValue value] || !value.TryGetValue<string>(out var text) || text.Length == 0)
            {
                throw new ReplayException($"{request}: nothing to capture as {name} at '{responsePath}' in {response}");
            }

            _values[name] = text;
        }

        if (step.Expect is not { } expect)
        {
            return;
        }

        if (document is not null)
        {
            failures.AddRange(ExpectationChecker.Check(document, expect, _values).Select(f => $"response: {f}"));
        }

        if (step.Method is "PATCH" or "PUT")
        {
            // The resource as stored is what Entra and the SCIM Validator read back; a 204 has no body at all.
            var resourcePath = path.Split('?')[0];
            var read = await client.GetAsync(appendFeatureFlag ? ReplayRequestPath.AppendFlag(resourcePath) : resourcePath);
            failures.AddRange(read.StatusCode == 200
                ? ExpectationChecker.Check(read.Json, expect, _values).Select(f => $"GET after {step.Method}: {f}")
                : [$"GET {resourcePath} after {step.Method} answered {read}"]);
        }
    }
}
