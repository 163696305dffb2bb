package io.hivesafe.hive.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.Authority;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorityLimitsTest {
  @Test
  void fortyOneMemberAuthorityRejectedAndFortyAccepted() {
    List<Authority.KeyWeight> keys = new ArrayList<>();
    for (PrivateKey key : TestChain.sortedKeys("member", 40)) {
      keys.add(new Authority.KeyWeight(key.publicKey(), 1));
    }
    Authority forty = new Authority(1, List.of(), keys);
    assertEquals(Optional.empty(), AuthorityLimits.validate(forty));

    Authority fortyOne = new Authority(1, List.of(new Authority.AccountWeight(TestChain.name("alice"), 1)), keys);
    Optional<AuthorityRejection> rejection = AuthorityLimits.validate(fortyOne);
    assertEquals(Optional.of(AuthorityReason.AUTHORITY_MEMBERSHIP_EXCEEDED), rejection.map(AuthorityRejection::reason));
    assertEquals("Authority membership exceeded. Max: 40 Current: 41", rejection.get().message());
  }
}
