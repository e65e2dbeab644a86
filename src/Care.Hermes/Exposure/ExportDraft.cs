using Care.Epidemic.Proximity;

namespace Care.Hermes.Exposure;

/// <summary>A signed export ready to store.</summary>
/// <param name="Region">The export's region.</param>
/// <param name="StartUnixSeconds">Start of its window, Unix seconds.</param>
/// <param name="EndUnixSeconds">End of its window, Unix seconds.</param>
/// <param name="Zip">The signed archive (export.bin + export.sig).</param>
/// <param name="Keys">The key data of every key in it (each must be pending).</param>
/// <param name="At">When it was published.</param>
public sealed record ExportDraft(string Region, long StartUnixSeconds, long EndUnixSeconds, byte[] Zip, IReadOnlyList<Block128> Keys, DateTimeOffset At);
