using Care.Metabolic.Control;
using Care.Metabolic.Safety;
using Care.Patch.Glucose;

namespace Care.Patch.State;

/// <summary>
/// The plaintext of a learned-state blob, version 1: a section count (at most
/// <see cref="MaxSections"/>), then sections of (tag u8, length u32, bytes). Tag 1 is the insulin
/// loop. A reader refuses unknown or duplicated tags and sections whose bytes do not parse exactly.
/// Doubles are stored as their IEEE-754 bits, so the state round-trips bit for bit (NaN and
/// infinities included).
/// </summary>
internal static class LearnedStatePayload
{
    public const int MaxSections = 8;

    private const byte InsulinLoopTag = 1;

    public static byte[] Write(LearnedState state)
    {
        var w = new StateWriter();
        var sections = new List<(byte Tag, byte[] Bytes)>();
        if (state.InsulinLoop is { } loop)
        {
            sections.Add((InsulinLoopTag, WriteLoop(loop)));
        }
        w.U8((byte)sections.Count);
        foreach (var (tag, bytes) in sections)
        {
            w.U8(tag);
            w.U32(bytes.Length);
            w.Bytes(bytes);
        }
        return w.ToArray();
    }

    public static LearnedState Read(ReadOnlySpan<byte> plaintext, long baseOffset)
    {
        var r = new StateReader(plaintext, baseOffset);
        var countAt = r.Offset;
        int count = r.U8("section count");
        if (count > MaxSections)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, countAt, $"{count} sections, more than {MaxSections}");
        }
        PatchGlucoseLoopState? loop = null;
        for (var i = 0; i < count; i++)
        {
            var tagAt = r.Offset;
            var tag = r.U8("section tag");
            var lengthAt = r.Offset;
            var length = r.U32("section length");
            if (length > r.Remaining)
            {
                throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, lengthAt, $"section {tag} claims {length} bytes, {r.Remaining} left");
            }
            var sectionAt = r.Offset;
            var bytes = r.Take((int)length, "section");
            switch (tag)
            {
                case InsulinLoopTag when loop is null:
                    var s = new StateReader(bytes, sectionAt);
                    loop = ReadLoop(ref s);
                    s.End("the insulin-loop section");
                    break;
                case InsulinLoopTag:
                    throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, tagAt, "the insulin-loop section appears twice");
                default:
                    throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, tagAt, $"unknown section tag {tag}");
            }
        }
        r.End("the sections");
        return new LearnedState(loop);
    }

    private static byte[] WriteLoop(PatchGlucoseLoopState state)
    {
        var w = new StateWriter();
        var c = state.Controller;
        w.OptionalTime(c.Origin);
        foreach (var v in new[] { c.NowMinute, c.BasalUnitsPerMinute, c.InsulinS1, c.InsulinS2, c.LongInsulinS1, c.LongInsulinS2 })
        {
            w.F64(v);
        }
        w.U16(c.MealMinutes.Count);
        w.Doubles(c.MealMinutes);
        w.Doubles(c.MealGrams);
        w.I32(c.MealCount);
        w.U16(c.CgmMinutes.Count);
        w.Doubles(c.CgmMinutes);
        w.Doubles(c.CgmValues);
        w.I32(c.CgmCount);
        foreach (var v in new[]
        {
            c.LastMealMinute, c.PreviousMealMinute, c.LastDeviationMgPerDlPerMinute, c.LastMicroBolusMinute, c.RequestedMealBolusUnits,
            c.OwedBolusUnits, c.OwedCarbsGrams, c.LastSuspendMinute, c.MealDoseScale, c.ReviewStartMinute, c.ReviewMinMgPerDl, c.ReviewMaxMgPerDl,
        })
        {
            w.F64(v);
        }
        w.I32(c.MealReviews);
        w.F64(c.LastLowReviewMinute);

        var g = state.Governor;
        w.F64(g.IobCompartment1Units);
        w.F64(g.IobCompartment2Units);
        w.U16(g.ReadingTimes.Count);
        w.Times(g.ReadingTimes);
        w.Doubles(g.ReadingsMgPerDl);
        w.I32(g.ReadingCount);
        w.Times(g.DoseTimes);
        w.Doubles(g.DoseUnits);
        w.I32(g.DoseCount);
        w.OptionalTime(g.LastTime);
        w.F64(g.LastBasalUnitsPerMinute);
        w.F64(g.LastRawMgPerDl);
        w.Time(g.LastRawTime);
        w.U8(g.LastVerdict is null ? (byte)0 : (byte)1);
        if (g.LastVerdict is { } verdict)
        {
            w.Text(verdict);
        }
        w.OptionalTime(state.LastGoodReading);
        return w.ToArray();
    }

    private static PatchGlucoseLoopState ReadLoop(ref StateReader r)
    {
        const int ring = CareControllerSnapshot.RingLength;
        var origin = r.OptionalTime("controller origin");
        var now = r.F64("controller minute");
        var basal = r.F64("basal estimate");
        var s1 = r.F64("insulin on board");
        var s2 = r.F64("insulin on board");
        var l1 = r.F64("long insulin on board");
        var l2 = r.F64("long insulin on board");
        r.Ring(ring, "meal ring");
        var mealMinutes = r.Doubles(ring, "meal times");
        var mealGrams = r.Doubles(ring, "meal grams");
        var mealCount = r.Count("meal count");
        r.Ring(ring, "CGM ring");
        var cgmMinutes = r.Doubles(ring, "CGM times");
        var cgmValues = r.Doubles(ring, "CGM values");
        var cgmCount = r.Count("CGM count");
        var t = r.Doubles(12, "controller timers");
        var reviews = r.Count("meal reviews");
        var lastLow = r.F64("last low review");
        var controller = new CareControllerSnapshot
        {
            Origin = origin, NowMinute = now, BasalUnitsPerMinute = basal,
            InsulinS1 = s1, InsulinS2 = s2, LongInsulinS1 = l1, LongInsulinS2 = l2,
            MealMinutes = mealMinutes, MealGrams = mealGrams, MealCount = mealCount,
            CgmMinutes = cgmMinutes, CgmValues = cgmValues, CgmCount = cgmCount,
            LastMealMinute = t[0], PreviousMealMinute = t[1], LastDeviationMgPerDlPerMinute = t[2], LastMicroBolusMinute = t[3],
            RequestedMealBolusUnits = t[4], OwedBolusUnits = t[5], OwedCarbsGrams = t[6], LastSuspendMinute = t[7],
            MealDoseScale = t[8], ReviewStartMinute = t[9], ReviewMinMgPerDl = t[10], ReviewMaxMgPerDl = t[11],
            MealReviews = reviews, LastLowReviewMinute = lastLow,
        };

        const int governorRing = SafetyGovernorSnapshot.RingLength;
        var iob1 = r.F64("governor insulin on board");
        var iob2 = r.F64("governor insulin on board");
        r.Ring(governorRing, "governor ring");
        var readingTimes = r.Times(governorRing, "governor reading times");
        var readings = r.Doubles(governorRing, "governor readings");
        var readingCount = r.Count("governor reading count");
        var doseTimes = r.Times(governorRing, "governor dose times");
        var doseUnits = r.Doubles(governorRing, "governor doses");
        var doseCount = r.Count("governor dose count");
        var lastTime = r.OptionalTime("governor last time");
        var lastBasal = r.F64("governor last basal");
        var lastRaw = r.F64("governor last reading");
        var lastRawTime = r.Time("governor last reading time");
        var verdictAt = r.Offset;
        string? verdict = r.U8("governor verdict flag") switch
        {
            0 => null,
            1 => r.Text("governor verdict", 64),
            var flag => throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, verdictAt, $"governor verdict has presence flag {flag}, not 0 or 1"),
        };
        var governor = new SafetyGovernorSnapshot
        {
            IobCompartment1Units = iob1, IobCompartment2Units = iob2,
            ReadingTimes = readingTimes, ReadingsMgPerDl = readings, ReadingCount = readingCount,
            DoseTimes = doseTimes, DoseUnits = doseUnits, DoseCount = doseCount,
            LastTime = lastTime, LastBasalUnitsPerMinute = lastBasal, LastRawMgPerDl = lastRaw, LastRawTime = lastRawTime, LastVerdict = verdict,
        };
        var lastGood = r.OptionalTime("last good reading");
        return new PatchGlucoseLoopState(controller, governor, lastGood);
    }
}
