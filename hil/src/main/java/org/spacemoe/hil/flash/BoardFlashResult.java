package org.spacemoe.hil.flash;

/**
 * One board's flash.
 *
 * @param board the board's name
 * @param host its host
 * @param outcome what happened
 * @param reason why it failed or was down (null when ok)
 * @param release the release id now current (null when unknown)
 * @param filesChanged files copied
 * @param bytesCopied bytes copied
 * @param filesTotal files in the release
 * @param serviceStarted the service was (re)started
 * @param health the last {@code /health} answer, e.g. {@code UP}
 * @param seconds wall time for this board
 */
public record BoardFlashResult(String board, String host, FlashOutcome outcome, String reason, String release,
    int filesChanged, long bytesCopied, int filesTotal, boolean serviceStarted, String health, double seconds) {}
