package io.hivesafe.hive.codec;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * transaction: u16 ref_block_num, u32 ref_block_prefix, u32 expiration, operations (varint count),
 * extensions (always an empty set: 00); a signed transaction appends signatures (varint count of 65
 * bytes each).
 */
public final class TransactionCodec {
  private TransactionCodec() {}

  public static byte[] writeUnsigned(Transaction tx, WireFormat format) {
    HiveWriter out = new HiveWriter();
    writeBody(out, tx, format);
    return out.toBytes();
  }

  public static byte[] writeSigned(Transaction tx, WireFormat format) {
    HiveWriter out = new HiveWriter();
    writeBody(out, tx, format);
    out.varint(tx.signatures().size());
    for (CompactSignature signature : tx.signatures()) {
      out.bytes(signature.toBytes());
    }
    return out.toBytes();
  }

  private static void writeBody(HiveWriter out, Transaction tx, WireFormat format) {
    out.u16(tx.refBlockNum());
    out.u32(tx.refBlockPrefix());
    out.u32(tx.expiration().getEpochSecond());
    out.varint(tx.operations().size());
    for (Operation op : tx.operations()) {
      OperationCodec.write(out, op, format);
    }
    out.varint(0);
  }

  /** Decodes unsigned transaction bytes; every byte must be used. */
  public static Transaction readUnsigned(byte[] bytes, WireFormat format) {
    HiveReader in = new HiveReader(bytes);
    Transaction tx = readBody(in, format);
    in.expectEnd();
    return tx;
  }

  /** Decodes signed transaction bytes; every byte must be used. */
  public static Transaction readSigned(byte[] bytes, WireFormat format) {
    HiveReader in = new HiveReader(bytes);
    Transaction body = readBody(in, format);
    int n = in.count(CompactSignature.LENGTH);
    List<CompactSignature> signatures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      signatures.add(CompactSignature.fromBytes(in.bytes(CompactSignature.LENGTH)));
    }
    in.expectEnd();
    return body.withSignatures(signatures);
  }

  private static Transaction readBody(HiveReader in, WireFormat format) {
    int refBlockNum = in.u16();
    long refBlockPrefix = in.u32();
    Instant expiration = Instant.ofEpochSecond(in.u32());
    int n = in.count(2);
    List<Operation> operations = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      operations.add(OperationCodec.read(in, format));
    }
    if (in.varint32() != 0) {
      throw new HiveFormatException("transaction extensions must be empty");
    }
    return new Transaction(refBlockNum, refBlockPrefix, expiration, operations, List.of());
  }
}
