using System.Security.Cryptography;

namespace Care.Core.Bundles;

/// <summary>
/// The identity of a bundle's content, whatever bytes carried it: the SHA-256 of its canonical
/// encoding (<see cref="BundleWriter"/> of the bundle with every time cut to the millisecond, as it
/// is stored, observations ordered by time then code, events by start then kind). Whitespace, field
/// order and the order of simultaneous readings do not change it; a changed value, time or count
/// does. A store can rebuild the bundle from its rows and recompute it, which is how an edited row
/// is caught against the ledger. Stateless, thread safe.
/// </summary>
public static class BundleContent
{
    /// <summary>The bundle as it is stored: millisecond times, canonical order.</summary>
    public static Bundle Normalize(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var observations = bundle.Observations.Select(o => o with { Time = Millis(o.Time) })
            .OrderBy(o => o.Time).ThenBy(o => o.Sign).ToArray();
        var doses = bundle.Doses.Select(d => d with { Time = Millis(d.Time), Duration = TimeSpan.FromMilliseconds((long)d.Duration.TotalMilliseconds) })
            .OrderBy(d => d.Time).ToArray();
        var events = bundle.Events.Select(e => e with { Start = Millis(e.Start), End = e.End is DateTimeOffset end ? Millis(end) : null })
            .OrderBy(e => e.Start).ThenBy(e => e.Kind).ToArray();
        return bundle with { CreatedAt = Millis(bundle.CreatedAt), Observations = observations, Doses = doses, Events = events };
    }

    /// <summary>SHA-256 of the canonical encoding of <paramref name="bundle"/>.</summary>
    public static byte[] Sha256(Bundle bundle) => SHA256.HashData(BundleWriter.Write(Normalize(bundle)));

    private static DateTimeOffset Millis(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
