package io.hivesafe.engine.snapshot;

import io.hivesafe.state.StateDigest;

/**
 * A snapshot that passed: the store in the data directory is at {@code block} with {@code digest}, and
 * {@code reporters} of the {@code runners} runners, holding {@code reportersAge} of their
 * {@code ageTotal} age, reported that digest on chain in the blocks up to {@code checkedThrough}. A node
 * started on the directory continues from {@code block + 1}.
 */
public record BootstrapResult(long block, StateDigest digest, long entries, long reporters, long runners, long reportersAge,
    long ageTotal, long checkedThrough) {}
