using Care.Hermes.Console.Html;

namespace Care.Hermes.Console.Tests.Html;

public sealed class HtmlTextTests
{
    [Fact]
    public void Given_markup_in_a_value_When_interpolated_Then_it_is_encoded_and_the_template_is_kept()
    {
        string detail = "<img src=x onerror=\"alert(1)\">&'";
        var html = HtmlText.Of($"<td class=\"x\">{detail}</td>");
        Assert.Equal("<td class=\"x\">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;</td>", html.ToString());
    }

    [Fact]
    public void Given_nested_markup_and_lists_When_interpolated_Then_markup_is_kept_and_only_values_are_encoded()
    {
        var items = new List<HtmlText> { HtmlText.Of($"<li>{"a<b"}</li>"), HtmlText.Of($"<li>{"c"}</li>") };
        var html = HtmlText.Of($"<ul>{items}</ul>{HtmlText.Encode("<x>")}");
        Assert.Equal("<ul><li>a&lt;b</li><li>c</li></ul>&lt;x&gt;", html.ToString());
    }

    [Fact]
    public void Given_numbers_When_interpolated_Then_the_invariant_culture_is_used()
    {
        string? nothing = null;
        var html = HtmlText.Of($"{1234.5:F1}|{nothing}");
        Assert.Equal("1234.5|", html.ToString());
    }

    [Fact]
    public void Given_a_value_that_tries_to_close_the_script_element_When_put_in_a_json_island_Then_it_cannot()
    {
        var html = HtmlText.JsonIsland("d", new { detail = "</script><script>alert(1)</script>" }).ToString();
        Assert.StartsWith("<script type=\"application/json\" id=\"d\">", html, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(html, "</script>"));
        Assert.Contains("\\u003C/script\\u003E", html, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
