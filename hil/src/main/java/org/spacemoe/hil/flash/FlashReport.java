package org.spacemoe.hil.flash;

import java.util.List;
import java.util.Map;

/**
 * A flash of a bench: one result per board, and the counts by outcome.
 *
 * @param inventory the inventory file
 * @param distribution the distribution zip
 * @param plan the plan flashed, or null
 * @param boards per board, in inventory order
 * @param outcomes how many boards ended in each outcome
 * @param ok every board is changed or unchanged
 */
public record FlashReport(String inventory, String distribution, String plan, List<BoardFlashResult> boards,
    Map<String, Integer> outcomes, boolean ok) {}
