package io.hivesafe.engine.node;

/**
 * One custody check: what the multisig account held on chain after the node's {@code block}, against
 * what the books say it must hold after that block ({@code books*}, {@link io.hivesafe.ops.Custody#books}).
 *
 * <p>The API answers at its {@code head}, and its balance ({@code chain*}) includes the transactions it
 * holds pending. So the account's balance after {@code block} is {@code chain − after − pending}:
 * {@code after*} is what the account's history in blocks {@code block+1 .. head} did to the balance, and
 * {@code pending*} what the {@code pendingTransactions} transactions pending at the API did (the first
 * of the account's transactions after the head, which the check waited for). The difference is that
 * balance minus the books: negative is a shortfall (the chain holds less than the books: an alarm),
 * positive a surplus (a gift, a reward claim: reported, not an alarm). {@code readings} is how many
 * readings of the API the check took. All amounts in milli-HIVE and milli-HBD.
 */
public record CustodyReport(long block, long head, long booksHive, long booksHbd, long chainHive, long chainHbd,
    long afterHive, long afterHbd, long pendingHive, long pendingHbd, int pendingTransactions, int readings) {

  /** The account's HIVE after {@code block}: the balance read at the head less what came after the block. */
  public long chainAtBlockHive() {
    return chainHive - afterHive - pendingHive;
  }

  public long chainAtBlockHbd() {
    return chainHbd - afterHbd - pendingHbd;
  }

  /** Chain minus books after {@code block}, milli-HIVE. */
  public long differenceHive() {
    return chainAtBlockHive() - booksHive;
  }

  public long differenceHbd() {
    return chainAtBlockHbd() - booksHbd;
  }

  public long shortfallHive() {
    return Math.max(0, -differenceHive());
  }

  public long shortfallHbd() {
    return Math.max(0, -differenceHbd());
  }

  public long surplusHive() {
    return Math.max(0, differenceHive());
  }

  public long surplusHbd() {
    return Math.max(0, differenceHbd());
  }

  public boolean matches() {
    return differenceHive() == 0 && differenceHbd() == 0;
  }

  /** The chain holds less than the books in either asset. */
  public boolean shortfall() {
    return shortfallHive() > 0 || shortfallHbd() > 0;
  }

  /** The chain holds more than the books in either asset. */
  public boolean surplus() {
    return surplusHive() > 0 || surplusHbd() > 0;
  }
}
