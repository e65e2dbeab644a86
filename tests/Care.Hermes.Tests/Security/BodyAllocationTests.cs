using System.Net;
using System.Net.Http.Headers;
using Care.Hermes.Access;
using Care.Hermes.Tests.Api;

namespace Care.Hermes.Tests.Security;

/// <summary>
/// A declared body is not allocated before its bytes arrive. The allocation counter is
/// process-wide, so this class runs alone: another test allocating at the same time would make it
/// fail for nothing.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class BodyAllocationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_declared_16_MB_body_allocates_nothing_until_its_bytes_arrive()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        // Declares the largest body Hermes accepts, then sends 10 bytes.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/bundles") { Content = new ByteArrayContent(new byte[10]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.care.sealed-bundle");
        request.Content.Headers.ContentLength = 16 * 1024 * 1024;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var response = await device.SendAsync(request, Cancel);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(allocated, 0, 4 * 1024 * 1024);
    }
}
