package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hivesafe.hive.protocol.AccountName;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code propose} {"action": "payout", "to", "amount", "asset", "memo"?} | {"action": "param", "name",
 * "value"} | {"action": "remove_node", "account"}, each with "deadline" (blocks from now the proposal
 * stays open) and "activation" (blocks from passing to execution, 0 = the next block).
 */
public record ProposeOp(Action action, long deadline, long activation) implements SidechainOp {
  /** The largest deadline or activation any network allows (the range of max_proposal_blocks). */
  static final long MAX_BLOCKS = 10_000_000;

  public ProposeOp {
    if (action == null || deadline < 1 || deadline > MAX_BLOCKS || activation < 0 || activation > MAX_BLOCKS) {
      throw new IllegalArgumentException("a proposal needs an action, a deadline in [1, " + MAX_BLOCKS + "] and an activation in [0, "
          + MAX_BLOCKS + "]");
    }
  }

  @Override
  public String name() {
    return "propose";
  }

  /** What a proposal does when it passes. */
  public sealed interface Action permits PayoutAction, ParamAction, RemoveNodeAction {
    /** Its name in the JSON and in state. */
    String kind();

    /** Its arguments as stored in the proposal, by name. */
    SortedMap<String, String> args();
  }

  /** Pays {@code amount} of {@code asset} from the treasury to {@code to}. */
  public record PayoutAction(String to, long amount, PeggedAsset asset, String memo) implements Action {
    public PayoutAction {
      AccountName.of(to);
      OpAmounts.check(amount);
      if (asset == null) {
        throw new IllegalArgumentException("a payout names HIVE or HBD");
      }
      OpAmounts.checkMemo(memo);
    }

    @Override
    public String kind() {
      return GovernanceOperations.PAYOUT;
    }

    @Override
    public SortedMap<String, String> args() {
      TreeMap<String, String> m = new TreeMap<>();
      m.put("to", to);
      m.put("amount", Long.toString(amount));
      m.put("asset", asset.name());
      m.put("memo", memo);
      return m;
    }
  }

  /** Sets network parameter {@code name} to {@code value} (an integer, or a fraction "num/den" for the thresholds). */
  public record ParamAction(String name, String value) implements Action {
    public ParamAction {
      if (!NetworkParams.names().contains(name)) {
        throw new IllegalArgumentException("no parameter " + name);
      }
    }

    @Override
    public String kind() {
      return GovernanceOperations.PARAM;
    }

    @Override
    public SortedMap<String, String> args() {
      TreeMap<String, String> m = new TreeMap<>();
      m.put("name", name);
      m.put("value", value);
      return m;
    }
  }

  /** Removes node {@code account}. */
  public record RemoveNodeAction(String account) implements Action {
    public RemoveNodeAction {
      AccountName.of(account);
    }

    @Override
    public String kind() {
      return GovernanceOperations.REMOVE_NODE;
    }

    @Override
    public SortedMap<String, String> args() {
      TreeMap<String, String> m = new TreeMap<>();
      m.put("account", account);
      return m;
    }
  }

  static final SidechainOpCodec<ProposeOp> CODEC = new SidechainOpCodec<>() {
    private final List<String> actionFields = List.of("to", "amount", "asset", "memo", "name", "value", "account");

    @Override
    public Set<String> fields() {
      return Set.of("action", "to", "amount", "asset", "memo", "name", "value", "account", "deadline", "activation");
    }

    @Override
    public ProposeOp read(OpArgs in) throws OpRejected {
      String kind = in.text("action", 16);
      Action action;
      switch (kind) {
        case GovernanceOperations.PAYOUT:
          only(in, Set.of("to", "amount", "asset", "memo"));
          action = payout(in);
          break;
        case GovernanceOperations.PARAM:
          only(in, Set.of("name", "value"));
          action = param(in);
          break;
        case GovernanceOperations.REMOVE_NODE:
          only(in, Set.of("account"));
          action = new RemoveNodeAction(in.account("account"));
          break;
        default:
          throw new OpRejected(ReasonCode.ACTION_UNKNOWN, kind);
      }
      return new ProposeOp(action, in.integer("deadline", 1, MAX_BLOCKS), in.integer("activation", 0, MAX_BLOCKS));
    }

    private PayoutAction payout(OpArgs in) throws OpRejected {
      String to = in.account("to");
      long amount = in.amount("amount");
      PeggedAsset asset = in.asset("asset");
      return new PayoutAction(to, amount, asset, in.memo("memo"));
    }

    private ParamAction param(OpArgs in) throws OpRejected {
      String name = in.text("name", 32);
      if (!NetworkParams.names().contains(name)) {
        throw new OpRejected(ReasonCode.PARAM_UNKNOWN, name);
      }
      if (NetworkParams.isFraction(name)) {
        String value = in.text("value", 19);
        try {
          Fraction f = Fraction.parse(value);
          if (!f.overHalf() || !f.atMostOne()) {
            throw new OpRejected(ReasonCode.FRACTION_INVALID, name);
          }
        } catch (IllegalArgumentException e) {
          throw new OpRejected(ReasonCode.FRACTION_INVALID, name);
        }
        return new ParamAction(name, value);
      }
      long[] range = NetworkParams.range(name);
      return new ParamAction(name, Long.toString(in.integer("value", range[0], range[1])));
    }

    private void only(OpArgs in, Set<String> actionFields) throws OpRejected {
      for (String f : this.actionFields) {
        if (in.has(f) && !actionFields.contains(f)) {
          throw new OpRejected(ReasonCode.FIELD_NOT_FOR_ACTION, f);
        }
      }
    }

    @Override
    public void write(JsonGenerator out, ProposeOp op) throws IOException {
      out.writeStringField("action", op.action.kind());
      if (op.action instanceof PayoutAction p) {
        out.writeStringField("to", p.to());
        out.writeNumberField("amount", p.amount());
        out.writeStringField("asset", p.asset().name());
        if (!p.memo().isEmpty()) {
          out.writeStringField("memo", p.memo());
        }
      } else if (op.action instanceof ParamAction p) {
        out.writeStringField("name", p.name());
        if (NetworkParams.isFraction(p.name())) {
          out.writeStringField("value", p.value());
        } else {
          out.writeNumberField("value", Long.parseLong(p.value()));
        }
      } else if (op.action instanceof RemoveNodeAction r) {
        out.writeStringField("account", r.account());
      }
      out.writeNumberField("deadline", op.deadline);
      out.writeNumberField("activation", op.activation);
    }
  };
}
