package org.spacemoe.onboard.runtime;

import org.spacemoe.onboard.telemetry.NodeTelemetry;

/**
 * What the roles of one satellite share; {@code copies} and {@code gatewaySuspects} are shared by every satellite
 * of the process and plan version.
 *
 * @param maxSequences sequences a role keeps state for at once (least recently used evicted beyond)
 * @param maxContext most tokens (prompt plus generated) a sequence may have; longer starts are refused
 * @param stopping true once the node is stopping: new sequences are refused ({@code DRAINING})
 */
record RoleContext(
    String satellite,
    long planVersion,
    PlanRoles roles,
    int topK,
    FrameSink outbox,
    EmulatedCompute compute,
    NodeTelemetry telemetry,
    RoleClock clock,
    Deadlines deadlines,
    int maxSequences,
    int maxContext,
    ExpertCopies copies,
    SuspectHosts gatewaySuspects,
    java.util.function.BooleanSupplier stopping) {}
