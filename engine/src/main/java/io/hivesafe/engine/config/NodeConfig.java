package io.hivesafe.engine.config;

import io.hivesafe.engine.api.ApiConfig;
import io.hivesafe.engine.source.BlockSourceConfig;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.RpcConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's local settings (STYLE 10): the modules' own config records composed, plus what only the
 * node has — its account and where its keys come from. The genesis (consensus) is a separate file;
 * this names it. Read from a file by {@link NodeConfigFile}.
 *
 * @param genesis the network's genesis file
 * @param rpc the Hive API endpoints and the client's timeouts
 * @param source the block source's settings
 * @param account this node's Hive account; empty for a node that only follows (no reports, no signatures)
 * @param activeKey the account's active key (reports, sig_submit), present exactly with {@code account}
 * @param multisigKey the node's multisig key (signs the shared account's transactions), likewise
 * @param dataDir the state store's directory; snapshots go to {@code dataDir/snapshots}
 * @param http the API's bind address and port (its snapshots directory is {@link #snapshotDir})
 * @param snapshots how often snapshots are written and how many are kept
 */
public record NodeConfig(Path genesis, RpcConfig rpc, BlockSourceConfig source, Optional<AccountName> account,
    Optional<KeyRef> activeKey, Optional<KeyRef> multisigKey, Path dataDir, ApiConfig http, SnapshotConfig snapshots) {

  public NodeConfig {
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(rpc, "api");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(activeKey, "keys.active");
    Objects.requireNonNull(multisigKey, "keys.multisig");
    Objects.requireNonNull(dataDir, "data");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(snapshots, "snapshots");
    if (account.isPresent() && (activeKey.isEmpty() || multisigKey.isEmpty())) {
      throw new IllegalArgumentException("keys.active and keys.multisig are required when account is set");
    }
    if (account.isEmpty() && (activeKey.isPresent() || multisigKey.isPresent())) {
      throw new IllegalArgumentException("keys are given but account is not: a node without an account only follows");
    }
  }

  /** The directory snapshots are written to and served from. */
  public Path snapshotDir() {
    return dataDir.resolve("snapshots");
  }

  /** Where the state store lives (the data directory's {@code state}). */
  public Path stateDir() {
    return dataDir.resolve("state");
  }
}
