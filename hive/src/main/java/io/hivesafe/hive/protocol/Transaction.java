package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.CompactSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Hive transaction: TaPoS reference, expiration (whole seconds, UTC), operations and signatures.
 * Extensions are always empty on Hive and are not modelled. Immutable; build with {@link #builder()}.
 */
public record Transaction(
    int refBlockNum,
    long refBlockPrefix,
    Instant expiration,
    List<Operation> operations,
    List<CompactSignature> signatures) {

  public Transaction {
    if (refBlockNum < 0 || refBlockNum > 0xffff) {
      throw new HiveFormatException("ref_block_num must be a u16, got " + refBlockNum);
    }
    if (refBlockPrefix < 0 || refBlockPrefix > 0xffffffffL) {
      throw new HiveFormatException("ref_block_prefix must be a u32, got " + refBlockPrefix);
    }
    Objects.requireNonNull(expiration, "expiration");
    if (expiration.getNano() != 0 || expiration.getEpochSecond() < 0 || expiration.getEpochSecond() > HiveLimits.MAX_TIME_POINT_SEC) {
      throw new HiveFormatException("expiration must be whole seconds within u32, got " + expiration);
    }
    operations = List.copyOf(operations);
    signatures = List.copyOf(signatures);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The same transaction without signatures. */
  public Transaction unsigned() {
    return new Transaction(refBlockNum, refBlockPrefix, expiration, operations, List.of());
  }

  /** The same transaction with {@code extra} signatures appended. */
  public Transaction withSignatures(List<CompactSignature> extra) {
    List<CompactSignature> all = new ArrayList<>(signatures);
    all.addAll(extra);
    return new Transaction(refBlockNum, refBlockPrefix, expiration, operations, all);
  }

  /** The unsigned bytes in {@code format}, encoded once, with their id and digest. */
  public EncodedTransaction encode(WireFormat format) {
    return new EncodedTransaction(TransactionCodec.writeUnsigned(this, format));
  }

  /** The bytes that are hashed for the id and the digest (no signatures). */
  public byte[] toBytes(WireFormat format) {
    return TransactionCodec.writeUnsigned(this, format);
  }

  /** SHA-256(chain id ‖ unsigned bytes): what every signature signs. */
  public byte[] digest(ChainId chainId, WireFormat format) {
    return encode(format).digest(chainId);
  }

  /** First 20 bytes of SHA-256(unsigned bytes). */
  public TransactionId id(WireFormat format) {
    return encode(format).id();
  }

  /** Builds a transaction; TaPoS can be taken from a reference block id. */
  public static final class Builder {
    private int refBlockNum;
    private long refBlockPrefix;
    private Instant expiration;
    private final List<Operation> operations = new ArrayList<>();
    private final List<CompactSignature> signatures = new ArrayList<>();

    private Builder() {}

    public Builder refBlockNum(int value) {
      this.refBlockNum = value;
      return this;
    }

    public Builder refBlockPrefix(long value) {
      this.refBlockPrefix = value;
      return this;
    }

    public Builder referenceBlock(BlockId id) {
      this.refBlockNum = id.refBlockNum();
      this.refBlockPrefix = id.refBlockPrefix();
      return this;
    }

    public Builder expiration(Instant value) {
      this.expiration = value;
      return this;
    }

    public Builder operation(Operation op) {
      operations.add(Objects.requireNonNull(op, "operation"));
      return this;
    }

    public Builder operations(List<? extends Operation> ops) {
      ops.forEach(this::operation);
      return this;
    }

    public Builder signature(CompactSignature signature) {
      signatures.add(Objects.requireNonNull(signature, "signature"));
      return this;
    }

    public Transaction build() {
      return new Transaction(refBlockNum, refBlockPrefix, expiration, operations, signatures);
    }
  }
}
