namespace Operator.IntegrationTests;

public sealed class ClusterFactAttributeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_the_variable_the_suite_is_skipped_with_the_reason(string? value) =>
        Assert.Equal(ClusterFactAttribute.MissingVariableReason, ClusterFactAttribute.SkipReason(value));

    [Fact]
    public void A_missing_file_is_named()
    {
        var reason = ClusterFactAttribute.SkipReason("/nonexistent/kubeconfig");
        Assert.Contains("/nonexistent/kubeconfig", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_kubeconfig_runs_the_suite()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Null(ClusterFactAttribute.SkipReason(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
