package org.spacemoe.onboard.runtime;

/** One token step of one sequence. */
record TokenKey(long sequenceId, long tokenStep) {}
