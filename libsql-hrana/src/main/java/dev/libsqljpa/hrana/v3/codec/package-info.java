/**
 * The client's JSON codec for the Hrana wire model: {@code HranaJson} encodes requests and decodes
 * answers, cursor bodies and error bodies; {@code ValueJson} holds what both directions share (mapper
 * settings, values, error objects, strict field readers with JSON paths), so the test server's codec in
 * libsql-testkit builds on it instead of this package carrying the server direction. Integers travel
 * as decimal strings and blobs as unpadded base64, written without JSON escapes (Rust servers read them
 * as borrowed strings and reject escapes).
 */
package dev.libsqljpa.hrana.v3.codec;
