package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetPacking;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds and signs transactions against a {@link DevnetChain}'s head, as a client would. */
final class DevnetWallet {
  static final SignatureScheme SCHEME = new Secp256k1Signatures();
  static final WireFormat LEGACY = WireFormat.TESTNET;
  static final WireFormat HF26 = new WireFormat(AssetPacking.HF26, LEGACY.names());
  private static final BigInteger ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private final DevnetChain chain;

  DevnetWallet(DevnetChain chain) {
    this.chain = chain;
  }

  static PrivateKey key(String account, KeyRole role) {
    return PrivateKey.fromPassword(account, role, Genesis.TEST_PASSWORD);
  }

  static AccountName name(String value) {
    return AccountName.of(value);
  }

  static Asset hive(long milli) {
    return Asset.of(milli, AssetSymbol.HIVE);
  }

  static TransferOperation transfer(String from, String to, Asset amount, String memo) {
    return new TransferOperation(name(from), name(to), amount, memo);
  }

  static CustomJsonOperation customJson(List<String> active, List<String> posting, String id, String json) {
    return new CustomJsonOperation(active.stream().map(AccountName::of).toList(), posting.stream().map(AccountName::of).toList(), id, json);
  }

  static Authority keys(long threshold, PrivateKey... members) {
    List<Authority.KeyWeight> weights = new ArrayList<>();
    for (PrivateKey member : members) {
      weights.add(new Authority.KeyWeight(member.publicKey(), 1));
    }
    return new Authority(threshold, List.of(), weights);
  }

  /** An unsigned transaction referencing the head block, expiring {@code seconds} after head time. */
  Transaction unsigned(long seconds, Operation... ops) {
    ProducedBlock head = chain.head();
    return Transaction.builder().referenceBlock(head.id()).expiration(head.timestamp().plusSeconds(seconds))
        .operations(Arrays.asList(ops)).build();
  }

  Transaction unsignedExpiringAt(Instant expiration, Operation... ops) {
    return Transaction.builder().referenceBlock(chain.head().id()).expiration(expiration).operations(Arrays.asList(ops)).build();
  }

  static Transaction sign(Transaction tx, WireFormat packing, PrivateKey... keys) {
    byte[] digest = tx.digest(ChainId.TESTNET, packing);
    List<CompactSignature> signatures = new ArrayList<>();
    for (PrivateKey key : keys) {
      signatures.add(SCHEME.sign(key, digest));
    }
    return tx.withSignatures(signatures);
  }

  /** Signed in the legacy packing (what dhive and most wallets sign), expiring in a minute. */
  Transaction signed(Operation op, PrivateKey... keys) {
    return sign(unsigned(60, op), LEGACY, keys);
  }

  /** The same signature with s replaced by n − s and the recovery id flipped: valid ECDSA, but high-S. */
  static CompactSignature highS(CompactSignature signature) {
    byte[] bytes = signature.toBytes();
    BigInteger s = ORDER.subtract(signature.s());
    byte[] sBytes = s.toByteArray();
    byte[] fixed = new byte[32];
    System.arraycopy(sBytes, Math.max(0, sBytes.length - 32), fixed, Math.max(0, 32 - sBytes.length), Math.min(32, sBytes.length));
    System.arraycopy(fixed, 0, bytes, 33, 32);
    bytes[0] = (byte) (27 + 4 + ((signature.recoveryId()) ^ 1));
    return CompactSignature.fromBytes(bytes);
  }
}
