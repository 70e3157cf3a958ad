package org.spacemoe.ground.broker;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one broker user (a satellite, or the ground) may do: topic filters it may read (subscribe to and
 * receive) and write (publish to). Filters may contain MQTT wildcards.
 *
 * @param user broker user name: the satellite name, which is also its client certificate's CN
 * @param read topic filters the user may receive from, sorted
 * @param write topic filters the user may publish to, sorted
 */
public record UserGrants(String user, SortedSet<String> read, SortedSet<String> write) {
  public UserGrants {
    read = Collections.unmodifiableSortedSet(new TreeSet<>(read));
    write = Collections.unmodifiableSortedSet(new TreeSet<>(write));
  }
}
