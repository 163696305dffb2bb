package io.hivesafe.hive.codec;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetPacking;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.WireFormat;
import java.nio.charset.StandardCharsets;

/**
 * asset: int64 amount, then either (legacy) a precision byte and a 7-byte zero-padded name, or (HF26)
 * a u32 asset number.
 */
public final class AssetCodec {
  private AssetCodec() {}

  public static void write(HiveWriter out, Asset asset, WireFormat format) {
    out.i64(asset.amount());
    if (format.packing() == AssetPacking.HF26) {
      out.u32(asset.symbol().assetNumber());
      return;
    }
    out.u8(asset.symbol().precision());
    byte[] name = format.names().wire(asset.symbol()).getBytes(StandardCharsets.US_ASCII);
    byte[] padded = new byte[7];
    System.arraycopy(name, 0, padded, 0, name.length);
    out.bytes(padded);
  }

  public static Asset read(HiveReader in, WireFormat format) {
    long amount = in.i64();
    if (format.packing() == AssetPacking.HF26) {
      return new Asset(amount, AssetSymbol.fromAssetNumber(in.u32()));
    }
    int precision = in.u8();
    byte[] padded = in.bytes(7);
    int length = 0;
    while (length < 7 && padded[length] != 0) {
      length++;
    }
    for (int i = length; i < 7; i++) {
      if (padded[i] != 0) {
        throw new HiveFormatException("asset name has bytes after its terminating zero");
      }
    }
    AssetSymbol symbol = AssetSymbol.fromLegacyName(new String(padded, 0, length, StandardCharsets.US_ASCII));
    if (precision != symbol.precision()) {
      throw new HiveFormatException("asset " + symbol + " must have precision " + symbol.precision() + ", got " + precision);
    }
    return new Asset(amount, symbol);
  }
}
