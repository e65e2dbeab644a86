using Care.Core.Bundles;

namespace Care.Patch.Runtime;

/// <summary>A bundle and its sealed bytes (signed by the patch, encrypted for Hermes), ready to upload.</summary>
/// <param name="Bundle">What is inside.</param>
/// <param name="Sequence">The patch's upload sequence number: it only grows, so Hermes refuses replays.</param>
/// <param name="Bytes">The sealed bundle.</param>
public sealed record SealedUpload(Bundle Bundle, long Sequence, byte[] Bytes);
