package io.hivesafe.hive.json;

/**
 * The two JSON shapes of Hive's APIs. LEGACY (condenser_api, dhive): operations as
 * {@code ["transfer",{…}]}, assets as {@code "1.000 HIVE"}. HF26 (block_api, database_api, wax):
 * operations as {@code {"type":"transfer_operation","value":{…}}}, assets as NAI objects.
 */
public enum JsonForm {
  LEGACY,
  HF26
}
