/**
 * The one JSON codec for the Hrana wire model, used by the client and by the test server.
 * Integers travel as decimal strings and blobs as unpadded base64, written without JSON escapes
 * (Rust servers read them as borrowed strings and reject escapes).
 */
package dev.libsqljpa.hrana.v3.codec;
