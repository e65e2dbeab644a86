namespace Care.Lab.Vaccines;

/// <summary>Where one dose stands after a pass of the line.</summary>
/// <param name="DoseId">The dose.</param>
/// <param name="Reached">The last stage finished (null when none).</param>
/// <param name="Refused">True when a stage refused the dose (or Hermes refused its report).</param>
/// <param name="Pending">True when the dose must be run again (a failed report; nothing is lost, the journal holds it).</param>
/// <param name="Detail">What happened last, in words.</param>
public sealed record DoseOutcome(string DoseId, LabStage? Reached, bool Refused, bool Pending, string Detail)
{
    /// <summary>The product was made (synthesis finished and was not refused).</summary>
    public bool Made => Reached >= LabStage.Synthesis && !(Refused && Reached == LabStage.Synthesis);

    /// <summary>Sequencing showed the product is the design and nothing else.</summary>
    public bool Verified => Reached >= LabStage.Verification && !(Refused && Reached == LabStage.Verification);

    /// <summary>The cartridge was filled and released.</summary>
    public bool Filled => Reached == LabStage.Fill && !Refused && !Pending;
}
