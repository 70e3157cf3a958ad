package org.spacemoe.onboard.shard;

/**
 * What a gateway step yields.
 *
 * @param attnOut {@code hidden + attention}, the residual the experts' outputs are added to (length d)
 * @param moeIn the normed input sent to the experts (length d)
 * @param routerLogits one logit per expert (length E)
 */
public record GatewayOutput(float[] attnOut, float[] moeIn, float[] routerLogits) {}
