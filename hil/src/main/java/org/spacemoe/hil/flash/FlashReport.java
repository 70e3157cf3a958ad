package org.spacemoe.hil.flash;

import java.util.List;
import java.util.Map;
import org.spacemoe.hil.inventory.IslMode;

/**
 * A flash of a bench: one result per board, and the counts by outcome.
 *
 * @param inventory the inventory file
 * @param distribution the distribution zip
 * @param plan the plan flashed, or null
 * @param boards per board, in inventory order
 * @param outcomes how many boards ended in each outcome
 * @param ok every board is changed or unchanged
 * @param isl the boards' ISL mode
 * @param relays with {@code isl: mesh}: per board name (inventory order), the relay satellites (on routes between
 *     the plan's satellites, on no board's list) its node runs besides its own; null in shared mode
 */
public record FlashReport(String inventory, String distribution, String plan, List<BoardFlashResult> boards,
    Map<String, Integer> outcomes, boolean ok, IslMode isl, Map<String, List<String>> relays) {}
