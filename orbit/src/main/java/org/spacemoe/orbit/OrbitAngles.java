package org.spacemoe.orbit;

import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * Osculating orientation angles of an orbit from one state vector, rad: right ascension of the ascending
 * node in [0, 2 pi), inclination in [0, pi], argument of latitude (angle from the ascending node to the
 * satellite in the direction of motion) in (-pi, pi]. For an equatorial orbit the node is undefined and the
 * angles fall back to RAAN 0 measured from the frame's x axis.
 */
record OrbitAngles(double raanRad, double inclinationRad, double argLatitudeRad) {
  static OrbitAngles of(Vector3D position, Vector3D velocity) {
    Vector3D h = position.crossProduct(velocity);
    double inclination = Vector3D.angle(h, Vector3D.PLUS_K);
    Vector3D node = Vector3D.PLUS_K.crossProduct(h);
    if (node.getNorm() < 1e-12 * h.getNorm()) {
      node = Vector3D.PLUS_I;
    }
    node = node.normalize();
    double raan = PlaneGrouping.normalise(Math.atan2(node.getY(), node.getX()));
    Vector3D ninetyAhead = h.normalize().crossProduct(node);
    double u = Math.atan2(position.dotProduct(ninetyAhead), position.dotProduct(node));
    return new OrbitAngles(raan, inclination, u);
  }
}
