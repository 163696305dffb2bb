package io.hivesafe.engine.source;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BlockApi} over a {@link SyntheticChain}: by default properties say {@link #head} and
 * {@link #lib}, and a range answers the blocks that exist up to {@link #servedUpTo}; scripted replies
 * are used first, in order.
 */
final class ScriptedBlockApi implements BlockApi {
  @FunctionalInterface
  interface RangeReply {
    BlockRange answer(long start, int count) throws RpcException;
  }

  @FunctionalInterface
  interface PropertiesReply {
    DynamicGlobalProperties answer() throws RpcException;
  }

  final SyntheticChain chain;
  volatile long head;
  volatile long lib;
  volatile long servedUpTo;
  private final Queue<RangeReply> ranges = new ConcurrentLinkedQueue<>();
  private final Queue<PropertiesReply> properties = new ConcurrentLinkedQueue<>();
  final List<long[]> rangeCalls = new CopyOnWriteArrayList<>();
  final AtomicInteger propertiesCalls = new AtomicInteger();
  final AtomicInteger endpointSwitches = new AtomicInteger();
  volatile boolean closed;

  ScriptedBlockApi(SyntheticChain chain, long head, long lib) {
    this.chain = chain;
    this.head = head;
    this.lib = lib;
    this.servedUpTo = head;
  }

  /** Head and LIB move together, LIB {@code lag} behind. */
  void advance(long newHead, long lag) {
    servedUpTo = newHead;
    head = newHead;
    lib = newHead - lag;
  }

  ScriptedBlockApi thenRange(RangeReply reply) {
    ranges.add(reply);
    return this;
  }

  ScriptedBlockApi thenProperties(PropertiesReply reply) {
    properties.add(reply);
    return this;
  }

  /** The answer an honest endpoint with blocks up to {@link #servedUpTo} gives. */
  BlockRange honest(long start, int count) {
    long last = Math.min(start + count - 1, servedUpTo);
    return BlockRange.of(start, last < start ? List.of() : chain.blocks(start, last));
  }

  /** A reply that sends {@code blocks} as JSON, read as {@link RpcBlockApi} reads it. */
  static RangeReply json(List<Block> blocks) {
    return (start, count) -> RangeReader.read(SyntheticChain.rangeJson(blocks), start, count);
  }

  static RpcErrorException internalError(String method) {
    return new RpcErrorException(method, -32603, "Internal Error", null);
  }

  @Override
  public DynamicGlobalProperties properties() throws RpcException {
    propertiesCalls.incrementAndGet();
    PropertiesReply scripted = properties.poll();
    return scripted != null ? scripted.answer() : chain.properties(head, lib);
  }

  @Override
  public BlockRange blockRange(long start, int count) throws RpcException {
    rangeCalls.add(new long[] {start, count});
    RangeReply scripted = ranges.poll();
    return scripted != null ? scripted.answer(start, count) : honest(start, count);
  }

  @Override
  public void preferAnotherEndpoint() {
    endpointSwitches.incrementAndGet();
  }

  @Override
  public void close() {
    closed = true;
  }
}
