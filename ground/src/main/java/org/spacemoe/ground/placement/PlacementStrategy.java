package org.spacemoe.ground.placement;

/** A way to place every layer and expert on a constellation. */
public interface PlacementStrategy {
  /** Name used on the command line and in reports. */
  String name();

  /** One-line description for {@code --help} and reports. */
  String description();

  PlacementResult place(PlanningContext ctx);
}
