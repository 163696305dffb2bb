package io.hivesafe.engine.doctor;

import io.hivesafe.hive.rpc.EndpointText;
import io.hivesafe.engine.service.ChainIdCheck;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Every API endpoint of the config answers, and serves the genesis's chain: one line per endpoint. An
 * endpoint of another chain is a FAIL even when the others are right: the node fails over between them
 * and would follow (and sign for) whichever answers. The comparison is the chain id of
 * database_api.get_config against the genesis's, as {@link ChainIdCheck} makes it for {@code run}, whose
 * refusal line this check prints.
 */
final class EndpointCheck {
  static final String NAME = "api";

  private EndpointCheck() {}

  static List<Finding> check(List<EndpointReading> readings, ChainId genesisChain) {
    List<Finding> out = new ArrayList<>();
    for (EndpointReading r : readings) {
      if (!r.answered()) {
        out.add(Finding.fail(NAME, EndpointText.of(r.endpoint()) + " does not answer (" + r.failure().get() + ")",
            "check the URL, the network and that the API node runs; every listed endpoint should work"));
      } else if (!onChain(r, genesisChain)) {
        // run's own refusal, word for word (ChainIdCheck): the preflight says what run would say
        out.add(Finding.fail(NAME, new ChainIdCheck.Other(r.endpoint(), r.chain().get().chainId(), genesisChain).line(),
            "a node must never follow or sign for another chain: hivesafe run refuses to start with it"));
      } else {
        DynamicGlobalProperties p = r.properties().get();
        out.add(Finding.ok(NAME, EndpointText.of(r.endpoint()) + " answers on chain " + genesisChain.toHex() + ": head block "
            + p.headBlockNumber() + " at " + p.time() + ", irreversible block " + p.lastIrreversibleBlockNum()));
      }
    }
    return out;
  }

  /** Whether the endpoint answered and serves {@code chain}. */
  static boolean onChain(EndpointReading r, ChainId chain) {
    return r.answered() && r.chain().get().chainId().equals(chain);
  }
}
