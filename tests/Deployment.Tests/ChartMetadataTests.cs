using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Deployment.Tests;

/// <summary>One product version everywhere, and the chart's CRDs are the repository's CRDs.</summary>
public sealed partial class ChartMetadataTests
{
    [Fact]
    public void Chart_appVersion_equals_the_product_version_and_the_default_endpoint_image_tag()
    {
        var chart = Yaml.Load(Repo.ReadText("charts", "scim-operator", "Chart.yaml"));
        var version = XDocument.Load(Repo.Path("Directory.Build.props")).Descendants("Version").Single().Value;
        var settings = Repo.ReadText("src", "Operator", "Controllers", "OperatorSettings.cs");
        var defaultImage = DefaultEndpointImage().Match(settings);
        Assert.True(defaultImage.Success, "DefaultEndpointImage not found in OperatorSettings.cs");

        Assert.Equal("v2", (string?)chart["apiVersion"]);
        Assert.Equal("scim-operator", (string?)chart["name"]);
        Assert.Equal(version, (string?)chart["appVersion"]);
        Assert.Equal(version, defaultImage.Groups["tag"].Value);

        // Empty tags in values.yaml mean appVersion: the chart's default endpoint image is the operator's default.
        var values = Yaml.Load(Repo.ReadText("charts", "scim-operator", "values.yaml"));
        Assert.Equal("", (string?)values["endpointImage"]!["tag"]);
        Assert.Equal("", (string?)values["image"]!["tag"]);
        Assert.Equal(defaultImage.Groups["repository"].Value, (string?)values["endpointImage"]!["repository"]);
    }

    [Fact]
    public void Chart_crds_are_byte_identical_copies_of_config_crds()
    {
        var source = Directory.GetFiles(Repo.Path("config", "crds"), "*.yaml").Select(Path.GetFileName).Order().ToList();
        var copies = Directory.GetFiles(Repo.Chart("crds")).Select(Path.GetFileName).Order().ToList();

        Assert.NotEmpty(source);
        Assert.Equal(source, copies);
        foreach (var file in source)
        {
            Assert.True(
                File.ReadAllBytes(Repo.Path("config", "crds", file!)).SequenceEqual(File.ReadAllBytes(Repo.Chart("crds", file!))),
                $"charts/scim-operator/crds/{file} differs from config/crds/{file}; run make chart-sync");
        }
    }

    [GeneratedRegex("DefaultEndpointImage = \"(?<repository>[^\":]+):(?<tag>[^\"]+)\"")]
    private static partial Regex DefaultEndpointImage();
}
