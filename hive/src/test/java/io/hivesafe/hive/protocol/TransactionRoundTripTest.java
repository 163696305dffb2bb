package io.hivesafe.hive.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded randomized round trips through every encoding, and mutation of the bytes. */
class TransactionRoundTripTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<WireFormat> FORMATS = List.of(WireFormat.MAINNET, WireFormat.TESTNET, WireFormat.HF26);

  @Test
  void binaryAndJsonRoundTripsSeed11() throws Exception {
    RandomTransactions generator = new RandomTransactions(11);
    PrivateKey signer = PrivateKey.fromSeed("round-trip");
    Secp256k1Signatures signatures = new Secp256k1Signatures();
    for (int i = 0; i < 1_000; i++) {
      Transaction unsigned = generator.next();
      Transaction tx = unsigned.withSignatures(List.of(signatures.sign(signer, unsigned.digest(ChainId.MAINNET, WireFormat.MAINNET))));
      for (WireFormat format : FORMATS) {
        byte[] signed = TransactionCodec.writeSigned(tx, format);
        assertEquals(tx, TransactionCodec.readSigned(signed, format));
        assertEquals(tx.unsigned(), TransactionCodec.readUnsigned(tx.toBytes(format), format));
      }
      for (JsonForm form : JsonForm.values()) {
        for (SymbolNames names : SymbolNames.values()) {
          String json = MAPPER.writeValueAsString(TransactionJson.write(tx, form, names));
          assertEquals(tx, TransactionJson.read(MAPPER.readTree(json)), json);
        }
      }
    }
  }

  @Test
  void jsonFormsGiveTheSameBytes() {
    RandomTransactions generator = new RandomTransactions(12);
    for (int i = 0; i < 200; i++) {
      Transaction tx = generator.next();
      JsonNode legacy = TransactionJson.write(tx, JsonForm.LEGACY, SymbolNames.MAINNET);
      JsonNode hf26 = TransactionJson.write(tx, JsonForm.HF26, SymbolNames.MAINNET);
      assertArrayEquals(TransactionJson.read(legacy).toBytes(WireFormat.MAINNET), TransactionJson.read(hf26).toBytes(WireFormat.MAINNET));
    }
  }

  /** Seed 13: flipped, truncated or extended bytes decode to a valid value or fail with HiveFormatException only. */
  @Test
  void mutatedBytesFailOnlyWithTheDeclaredExceptionSeed13() {
    RandomTransactions generator = new RandomTransactions(13);
    Random random = new Random(13);
    int rejected = 0;
    for (int i = 0; i < 3_000; i++) {
      WireFormat format = FORMATS.get(random.nextInt(FORMATS.size()));
      byte[] original = generator.next().toBytes(format);
      byte[] bytes = switch (random.nextInt(3)) {
        case 0 -> java.util.Arrays.copyOf(original, random.nextInt(original.length));
        case 1 -> java.util.Arrays.copyOf(original, original.length + 1 + random.nextInt(4));
        default -> {
          byte[] copy = original.clone();
          copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
          yield copy;
        }
      };
      byte[] before = bytes.clone();
      try {
        Transaction decoded = TransactionCodec.readUnsigned(bytes, format);
        assertArrayEquals(bytes, decoded.toBytes(format), "whatever decodes re-encodes to the same bytes");
      } catch (HiveFormatException expected) {
        rejected++;
      } catch (RuntimeException other) {
        fail("undeclared " + other + " for " + java.util.HexFormat.of().formatHex(bytes), other);
      }
      assertArrayEquals(before, bytes, "the caller's buffer is untouched");
    }
    assertEquals(true, rejected > 1_000, "most mutations are rejected: " + rejected);
  }

  @Test
  void nonMinimalVarintIsRejected() {
    byte[] bytes = java.util.HexFormat.of().parseHex("0100" + "00000000" + "00000000" + "8000" + "00");
    HiveFormatException e = assertThrows(HiveFormatException.class, () -> TransactionCodec.readUnsigned(bytes, WireFormat.MAINNET));
    assertEquals(true, e.getMessage().contains("non-minimal"), e.getMessage());
  }

  @Test
  void unknownOperationCannotBeSerialized() {
    Transaction tx = Transaction.builder().expiration(java.time.Instant.EPOCH)
        .operation(new OtherOperation("vote", MAPPER.createObjectNode().put("voter", "alice"))).build();
    HiveFormatException e = assertThrows(HiveFormatException.class, () -> tx.toBytes(WireFormat.MAINNET));
    assertEquals(true, e.getMessage().contains("vote"), e.getMessage());
  }

  @Test
  void loneSurrogateInMemoIsRefused() {
    Transaction tx = Transaction.builder().expiration(java.time.Instant.EPOCH)
        .operation(new TransferOperation(AccountName.of("alice"), AccountName.of("bob"), Asset.parse("1.000 HIVE"), "bad \ud800"))
        .build();
    assertThrows(HiveFormatException.class, () -> tx.toBytes(WireFormat.MAINNET));
  }
}
