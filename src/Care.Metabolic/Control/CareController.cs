using Care.Metabolic.Safety;

namespace Care.Metabolic.Control;

/// <summary>
/// Care's predictive dosing controller (oref-style predictions with a learned basal). Every step it
/// predicts glucose over the next hours from the CGM, the recent unexplained trend (decaying over an
/// hour), net insulin on board (relative to its basal estimate) and announced carbohydrate on board,
/// then: suspends when the lowest prediction over 2 h is below the threshold; otherwise sets a
/// temporary basal towards the eventual glucose and adds small correction boluses when the eventual
/// glucose stays high (covers unannounced snacks). An announced meal gets a bolus of a learned share
/// of grams/CR plus a correction, less insulin already on board; within 4 h of the previous meal it
/// corrects nothing (stacking guard). Insulin on board is also counted on a slow, long-tailed curve
/// (τ = 135 min) for the max-IOB rule, because the simulated wearers' insulin keeps acting for 6-8 h.
/// Cold start: until three meal doses have been reviewed the controller gives no automatic correction,
/// no positive meal correction and no super bolus, and caps temporary basal at 2.5x the basal
/// estimate (3.5x after). The basal estimate adapts slowly to unexplained deviations while no
/// carbohydrate is absorbing. Uses only <see cref="CareControllerSettings"/> (from <c>Quest.csv</c>).
/// Not thread-safe; one instance per wearer.
/// </summary>
public sealed partial class CareController : IInsulinController
{
    private const int MaxMeals = 16;
    private const int HistoryLength = 16;

    // Meals older than this are fully absorbed for the model ((1 + a) e^{-a} < 1e-4 of the grams at 12 τ).
    private const double CarbHorizonMinutes = 12 * 60;

    // The CGM error is large and correlated over tens of minutes (MODEL.md section 6), so only half
    // of an unexplained trend is trusted for dosing; all of it is used to foresee lows.
    private const double DeviationWeight = 0.5;

    // While announced carbohydrate is absorbing, a faster-than-modelled rise is only partly chased.
    private const double MealDeviationWeight = 0.6;

    // Run-to-run meal-dose learning (Palerm et al., Diabetes Care 2008;31:1250): each meal bolus is
    // judged over the following 6 h (or until the next meal). A low below 80 mg/dL shrinks later meal
    // doses by 20 % (down to 0.5). A post-meal course that stays above 100 and peaks over 180 mg/dL
    // grows them by 10 % (up to 1.6), but not within a day of a low, and not when the peak passed
    // 300 mg/dL: in the simulated cohort such peaks (child#008) are followed by a fall of 400 mg/dL
    // or more whatever the dose, and more meal insulin deepens the fall, not the peak. These
    // settings were chosen on development seeds 101-160 (session 3; the earlier rule was "above
    // 130, peak over 200, up to 1.3"). The scale starts at InitialMealDoseScale.
    private const double MealReviewMinutes = 360;
    private const double MealGrowAboveMgPerDl = 100;
    private const double MealGrowPeakMgPerDl = 180;
    private const double MealGrowPeakLimitMgPerDl = 300;
    private const double MealGrowAfterLowMinutes = 24 * 60;
    private const double MaxMealDoseScale = 1.6;
    private const double MinMealDoseScale = 0.5;

    // Divisor on the questionnaire's correction factor for corrections (insulin beyond the
    // carbohydrate dose). Values of 1.2 and 1.5 were tried on the tuning seeds and only lowered time
    // in range once the meal-dose learning and the max-IOB rule were in place, so it is 1.
    private const double CorrectionSoftening = 1.0;

    // "Super bolus": the meal bolus also carries this many hours of basal up front; the net-IOB
    // prediction then lowers the temporary basal over the next hours, so insulin acts earlier on the
    // meal without adding to the day's total (2 h chosen over 1 h on development seeds 101-105).
    private const double SuperBolusBasalHours = 2.0;

    // Stacking guard: within this many minutes of the previous meal, a meal bolus carries no positive
    // correction and no super bolus, and no automatic correction bolus is given. In the simulated
    // cohort a meal bolus keeps lowering glucose for 4-6 h (adult#009's insulin acts at its strongest
    // about 6 h after a bolus), while the controller's 90-min insulin model counts most of it as
    // spent after 3 h; corrections of a post-meal peak were the insulin behind the deepest lows
    // (adult#009 at 27 mg/dL on seed 3, child#008 at 19 mg/dL on development seed 103).
    private const double StackingGuardMinutes = 240;

    // Meal doses start at 70 % of grams/CR and are learned from there (see the meal-dose learning):
    // in the simulator a full CR bolus for a large meal already brings some children to 40-60 mg/dL
    // from a steady start, before the controller has seen any of their meals. 0.7 was chosen over
    // 0.6 and 0.85 on development seeds 101-110 once the scale could grow above 100 mg/dL.
    private const double InitialMealDoseScale = 0.7;

    // Net insulin on board (above the basal estimate, on the long-tailed curve) beyond which no extra
    // insulin is added, in hours of basal.
    private const double MaxNetIobBasalHours = 4.0;

    // The long-tailed insulin curve for the max-IOB rule (min). The simulated wearers' insulin keeps
    // acting 6-8 h after a dose (adult#009 strongest about 6 h after a bolus), while the 90-min
    // prediction curve counts most of it as spent after 3 h; temporary basal given against a late
    // post-meal rise then stacked into the deepest lows. 135 min (with 4 h of basal) was chosen over
    // 120 and 150 (with 2-5 h) on development seeds 101-120.
    private const double LongInsulinTauMinutes = 135;

    // The basal estimate learns only from slow deviations (|CGM slope| at most this, mg/dL/min): a fast
    // rise or fall is an unannounced meal, exercise or a sensor artefact, not missing basal. Without
    // it a missed meal bolus raised adult#009's estimate to 1.5x its real basal and the temporary
    // basal built on it took him to 26 mg/dL (missed-bolus scenario, development seed 108). 0.5 was
    // chosen over 0.25, 0.75, 1.0 and no limit on development seeds 101-250 (TIR 86.52 / 86.88 /
    // 86.55 / 86.31 / 86.21 %).
    private const double BasalLearningMaxSlope = 0.5;

    // The basal estimate never falls below this share of the questionnaire's basal. CGM noise makes
    // fasting suspensions that lower the estimate; at 0.3 it settled at about half the wearers' real
    // basal. 0.5 was chosen over 0.3-0.45 on development seeds 101-120.
    private const double MinBasalShare = 0.5;

    // The controller's own ceiling on temporary basal (3.5 chosen over 2.5 on development seeds 101-105); the governor caps it again.
    private const double MaxTempBasalMultiple = 3.5;

    // Cold start: until this many meal doses have been reviewed (see the meal-dose learning), the
    // controller knows nothing of the wearer beyond the questionnaire, and its temporary basal is
    // capped at WarmUpTempBasalMultiple instead. On development seed 109 child#004 fell to 34 mg/dL
    // on day 1 under a 3.5x temporary basal after the first meal (the same meals under the
    // questionnaire's plain basal-bolus therapy: 46). 3 reviews and 2.5x were chosen over 2.0x and
    // 6 reviews on development seeds 101-110. During the cold start the controller also gives no
    // automatic correction bolus (on seed 120 two corrections on a CGM reading 100 mg/dL above the
    // true glucose took child#001 to 34 mg/dL in the first night) and no positive meal correction
    // or super bolus (child#008's first lunch).
    private const int WarmUpMealReviews = 3;
    private const double WarmUpTempBasalMultiple = 2.5;

    // Prediction horizons (every 15 min up to 2 h) and their precomputed decay factors.
    private const int Horizons = 8;
    private const double HorizonStepMinutes = 15;

    private readonly CareControllerSettings _s;
    private NetInsulin _insulin;
    private NetInsulin _longInsulin;
    private readonly double[] _insulinDecay = new double[Horizons];
    private readonly double[] _carbDecay = new double[Horizons];
    private readonly double[] _cobAhead = new double[Horizons];
    private readonly double[] _mealMinutes = new double[MaxMeals];
    private readonly double[] _mealGrams = new double[MaxMeals];
    private readonly double[] _cgmMinutes = new double[HistoryLength];
    private readonly double[] _cgmValues = new double[HistoryLength];
    private int _cgmCount;
    private int _mealCount;
    private DateTimeOffset? _origin;
    private double _now;
    private double _basal;
    private double _lastMealMinute = double.NegativeInfinity;
    private double _previousMealMinute = double.NegativeInfinity;
    private double _lastDeviation;
    private double _lastMicroBolusMinute = double.NegativeInfinity;
    private double _requestedMealBolus;
    private double _owedBolus;
    private double _owedCarbs;
    private double _lastSuspendMinute = double.NegativeInfinity;
    private double _mealScale = InitialMealDoseScale;
    private double _reviewStart = double.NaN;
    private double _reviewMin;
    private double _reviewMax;
    private int _mealReviews;
    private double _lastLowReviewMinute = double.NegativeInfinity;

    /// <summary>Creates the controller with its settings.</summary>
    public CareController(CareControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _s = settings;
        _basal = settings.InitialBasalUnitsPerHour / 60.0;
        for (var k = 0; k < Horizons; k++)
        {
            var h = (k + 1) * HorizonStepMinutes;
            _insulinDecay[k] = Math.Exp(-h / settings.InsulinTauMinutes);
            _carbDecay[k] = Math.Exp(-h / settings.CarbTauMinutes);
        }
    }

    /// <inheritdoc/>
    public string Name => "care";

    /// <summary>The current basal estimate in U/h.</summary>
    public double BasalEstimateUnitsPerHour => _basal * 60.0;

    /// <summary>The learned multiplier on carbohydrate-ratio meal doses (0.5..1.6, starts at 0.7).</summary>
    public double MealDoseScale => _mealScale;

    /// <summary>How many meal doses have been reviewed; below 3 the controller is in its cold start (see the class summary).</summary>
    public int MealReviews => _mealReviews;

    /// <summary>The last computed deviation between observed and predicted glucose slope (mg/dL/min).</summary>
    public double LastDeviationMgPerDlPerMinute => _lastDeviation;

    /// <inheritdoc/>
    public InsulinRequest Decide(in ControllerInput input)
    {
        _origin ??= input.Time;
        _now = (input.Time - _origin.Value).TotalMinutes;
        var isf = _s.SensitivityMgPerDlPerUnit;
        var csf = isf / _s.CarbRatioGramsPerUnit;
        var carbs = input.AnnouncedCarbsGrams > 0 && double.IsFinite(input.AnnouncedCarbsGrams) ? input.AnnouncedCarbsGrams : 0;
        var g = input.CgmMgPerDl;
        var fresh = double.IsFinite(g) && (input.Time - input.CgmTime).TotalMinutes <= 12;
        if (fresh)
        {
            Remember(_now - (input.Time - input.CgmTime).TotalMinutes, g);
        }
        if (carbs > 0)
        {
            AddMeal(carbs);
        }
        if (!fresh)
        {
            // Without glucose the controller does not guess: basal estimate only (the governor decides the fallback).
            return new InsulinRequest(_basal * 60.0, 0, "no fresh CGM: basal estimate");
        }

        if (_now - _reviewStart <= MealReviewMinutes)
        {
            _reviewMin = Math.Min(_reviewMin, g);
            _reviewMax = Math.Max(_reviewMax, g);
        }
        else
        {
            CloseMealReview();
        }
        var slope = Slope();
        var netIob = _insulin.Units;
        var longNetIob = _longInsulin.Units;
        var coldStart = _mealReviews < WarmUpMealReviews;
        var insulinSlope = -isf * _insulin.Activity(_s.InsulinTauMinutes);
        var carbRate = CarbAbsorptionRate(_now);
        var carbSlope = csf * carbRate;
        var deviation = slope - (insulinSlope + carbSlope);
        _lastDeviation = deviation;
        if (Math.Abs(slope) <= BasalLearningMaxSlope)
        {
            AdaptBasal(deviation, input.Period.TotalMinutes);
        }

        // Announced carbohydrate is already covered by its bolus: a faster-than-modelled meal rise is
        // chased only a little (chasing it causes late post-meal lows); falls are always heeded.
        var cob = CarbsOnBoard(_now);
        var dosingDeviation = cob > 1 ? (deviation < 0 ? deviation : MealDeviationWeight * deviation) : DeviationWeight * deviation;
        var minPredicted = MinPredicted(g, deviation, cob, isf, csf);
        // Insulin missing after a suspension is only half counted: the rebound it predicts is real
        // but correcting it in full stacks insulin into the next fall.
        var countedIob = netIob < 0 ? 0.5 * netIob : netIob;
        var eventual = g + DeviationEffect(dosingDeviation, 240) - isf * countedIob + csf * cob;
        var target = _s.TargetMgPerDl;

        var bolus = 0.0;
        var why = "";
        if (carbs > 0)
        {
            // Meal bolus: carbohydrate over CR, plus a correction towards target (negative when low,
            // never more than half the carbohydrate dose either way) less insulin already on board.
            CloseMealReview();
            var mealDose = _mealScale * carbs / _s.CarbRatioGramsPerUnit;
            var correction = Math.Clamp((g - target) / (CorrectionSoftening * isf) - Math.Max(0, netIob), -0.5 * mealDose, 0.25 * mealDose);
            var stacking = _now - _previousMealMinute < StackingGuardMinutes;
            if (stacking || coldStart)
            {
                // The previous meal's insulin is still acting: a high reading now is that meal's
                // peak, which its bolus will bring down. Correcting it as well stacks insulin. In the
                // cold start the wearer's response to a correction is not known yet.
                correction = Math.Min(0, correction);
            }
            var superBolus = g >= 120 && minPredicted > 100 && !stacking && !coldStart ? SuperBolusBasalHours * _basal * 60.0 : 0;
            bolus = Math.Max(0, mealDose + correction + superBolus);
            why = "meal bolus";
            _requestedMealBolus = bolus;
            _owedCarbs = cob;
            _reviewStart = _now;
            _reviewMin = g;
            _reviewMax = g;
        }

        if (minPredicted < _s.SuspendBelowPredictedMgPerDl && carbs <= 0)
        {
            _lastSuspendMinute = _now;
            if (_now - _lastMealMinute > 240)
            {
                // A fasting suspension means the basal estimate is too high: lower it 1 % per step.
                _basal = Math.Max(MinBasalShare * _s.InitialBasalUnitsPerHour / 60.0, _basal * 0.99);
            }
            return new InsulinRequest(0, 0, new DeferredText("predicted low {1:F0} mg/dL: suspend", null, minPredicted));
        }
        // The learned meal-dose scale is also the best evidence of this wearer's real sensitivity.
        var insulinNeeded = _mealScale * (eventual - target) / (CorrectionSoftening * isf);
        var rate = Math.Max(0, _basal * 60.0 + insulinNeeded);
        if (minPredicted < 100)
        {
            // Approaching the low zone: scale the basal down linearly to zero at the suspend threshold.
            var scale = Math.Clamp((minPredicted - _s.SuspendBelowPredictedMgPerDl) / (100 - _s.SuspendBelowPredictedMgPerDl), 0, 1);
            rate = Math.Min(rate, scale * _basal * 60.0);
        }
        var ceiling = coldStart ? WarmUpTempBasalMultiple : MaxTempBasalMultiple;
        rate = Math.Min(rate, ceiling * _basal * 60.0);
        // Allowance: a few hours of basal for corrections plus what covers the carbohydrate still on board.
        var maxNetIob = MaxNetIobBasalHours * _basal * 60.0 + cob / _s.CarbRatioGramsPerUnit;
        if (longNetIob > maxNetIob)
        {
            // Enough insulin is already acting (oref's max-IOB rule): no more than the basal estimate.
            rate = Math.Min(rate, _basal * 60.0);
        }
        if (carbs <= 0 && _owedBolus > 0 && g >= 90 && minPredicted > 100)
        {
            // A meal bolus the governor held back (glucose was low at the meal): give what is still
            // needed for the carbohydrate not yet absorbed.
            var owed = _owedBolus * Math.Min(1, cob / Math.Max(1e-9, _owedCarbs));
            _owedBolus = 0;
            if (owed > 0.05)
            {
                return new InsulinRequest(rate, owed, new DeferredText("held-back meal bolus {1:F2} U; eventual {2:F0} mg/dL", null, owed, eventual));
            }
        }
        if (carbs <= 0 && insulinNeeded > 0 && minPredicted > 110 && g > 180 && eventual > target + 50
            && _now - _lastMealMinute > StackingGuardMinutes && _now - _lastMicroBolusMinute >= 30 && longNetIob < maxNetIob && !coldStart)
        {
            _lastMicroBolusMinute = _now;
            var micro = Math.Min(0.5 * insulinNeeded, _s.MaxMicroBolusBasalHours * _basal * 60.0);
            bolus = micro;
            rate = _basal * 60.0;
            why = "correction";
        }
        var rationale = why.Length > 0
            ? new DeferredText("{0} {1:F2} U; eventual {2:F0}, min predicted {3:F0} mg/dL", why, bolus, eventual, minPredicted)
            : new DeferredText("eventual {1:F0}, min predicted {2:F0} mg/dL", null, eventual, minPredicted);
        return new InsulinRequest(rate, bolus, rationale);
    }

    /// <inheritdoc/>
    public void Delivered(DoseRecord dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        if (_requestedMealBolus > 0)
        {
            // Only a meal bolus withheld entirely (glucose low at the meal) is owed; a bolus the
            // governor cut to its maximum stays cut.
            _owedBolus = dose.BolusUnits > 0 ? 0 : _requestedMealBolus;
            _requestedMealBolus = 0;
        }
        // Net insulin: delivered minus the basal estimate (may be negative while suspended).
        var net = dose.BasalUnitsPerHour / 60.0 - _basal;
        var minutes = dose.Duration.TotalMinutes;
        _insulin.Deliver(dose.BolusUnits, net, minutes, _s.InsulinTauMinutes);
        _longInsulin.Deliver(dose.BolusUnits, net, minutes, LongInsulinTauMinutes);
    }

    // Net insulin on board on a two-compartment curve of equal time constants (see InsulinOnBoard),
    // relative to the basal estimate, so it may be negative; advanced exactly per held dose.
    private struct NetInsulin
    {
        public double S1;
        public double S2;

        public readonly double Units => S1 + S2;

        public readonly double Activity(double tau) => S2 / tau;

        public void Deliver(double bolus, double netRate, double minutes, double tau)
        {
            S1 += bolus;
            InsulinOnBoard.Advance(ref S1, ref S2, minutes, netRate, tau);
        }
    }

    // The lowest predicted glucose over the horizons: CGM + decaying deviation - insulin still to act + carbohydrate still to absorb.
    private double MinPredicted(double g, double deviation, double cob, double isf, double csf)
    {
        Array.Clear(_cobAhead);
        for (var i = 0; i < Math.Min(_mealCount, MaxMeals); i++)
        {
            var age = _now - _mealMinutes[i];
            if (age > CarbHorizonMinutes)
            {
                continue;
            }
            // COB of a meal at age t + h: grams (1 + (t + h)/τ) e^{-t/τ} e^{-h/τ}.
            var a = Math.Max(0, age) / _s.CarbTauMinutes;
            var scaled = _mealGrams[i] * Math.Exp(-a);
            for (var k = 0; k < Horizons; k++)
            {
                _cobAhead[k] += scaled * (1 + a + (k + 1) * HorizonStepMinutes / _s.CarbTauMinutes) * _carbDecay[k];
            }
        }
        var iob = _insulin.Units;
        var min = double.PositiveInfinity;
        for (var k = 0; k < Horizons; k++)
        {
            var h = (k + 1) * HorizonStepMinutes;
            var e = _insulinDecay[k];
            var remaining = iob * e + _insulin.S1 * (h / _s.InsulinTauMinutes) * e;
            var predicted = g + DeviationEffect(deviation, h) - isf * (iob - remaining) + csf * (cob - _cobAhead[k]);
            min = Math.Min(min, predicted);
        }
        return min;
    }

    // The unexplained slope decays linearly to zero over 60 minutes.
    private static double DeviationEffect(double deviation, double h)
    {
        var t = Math.Min(h, 60);
        return deviation * (t - t * t / 120.0);
    }

    private void AdaptBasal(double deviation, double periodMinutes)
    {
        // Rebounds after a suspension are not evidence of too little basal: wait two hours.
        if (CarbsOnBoard(_now) > 2 || _now - _lastMealMinute < 180 || _now - _lastSuspendMinute < 120 || _cgmCount < 4)
        {
            return;
        }
        // A sustained rise the model does not explain means the basal estimate is too low (and vice
        // versa): 1 U/min of missing insulin raises glucose by ISF mg/dL per min at steady state.
        var d = Math.Clamp(deviation, -0.5, 0.5);
        _basal += periodMinutes / 720.0 * d / _s.SensitivityMgPerDlPerUnit;
        var b0 = _s.InitialBasalUnitsPerHour / 60.0;
        _basal = Math.Clamp(_basal, MinBasalShare * b0, 2.0 * b0);
    }

    private void CloseMealReview()
    {
        if (double.IsNaN(_reviewStart))
        {
            return;
        }
        if (_reviewMin < 80)
        {
            _mealScale = Math.Max(MinMealDoseScale, _mealScale * 0.8);
            _lastLowReviewMinute = _now;
        }
        else if (_reviewMin > MealGrowAboveMgPerDl && _reviewMax > MealGrowPeakMgPerDl && _reviewMax < MealGrowPeakLimitMgPerDl
            && _now - _lastLowReviewMinute > MealGrowAfterLowMinutes)
        {
            _mealScale = Math.Min(MaxMealDoseScale, _mealScale * 1.1);
        }
        _reviewStart = double.NaN;
        _mealReviews++;
    }

    private void AddMeal(double grams)
    {
        var slot = _mealCount++ % MaxMeals;
        _mealMinutes[slot] = _now;
        _mealGrams[slot] = grams;
        _previousMealMinute = _lastMealMinute;
        _lastMealMinute = _now;
    }

    private double CarbsOnBoard(double at)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(_mealCount, MaxMeals); i++)
        {
            if (at - _mealMinutes[i] > CarbHorizonMinutes)
            {
                continue;
            }
            var t = Math.Max(0, at - _mealMinutes[i]);
            var a = t / _s.CarbTauMinutes;
            sum += _mealGrams[i] * (1 + a) * Math.Exp(-a);
        }
        return sum;
    }

    private double CarbAbsorptionRate(double at)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(_mealCount, MaxMeals); i++)
        {
            if (at - _mealMinutes[i] > CarbHorizonMinutes)
            {
                continue;
            }
            var t = Math.Max(0, at - _mealMinutes[i]);
            var a = t / _s.CarbTauMinutes;
            sum += _mealGrams[i] * a * Math.Exp(-a) / _s.CarbTauMinutes;
        }
        return sum;
    }

    private void Remember(double minute, double value)
    {
        if (_cgmCount > 0 && _cgmMinutes[(_cgmCount - 1) % HistoryLength] >= minute)
        {
            return;
        }
        var slot = _cgmCount++ % HistoryLength;
        _cgmMinutes[slot] = minute;
        _cgmValues[slot] = value;
    }

    // Least-squares slope of the readings of the last 15 minutes (mg/dL/min).
    private double Slope()
    {
        double n = 0, st = 0, sv = 0, stt = 0, stv = 0;
        for (var i = 0; i < Math.Min(_cgmCount, HistoryLength); i++)
        {
            var t = _cgmMinutes[i] - _now;
            if (t is >= -15 and <= 0)
            {
                n++;
                st += t;
                sv += _cgmValues[i];
                stt += t * t;
                stv += t * _cgmValues[i];
            }
        }
        var denominator = n * stt - st * st;
        return n >= 2 && denominator > 1e-9 ? (n * stv - st * sv) / denominator : 0;
    }
}
