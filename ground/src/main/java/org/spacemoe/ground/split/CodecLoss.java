package org.spacemoe.ground.split;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * The measured accuracy cost of sending hidden states with one codec, as written by the bench.
 *
 * @param codec the activation codec (the key in the file, not a field)
 * @param bytesPerValue payload bytes per hidden-state value measured by the bench (> 0)
 * @param lossPerCut accuracy loss charged per cut that uses this codec: {@code 1 - min cosine} per hop, in [0, 1]
 * @param meanCosine mean cosine similarity of hidden states to the fp32 reference, in [-1, 1]
 * @param minCosine smallest cosine similarity seen, in [-1, 1]
 * @param greedyAgreement share of greedy tokens equal to the fp32 reference's, in [0, 1]
 */
public record CodecLoss(@JsonIgnore HiddenStateCodec codec, double bytesPerValue, double lossPerCut, double meanCosine,
    double minCosine, double greedyAgreement) {}
