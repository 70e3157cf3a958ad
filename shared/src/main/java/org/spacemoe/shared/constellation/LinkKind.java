package org.spacemoe.shared.constellation;

/** The two kinds of +Grid inter-satellite link. */
public enum LinkKind {
  /** Between consecutive satellites of one orbital plane. */
  INTRA_PLANE,
  /** Between neighbouring satellites of adjacent planes (including the wrap-around across the seam). */
  INTER_PLANE
}
