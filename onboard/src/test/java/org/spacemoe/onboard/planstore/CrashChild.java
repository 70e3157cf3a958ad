package org.spacemoe.onboard.planstore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The process the crash tests kill: opens the plan store in {@code DATA_DIR} and performs one operation, halting
 * wherever {@code -Dspacemoe.crash.at} says (see {@link CrashPoints}), or loops over operations until killed.
 *
 * <pre>
 * CrashChild stage    DATA_DIR MODEL_DIR VERSION   stage plan VERSION (layout by parity, see StoreFixture)
 * CrashChild activate DATA_DIR MODEL_DIR VERSION   activate VERSION
 * CrashChild rollback DATA_DIR MODEL_DIR           swap active and previous
 * CrashChild open     DATA_DIR MODEL_DIR           open (recovery only) and close
 * CrashChild command  DATA_DIR MODEL_DIR KEY ENVELOPE_HEX SAT [hold]   admit a signed command through the
 *                                                 command gate trusting public key file KEY, print "admitted",
 *                                                 then with "hold" wait until killed
 * CrashChild loop     DATA_DIR MODEL_DIR           forever: activate the staged plan, else every fifth round
 *                                                 roll back, else stage the next version
 * </pre>
 * Exit code 0 when done, {@value CrashPoints#EXIT_CODE} at a crash point, 1 on any error (printed).
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) {
    try {
      run(args);
      System.out.println("done");
      System.out.flush();
      System.exit(0);
    } catch (Throwable t) {
      System.out.println("error: " + t);
      t.printStackTrace(System.out);
      System.out.flush();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    String op = args[0];
    Path data = Path.of(args[1]);
    Path model = Path.of(args[2]);
    switch (op) {
      case "stage" -> {
        try (PlanStore store = PlanStore.open(data)) {
          stage(store, model, Long.parseLong(args[3]));
        }
      }
      case "activate" -> {
        try (PlanStore store = PlanStore.open(data)) {
          store.activate(Long.parseLong(args[3]));
        }
      }
      case "rollback" -> {
        try (PlanStore store = PlanStore.open(data)) {
          store.rollback();
        }
      }
      case "open" -> PlanStore.open(data).close();
      case "command" -> {
        PlanStore store = PlanStore.open(data);
        new org.spacemoe.onboard.uplink.CommandGate(org.spacemoe.shared.plan.envelope.PlanKeys.readTrusted(
            java.util.List.of(Path.of(args[3]))), store.commands()).admit(args[5],
            org.spacemoe.shared.uplink.CommandEnvelopeCodec.decode(java.util.HexFormat.of().parseHex(args[4])));
        System.out.println("admitted");
        System.out.flush();
        if (args.length > 6 && args[6].equals("hold")) {
          Thread.sleep(Long.MAX_VALUE);
        }
        store.close();
      }
      case "loop" -> loop(data, model);
      default -> throw new IllegalArgumentException("unknown operation " + op);
    }
  }

  private static void stage(PlanStore store, Path model, long v) throws Exception {
    store.stage(StoreFixture.bytes(StoreFixture.plan(v, model)), StoreFixture.shardFiles(model), StoreFixture.ctx());
  }

  private static void loop(Path data, Path model) throws Exception {
    for (long round = 0; ; round++) {
      try (PlanStore store = PlanStore.open(data)) { // every round goes through recovery too
        Optional<StoredPlan> staged = store.stagedPlan();
        if (staged.isPresent()) {
          store.activate(staged.get().version());
          System.out.println("op activate " + staged.get().version());
        } else if (round % 5 == 4 && store.previousPlan().isPresent()) {
          store.rollback();
          System.out.println("op rollback " + store.activePlan().orElseThrow().version());
        } else {
          long next = 1 + Math.max(version(store.activePlan()), version(store.previousPlan()));
          stage(store, model, next);
          System.out.println("op stage " + next);
        }
        System.out.flush();
      }
    }
  }

  private static long version(Optional<StoredPlan> p) {
    return p.map(StoredPlan::version).orElse(0L);
  }
}
