namespace Care.Hermes.Console.Html;

/// <summary>Which static files a page loads besides the console's stylesheet.</summary>
/// <param name="Charts">True to load uPlot and its stylesheet.</param>
/// <param name="Script">The page's own script under <c>/console/static/console/</c> (e.g. <c>timeline.js</c>), or null.</param>
internal readonly record struct PageAssets(bool Charts, string? Script)
{
    /// <summary>No script at all.</summary>
    public static PageAssets None => default;
}
