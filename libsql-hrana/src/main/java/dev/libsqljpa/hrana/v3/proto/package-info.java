/**
 * The Hrana 3 wire model (Hrana over HTTP, {@code /v2/pipeline} and {@code /v3/pipeline}) as
 * immutable records and sealed interfaces. Names follow the Hrana 3 spec so code and spec read side
 * by side. No I/O and no JSON here: 64-bit integers are {@code long}, blobs are {@code byte[]};
 * their string forms exist only in {@link dev.libsqljpa.hrana.v3.codec}.
 */
package dev.libsqljpa.hrana.v3.proto;
