/**
 * Crash-safe onboard plan store: uplinked placement plans are staged into an inactive slot, validated, and made
 * active with one atomic write, so that a node killed at any moment boots into exactly the old or the new plan,
 * never a mix.
 *
 * <h2>Layout ({@code DATA_DIR/store/})</h2>
 * <pre>
 * state.json          {"active": V|null, "staged": V|null, "previous": V|null}: the single source of truth
 * state.json.bak      a mirror of state.json, written right after it: the last good copy
 * plans/&lt;V&gt;/          one directory per plan the state names
 *   signed-plan.json  the envelope bytes exactly as received
 *   plan.json         the plan as parsed (PlanJson)
 *   model/            manifest.json + the shards this node's satellites need, nothing else
 *   COMPLETE          written last: {"version": V, "shards": {name: sha256}}
 * incoming/&lt;V&gt;/       a plan being staged (deleted at open)
 * trash/              directories being deleted (emptied at open)
 * .lock               held by the process that has the store open
 * </pre>
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>Stage: authenticate; check version, identity, semantics; copy the envelope, the plan, the manifest and the
 *       needed shards into {@code incoming/<V>/}, each file fsynced, then the directories; check digests, memory
 *       and ONNX Runtime loading on those copies; rename {@code incoming/<V>} to {@code plans/<V>} (atomic) and
 *       fsync {@code plans/}; write {@code COMPLETE} (temp file, fsync, rename, fsync the directory); write the
 *       state with {@code staged = V}.</li>
 *   <li>Activate: one state write {@code previous = active, active = V, staged = null}. Rollback: one state write
 *       swapping active and previous.</li>
 *   <li>Every state write: {@code state.json.tmp} written and {@code FileChannel.force(true)}, renamed over
 *       {@code state.json} with {@code ATOMIC_MOVE, REPLACE_EXISTING} (POSIX {@code rename(2)}), the store
 *       directory fsynced; then the same for {@code state.json.bak}; then plan directories the state does not name
 *       are moved to {@code trash/} and deleted (garbage collection keeps active, staged and previous).</li>
 * </ol>
 * The rename of {@code state.json.tmp} is the commit point: before it the old state holds, after it the new one;
 * every directory the state names was complete before the state named it, and is removed only after the state
 * stopped naming it. A re-staged version is first dropped from the state (one state write) before its directory
 * is replaced.
 *
 * <h2>Recovery at open</h2>
 * {@code incoming/} and {@code trash/} are emptied and {@code *.tmp} deleted; {@code state.json} is read, or on
 * corruption {@code state.json.bak}, or if that is bad too the empty state (each with a note in
 * {@link org.spacemoe.onboard.planstore.PlanStore#recoveryNotes()} and the log); a slot whose directory is not
 * {@code COMPLETE} is dropped; the mirror is brought in line; unnamed plan directories (those without
 * {@code COMPLETE} included) are removed, except after a fall-back to the empty state, where they are kept for
 * inspection until the next state write.
 *
 * <h2>Directory fsync on Linux</h2>
 * {@code FileChannel.open(dir, READ)} opens a directory read-only on Linux, and {@code force(true)} on it is
 * {@code fsync(2)} of the directory, which makes the renames and creations in it durable (ext4, xfs, btrfs, f2fs).
 * Windows cannot open a directory as a channel; the step is skipped there (see {@code Durable}).
 *
 * <h2>Crash tests</h2>
 * {@link org.spacemoe.onboard.planstore.CrashPoints#hit(String)} is called after every write step; a system property
 * makes the JVM halt there, and the tests restart the store in another JVM after each point and after random
 * {@code kill -9}s.
 */
package org.spacemoe.onboard.planstore;
