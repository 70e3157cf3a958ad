package org.spacemoe.ground.cli;

import picocli.CommandLine;

/** Version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = GroundCli.class.getPackage().getImplementationVersion();
    return new String[] {"spacemoe-ground " + (v == null ? "dev" : v)};
  }
}
