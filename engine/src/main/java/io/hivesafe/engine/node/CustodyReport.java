package io.hivesafe.engine.node;

/**
 * One custody check: what the multisig account holds on chain at {@code head}, against what the books
 * say it holds — the books after the node's last committed {@code block}, plus the net transfers in and
 * out of the account in blocks {@code block+1 .. head} ({@code pending*}, read from the chain).
 * Differences are chain minus expected, in milli-HIVE and milli-HBD.
 */
public record CustodyReport(long block, long head, long booksHive, long booksHbd, long pendingHive, long pendingHbd,
    long chainHive, long chainHbd) {

  public long expectedHive() {
    return booksHive + pendingHive;
  }

  public long expectedHbd() {
    return booksHbd + pendingHbd;
  }

  public long differenceHive() {
    return chainHive - expectedHive();
  }

  public long differenceHbd() {
    return chainHbd - expectedHbd();
  }

  public boolean matches() {
    return differenceHive() == 0 && differenceHbd() == 0;
  }
}
