package org.spacemoe.shared.constellation;

/**
 * One satellite of a constellation.
 *
 * @param index dense index in [0, constellation size)
 * @param name stable identifier used in plans and topics, e.g. {@code p16s00}
 * @param plane orbital plane index in [0, planes)
 * @param slotInPlane position along its plane in the orbiting direction, in [0, satellites of that plane)
 */
public record Satellite(int index, String name, int plane, int slotInPlane) {}
