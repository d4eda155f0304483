using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>
/// What can be checked of the chart's templates without Helm (HelmTemplateTests renders them when Helm is there):
/// actions are closed, blocks are balanced, every value a template reads is declared in values.yaml and every
/// template it includes is defined.
/// </summary>
public sealed partial class ChartTemplateSyntaxTests
{
    public static TheoryData<string> Templates() =>
        [.. Directory.GetFiles(Repo.Chart("templates")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Actions_are_closed_and_blocks_balanced(string file)
    {
        var text = File.ReadAllText(Repo.Chart("templates", file));
        Assert.Equal(Count(text, "{{"), Count(text, "}}"));

        var open = new Stack<string>();
        foreach (var action in Actions(text))
        {
            var word = action.Split(' ', 2)[0];
            switch (word)
            {
                case "if" or "range" or "with" or "define":
                    open.Push(word);
                    break;
                case "else":
                    Assert.True(open.TryPeek(out var block) && block is "if" or "with" or "range", $"{file}: else outside if/with/range");
                    break;
                case "end":
                    Assert.True(open.TryPop(out _), $"{file}: end without a block");
                    break;
            }
        }

        Assert.True(open.Count == 0, $"{file}: unclosed {string.Join(", ", open)}");
    }

    [Fact]
    public void Every_value_read_is_declared_and_every_include_defined()
    {
        var values = ChartValues.Defaults();
        var texts = Directory.GetFiles(Repo.Chart("templates")).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var defined = texts.Values.SelectMany(t => Define().Matches(t).Select(m => m.Groups[1].Value)).ToHashSet();
        var read = texts.SelectMany(t => ValuesPath().Matches(t.Value).Select(m => (File: t.Key, Path: m.Groups[1].Value))).ToList();

        Assert.Contains(read, r => r.Path == "watchNamespaces");
        foreach (var (file, path) in read)
        {
            JsonNode? node = values;
            foreach (var part in path.Split('.'))
            {
                Assert.True(node is JsonObject obj && obj.ContainsKey(part), $"{file} reads .Values.{path}, which values.yaml does not declare");
                node = node[part];
            }
        }

        foreach (var (file, name) in texts.SelectMany(t => Include().Matches(t.Value).Select(m => (t.Key, m.Groups[1].Value))))
        {
            Assert.True(defined.Contains(name), $"{file} includes \"{name}\", which no template defines");
        }
    }

    private static int Count(string text, string token) => text.Split(token).Length - 1;

    /// <summary>The actions' words, comments left out.</summary>
    private static IEnumerable<string> Actions(string text) =>
        Action().Matches(text).Select(m => m.Groups[1].Value.Trim()).Where(a => !a.StartsWith("/*", StringComparison.Ordinal));

    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();

    [GeneratedRegex(@"\.Values\.([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)")]
    private static partial Regex ValuesPath();

    [GeneratedRegex(@"define ""([^""]+)""")]
    private static partial Regex Define();

    [GeneratedRegex(@"include ""([^""]+)""")]
    private static partial Regex Include();
}
