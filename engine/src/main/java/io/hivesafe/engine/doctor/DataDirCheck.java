package io.hivesafe.engine.doctor;

import io.hivesafe.engine.config.NodeConfig;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.StateStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data directory's state store opens and verifies (on a {@link StoreCopy}: the data directory is
 * never written), and is this network's state: absent or empty is OK (the node starts from genesis); in
 * use by a running node is a WARN (not checked); damaged, truncated or another network's is a FAIL.
 */
final class DataDirCheck {
  static final String NAME = "data";

  /** The finding, and the opened copy with its facts when the store holds a block (the caller closes it). */
  record Result(Finding finding, Optional<StoreCopy> copy, Optional<StoreCopy.Facts> facts) {}

  private DataDirCheck() {}

  static Result check(NodeConfig config, NetworkGenesis genesis) {
    Path state = config.stateDir();
    if (!Files.isDirectory(state) || isEmpty(state)) {
      return none(Finding.ok(NAME, "no state in " + state + ": empty, the node will start from genesis (block "
          + genesis.startBlock() + ")"));
    }
    StoreCopy copy;
    try {
      copy = StoreCopy.of(state);
    } catch (StoreCopy.InUse e) {
      return none(Finding.warn(NAME, e.getMessage() + ": not verified, and the checks below use the genesis instead of it",
          "run doctor with the node stopped to check its store"));
    } catch (IOException e) {
      return none(Finding.warn(NAME, "the store in " + state + " could not be copied to be verified (" + e + ")",
          "doctor verifies a copy in the temporary directory: free space there (or set -Djava.io.tmpdir) and run it again"));
    } catch (StateStoreException e) {
      return none(Finding.fail(NAME, "the store does not open: " + e.getMessage(), "the node cannot start on it: move "
          + state + " away and start from a snapshot (hivesafe run --bootstrap URL, docs/operator.md) or from genesis"));
    }
    try {
      StoreCopy.Facts facts = copy.facts();
      if (facts.lastBlock().isEmpty()) {
        copy.close();
        return none(Finding.ok(NAME, "the store in " + state + " holds no block yet: the node will start from genesis (block "
            + genesis.startBlock() + ")"));
      }
      long supply = facts.totals().orElseThrow().tokenSupply();
      if (supply != genesis.tokenSupply()) {
        copy.close();
        return none(Finding.fail(NAME, "the store in " + state + " is not of network " + genesis.network() + ": its token "
            + "supply is " + supply + ", the genesis allocates " + genesis.tokenSupply(),
            "use the data directory of this network, or an empty one"));
      }
      String recovered = facts.recovery().equals("clean") ? "" : " (the node will first recover an interrupted commit: " + facts.recovery() + ")";
      return new Result(Finding.ok(NAME, "the store in " + state + " opens and verifies: block " + facts.lastBlock().getAsLong()
          + ", digest " + facts.digest() + ", " + facts.entries() + " entries" + recovered), Optional.of(copy), Optional.of(facts));
    } catch (IllegalStateException e) {
      copy.close();
      return none(Finding.fail(NAME, "the store in " + state + " does not hold a sidechain state this node can read ("
          + e.getMessage() + ")", "move it away and start from a snapshot or from genesis"));
    }
  }

  private static Result none(Finding finding) {
    return new Result(finding, Optional.empty(), Optional.empty());
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
