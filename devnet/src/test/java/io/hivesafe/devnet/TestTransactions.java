package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import java.util.List;

/** Transfers between the testnet genesis accounts, signed for real against the devnet's head. */
final class TestTransactions {
  static final SignatureScheme SCHEME = new Secp256k1Signatures();

  private TestTransactions() {}

  /** {@code from} sends {@code units} thousandths of HIVE to {@code to}, signed with from's active key (legacy TESTS packing). */
  static Transaction transfer(DevnetChain chain, String from, String to, long units, String memo) {
    return transfer(chain, from, to, units, memo, 600);
  }

  /** As {@link #transfer(DevnetChain, String, String, long, String)}, expiring {@code seconds} after the head. */
  static Transaction transfer(DevnetChain chain, String from, String to, long units, String memo, long seconds) {
    ProducedBlock head = chain.head();
    Transaction tx = Transaction.builder()
        .referenceBlock(head.id())
        .expiration(head.timestamp().plusSeconds(seconds))
        .operation(new TransferOperation(AccountName.of(from), AccountName.of(to), Asset.of(units, AssetSymbol.HIVE), memo))
        .build();
    PrivateKey key = PrivateKey.fromPassword(from, KeyRole.ACTIVE, Genesis.TEST_PASSWORD);
    return tx.withSignatures(List.of(SCHEME.sign(key, tx.digest(ChainId.TESTNET, WireFormat.TESTNET))));
  }

  /** The id the devnet gives a transaction signed in legacy packing. */
  static TransactionId legacyId(Transaction tx) {
    return tx.id(WireFormat.TESTNET);
  }
}
