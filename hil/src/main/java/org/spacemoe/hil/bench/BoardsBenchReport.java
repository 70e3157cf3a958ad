package org.spacemoe.hil.bench;

import java.util.List;
import org.spacemoe.hil.flash.FlashReport;
import org.spacemoe.hil.inventory.IslMode;

/**
 * A bench run through the boards of an inventory.
 *
 * @param bench the same report as the emulated bench (tokens, reference check, measured against predicted
 *     latency, per-hop and per-layer times summed over the boards)
 * @param boards per board: its hops and compute, link and queue times against the modelled link latency
 * @param clocksShared every board runs on one host, so a frame's send and arrival times come from one
 *     monotonic clock and per-hop link times are measured; boards on different hosts have unrelated clocks, and
 *     then the verdict comes from the token latency instead
 * @param links overall verdict: {@code slower than emulated}, {@code faster than emulated} or {@code as emulated}
 * @param linkMeasuredOverPredicted with shared clocks: all boards' mean link time per hop over the modelled mean;
 *     else the measured over predicted token latency
 * @param flash the flash that made sure every board runs the bench's plan (null with --no-flash)
 * @param isl how the boards carried ISL frames: {@code shared} (through the inventory's broker) or {@code mesh} (each
 *     board's own ISL broker, one link per hop)
 * @param relayCountersReported with {@code isl: mesh}: some board's telemetry gave relay counters
 *     ({@link BoardTiming#relay}); false when none did (they are then absent, not zero)
 */
public record BoardsBenchReport(BenchReport bench, List<BoardTiming> boards, boolean clocksShared, String links,
    double linkMeasuredOverPredicted, FlashReport flash, IslMode isl, boolean relayCountersReported) {}
