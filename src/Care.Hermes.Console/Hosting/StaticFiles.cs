using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Hosting;

/// <summary>
/// The console's static files (its scripts and stylesheet, the committed uPlot copy and its licence),
/// embedded in the assembly and served from <c>/console/static/…</c> with a strong ETag. Only files
/// of the known kinds are served; anything else is 404. Loaded once; thread safe.
/// </summary>
internal static class StaticFiles
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [""] = "text/plain; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, (byte[] Bytes, string Type, string ETag)>> Files = new(Load);

    /// <summary>Serves <paramref name="path"/> (relative to <c>wwwroot</c>), or 404.</summary>
    public static IResult Serve(string path, HttpContext http)
    {
        if (!Files.Value.TryGetValue(path, out var file))
        {
            return Results.NotFound();
        }
        http.Response.Headers.ETag = file.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == file.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(file.Bytes, file.Type);
    }

    private static FrozenDictionary<string, (byte[] Bytes, string Type, string ETag)> Load()
    {
        var assembly = typeof(StaticFiles).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("console/", StringComparison.Ordinal)))
        {
            string path = name["console/".Length..];
            if (!Types.TryGetValue(Path.GetExtension(path), out var type))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded file {name} cannot be read");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            files[path] = (bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
