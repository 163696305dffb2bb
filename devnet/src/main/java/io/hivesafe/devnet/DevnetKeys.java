package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The devnet's well-known keys: private keys anyone can compute from this source, so anything they sign
 * anyone could have signed. Three conventions make them:
 * <ul>
 *   <li>hived's testnet init key, SHA-256("init_key"): {@code initminer}'s four keys, and the key that
 *       signs every devnet block;
 *   <li>the password keys of the password {@value #TEST_PASSWORD}, as every Hive wallet derives them
 *       ({@code alice}, {@code bob} and {@code carol} of {@link Genesis#testnet()});
 *   <li>the test kit's keys, SHA-256("traffic:" + account + ":" + role), for its users and nodes
 *       ({@code user0…}, {@code node0…}: the demo's, the end-to-end tests', the simulator's, the benchmarks').
 * </ul>
 * They belong on the devnet's chain, hived's testnet chain id {@link #CHAIN_ID}, and nowhere else: a
 * node refuses them on any other chain (docs/devnet.md, "Well-known keys").
 */
public final class DevnetKeys {
  /** The devnet's chain: hived's testnet chain id, {@link Genesis#testnet()}'s. */
  public static final ChainId CHAIN_ID = ChainId.TESTNET;
  /** hived's testnet key: SHA-256("init_key"). */
  public static final PrivateKey INIT_KEY = PrivateKey.fromSeed("init_key");
  /** The password of the devnet's named accounts. */
  public static final String TEST_PASSWORD = "password";
  /** The test kit's key roles: an account's four and a node's multisig key. */
  public static final List<String> TEST_KIT_ROLES = List.of("owner", "active", "posting", "memo", "multisig");
  /**
   * How many of the test kit's {@code userN} and {@code nodeN} accounts are known by name ({@code user0}
   * to {@code user39}, {@code node0} to {@code node39}; a network has at most 40 signers).
   */
  public static final int TEST_KIT_ACCOUNTS = 40;
  private static final List<String> NAMED = List.of("initminer", "alice", "bob", "carol");

  private DevnetKeys() {}

  /** {@code account}'s key for {@code role} from the password {@value #TEST_PASSWORD}. */
  public static PrivateKey passwordKey(String account, KeyRole role) {
    return PrivateKey.fromPassword(account, role, TEST_PASSWORD);
  }

  /** The test kit's key of {@code account} for {@code role} (one of {@link #TEST_KIT_ROLES}, or its own). */
  public static PrivateKey testKitKey(String account, String role) {
    return PrivateKey.fromSeed("traffic:" + account + ":" + role);
  }

  /** Whether {@code chainId} is the devnet's, the one chain where the well-known keys belong. */
  public static boolean isDevnetChain(ChainId chainId) {
    return CHAIN_ID.equals(chainId);
  }

  /**
   * The well-known public keys, each with what it is: the init key; the password keys of initminer,
   * alice, bob and carol; the test kit keys of user0…user39 and node0…node39; and the password keys and
   * test kit keys of {@code accounts} (the accounts a node knows it deals with: its own, the genesis
   * nodes', the multisig account).
   */
  public static Map<PublicKey, String> wellKnown(Collection<AccountName> accounts) {
    Map<PublicKey, String> keys = new HashMap<>(Fixed.KEYS);
    TreeSet<String> names = new TreeSet<>();
    accounts.forEach(a -> names.add(a.value()));
    for (String name : names) {
      addPasswordKeys(keys, name);
      addTestKitKeys(keys, name);
    }
    return keys;
  }

  /** What {@code key} is if it is one of {@link #wellKnown}{@code (accounts)}. */
  public static Optional<String> describe(PublicKey key, Collection<AccountName> accounts) {
    return Optional.ofNullable(wellKnown(accounts).get(key));
  }

  private static void addPasswordKeys(Map<PublicKey, String> keys, String account) {
    for (KeyRole role : KeyRole.values()) {
      keys.putIfAbsent(passwordKey(account, role).publicKey(),
          account + "'s " + role.label() + " key from the password \"" + TEST_PASSWORD + "\"");
    }
  }

  private static void addTestKitKeys(Map<PublicKey, String> keys, String account) {
    for (String role : TEST_KIT_ROLES) {
      keys.putIfAbsent(testKitKey(account, role).publicKey(), "the test kit's " + role + " key of " + account);
    }
  }

  /** The keys known without a name from the caller, computed once. */
  private static final class Fixed {
    static final Map<PublicKey, String> KEYS = compute();

    private static Map<PublicKey, String> compute() {
      Map<PublicKey, String> keys = new HashMap<>();
      keys.put(INIT_KEY.publicKey(), "hived's testnet init key, initminer's");
      for (String name : NAMED) {
        addPasswordKeys(keys, name);
      }
      for (int i = 0; i < TEST_KIT_ACCOUNTS; i++) {
        addTestKitKeys(keys, "user" + i);
        addTestKitKeys(keys, "node" + i);
      }
      return Map.copyOf(keys);
    }
  }
}
