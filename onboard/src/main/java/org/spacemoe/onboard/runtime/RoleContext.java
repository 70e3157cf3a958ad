package org.spacemoe.onboard.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.spacemoe.onboard.telemetry.NodeTelemetry;

/** What the roles of one satellite share; {@code copies} is shared by every satellite of the process. */
record RoleContext(
    String satellite,
    long planVersion,
    PlanRoles roles,
    int topK,
    Outbox outbox,
    EmulatedCompute compute,
    NodeTelemetry telemetry,
    ScheduledExecutorService timer,
    Executor serial,
    long expertTimeoutNanos,
    int maxSequences,
    ExpertCopies copies) {}
