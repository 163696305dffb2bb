package io.hivesafe.devnet;

import static io.hivesafe.devnet.DevnetWallet.HF26;
import static io.hivesafe.devnet.DevnetWallet.LEGACY;
import static io.hivesafe.devnet.DevnetWallet.customJson;
import static io.hivesafe.devnet.DevnetWallet.hive;
import static io.hivesafe.devnet.DevnetWallet.key;
import static io.hivesafe.devnet.DevnetWallet.keys;
import static io.hivesafe.devnet.DevnetWallet.name;
import static io.hivesafe.devnet.DevnetWallet.sign;
import static io.hivesafe.devnet.DevnetWallet.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.authority.SignatureRules;
import io.hivesafe.hive.authority.TestChain;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each broadcast rule of the devnet: a transaction that breaks it is refused with hived's message, a valid one accepted. */
class DevnetChainRulesTest {
  private static final PrivateKey ALICE_ACTIVE = key("alice", KeyRole.ACTIVE);
  private static final PrivateKey ALICE_OWNER = key("alice", KeyRole.OWNER);
  private static final PrivateKey ALICE_POSTING = key("alice", KeyRole.POSTING);

  private DevnetChain chain;
  private DevnetWallet wallet;

  @BeforeEach
  void start() {
    use(DevnetConfig.testnet());
  }

  private void use(DevnetConfig config) {
    chain = new DevnetChain(config);
    wallet = new DevnetWallet(chain);
  }

  private static void accepted(Admission admission) {
    assertTrue(admission.isAccepted(), () -> "expected acceptance, got " + admission);
  }

  private static void refused(Admission admission, String message) {
    assertFalse(admission.isAccepted(), "expected a refusal with: " + message);
    assertTrue(admission.message().contains(message), () -> "expected '" + message + "' in: " + admission.message());
  }

  private Transaction aliceTransfer(long milli) {
    return wallet.signed(transfer("alice", "bob", hive(milli), ""), ALICE_ACTIVE);
  }

  @Nested
  class Tapos {
    @Test
    void aReferenceToARecentBlockWithItsPrefixIsAccepted() {
      chain.produceBlocks(5);
      Transaction tx = Transaction.builder().referenceBlock(chain.block(3).orElseThrow().id())
          .expiration(chain.headTime().plusSeconds(60)).operation(transfer("alice", "bob", hive(1), "")).build();
      accepted(chain.broadcast(sign(tx, LEGACY, ALICE_ACTIVE)));
    }

    @Test
    void aWrongPrefixIsRefused() {
      Transaction good = wallet.unsigned(60, transfer("alice", "bob", hive(1), ""));
      Transaction bad = new Transaction(good.refBlockNum(), (good.refBlockPrefix() + 1) & 0xffffffffL, good.expiration(),
          good.operations(), List.of());
      Admission refusal = chain.broadcast(sign(bad, LEGACY, ALICE_ACTIVE));
      refused(refusal, "transaction tapos exception:");
      assertEquals("transaction_tapos_exception", refusal.error().orElseThrow().name());
      assertEquals(4030200, refusal.error().orElseThrow().code());
    }

    @Test
    void aBlockOlderThan65536BlocksNoLongerAnchorsATransaction() {
      chain.produceBlocks(3);
      Transaction old = Transaction.builder().referenceBlock(chain.block(2).orElseThrow().id())
          .expiration(chain.headTime().plusSeconds(600)).operation(transfer("alice", "bob", hive(1), "")).build();
      // block 2 + 65,536 reuses block 2's slot: hived's block_summary keeps only the newest block per low 16 bits
      chain.produceBlocks((int) (2 + 65_536 - chain.headBlockNumber()));
      Transaction late = new Transaction(old.refBlockNum(), old.refBlockPrefix(), chain.headTime().plusSeconds(60), old.operations(), List.of());
      refused(chain.broadcast(sign(late, LEGACY, ALICE_ACTIVE)), "transaction tapos exception");
      Transaction anchoredOnNewBlock = Transaction.builder().referenceBlock(chain.block(2 + 65_536).orElseThrow().id())
          .expiration(chain.headTime().plusSeconds(60)).operation(transfer("alice", "bob", hive(1), "")).build();
      assertEquals(old.refBlockNum(), anchoredOnNewBlock.refBlockNum());
      accepted(chain.broadcast(sign(anchoredOnNewBlock, LEGACY, ALICE_ACTIVE)));
    }
  }

  @Nested
  class Expiration {
    @Test
    void anExpirationAtHeadTimeIsExpired() {
      Transaction tx = wallet.unsignedExpiringAt(chain.headTime(), transfer("alice", "bob", hive(1), ""));
      Admission refusal = chain.broadcast(sign(tx, LEGACY, ALICE_ACTIVE));
      refused(refusal, "transaction expiration exception:");
      assertEquals(4030100, refusal.error().orElseThrow().code());
      accepted(chain.broadcast(sign(wallet.unsigned(1, transfer("alice", "bob", hive(1), "")), LEGACY, ALICE_ACTIVE)));
    }

    @Test
    void hf28AllowsOneDayAhead() {
      accepted(chain.broadcast(sign(wallet.unsigned(86_400, transfer("alice", "bob", hive(1), "")), LEGACY, ALICE_ACTIVE)));
      refused(chain.broadcast(sign(wallet.unsigned(86_401, transfer("alice", "bob", hive(2), "")), LEGACY, ALICE_ACTIVE)),
          "transaction expiration exception");
    }

    @Test
    void beforeHf28OneHourAheadIsTheLimit() {
      use(DevnetConfig.testnet().withRules(SignatureRules.PRE_HF28));
      accepted(chain.broadcast(sign(wallet.unsigned(3_600, transfer("alice", "bob", hive(1), "")), LEGACY, ALICE_ACTIVE)));
      refused(chain.broadcast(sign(wallet.unsigned(3_601, transfer("alice", "bob", hive(2), "")), LEGACY, ALICE_ACTIVE)),
          "transaction expiration exception");
    }
  }

  @Nested
  class Duplicates {
    @Test
    void theSameTransactionTwiceIsADuplicateBeforeAndAfterItsBlock() {
      Transaction tx = aliceTransfer(1);
      accepted(chain.broadcast(tx));
      refused(chain.broadcast(tx), "Duplicate transaction check failed");
      chain.produceBlock();
      refused(chain.broadcast(tx), "Duplicate transaction check failed");
      // signatures are not part of the id: re-signed, it is still the same transaction
      Transaction resigned = sign(tx.unsigned(), LEGACY, ALICE_ACTIVE, ALICE_OWNER);
      refused(chain.broadcast(resigned), "Duplicate transaction check failed");
    }

    @Test
    void twoSignaturesByOneKeyAreRefused() {
      Transaction tx = wallet.unsigned(60, transfer("alice", "bob", hive(1), ""));
      CompactSignature one = DevnetWallet.SCHEME.sign(ALICE_ACTIVE, tx.digest(io.hivesafe.hive.protocol.ChainId.TESTNET, LEGACY));
      Admission refusal = chain.broadcast(tx.withSignatures(List.of(one, one)));
      refused(refusal, "Duplicate signature detected");
      assertEquals("tx_duplicate_sig", refusal.error().orElseThrow().name());
      accepted(chain.broadcast(tx.withSignatures(List.of(one))));
    }

    @Test
    void aHighSSignatureIsRefused() {
      Transaction tx = wallet.unsigned(60, transfer("alice", "bob", hive(1), ""));
      byte[] digest = tx.digest(io.hivesafe.hive.protocol.ChainId.TESTNET, LEGACY);
      CompactSignature low = DevnetWallet.SCHEME.sign(ALICE_ACTIVE, digest);
      CompactSignature high = DevnetWallet.highS(low);
      assertFalse(high.isLowS());
      assertEquals(ALICE_ACTIVE.publicKey(), DevnetWallet.SCHEME.recover(high, digest).orElseThrow(), "still a valid ECDSA signature");
      refused(chain.broadcast(tx.withSignatures(List.of(high))), "signature is not canonical");
      accepted(chain.broadcast(tx.withSignatures(List.of(low))));
    }
  }

  @Nested
  class Authorities {
    @Test
    void aTransferNeedsActiveNotPosting() {
      Admission refusal = chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), ""), ALICE_POSTING));
      refused(refusal, "missing required active authority:Missing Active Authority alice");
      assertEquals(3010000, refusal.error().orElseThrow().code());
      accepted(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), ""), ALICE_ACTIVE)));
    }

    @Test
    void anUnsignedTransactionIsRefused() {
      refused(chain.broadcast(wallet.unsigned(60, transfer("alice", "bob", hive(1), ""))), "Missing Active Authority alice");
    }

    @Test
    void anOwnerChangeNeedsOwnerAndHf28NoLongerTakesOwnerForActive() {
      Operation rotate = update("alice", Optional.of(keys(1, key("alice", KeyRole.MEMO))), Optional.empty());
      refused(chain.broadcast(wallet.signed(rotate, ALICE_ACTIVE)), "Missing Owner Authority alice");
      refused(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), ""), ALICE_OWNER)), "Missing Active Authority alice");
      accepted(chain.broadcast(wallet.signed(rotate, ALICE_OWNER)));
    }

    @Test
    void beforeHf28TheOwnerKeyAlsoSatisfiesActive() {
      use(DevnetConfig.testnet().withRules(SignatureRules.PRE_HF28));
      accepted(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), ""), ALICE_OWNER)));
    }

    @Test
    void customJsonNeedsActiveForRequiredAuthsAndPostingForRequiredPostingAuths() {
      refused(chain.broadcast(wallet.signed(customJson(List.of("alice"), List.of(), "app", "{}"), ALICE_POSTING)),
          "Missing Active Authority alice");
      accepted(chain.broadcast(wallet.signed(customJson(List.of("alice"), List.of(), "app", "{}"), ALICE_ACTIVE)));
      refused(chain.broadcast(wallet.signed(customJson(List.of(), List.of("alice"), "app", "[1]"), key("bob", KeyRole.POSTING))),
          "Missing Posting Authority alice");
      accepted(chain.broadcast(wallet.signed(customJson(List.of(), List.of("alice"), "app", "[1]"), ALICE_POSTING)));
    }

    @Test
    void anAccountAuthorityOfTwoLevelsIsFollowed() {
      // carol's active trusts bob, whose active trusts alice: alice's active key moves carol's funds
      accepted(chain.broadcast(wallet.signed(update("bob", Optional.empty(), Optional.of(accounts(1, "alice"))), key("bob", KeyRole.ACTIVE))));
      accepted(chain.broadcast(wallet.signed(update("carol", Optional.empty(), Optional.of(accounts(1, "bob"))), key("carol", KeyRole.ACTIVE))));
      chain.produceBlock();
      accepted(chain.broadcast(wallet.signed(transfer("carol", "alice", hive(5), ""), ALICE_ACTIVE)));
      refused(chain.broadcast(wallet.signed(transfer("carol", "alice", hive(6), ""), key("carol", KeyRole.POSTING))),
          "Missing Active Authority carol");
    }

    @Test
    void twoOfThreeNeedsTwoAndPreHf28RefusesTheThird() {
      List<PrivateKey> signers = TestChain.sortedKeys("multisig", 3);
      Authority twoOfThree = keys(2, signers.get(0), signers.get(1), signers.get(2));
      for (SignatureRules rules : SignatureRules.values()) {
        use(DevnetConfig.testnet().withRules(rules));
        accepted(chain.broadcast(wallet.signed(update("alice", Optional.empty(), Optional.of(twoOfThree)), ALICE_ACTIVE)));
        chain.produceBlock();
        refused(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), ""), signers.get(2))), "Missing Active Authority alice");
        accepted(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(2), ""), signers.get(0), signers.get(1))));
        Admission all = chain.broadcast(wallet.signed(transfer("alice", "bob", hive(3), ""), signers.get(0), signers.get(1), signers.get(2)));
        if (rules == SignatureRules.HF28) {
          accepted(all);
        } else {
          refused(all, "Unnecessary signature(s) detected");
          assertEquals("tx_irrelevant_sig", all.error().orElseThrow().name());
        }
      }
    }

    @Test
    void anAuthorityOfMoreThan40MembersIsRefused() {
      List<PrivateKey> members = TestChain.sortedKeys("member", 41);
      Authority big = keys(1, members.toArray(PrivateKey[]::new));
      Authority forty = keys(1, members.subList(0, 40).toArray(PrivateKey[]::new));
      refused(chain.broadcast(wallet.signed(update("alice", Optional.empty(), Optional.of(big)), ALICE_ACTIVE)),
          "Authority membership exceeded. Max: 40 Current: 41");
      accepted(chain.broadcast(wallet.signed(update("alice", Optional.empty(), Optional.of(forty)), ALICE_ACTIVE)));
    }

    @Test
    void unknownAccountsAreRefused() {
      refused(chain.broadcast(wallet.signed(transfer("zed", "bob", hive(1), ""), ALICE_ACTIVE)), "unknown key:unknown key: ");
      refused(chain.broadcast(wallet.signed(transfer("alice", "zed", hive(1), ""), ALICE_ACTIVE)),
          "Assert Exception:_account != nullptr && \"By name\": Account zed doesn't exist");
      refused(chain.broadcast(wallet.signed(update("alice", Optional.empty(), Optional.of(accounts(1, "zed"))), ALICE_ACTIVE)),
          "New active authority on account alice references non-existing account zed");
    }
  }

  @Nested
  class CustomJsonLimits {
    @Test
    void theIdIsAtMost32Bytes() {
      // hived's custom_id_type is a fixed_string<32>: its parser refuses a longer id, so no transaction can hold one
      // (JsonRpcServerTest: the broadcast of one is a parse error).
      assertThrows(HiveFormatException.class, () -> customJson(List.of("alice"), List.of(), "x".repeat(33), "{}"));
      accepted(chain.broadcast(wallet.signed(customJson(List.of("alice"), List.of(), "x".repeat(32), "{}"), ALICE_ACTIVE)));
    }

    @Test
    void theJsonIsAtMost8192BytesAndValid() {
      String big = "\"" + "a".repeat(8_191) + "\"";
      refused(chain.broadcast(wallet.signed(customJson(List.of("alice"), List.of(), "app", big), ALICE_ACTIVE)),
          "Operation JSON must be less than 8192 bytes.");
      String largest = "\"" + "a".repeat(8_190) + "\"";
      assertEquals(8_192, largest.length());
      accepted(chain.broadcast(wallet.signed(customJson(List.of("alice"), List.of(), "app", largest), ALICE_ACTIVE)));
      for (String bad : List.of("{", "{\"a\":1}x", "", "{a:1}", "[1,]")) {
        refused(chain.broadcast(wallet.signed(customJson(List.of("alice"), List.of(), "app", bad), ALICE_ACTIVE)), "JSON is not valid JSON");
      }
    }

    @Test
    void atMostFiveCustomOperationsPerAccountPerBlock() {
      for (int i = 0; i < 5; i++) {
        accepted(chain.broadcast(wallet.signed(customJson(List.of("alice"), List.of(), "app", "[" + i + "]"), ALICE_ACTIVE)));
      }
      Transaction sixth = wallet.signed(customJson(List.of("alice"), List.of(), "app", "[5]"), ALICE_ACTIVE);
      refused(chain.broadcast(sixth), "Account alice already submitted 5 custom json operation(s) this block.");
      accepted(chain.broadcast(wallet.signed(customJson(List.of("bob"), List.of(), "app", "[5]"), key("bob", KeyRole.ACTIVE))));
      chain.produceBlock();
      accepted(chain.broadcast(sixth));
    }
  }

  @Test
  void aTransactionWithoutOperationsIsRefusedAsHivedsValidateDoes() {
    refused(chain.broadcast(sign(wallet.unsigned(60), LEGACY, ALICE_ACTIVE)), "A transaction must have at least one operation");
    assertEquals(0, chain.pendingCount());
  }

  @Nested
  class Transfers {
    @Test
    void theMemoIsAtMost2047Bytes() {
      refused(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), "é".repeat(1_024)), ALICE_ACTIVE)),
          "String is too large. Size: 2048, Max: 2047");
      accepted(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), "m".repeat(2_047)), ALICE_ACTIVE)));
    }

    @Test
    void theAmountIsPositiveAndNotVests() {
      refused(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(0), ""), ALICE_ACTIVE)), "Asset amount must be greater than zero");
      refused(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(-5), ""), ALICE_ACTIVE)), "Asset amount must be greater than zero");
      refused(chain.broadcast(wallet.signed(transfer("alice", "bob", Asset.of(1, AssetSymbol.VESTS), ""), ALICE_ACTIVE)),
          "Asset cannot be of VESTS type");
      accepted(chain.broadcast(wallet.signed(transfer("alice", "bob", Asset.of(1, AssetSymbol.HBD), ""), ALICE_ACTIVE)));
    }

    @Test
    void theBalanceMustCoverTheAmountAndARefusalChangesNothing() {
      Asset before = chain.account(name("alice")).orElseThrow().hive();
      refused(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(before.amount() + 1), ""), ALICE_ACTIVE)), "Insufficient HIVE funds");
      assertEquals(before, chain.account(name("alice")).orElseThrow().hive());
      accepted(chain.broadcast(wallet.signed(transfer("alice", "bob", before, ""), ALICE_ACTIVE)));
      assertEquals(0, chain.account(name("alice")).orElseThrow().hive().amount());
      assertEquals(2 * before.amount(), chain.account(name("bob")).orElseThrow().hive().amount());
    }

    @Test
    void aFailingSecondOperationUndoesTheFirst() {
      Asset bobBefore = chain.account(name("bob")).orElseThrow().hive();
      Transaction tx = sign(wallet.unsigned(60, transfer("alice", "bob", hive(10), ""), transfer("alice", "zed", hive(1), "")), LEGACY, ALICE_ACTIVE);
      refused(chain.broadcast(tx), "Account zed doesn't exist");
      assertEquals(bobBefore, chain.account(name("bob")).orElseThrow().hive());
    }
  }

  @Nested
  class OwnerUpdates {
    @Test
    void twoOwnerUpdatesAnHourThenTheThirdWaits() {
      PrivateKey first = PrivateKey.fromSeed("owner-1");
      PrivateKey second = PrivateKey.fromSeed("owner-2");
      PrivateKey third = PrivateKey.fromSeed("owner-3");
      accepted(chain.broadcast(wallet.signed(update("alice", Optional.of(keys(1, first)), Optional.empty()), ALICE_OWNER)));
      chain.produceBlock();
      accepted(chain.broadcast(wallet.signed(update2("alice", Optional.of(keys(1, second))), first)));
      chain.produceBlock();
      Admission third1 = chain.broadcast(wallet.signed(update("alice", Optional.of(keys(1, third)), Optional.empty()), second));
      refused(third1, "Owner authority can only be updated twice an hour.");
      chain.produceBlocks(1_200); // one hour of chain time
      accepted(chain.broadcast(wallet.signed(update("alice", Optional.of(keys(1, third)), Optional.empty()), second)));
      assertEquals(keys(1, third), chain.account(name("alice")).orElseThrow().owner());
    }
  }

  @Nested
  class Size {
    @Test
    void aTransactionLargerThanTheBlockSizeLess256IsRefused() {
      String json = "\"" + "a".repeat(8_000) + "\"";
      List<Operation> ops = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        ops.add(customJson(List.of(), List.of("alice"), "app", json));
      }
      Admission refusal = chain.broadcast(sign(wallet.unsigned(60, ops.toArray(Operation[]::new)), LEGACY, ALICE_POSTING));
      refused(refusal, "Transaction too large - size = ");
      assertTrue(refusal.message().contains("limit 65280"), refusal.message());
      accepted(chain.broadcast(sign(wallet.unsigned(60, ops.subList(0, 5).toArray(Operation[]::new)), LEGACY, ALICE_POSTING)));
    }
  }

  @Nested
  class Packings {
    @Test
    void bothPackingsAreAcceptedAndTheIdFollowsTheOneSigned() {
      Transaction unsigned = wallet.unsigned(60, transfer("alice", "bob", hive(7), "p"));
      Admission legacy = chain.broadcast(sign(unsigned, LEGACY, ALICE_ACTIVE));
      accepted(legacy);
      assertEquals(unsigned.id(LEGACY), legacy.id().orElseThrow());
      Admission hf26 = chain.broadcast(sign(unsigned, HF26, ALICE_ACTIVE));
      accepted(hf26);
      assertEquals(unsigned.id(HF26), hf26.id().orElseThrow());
      assertNotEquals(legacy.id(), hf26.id(), "an asset packs differently, so the ids differ");
    }

    @Test
    void aSignatureOverNeitherPackingNamesBothInTheRefusal() {
      Transaction tx = wallet.unsigned(60, transfer("alice", "bob", hive(7), ""));
      Transaction wrongChain = tx.withSignatures(List.of(DevnetWallet.SCHEME.sign(ALICE_ACTIVE,
          tx.digest(io.hivesafe.hive.protocol.ChainId.MAINNET, LEGACY))));
      Admission refusal = chain.broadcast(wrongChain);
      refused(refusal, "missing required active authority:Missing Active Authority alice");
      assertTrue(refusal.message().endsWith("Transaction failed to validate using both new (hf26) and legacy serialization"));
    }
  }

  @Nested
  class DroppedBroadcasts {
    @Test
    void aDroppedTransactionIsAnsweredButNeverAppliedOrRemembered() {
      Asset before = chain.account(name("alice")).orElseThrow().hive();
      Transaction tx = aliceTransfer(100);
      accepted(chain.broadcast(tx, false));
      assertEquals(before, chain.account(name("alice")).orElseThrow().hive());
      ProducedBlock next = chain.produceBlock();
      assertTrue(next.transactions().isEmpty());
      Admission again = chain.broadcast(tx);
      accepted(again);
      assertEquals(before.minus(hive(100)), chain.account(name("alice")).orElseThrow().hive());
    }

    @Test
    void anAimedLossDropsOnlyTheTransactionsItMatchesUntilItIsLifted() {
      Asset before = chain.account(name("alice")).orElseThrow().hive();
      chain.loseBroadcasts(tx -> tx.operations().get(0) instanceof TransferOperation
          && ((TransferOperation) tx.operations().get(0)).amount().equals(hive(100)));
      accepted(chain.broadcast(aliceTransfer(100)));
      accepted(chain.broadcast(aliceTransfer(7)));
      assertEquals(1, chain.produceBlock().transactions().size(), "only the 7 landed");
      assertEquals(before.minus(hive(7)), chain.account(name("alice")).orElseThrow().hive());
      chain.loseBroadcasts(tx -> false);
      accepted(chain.broadcast(aliceTransfer(100)));
      assertEquals(before.minus(hive(107)), chain.account(name("alice")).orElseThrow().hive());
    }
  }

  static Operation update(String account, Optional<Authority> owner, Optional<Authority> active) {
    return new AccountUpdateOperation(name(account), owner, active, Optional.empty(), Optional.empty(), "");
  }

  static Operation update2(String account, Optional<Authority> owner) {
    return new AccountUpdate2Operation(name(account), owner, Optional.empty(), Optional.empty(), Optional.empty(), "", "");
  }

  static Authority accounts(long threshold, String... members) {
    return TestChain.accounts(threshold, members);
  }
}
