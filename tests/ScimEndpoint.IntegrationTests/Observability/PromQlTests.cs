namespace ScimEndpoint.IntegrationTests.Observability;

/// <summary>The PromQL reader of the metric-catalog test: what it finds, and what it refuses.</summary>
public sealed class PromQlTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "up", ["up"] },
        { "rate(scim_requests_total[5m])", ["scim_requests_total"] },
        { "scim_key_expiration_timestamp_seconds - time() < 14 * 24 * 3600", ["scim_key_expiration_timestamp_seconds"] },
        {
            "histogram_quantile(0.95, sum by (tenant, le) (rate(scim_request_duration_seconds_bucket{tenant=~\"$tenant\"}[$__rate_interval])))",
            ["scim_request_duration_seconds_bucket{le,tenant}"]
        },
        {
            "sum(rate(a_total{code=~\"5..|x}\"}[1h:5m] offset 1h)) by (code) / ignoring_not_a_keyword",
            ["a_total{code}", "ignoring_not_a_keyword"]
        },
        { "(max by (name) (leader_election_master_status) < 1) or absent(leader_election_master_status)", ["leader_election_master_status{name}", "leader_election_master_status"] },
        { "topk(5, sum without (pod) (x)) > bool 1e-3", ["x{pod}"] },
        { "count_values(\"version\", build_info) and on_call_total", ["build_info", "on_call_total"] },
        { "sum by (a) (max by (b) (m{c!=\"\"}))", ["m{a,b,c}"] },
        { "# a comment\nvector(1) + scalar(y)", ["y"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void References_FindsEverySelectorWithItsLabels(string expression, string[] expected)
    {
        var found = PromQl.References(expression)
            .Select(r => r.Labels.Count == 0 ? r.Metric : $"{r.Metric}{{{string.Join(",", r.Labels.Order(StringComparer.Ordinal))}}}")
            .ToArray();

        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData("sum by (a) (x) / on (a) y")]
    [InlineData("x * ignoring (b) group_left y")]
    [InlineData("{__name__=\"x\"}")]
    [InlineData("sum by (a (x)")]
    [InlineData("rate(x[5m]")]
    [InlineData("x{a=\"b}")]
    public void References_RefusesWhatItDoesNotUnderstand(string expression)
    {
        Assert.ThrowsAny<Exception>(() => PromQl.References(expression));
    }

    [Fact]
    public void LabelValuesQuery_ReturnsTheMetricAndTheListedLabel()
    {
        var reference = PromQl.LabelValuesQuery("label_values(scim_keyset_keys, tenant)");

        Assert.Equal("scim_keyset_keys", reference.Metric);
        Assert.Equal("tenant", Assert.Single(reference.Labels));
    }

    [Fact]
    public void Catalog_ResolvesHistogramSeriesAndRejectsUnknownNamesAndLabels()
    {
        var catalog = new MetricCatalog().Add("""
            # HELP d Time.
            # TYPE d histogram
            d_sum{tenant="a"} 1
            d_count{tenant="a"} 1
            d_bucket{tenant="a",le="0.5"} 1
            # TYPE c_total counter
            c_total{tenant="a\"}",code="ok"} 3
            """);

        Assert.Equal("d", catalog.FamilyOf("d_bucket"));
        Assert.Null(catalog.FamilyOf("d"));
        Assert.Null(catalog.FamilyOf("d_buckets"));
        Assert.Empty(catalog.Problems(new MetricReference("d_bucket", new HashSet<string> { "le", "tenant" }), "x"));
        Assert.Empty(catalog.Problems(new MetricReference("c_total", new HashSet<string> { "code", "tenant" }), "x"));
        Assert.Contains("'c_totl' is not exported", Assert.Single(catalog.Problems(new MetricReference("c_totl", new HashSet<string>()), "x")));
        Assert.Contains("no label 'le'", Assert.Single(catalog.Problems(new MetricReference("d_sum", new HashSet<string> { "le" }), "x")));
    }
}
