package io.hivesafe.hive.codec;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * operation: varint id, then the fields in hived's declaration order. Reading dispatches through an
 * explicit table keyed by id; an operation Hivesafe does not model cannot be written or read.
 */
public final class OperationCodec {
  private interface Reader {
    Operation read(HiveReader in, WireFormat format);
  }

  private static final Map<Integer, Reader> READERS =
      Map.of(
          TransferOperation.ID, OperationCodec::readTransfer,
          AccountUpdateOperation.ID, OperationCodec::readAccountUpdate,
          CustomJsonOperation.ID, OperationCodec::readCustomJson,
          AccountUpdate2Operation.ID, OperationCodec::readAccountUpdate2);

  private static final byte[] NULL_KEY = new byte[33];

  private OperationCodec() {}

  public static void write(HiveWriter out, Operation operation, WireFormat format) {
    if (operation instanceof TransferOperation t) {
      out.varint(TransferOperation.ID);
      out.string(t.from().value());
      out.string(t.to().value());
      AssetCodec.write(out, t.amount(), format);
      out.string(t.memo());
    } else if (operation instanceof AccountUpdateOperation u) {
      out.varint(AccountUpdateOperation.ID);
      out.string(u.account().value());
      AuthorityCodec.writeOptional(out, u.owner());
      AuthorityCodec.writeOptional(out, u.active());
      AuthorityCodec.writeOptional(out, u.posting());
      out.bytes(u.memoKey().map(PublicKey::toBytes).orElse(NULL_KEY));
      out.string(u.jsonMetadata());
    } else if (operation instanceof CustomJsonOperation c) {
      out.varint(CustomJsonOperation.ID);
      writeNames(out, c.requiredAuths());
      writeNames(out, c.requiredPostingAuths());
      out.string(c.id());
      out.string(c.json());
    } else if (operation instanceof AccountUpdate2Operation u) {
      out.varint(AccountUpdate2Operation.ID);
      out.string(u.account().value());
      AuthorityCodec.writeOptional(out, u.owner());
      AuthorityCodec.writeOptional(out, u.active());
      AuthorityCodec.writeOptional(out, u.posting());
      out.optionalPresent(u.memoKey().isPresent());
      u.memoKey().ifPresent(key -> out.bytes(key.toBytes()));
      out.string(u.jsonMetadata());
      out.string(u.postingJsonMetadata());
      out.varint(0);
    } else {
      throw new HiveFormatException(
          "cannot serialize operation '" + operation.name() + "': Hivesafe does not model it");
    }
  }

  public static Operation read(HiveReader in, WireFormat format) {
    int offset = in.position();
    long id = in.varint32();
    Reader reader = READERS.get((int) id);
    if (reader == null) {
      throw new HiveFormatException("operation id " + id + " at offset " + offset + " is not one Hivesafe decodes");
    }
    return reader.read(in, format);
  }

  private static Operation readTransfer(HiveReader in, WireFormat format) {
    AccountName from = AuthorityCodec.readAccount(in);
    AccountName to = AuthorityCodec.readAccount(in);
    return new TransferOperation(from, to, AssetCodec.read(in, format), in.string());
  }

  private static Operation readAccountUpdate(HiveReader in, WireFormat format) {
    AccountName account = AuthorityCodec.readAccount(in);
    var owner = AuthorityCodec.readOptional(in);
    var active = AuthorityCodec.readOptional(in);
    var posting = AuthorityCodec.readOptional(in);
    byte[] memo = in.bytes(33);
    Optional<PublicKey> memoKey = PublicKey.isNullKey(memo) ? Optional.empty() : Optional.of(PublicKey.fromBytes(memo));
    return new AccountUpdateOperation(account, owner, active, posting, memoKey, in.string());
  }

  private static Operation readCustomJson(HiveReader in, WireFormat format) {
    List<AccountName> auths = readNames(in);
    List<AccountName> postingAuths = readNames(in);
    CustomJsonOperation op = new CustomJsonOperation(auths, postingAuths, in.string(), in.string());
    if (!op.requiredAuths().equals(auths) || !op.requiredPostingAuths().equals(postingAuths)) {
      throw new HiveFormatException("custom_json account sets are not sorted and duplicate-free");
    }
    return op;
  }

  private static Operation readAccountUpdate2(HiveReader in, WireFormat format) {
    AccountName account = AuthorityCodec.readAccount(in);
    var owner = AuthorityCodec.readOptional(in);
    var active = AuthorityCodec.readOptional(in);
    var posting = AuthorityCodec.readOptional(in);
    Optional<PublicKey> memoKey = in.optionalPresent() ? Optional.of(PublicKey.fromBytes(in.bytes(33))) : Optional.empty();
    String json = in.string();
    String postingJson = in.string();
    if (in.varint32() != 0) {
      throw new HiveFormatException("account_update2 extensions are not supported");
    }
    return new AccountUpdate2Operation(account, owner, active, posting, memoKey, json, postingJson);
  }

  private static void writeNames(HiveWriter out, List<AccountName> names) {
    out.varint(names.size());
    for (AccountName name : names) {
      out.string(name.value());
    }
  }

  private static List<AccountName> readNames(HiveReader in) {
    int n = in.count(4);
    List<AccountName> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(AuthorityCodec.readAccount(in));
    }
    return names;
  }
}
