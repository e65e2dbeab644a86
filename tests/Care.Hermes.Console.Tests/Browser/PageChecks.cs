using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Care.Hermes.Console.Tests.Browser;

/// <summary>What every page visit in the browser tests checks and keeps: an accessibility scan and a screenshot.</summary>
internal static class PageChecks
{
    /// <summary>Runs axe on the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task NoSeriousAccessibilityViolationAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe on {page.Url}: " + string.Join("; ", bad.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>Saves a full-page screenshot as a test artefact; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(ConsoleFixture.Artefacts, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"screenshot: {path}");
        return path;
    }

    /// <summary>Signs in through the form with <paramref name="token"/>.</summary>
    public static async Task SignInAsync(IPage page, string token)
    {
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("Bearer token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
