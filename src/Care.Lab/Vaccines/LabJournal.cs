using System.Text;
using System.Text.Json;

namespace Care.Lab.Vaccines;

/// <summary>
/// The vaccine line's durable record of every job: one JSON line per event (started, done,
/// interrupted, reported), flushed to disk before the line moves on, read back at start. A job
/// whose <c>done</c> line is present is never run again; a job with a <c>started</c> line and no
/// <c>done</c> (a power cut mid-job) is closed as <c>interrupted</c> and run again as a new attempt,
/// so its record is kept. A torn last line (the cut came mid-write) is ignored with the rest intact.
/// Thread safe.
/// </summary>
public sealed class LabJournal
{
    private readonly string _path;
    private readonly List<JournalRecord> _records = [];
    private readonly Lock _lock = new();

    /// <summary>Opens (creating when absent) the journal at <paramref name="path"/>.</summary>
    public LabJournal(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        if (!File.Exists(path))
        {
            return;
        }
        int line = 0;
        foreach (var text in File.ReadAllLines(path, Encoding.UTF8))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                _records.Add(JsonSerializer.Deserialize(text, JournalJson.Default.JournalRecord) ?? throw new JsonException("null"));
            }
            catch (JsonException) when (line == File.ReadLines(path).Count())
            {
                // A torn last line: the write it belonged to never completed, so nothing after it happened.
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: line {line} is not a journal record ({e.Message})", e);
            }
        }
    }

    /// <summary>Every record, in the order written.</summary>
    public IReadOnlyList<JournalRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>The finished job of <paramref name="stage"/> for <paramref name="doseId"/>, or null.</summary>
    public JournalRecord? Done(string doseId, LabStage stage)
    {
        lock (_lock)
        {
            return _records.LastOrDefault(r => r.DoseId == doseId && r.Stage == stage && r.Event == JournalEvent.Done);
        }
    }

    /// <summary>True when the step of a finished job was accepted by Hermes.</summary>
    public bool Reported(string doseId, LabStage stage)
    {
        lock (_lock)
        {
            return _records.Any(r => r.DoseId == doseId && r.Stage == stage && r.Event == JournalEvent.Reported);
        }
    }

    /// <summary>Attempts of a stage started so far (the next attempt is this + 1).</summary>
    public int Attempts(string doseId, LabStage stage)
    {
        lock (_lock)
        {
            return _records.Where(r => r.DoseId == doseId && r.Stage == stage && r.Event == JournalEvent.Started).Select(r => r.Attempt).DefaultIfEmpty(0).Max();
        }
    }

    /// <summary>The attempt that was started and never finished nor closed (a cut mid-job), or null.</summary>
    public JournalRecord? Unfinished(string doseId, LabStage stage)
    {
        lock (_lock)
        {
            var started = _records.LastOrDefault(r => r.DoseId == doseId && r.Stage == stage && r.Event == JournalEvent.Started);
            return started is null || _records.Any(r => r.DoseId == doseId && r.Stage == stage && r.Attempt == started.Attempt && r.Event is JournalEvent.Done or JournalEvent.Interrupted or JournalEvent.Failed)
                ? null
                : started;
        }
    }

    /// <summary>Writes <paramref name="record"/> and flushes it to disk before returning.</summary>
    public void Write(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, JournalJson.Default.JournalRecord) + "\n");
        lock (_lock)
        {
            using (var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                file.Write(line);
                file.Flush(flushToDisk: true);
            }
            _records.Add(record);
        }
    }
}
