package io.hivesafe.engine.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A damaged get_block_range answer gives up only what follows the damage. */
class RangeReaderTest {
  private final SyntheticChain chain = SyntheticChain.main();

  @Test
  void aCleanRangeIsReadWhole() {
    BlockRange range = RangeReader.read(SyntheticChain.rangeJson(chain.blocks(5, 14)), 5, 10);
    assertEquals(chain.blocks(5, 14), range.blocks());
    assertEquals(Optional.empty(), range.defect());
  }

  @Test
  void aShortOrEmptyRangeIsNotADefect() {
    assertEquals(BlockRange.of(5, chain.blocks(5, 7)), RangeReader.read(SyntheticChain.rangeJson(chain.blocks(5, 7)), 5, 10));
    assertEquals(BlockRange.of(5, List.of()), RangeReader.read(SyntheticChain.rangeJson(List.of()), 5, 10));
  }

  @Test
  void aGapKeepsTheBlocksBeforeIt() {
    List<Block> blocks = new ArrayList<>(chain.blocks(1, 5));
    blocks.addAll(chain.blocks(7, 10));
    BlockRange range = RangeReader.read(SyntheticChain.rangeJson(blocks), 1, 10);
    assertEquals(chain.blocks(1, 5), range.blocks());
    assertEquals(Optional.of("expected block 6, got block 7"), range.defect());
  }

  @Test
  void aRangeFromTheWrongStartKeepsNothing() {
    BlockRange range = RangeReader.read(SyntheticChain.rangeJson(chain.blocks(2, 4)), 1, 10);
    assertEquals(List.of(), range.blocks());
    assertEquals(Optional.of("expected block 1, got block 2"), range.defect());
  }

  @Test
  void aMalformedBlockKeepsTheBlocksBeforeIt() {
    ObjectNode result = SyntheticChain.rangeJson(chain.blocks(1, 6));
    ((ObjectNode) result.get("blocks").get(3)).remove("timestamp");
    BlockRange range = RangeReader.read(result, 1, 10);
    assertEquals(chain.blocks(1, 3), range.blocks());
    assertTrue(range.defect().orElseThrow().startsWith("malformed block at index 3 (expected block 4): block 4: "), range.defect().get());
  }

  @Test
  void aBlockThatDoesNotLinkKeepsTheBlocksBeforeIt() {
    SyntheticChain fork = new SyntheticChain(2);
    List<Block> blocks = new ArrayList<>(chain.blocks(1, 3));
    blocks.add(fork.block(4));
    BlockRange range = RangeReader.read(SyntheticChain.rangeJson(blocks), 1, 10);
    assertEquals(chain.blocks(1, 3), range.blocks());
    assertTrue(range.defect().orElseThrow().startsWith("block 4 has previous " + fork.id(3)), range.defect().get());
  }

  @Test
  void moreBlocksThanAskedAreCutAtTheCount() {
    BlockRange range = RangeReader.read(SyntheticChain.rangeJson(chain.blocks(1, 8)), 1, 5);
    assertEquals(chain.blocks(1, 5), range.blocks());
    assertEquals(Optional.of("asked for 5 blocks, got 8"), range.defect());
  }

  @Test
  void anAnswerThatIsNotARangeIsAFormatError() {
    assertThrows(HiveFormatException.class, () -> RangeReader.read(SyntheticChain.MAPPER.createArrayNode(), 1, 5));
    assertThrows(HiveFormatException.class, () -> RangeReader.read(SyntheticChain.MAPPER.createObjectNode(), 1, 5));
    ObjectNode notArray = SyntheticChain.MAPPER.createObjectNode().put("blocks", "none");
    assertThrows(HiveFormatException.class, () -> RangeReader.read(notArray, 1, 5));
    ObjectNode nullBlock = SyntheticChain.MAPPER.createObjectNode();
    ArrayNode blocks = nullBlock.putArray("blocks");
    blocks.addNull();
    assertEquals(Optional.of("malformed block at index 0 (expected block 1): block must be a JSON object"),
        RangeReader.read(nullBlock, 1, 5).defect());
  }
}
