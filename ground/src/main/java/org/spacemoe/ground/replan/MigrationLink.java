package org.spacemoe.ground.replan;

import java.util.Locale;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * How moved shards travel: {@code uplink} from the ground station, one shard after another over one link of
 * {@code rateBitsPerS}; or {@code isl}, copied from a satellite that holds the shard, all moves at once, each at
 * the ISL rate. The migration is over when the last shard has arrived.
 */
public enum MigrationLink {
  UPLINK, ISL;

  public static MigrationLink parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("--move-via", "unknown link '" + s + "'; use uplink or isl");
    }
  }
}
