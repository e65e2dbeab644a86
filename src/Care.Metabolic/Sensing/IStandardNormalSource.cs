namespace Care.Metabolic.Sensing;

/// <summary>A stream of independent standard-normal draws (mean 0, SD 1).</summary>
public interface IStandardNormalSource
{
    /// <summary>The next draw.</summary>
    double Next();
}
