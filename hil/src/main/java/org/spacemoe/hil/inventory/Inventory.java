package org.spacemoe.hil.inventory;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bench: its boards, the broker they share and the ground machine that flashes and drives them. Read and
 * validated by {@link InventoryReader}: board names, satellite ids, and (host, install dir) and (host, HTTP
 * port) pairs are unique.
 *
 * @param source the file it was read from (error messages name it)
 * @param broker the broker
 * @param groundHost the ground machine's host name or address (documentation for the bench; may be null)
 * @param onboard extra {@code spacemoe.onboard.*} settings written into every board's configuration
 * @param boards the boards, in file order
 */
public record Inventory(Path source, BrokerSpec broker, String groundHost, Map<String, Object> onboard,
    List<Board> boards) {

  public Inventory {
    onboard = Map.copyOf(onboard);
    boards = List.copyOf(boards);
  }

  /** Every hosted satellite id, in file order. */
  public Set<String> satellites() {
    Set<String> s = new LinkedHashSet<>();
    boards.forEach(b -> s.addAll(b.satellites()));
    return s;
  }

  /** The board named {@code nameOrHost}, else the boards on that host. */
  public List<Board> select(String nameOrHost) {
    Optional<Board> byName = boards.stream().filter(b -> b.name().equals(nameOrHost)).findFirst();
    return byName.map(List::of).orElseGet(() -> boards.stream().filter(b -> b.host().equals(nameOrHost)).toList());
  }
}
