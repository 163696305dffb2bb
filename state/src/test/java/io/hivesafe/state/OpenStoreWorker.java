package io.hivesafe.state;

import java.nio.file.Path;

/**
 * Opens the store in the directory given (in a child JVM, started by ExhaustedMachineTest with a heap
 * too small for it) and prints what happened: OPENED, DAMAGED with the message, or OUT_OF_MEMORY.
 */
public final class OpenStoreWorker {
  private OpenStoreWorker() {}

  public static void main(String[] args) {
    try {
      StateStore.open(StateConfig.of(Path.of(args[0]))).close();
      System.out.println("OPENED");
    } catch (StoreDamagedException e) {
      System.out.println("DAMAGED " + e.getMessage());
    } catch (OutOfMemoryError e) {
      System.out.println("OUT_OF_MEMORY");
    }
  }
}
