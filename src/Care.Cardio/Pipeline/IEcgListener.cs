namespace Care.Cardio.Pipeline;

/// <summary>
/// Receives what <see cref="EcgPipeline"/> finds, as it finds it. Implement it on a struct or a
/// class; the pipeline calls it synchronously from <see cref="EcgPipeline.Process{TListener}"/>.
/// </summary>
public interface IEcgListener
{
    /// <summary>A beat was decided.</summary>
    void OnBeat(in BeatEvent beat);

    /// <summary>A beat's AAMI class was decided (one beat after the beat itself).</summary>
    void OnBeatClass(in BeatClassEvent beat);

    /// <summary>The rhythm changed (atrial fibrillation began or ended).</summary>
    void OnRhythm(in RhythmEvent change);

    /// <summary>A heart-rate-variability window closed.</summary>
    void OnHrv(in HrvEvent window);
}
