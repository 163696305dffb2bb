package io.hivesafe.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.json.StrictFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A founder's card: the account a founding node runs from, the public multisig key it made offline
 * ({@code hivesafe keys generate --chain-id … --prefix … --card FILE --network … --multisig-account …}),
 * the key's proof of possession — the node_add signature over SHA-256({@code "hivesafe:node_add:" + chain
 * id + ":" + prefix + ":" + account}), the same one a joining node posts — the account signature — the
 * account's active key's signature over SHA-256({@code "hivesafe:founder:" + chain id + ":" + prefix + ":"
 * + network + ":" + multisig account + ":" + account + ":" + key}), which binds the key to the account as
 * posting node_add from the account does, and to the one network the founders agreed on — and the chain
 * id, prefix, network name and multisig account it was made for.
 * {@code hivesafe genesis assemble} and {@code genesis verify} check both signatures and refuse a card made
 * for another network ({@link FounderCards}). A card holds nothing secret.
 */
record FounderCard(AccountName account, PublicKey key, CompactSignature proof, CompactSignature accountSignature, ChainId chainId,
    String prefix, String network, AccountName multisigAccount) {
  private static final Set<String> FIELDS = Set.of("account", "public_key", "proof", "account_signature", "chain_id", "prefix",
      "network", "multisig_account");

  FounderCard {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(key, "public_key");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(accountSignature, "account_signature");
    Objects.requireNonNull(chainId, "chain_id");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(multisigAccount, "multisig_account");
  }

  /**
   * Whether the proof is a canonical signature (the core refuses any other) by the card's key over
   * this account's node_add message on the card's chain and prefix.
   */
  boolean proves(SignatureScheme signatures) {
    return proof.isFcCanonical()
        && signatures.verify(proof, BlockApplier.nodeAddProofDigest(chainId, prefix, account.value()), key);
  }

  /**
   * The key that made the account signature, when it is canonical and recovers to one: the account's
   * active authority must hold it ({@link FounderCards#onChainProblems}).
   */
  Optional<PublicKey> accountSigner(SignatureScheme signatures) {
    if (!accountSignature.isFcCanonical()) {
      return Optional.empty();
    }
    return signatures.recover(accountSignature, BlockApplier.founderAccountDigest(chainId, prefix, network, multisigAccount.value(),
        account.value(), key));
  }

  ObjectNode toJson() {
    ObjectNode card = JsonStdio.MAPPER.createObjectNode();
    card.put("account", account.value());
    card.put("public_key", key.toString());
    card.put("proof", proof.toHex());
    card.put("account_signature", accountSignature.toHex());
    card.put("chain_id", chainId.toHex());
    card.put("prefix", prefix);
    card.put("network", network);
    card.put("multisig_account", multisigAccount.value());
    return card;
  }

  /** Reads a card file; a problem is a {@link CliFailure} naming the file and the field. */
  static FounderCard read(Path file) {
    JsonNode root;
    try {
      root = JsonStdio.MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new CliFailure("founder card " + file + " is not valid JSON: " + JsonStdio.oneLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new CliFailure("cannot read founder card " + file + ": " + e.getClass().getSimpleName(), e);
    }
    try {
      StrictFields.object(root, "card");
      StrictFields.only(root, "", FIELDS);
      return new FounderCard(
          field(root, "account", AccountName::of),
          field(root, "public_key", PublicKey::fromString),
          field(root, "proof", CompactSignature::fromHex),
          field(root, "account_signature", CompactSignature::fromHex),
          field(root, "chain_id", ChainId::fromHex),
          field(root, "prefix", text -> text),
          field(root, "network", NetworkGenesis::checkNetwork),
          field(root, "multisig_account", AccountName::of));
    } catch (IllegalArgumentException e) {
      throw new CliFailure("founder card " + file + ": " + JsonStdio.oneLine(e.getMessage()), e);
    }
  }

  private static <T> T field(JsonNode root, String name, Function<String, T> reader) {
    String text = StrictFields.text(root, name, "");
    try {
      return reader.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not valid: " + e.getMessage(), e);
    }
  }
}
