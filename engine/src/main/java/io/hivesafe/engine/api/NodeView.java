package io.hivesafe.engine.api;

import io.hivesafe.engine.node.AuthorityCheck;
import io.hivesafe.engine.node.AuthorityReport;
import io.hivesafe.engine.node.CustodyCheck;
import io.hivesafe.engine.node.CustodyReport;
import io.hivesafe.engine.node.RcCheck;
import io.hivesafe.engine.node.RcStatus;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.StateStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP API and the metrics see of a running node: the network, the committed state (read
 * through {@link StateStore#read}), and the shell's live facts. Everything here is public knowledge
 * about the node — it carries no key, and nothing reachable from it hands one out (a node's identity
 * shows only as its account name).
 *
 * <p>{@link #of} makes one from a {@link SidechainNode}; tests and other shells may implement it.
 */
public interface NodeView {
  NetworkGenesis genesis();

  /** The node's committed state; read it only through {@link StateStore#read} and {@code SidechainState}'s readers. */
  StateStore store();

  /** The last block the node committed and finished with (its shell duties done). */
  long appliedBlock();

  /** The chain's head and irreversible block as the block source last saw them; empty before it asked (or for a file). */
  Optional<ChainTip> chainTip();

  BlockSource.Mode mode();

  /** True once the node's own digest differed from a tally's consensus (it then never signs). */
  boolean diverged();

  /** Why the node stopped, if a bug stopped it. */
  Optional<Throwable> failure();

  /** The account the node runs as, if it has an identity (a replay has none). */
  Optional<String> account();

  /** The last custody check, if the node runs one and one has completed. */
  Optional<CustodyReport> custody();

  /** The last authority check, if the node runs one and one has completed. */
  default Optional<AuthorityReport> authority() {
    return Optional.empty();
  }

  /** Resource credits of the node's account and the multisig account, if the node reads them (else none). */
  default List<RcStatus> resourceCredits() {
    return List.of();
  }

  /** The node's software version, as it puts in its reports. */
  String version();

  /**
   * The view of a running {@code node}: its source's tip and mode, its failure and divergence, and the
   * last report of {@code custody} when given (no authority check).
   */
  static NodeView of(SidechainNode node, NetworkGenesis genesis, String version, Optional<CustodyCheck> custody) {
    return of(node, genesis, version, custody, Optional.empty());
  }

  /** As {@link #of(SidechainNode, NetworkGenesis, String, Optional)}, with the last report of {@code authority} when given. */
  static NodeView of(SidechainNode node, NetworkGenesis genesis, String version, Optional<CustodyCheck> custody,
      Optional<AuthorityCheck> authority) {
    return of(node, genesis, version, custody, authority, Optional.empty());
  }

  /** As {@link #of(SidechainNode, NetworkGenesis, String, Optional, Optional)}, with the readings of {@code rc} when given. */
  static NodeView of(SidechainNode node, NetworkGenesis genesis, String version, Optional<CustodyCheck> custody,
      Optional<AuthorityCheck> authority, Optional<RcCheck> rc) {
    Objects.requireNonNull(rc, "rc");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(custody, "custody");
    return new NodeView() {
      @Override
      public NetworkGenesis genesis() {
        return genesis;
      }

      @Override
      public StateStore store() {
        return node.store();
      }

      @Override
      public long appliedBlock() {
        return node.lastBlock();
      }

      @Override
      public Optional<ChainTip> chainTip() {
        return node.source().chainTip();
      }

      @Override
      public BlockSource.Mode mode() {
        return node.source().mode();
      }

      @Override
      public boolean diverged() {
        return node.diverged();
      }

      @Override
      public Optional<Throwable> failure() {
        return node.failure();
      }

      @Override
      public Optional<String> account() {
        return node.identity().map(i -> i.account().value());
      }

      @Override
      public Optional<CustodyReport> custody() {
        return custody.flatMap(CustodyCheck::lastReport);
      }

      @Override
      public Optional<AuthorityReport> authority() {
        return authority.flatMap(AuthorityCheck::lastReport);
      }

      @Override
      public List<RcStatus> resourceCredits() {
        return rc.map(RcCheck::status).orElse(List.of());
      }

      @Override
      public String version() {
        return version;
      }
    };
  }
}
