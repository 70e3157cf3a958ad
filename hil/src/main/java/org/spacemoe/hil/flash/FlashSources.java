package org.spacemoe.hil.flash;

import java.nio.file.Path;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * What a flash puts on the boards besides their configuration.
 *
 * @param distribution the unpacked onboard distribution
 * @param planFile the plan to install as {@code data/plan.json}, or null
 * @param plan that plan, parsed (null without)
 * @param shardsDir the exported model directory ({@code manifest.json} and shards), or null
 * @param manifest its manifest (null without)
 */
record FlashSources(Distribution distribution, Path planFile, PlacementPlan plan, Path shardsDir,
    ModelManifest manifest) {}
